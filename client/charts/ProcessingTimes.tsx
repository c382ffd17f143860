import { ct, num, type ChartKey } from './i18n.ts';
import { LazyBarChart, SERIES_COLOURS } from './LazyBarChart.tsx';
import type { Lang } from '../../shared/i18n.ts';
import './charts.css';

type Text = Record<Lang, string>;
/** One group of GET /api/statistics/processing-times (and of the dashboard). */
export interface TimeGroup {
  permitType: string;
  permit: Text;
  departmentId: string;
  department: Text;
  cases: number;
  medianDays: number;
  p90Days: number;
  expectedDays: { min: number; max: number };
}

/**
 * Median and p90 per permit type and department against the catalogue's expected time: the
 * table holds every figure, the chart (loaded on demand) draws median, p90 and the longest
 * expected time side by side. `caption` names both.
 */
export function ProcessingTimes(props: {
  lang: Lang;
  groups: TimeGroup[];
  caption: string;
  chartFirst?: boolean;
}) {
  const { lang, groups, caption, chartFirst = false } = props;
  const t = (k: ChartKey) => ct(lang, k);
  if (groups.length === 0) return <p>{t('noTimes')}</p>;
  const chart = (
    <LazyBarChart
      loading={t('loadingChart')}
      label={caption}
      labels={groups.map((g) => `${g.permit[lang]} – ${g.department[lang]}`)}
      series={[
        { label: t('median'), data: groups.map((g) => g.medianDays), color: SERIES_COLOURS[0] },
        { label: t('p90'), data: groups.map((g) => g.p90Days), color: SERIES_COLOURS[1] },
        { label: t('expectedMax'), data: groups.map((g) => g.expectedDays.max), color: SERIES_COLOURS[2] },
      ]}
      horizontal
      axisTitle={t('days')}
    />
  );
  return (
    <>
      {chartFirst && chart}
      <table className="overview stack-narrow" data-table="times">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('permit')}</th>
            <th scope="col">{t('department')}</th>
            <th scope="col">{t('cases')}</th>
            <th scope="col">{t('median')}</th>
            <th scope="col">{t('p90')}</th>
            <th scope="col">{t('expected')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={`${g.permitType}/${g.departmentId}`} data-group={`${g.permitType}/${g.departmentId}`}>
              <td data-label={t('permit')}>{g.permit[lang]}</td>
              <td data-label={t('department')}>{g.department[lang]}</td>
              <td data-label={t('cases')}>{num(lang, g.cases)}</td>
              <td data-label={t('median')}>{num(lang, g.medianDays)}</td>
              <td data-label={t('p90')}>{num(lang, g.p90Days)}</td>
              <td data-label={t('expected')}>
                {num(lang, g.expectedDays.min)}–{num(lang, g.expectedDays.max)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!chartFirst && chart}
    </>
  );
}
