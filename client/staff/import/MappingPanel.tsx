import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { useStaff } from '../context.ts';
import { FORM_FIELDS } from '../fields.ts';
import type { GeometryChoice } from './Columns.tsx';
import type { Job, SavedMapping } from './types.ts';

/** Which source column fills each plot field, with defaults, presets and saved mappings. */
export function MappingPanel({
  job,
  presets,
  saved,
  onChange,
  onSaved,
  onGeometry,
}: {
  job: Job;
  presets: Array<{ id: string }>;
  saved: SavedMapping[];
  onChange: (b: object) => void;
  /** A saved mapping naming another geometry column: the file is read again with it. */
  onGeometry: (g: GeometryChoice, saved: SavedMapping['mapping']) => void;
  onSaved: (m: SavedMapping[]) => void;
}) {
  const { t, errorText } = useStaff();
  const [mapping, setMapping] = useState(job.settings.mapping);
  const [defaults, setDefaults] = useState<Record<string, string>>(
    Object.fromEntries(Object.entries(job.settings.defaults).map(([k, v]) => [k, String(v)])),
  );
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => setMapping(job.settings.mapping), [job.settings.mapping]);
  const attrs = job.summary.attributes;
  return (
    <div className="panel">
      <h3>{t('mapping')}</h3>
      <div className="toolbar">
        <label>
          {t('preset')}
          <select
            value={job.settings.preset ?? ''}
            onChange={(e) => e.target.value && onChange({ preset: e.target.value })}
          >
            <option value="">–</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('load_mapping')}
          <select
            value=""
            onChange={(e) => {
              const m = saved.find((s) => s.name === e.target.value);
              if (!m) return;
              const g = m.mapping.geometry;
              const now = job.settings.geometry;
              if (job.summary.geometry && g && JSON.stringify(g) !== JSON.stringify(now ?? null))
                onGeometry(g, { mapping: m.mapping.mapping, defaults: m.mapping.defaults ?? {} });
              else
                onChange({
                  mapping: Object.fromEntries(
                    Object.entries(m.mapping.mapping).filter(([, a]) => attrs.includes(a)),
                  ),
                  defaults: m.mapping.defaults ?? {},
                });
            }}
          >
            <option value="">–</option>
            {saved.map((s) => (
              <option key={s.name}>{s.name}</option>
            ))}
          </select>
        </label>
      </div>
      <table>
        <thead>
          <tr>
            <th />
            <th>{t('source_attr')}</th>
            <th>{t('default_value')}</th>
          </tr>
        </thead>
        <tbody>
          {[...FORM_FIELDS, 'area_m2'].map((f) => (
            <tr key={f}>
              <td>{t(`field.${f}`)}</td>
              <td>
                <select
                  value={mapping[f] ?? ''}
                  onChange={(e) => setMapping({ ...mapping, [f]: e.target.value })}
                  aria-label={t(`field.${f}`)}
                >
                  <option value="">–</option>
                  {attrs.map((a) => (
                    <option key={a} value={a}>
                      {a}{' '}
                      {job.summary.samples[a]?.length
                        ? `(${job.summary.samples[a]!.slice(0, 2).join(', ')})`
                        : ''}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {/* A stated area is only compared with the geometry's: it has no default. */}
                {f !== 'area_m2' && (
                  <input
                    value={defaults[f] ?? ''}
                    onChange={(e) => setDefaults({ ...defaults, [f]: e.target.value })}
                    aria-label={`${t('default_value')}: ${t(`field.${f}`)}`}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          onClick={() =>
            onChange({
              mapping: Object.fromEntries(Object.entries(mapping).filter(([, a]) => a)),
              defaults: Object.fromEntries(Object.entries(defaults).filter(([, v]) => v !== '')),
            })
          }
        >
          {t('apply')}
        </button>
        <label>
          {t('save_mapping')}
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </label>
        <button
          type="button"
          disabled={!name.trim()}
          onClick={async () => {
            try {
              await api('POST', '/api/staff/import/mappings', {
                name,
                mapping: Object.fromEntries(Object.entries(mapping).filter(([, a]) => a)),
                defaults,
                ...(job.settings.geometry ? { geometry: job.settings.geometry } : {}),
              });
              onSaved((await api<{ mappings: typeof saved }>('GET', '/api/staff/import/mappings')).mappings);
              setNote(t('saved'));
            } catch (e) {
              setNote(errorText(e));
            }
          }}
        >
          {t('save')}
        </button>
        {note && <span role="status">{note}</span>}
      </div>
    </div>
  );
}
