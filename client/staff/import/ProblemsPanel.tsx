import { useState } from 'react';
import { useStaff } from '../context.ts';
import { LineOf } from './Columns.tsx';
import { problemFigures } from './Repairs.tsx';
import type { Row } from './types.ts';

/** The rows with problems: fix a value in place or leave the row out. */
export function ProblemsPanel({
  rows,
  picked,
  onFix,
}: {
  rows: Row[];
  picked: number | null;
  onFix: (n: number, body: object) => void;
}) {
  const { t, lang } = useStaff();
  const [values, setValues] = useState<Record<string, string>>({});
  if (!rows.length) return null;
  return (
    <div className="panel">
      <h3>{t('problems')}</h3>
      <table>
        <thead>
          <tr>
            <th>{t('row')}</th>
            <th>{t('action')}</th>
            <th>{t('field.property_id')}</th>
            <th>{t('problems')}</th>
            <th>{t('fix')}</th>
            <th>{t('exclude')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const fixable = r.problems.find((p) => p.severity === 'error' && p.field !== 'geometry');
            const key = `${r.n}:${fixable?.field}`;
            return (
              <tr key={r.n} className={picked === r.n ? 'selected-row' : undefined}>
                <td>
                  {r.n}
                  <LineOf line={r.line} />
                </td>
                <td>{r.action ? t(`action.${r.action}`) : '–'}</td>
                <td>{String(r.mapped?.property_id ?? '–')}</td>
                <td>
                  <ul>
                    {r.problems.map((p, i) => (
                      <li key={i} className={p.severity === 'error' ? 'error' : 'warning'}>
                        {t(`field.${p.field}`)}: {t(`problem.${p.code}`)}
                        {problemFigures(lang, p)}{' '}
                        {p.value !== null && p.value !== undefined ? `(${String(p.value)})` : ''}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  {fixable && (
                    <span className="toolbar">
                      <input
                        aria-label={`${t('fix')} ${t(`field.${fixable.field}`)}`}
                        value={values[key] ?? ''}
                        onChange={(e) => setValues({ ...values, [key]: e.target.value })}
                      />
                      <button
                        type="button"
                        onClick={() => onFix(r.n, { values: { [fixable.field]: values[key] ?? '' } })}
                      >
                        {t('fix')}
                      </button>
                    </span>
                  )}
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={r.excluded}
                    onChange={(e) => onFix(r.n, { excluded: e.target.checked })}
                    aria-label={`${t('exclude')} ${r.n}`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
