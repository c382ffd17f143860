import { useCallback, useEffect, useRef, useState } from 'react';
import { api, isApiError, uploadFile, type ApiError } from './api.ts';
import { useStaff } from './App.tsx';
import { FORM_FIELDS } from './fields.ts';
import {
  GeometryPicker,
  LineOf,
  UnmappedColumns,
  geometryQuery,
  type GeometryChoice,
  type GeometryFacts,
  type Unmapped,
} from './ImportColumns.tsx';
import {
  committedText,
  originalOutlines,
  problemFigures,
  RepairsPanel,
  unchangedText,
  UpdatesOption,
} from './ImportRepairs.tsx';
import { MapPreview, type PreviewFeature } from './MapPreview.tsx';

interface Problem {
  field: string;
  code: string;
  severity: 'error' | 'warning';
  value: unknown;
}
interface Job {
  id: string;
  status: string;
  file_name: string;
  progress: { bytes?: number; total_bytes?: number; features?: number };
  summary: {
    format: string;
    layer: string | null;
    encoding: string | null;
    feature_count: number;
    attributes: string[];
    samples: Record<string, unknown[]>;
    declared_crs: string | null;
    detected: { epsg: number; swap_axes: boolean; source: string };
    geometry?: GeometryFacts | null;
  };
  settings: {
    epsg: number;
    swap_axes: boolean;
    crs_confirmed: boolean;
    crs_source: string;
    mapping: Record<string, string>;
    defaults: Record<string, unknown>;
    preset: string | null;
    geometry?: GeometryChoice | null;
  };
  validation: {
    total: number;
    new: number;
    update: number;
    excluded: number;
    rows_with_errors: number;
    rows_with_warnings: number;
    problems: Array<{ code: string; severity: string; rows: number }>;
    unmapped?: Unmapped[];
    unchanged?: number;
  };
}
interface Row {
  n: number;
  line?: number | null;
  action: string | null;
  excluded: boolean;
  mapped: Record<string, unknown> | null;
  problems: Problem[];
  geometry: PreviewFeature['geometry'] | null;
  original_geometry?: PreviewFeature['geometry'] | null;
}

/** The import wizard: upload -> coordinate system -> mapping -> problems and map -> commit. */
export function ImportView() {
  const { t, lang, can, errorText } = useStaff();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState('');
  const [crs, setCrs] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [parsed, setParsed] = useState<number | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<{ text: string; suggestion?: number } | null>(null);
  const [message, setMessage] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [mapRows, setMapRows] = useState<Row[]>([]);
  const [picked, setPicked] = useState<number | null>(null);
  const [saved, setSaved] = useState<
    Array<{ name: string; mapping: { mapping: Record<string, string>; defaults: Record<string, unknown> } }>
  >([]);
  const [presets, setPresets] = useState<Array<{ id: string }>>([]);
  const [limitBytes, setLimitBytes] = useState(Infinity);
  const [publishUpdates, setPublishUpdates] = useState(false);
  const polling = useRef<number | null>(null);

  useEffect(() => {
    void api<{ presets: Array<{ id: string }>; upload_limit_bytes: number }>(
      'GET',
      '/api/staff/import/presets',
    ).then((r) => {
      setPresets(r.presets);
      setLimitBytes(r.upload_limit_bytes);
    });
    void api<{ mappings: typeof saved }>('GET', '/api/staff/import/mappings').then((r) =>
      setSaved(r.mappings),
    );
  }, []);

  const loadRows = useCallback(async (j: Job) => {
    const [p, all] = await Promise.all([
      api<{ rows: Row[] }>('GET', `/api/staff/import/jobs/${j.id}/rows?only=problems&limit=500`),
      api<{ rows: Row[] }>('GET', `/api/staff/import/jobs/${j.id}/rows?only=all&limit=5000`),
    ]);
    setRows(p.rows);
    setMapRows(all.rows);
  }, []);

  const show = useCallback(
    async (j: Job) => {
      setJob(j);
      await loadRows(j);
    },
    [loadRows],
  );

  const start = async (crsOverride?: number, geometry?: GeometryChoice): Promise<Job | null> => {
    if (!file) return null;
    // Said before sending: a browser cut off mid-upload by the server's 413 often sees only a reset.
    if (file.size > limitBytes) {
      setError({ text: t('err.upload_too_large', { limit: Math.round(limitBytes / 1e6) }) });
      return null;
    }
    setError(null);
    setMessage('');
    setJob(null);
    const id = crypto.randomUUID();
    const q = new URLSearchParams({ job: id });
    if (encoding) q.set('encoding', encoding);
    const c = crsOverride ?? (crs ? Number(crs) : undefined);
    if (c) q.set('crs', String(c));
    for (const [k, v] of Object.entries(geometryQuery(geometry))) q.set(k, v);
    setSent(0);
    // Progress of the parsing, which another request reports while the upload's is running.
    polling.current = window.setInterval(async () => {
      const j = await api<{ job: Job }>('GET', `/api/staff/import/jobs/${id}`).catch(() => null);
      if (j) setParsed(j.job.progress.features ?? 0);
    }, 700);
    try {
      const r = await uploadFile<{ job: Job }>(`/api/staff/import/jobs?${q}`, file, setSent);
      await show(r.job);
      return r.job;
    } catch (e) {
      const suggestion = isApiError(e)
        ? (e.details as { suggestion?: { epsg: number } }).suggestion?.epsg
        : undefined;
      setError({ text: errorText(e), suggestion });
      return null;
    } finally {
      if (polling.current) clearInterval(polling.current);
      setSent(null);
      setParsed(null);
    }
  };

  const configure = async (body: object) => {
    if (!job) return;
    try {
      await show((await api<{ job: Job }>('POST', `/api/staff/import/jobs/${job.id}/configure`, body)).job);
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  const fixRow = async (n: number, body: object) => {
    if (!job) return;
    try {
      await show((await api<{ job: Job }>('PATCH', `/api/staff/import/jobs/${job.id}/rows/${n}`, body)).job);
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  const decide = async (n: number, decision: 'accept' | 'exclude' | 'undecided') => {
    if (!job) return;
    try {
      const body = { rows: [n], decision };
      await show((await api<{ job: Job }>('POST', `/api/staff/import/jobs/${job.id}/repairs`, body)).job);
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  const commit = async () => {
    if (!job) return;
    try {
      const r = await api<{ created: number; updated: number; staged: number; unchanged: number }>(
        'POST',
        `/api/staff/import/jobs/${job.id}/commit`,
        { publish_updates: publishUpdates },
      );
      setMessage(committedText(lang, r));
      setJob(null);
      setRows([]);
      setMapRows([]);
    } catch (e) {
      setMessage(errorText(e as ApiError));
    }
  };

  const features: PreviewFeature[] = mapRows
    .filter((r) => r.geometry)
    .map((r): PreviewFeature => ({
      type: 'Feature',
      geometry: r.geometry!,
      properties: {
        n: r.n,
        state: r.problems.some((p) => p.severity === 'error')
          ? 'error'
          : r.problems.length
            ? 'warning'
            : 'ok',
      },
    }))
    .concat(originalOutlines(mapRows));

  return (
    <section>
      <div className="panel toolbar">
        <label>
          {t('upload')} <small>({t('upload_hint')})</small>
          <input
            type="file"
            accept=".geojson,.json,.gml,.xml,.csv,.txt,.zip,.gpkg"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        <label>
          {t('encoding')}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value)}>
            <option value="">{t('auto')}</option>
            <option value="utf8">UTF-8</option>
            <option value="windows1252">Windows-1252</option>
            <option value="iso88591">ISO-8859-1</option>
            <option value="utf16le">UTF-16</option>
          </select>
        </label>
        <label>
          {t('crs')}
          <select value={crs} onChange={(e) => setCrs(e.target.value)}>
            <option value="">{t('auto')}</option>
            <option value="3879">EPSG:3879</option>
            <option value="3067">EPSG:3067</option>
            <option value="4326">EPSG:4326</option>
          </select>
        </label>
        <button type="button" className="primary" disabled={!file || sent !== null} onClick={() => start()}>
          {t('import')}
        </button>
      </div>
      {sent !== null && (
        <div className="panel" role="status">
          {sent < 1 ? t('uploading') : t('parsing')} <progress className="progress" max={1} value={sent} />
          {parsed !== null && (
            <span>
              {parsed.toLocaleString()} {t('features')}
            </span>
          )}
        </div>
      )}
      {error && (
        <div className="panel" role="alert">
          <p className="error">{error.text}</p>
          {error.suggestion && (
            <button type="button" onClick={() => start(error.suggestion)}>
              {t('use_crs', { epsg: error.suggestion })}
            </button>
          )}
        </div>
      )}
      {message && <p role="status">{message}</p>}
      {job && (
        <>
          <div className="split">
            <div>
              <CrsPanel job={job} onChange={configure} />
              <SummaryPanel job={job} />
              <UnmappedColumns unmapped={job.validation.unmapped ?? []} />
            </div>
            <MapPreview features={features} onPick={setPicked} label={t('map_preview')} />
          </div>
          {job.summary.geometry && (
            <GeometryPicker
              facts={job.summary.geometry}
              // Read again from the file still chosen: the geometry is parsed while reading.
              onPick={(g) => void start(undefined, g)}
            />
          )}
          <MappingPanel
            job={job}
            presets={presets}
            saved={saved}
            onChange={configure}
            onSaved={(m) => setSaved(m)}
            onGeometry={async (g, saved) => {
              const j = await start(undefined, g);
              if (!j) return;
              const mapping = Object.fromEntries(
                Object.entries(saved.mapping).filter(([, a]) => j.summary.attributes.includes(a)),
              );
              const body = { mapping, defaults: saved.defaults };
              await show(
                (await api<{ job: Job }>('POST', `/api/staff/import/jobs/${j.id}/configure`, body)).job,
              );
            }}
          />
          <RepairsPanel rows={rows} onDecide={decide} onShow={setPicked} />
          <ProblemsPanel rows={rows} picked={picked} onFix={fixRow} />
          {job.validation.update > 0 && (
            <UpdatesOption
              publish={publishUpdates}
              onChange={setPublishUpdates}
              canPublish={can('plots.publish')}
            />
          )}
          <div className="toolbar">
            {can('import.commit') && (
              <button
                type="button"
                className="primary"
                disabled={job.validation.rows_with_errors > 0 || !job.settings.crs_confirmed}
                onClick={commit}
              >
                {t('commit')} ({job.validation.new + job.validation.update})
              </button>
            )}
            <button
              type="button"
              className="danger"
              onClick={async () => {
                await api('DELETE', `/api/staff/import/jobs/${job.id}`).catch(() => {});
                setJob(null);
                setRows([]);
                setMapRows([]);
              }}
            >
              {t('discard')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function CrsPanel({ job, onChange }: { job: Job; onChange: (b: object) => void }) {
  const { t } = useStaff();
  const [epsg, setEpsg] = useState(String(job.settings.epsg));
  const [swap, setSwap] = useState(job.settings.swap_axes);
  useEffect(() => {
    setEpsg(String(job.settings.epsg));
    setSwap(job.settings.swap_axes);
  }, [job.settings.epsg, job.settings.swap_axes]);
  return (
    <div className="panel">
      <h3>{t('crs')}</h3>
      <p>
        {t('crs_declared')}: {job.summary.declared_crs ?? '–'} · {t('crs_detected')}: EPSG:
        {job.summary.detected.epsg}
        {job.summary.detected.swap_axes ? ` (${t('swap_axes')})` : ''}
      </p>
      {!job.settings.crs_confirmed && <p className="warning">{t('crs_inferred')}</p>}
      <div className="toolbar">
        <select value={epsg} onChange={(e) => setEpsg(e.target.value)} aria-label={t('crs')}>
          <option value="3879">EPSG:3879 (GK25)</option>
          <option value="3067">EPSG:3067 (TM35FIN)</option>
          <option value="4326">EPSG:4326 (WGS84)</option>
        </select>
        <label style={{ flexDirection: 'row', alignItems: 'center' }}>
          <input type="checkbox" checked={swap} onChange={(e) => setSwap(e.target.checked)} />{' '}
          {t('swap_axes')}
        </label>
        <button
          type="button"
          className={job.settings.crs_confirmed ? undefined : 'primary'}
          onClick={() => onChange({ epsg: Number(epsg), swap_axes: swap, confirm_crs: true })}
        >
          {job.settings.crs_confirmed ? `✓ ${t('crs_confirmed')}` : t('crs_confirm')}
        </button>
      </div>
    </div>
  );
}

function SummaryPanel({ job }: { job: Job }) {
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

function MappingPanel({
  job,
  presets,
  saved,
  onChange,
  onSaved,
  onGeometry,
}: {
  job: Job;
  presets: Array<{ id: string }>;
  saved: Array<{
    name: string;
    mapping: {
      mapping: Record<string, string>;
      defaults: Record<string, unknown>;
      geometry?: GeometryChoice;
    };
  }>;
  onChange: (b: object) => void;
  /** A saved mapping naming another geometry column: the file is read again with it. */
  onGeometry: (
    g: GeometryChoice,
    saved: { mapping: Record<string, string>; defaults: Record<string, unknown> },
  ) => void;
  onSaved: (
    m: Array<{
      name: string;
      mapping: { mapping: Record<string, string>; defaults: Record<string, unknown> };
    }>,
  ) => void;
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

function ProblemsPanel({
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
