/** One coloured series of bars; `data[i]` belongs to `labels[i]`. */
export interface BarSeries {
  label: string;
  data: number[];
  /** At least 3:1 against white (WCAG 1.4.11). */
  color: string;
}
export interface BarChartProps {
  /** The canvas's accessible name: what the chart shows. */
  label: string;
  labels: string[];
  series: BarSeries[];
  horizontal?: boolean;
  axisTitle?: string;
}

/** Colours of the series, dark enough against white for bars and legend swatches. */
export const SERIES_COLOURS = ['#0b4f9c', '#b35c00', '#4a5160'] as const;
