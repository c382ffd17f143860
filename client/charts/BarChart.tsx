// The only module that imports Chart.js: it is loaded on demand (LazyBarChart), so the library
// stays out of every page's first download.
import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { BarChartProps } from './types.ts';

Chart.register(CategoryScale, LinearScale, BarElement, Legend, Tooltip);

/**
 * A bar chart drawn on a canvas named by `label` (role img). The figures themselves are in the
 * table next to it, which is what screen readers and keyboard users read.
 */
export default function BarChart({ label, labels, series, horizontal = false, axisTitle }: BarChartProps) {
  // Horizontal bars need room per category; vertical ones a fixed, readable height.
  const height = horizontal ? Math.max(160, 40 + labels.length * series.length * 22) : 260;
  return (
    <div className="chart-box" style={{ height }}>
      <Bar
        role="img"
        aria-label={label}
        data={{
          labels,
          datasets: series.map((s) => ({
            label: s.label,
            data: s.data,
            backgroundColor: s.color,
            borderColor: s.color,
          })),
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          // Drawn at once: no motion for those who asked for less, and nothing half drawn.
          animation: false,
          indexAxis: horizontal ? 'y' : 'x',
          plugins: { legend: { display: series.length > 1, position: 'bottom' } },
          scales: {
            [horizontal ? 'x' : 'y']: {
              beginAtZero: true,
              ticks: { precision: 0, color: '#333' },
              title: { display: Boolean(axisTitle), text: axisTitle ?? '', color: '#333' },
            },
            [horizontal ? 'y' : 'x']: { ticks: { color: '#333', autoSkip: false } },
          },
        }}
      />
    </div>
  );
}
