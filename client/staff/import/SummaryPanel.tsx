import { useStaff } from '../context.ts';
import { unchangedText } from './Repairs.tsx';
import type { Job } from './types.ts';

/** The file read: format, layer, encoding, and how many rows are new, updates or have problems. */
export function SummaryPanel({ job }: { job: Job }) {
  const { t, lang } = useStaff();
  const v = job.validation;
  return (
    <div className="panel">
      <h3>{t('summary')}</h3>
      <p>
        {job.file_name} · {job.summary.format.toUpperCase()}{' '}
        {job.summary.layer ? `· ${job.summary.layer}` : ''}{' '}
        {job.summary.encoding ? `· ${job.summary.encoding}` : ''}
      </p>
      <p>
        {t('rows_total')} {v.total} · {t('rows_new')} {v.new} · {t('rows_update')} {v.update} ·{' '}
        {v.unchanged ? `${unchangedText(lang, v.unchanged)} · ` : ''}
        <span className="error">
          {t('rows_errors')} {v.rows_with_errors}
        </span>{' '}
        ·{' '}
        <span className="warning">
          {t('rows_warnings')} {v.rows_with_warnings}
        </span>{' '}
        · {t('rows_excluded')} {v.excluded}
      </p>
      <ul>
        {v.problems.map((p) => (
          <li key={p.code + p.severity} className={p.severity === 'error' ? 'error' : 'warning'}>
            {t(`problem.${p.code}`)} ({t(`severity_${p.severity}`)}): {p.rows}
          </li>
        ))}
      </ul>
    </div>
  );
}
