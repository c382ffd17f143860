import { useEffect, useState } from 'react';
import { LazyBarChart, SERIES_COLOURS } from '../../charts/LazyBarChart.tsx';
import { ct, num } from '../../charts/i18n.ts';
import { ProcessingTimes, type TimeGroup } from '../../charts/ProcessingTimes.tsx';
import { api } from '../api.ts';
import { dt, type DashKey } from './dashboard-i18n.ts';
import type { Lang } from './i18n.ts';

type Text = Record<Lang, string>;
interface Data {
  scope: 'all' | 'own';
  keyProjects: number;
  byStage: Array<{ stage: string; names: Text; projects: number }>;
  byArea: Array<{
    subDistrict: number | null;
    name: { fi: string; sv: string } | null;
    businessArea: boolean;
    projects: number;
  }>;
  processingTimes: { minGroup: number; windowMonths: number; groups: TimeGroup[] };
  overdue: Array<{
    caseId: string;
    projectId: string;
    project: string;
    permit: Text;
    department: Text;
    stage: string;
    submittedAt: string;
    expectedDaysMax: number;
    daysOpen: number;
    daysOver: number;
  }>;
  includesDemo: boolean;
}

const dayFormat = (lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'fi' ? 'fi-FI' : lang === 'sv' ? 'sv-FI' : 'en-GB', {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'medium',
  });

/**
 * Business Services' overview (GET /api/key-projects/dashboard): key projects by stage and by
 * area, the processing-time groups against the catalogue, and the open cases past their time.
 * Every chart has its figures in a table beside it; the charts' library loads on first view.
 */
export function Dashboard({ lang }: { lang: Lang }) {
  const [data, setData] = useState<Data | null | 'failed'>(null);
  const t = (k: DashKey, vars?: Record<string, string | number>) => dt(lang, k, vars);
  useEffect(() => {
    api<Data>('GET', '/api/key-projects/dashboard').then(setData, () => setData('failed'));
  }, []);
  if (data === 'failed') return <p role="alert">{t('failed')}</p>;
  if (!data)
    return (
      <p role="status" aria-busy="true">
        {t('loading')}
      </p>
    );
  const areaName = (a: Data['byArea'][number]) =>
    a.name
      ? `${lang === 'sv' ? a.name.sv : a.name.fi}${a.businessArea ? ` (${t('businessArea')})` : ''}`
      : t('unknownArea');
  const day = dayFormat(lang);
  return (
    <section aria-labelledby="kp-dash-h" className="key-dashboard">
      <h1 id="kp-dash-h">{t('dashboard')}</h1>
      <p>{t(data.scope === 'all' ? 'scopeAll' : 'scopeOwn', { n: data.keyProjects })}</p>
      {data.includesDemo && (
        <p className="demo-note" role="note">
          {t('demo')}
        </p>
      )}

      <h2 id="kp-dash-stage">{t('byStage')}</h2>
      <div className="chart-pair">
        <LazyBarChart
          loading={ct(lang, 'loadingChart')}
          label={t('byStage')}
          labels={data.byStage.map((s) => s.names[lang])}
          series={[
            { label: t('projects'), data: data.byStage.map((s) => s.projects), color: SERIES_COLOURS[0] },
          ]}
        />
        <table className="overview" data-table="by-stage">
          <caption>{t('byStage')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stage')}</th>
              <th scope="col">{t('projects')}</th>
            </tr>
          </thead>
          <tbody>
            {data.byStage.map((s) => (
              <tr key={s.stage}>
                <th scope="row">{s.names[lang]}</th>
                <td>{s.projects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('byArea')}</h2>
      <div className="chart-pair">
        <LazyBarChart
          loading={ct(lang, 'loadingChart')}
          label={t('byArea')}
          labels={data.byArea.map(areaName)}
          series={[
            { label: t('projects'), data: data.byArea.map((a) => a.projects), color: SERIES_COLOURS[0] },
          ]}
          horizontal
        />
        <table className="overview" data-table="by-area">
          <caption>{t('byArea')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('area')}</th>
              <th scope="col">{t('projects')}</th>
            </tr>
          </thead>
          <tbody>
            {data.byArea.map((a) => (
              <tr key={a.subDistrict ?? 'none'}>
                <th scope="row">{areaName(a)}</th>
                <td>{a.projects}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('times')}</h2>
      <p>{t('timesNote', { n: data.processingTimes.minGroup })}</p>
      <ProcessingTimes lang={lang} groups={data.processingTimes.groups} caption={t('times')} chartFirst />

      <h2>{t('overdue')}</h2>
      {data.overdue.length === 0 ? (
        <p>{t('noOverdue')}</p>
      ) : (
        <table className="overview stack-narrow" data-table="overdue">
          <caption>{t('overdue')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('project')}</th>
              <th scope="col">{ct(lang, 'permit')}</th>
              <th scope="col">{ct(lang, 'department')}</th>
              <th scope="col">{t('submitted')}</th>
              <th scope="col">{t('daysOpen')}</th>
              <th scope="col">{ct(lang, 'expectedMax')}</th>
              <th scope="col">{t('daysOver')}</th>
            </tr>
          </thead>
          <tbody>
            {data.overdue.map((o) => (
              <tr key={o.caseId} data-case={o.caseId}>
                <td data-label={t('project')}>
                  <a href={`#key-project-${o.projectId}`}>{o.project}</a>
                </td>
                <td data-label={ct(lang, 'permit')}>{o.permit[lang]}</td>
                <td data-label={ct(lang, 'department')}>{o.department[lang]}</td>
                <td data-label={t('submitted')}>{day.format(new Date(o.submittedAt))}</td>
                <td data-label={t('daysOpen')}>{num(lang, o.daysOpen)}</td>
                <td data-label={ct(lang, 'expectedMax')}>{num(lang, o.expectedDaysMax)}</td>
                <td data-label={t('daysOver')}>
                  <strong>{num(lang, o.daysOver)}</strong>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
