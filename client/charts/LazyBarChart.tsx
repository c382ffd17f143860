import { lazy, Suspense } from 'react';
import type { BarChartProps } from './types.ts';

export { SERIES_COLOURS, type BarSeries, type BarChartProps } from './types.ts';

const BarChart = lazy(() => import('./BarChart.tsx'));

/** A bar chart whose library is fetched the first time one is shown. */
export function LazyBarChart(props: BarChartProps & { loading: string }) {
  const { loading, ...chart } = props;
  return (
    <Suspense fallback={<p className="chart-loading">{loading}</p>}>
      <BarChart {...chart} />
    </Suspense>
  );
}
