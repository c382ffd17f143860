import { useEffect, useMemo, useState } from 'react';
import { formatDateTime } from '../../shared/dates.ts';
import { api, isApiError } from './api.ts';
import { useStaff } from './context.ts';
import { BOOLEAN_FIELDS, CHOICES, DATE_FIELDS, FORM_FIELDS, checkField } from './fields.ts';
import { GeometryEditor, type PolygonGeometry } from './GeometryEditor.tsx';
import { fieldLabel, noteText, valueText } from './history-text.ts';
import { OpenApplicationsDialog, type OpenApplication } from './OpenApplications.tsx';
import { PendingDraft, type Pending } from './PendingDraft.tsx';
import { Lineage, SplitForm } from './Reshape.tsx';

type Plot = Record<string, unknown> & {
  id: number;
  version: number;
  status: string;
  publish_at: string | null;
  geometry?: { type: string; coordinates: unknown };
  pending_draft?: Pending | null;
};

interface Version {
  version: number;
  status: string;
  changed_at: string;
  changed_by: string;
  change_note: string | null;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

const asText = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/**
 * One plot: the validated attribute form, the outline on the map (a new plot's outline is
 * pasted as GeoJSON), workflow buttons, and the history with diffs and restore.
 */
export function PlotEditor({ id, onClose }: { id: number | 'new'; onClose: () => void }) {
  const { t, can, errorText, lang } = useStaff();
  const [plot, setPlot] = useState<Plot | null>(null);
  const [form, setForm] = useState<Record<string, string>>({});
  const [geometryText, setGeometryText] = useState('');
  const [geometryCrs, setGeometryCrs] = useState('4326');
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [serverProblems, setServerProblems] = useState<Record<string, string>>({});
  const [stale, setStale] = useState<Array<{ field: string; before: unknown; after: unknown }> | null>(null);
  const [history, setHistory] = useState<Version[]>([]);
  const [publishAt, setPublishAt] = useState('');
  const [drawn, setDrawn] = useState<PolygonGeometry | null>(null);
  const [cutLine, setCutLine] = useState<number[][] | null>(null);
  // A step the server refused because open applications name the plot: shown for confirmation.
  const [openApps, setOpenApps] = useState<{ step: 'withdraw' | 'draft'; list: OpenApplication[] } | null>(
    null,
  );

  const load = async (plotId: number) => {
    const { plot: p } = await api<{ plot: Plot }>('GET', `/api/staff/plots/${plotId}`);
    setPlot(p);
    setForm(Object.fromEntries(FORM_FIELDS.map((f) => [f, asText(p[f])])));
    setStale(null);
    setHistory(
      (await api<{ versions: Version[] }>('GET', `/api/staff/plots/${plotId}/history`)).versions.reverse(),
    );
  };
  useEffect(() => {
    if (id !== 'new') void load(id).catch((e) => setMessage({ kind: 'error', text: errorText(e) }));
  }, [id]);

  const clientProblems = useMemo(() => {
    const out: Record<string, string> = {};
    for (const f of FORM_FIELDS) {
      const p = checkField(f, form[f] ?? '');
      if (p) out[f] = p;
    }
    return out;
  }, [form]);
  const problems = { ...clientProblems, ...serverProblems };
  const editable = id === 'new' || (plot && (plot.status !== 'published' || can('plots.publish')));

  const fail = (e: unknown) => {
    if (isApiError(e) && e.code === 'stale_version') setStale((e.details.changes as typeof stale) ?? []);
    if (isApiError(e) && Array.isArray(e.details.problems))
      setServerProblems(
        Object.fromEntries(
          (e.details.problems as Array<{ field: string; code: string }>).map((p) => [p.field, p.code]),
        ),
      );
    setMessage({ kind: 'error', text: errorText(e) });
  };

  const save = async () => {
    setMessage(null);
    setServerProblems({});
    const changed: Record<string, unknown> = {};
    for (const f of FORM_FIELDS)
      if (id === 'new' ? form[f] : form[f] !== asText(plot?.[f]))
        changed[f] = BOOLEAN_FIELDS.includes(f) ? form[f] === 'true' : form[f];
    if (drawn && !geometryText.trim()) {
      changed.geometry = drawn;
      changed.geometry_crs = 4326;
    } else if (geometryText.trim()) {
      try {
        changed.geometry = JSON.parse(geometryText);
        changed.geometry_crs = Number(geometryCrs);
      } catch {
        setServerProblems({ geometry: 'invalid_geometry' });
        return;
      }
    }
    if (note.trim()) changed.note = note.trim();
    try {
      const r =
        id === 'new'
          ? await api<{ plot: Plot }>('POST', '/api/staff/plots', changed)
          : await api<{ plot: Plot }>('PATCH', `/api/staff/plots/${id}`, {
              ...changed,
              version: plot!.version,
            });
      setMessage({ kind: 'ok', text: t('saved') });
      setGeometryText('');
      setDrawn(null);
      setNote('');
      await load(r.plot.id);
    } catch (e) {
      fail(e);
    }
  };

  const step = async (action: string, body: object = {}) => {
    try {
      const r = await api<{ plot: Plot }>('POST', `/api/staff/plots/${plot!.id}/${action}`, {
        version: plot!.version,
        ...body,
      });
      setMessage({ kind: 'ok', text: t('saved') });
      await load(r.plot.id);
    } catch (e) {
      if (isApiError(e) && e.code === 'open_applications' && (action === 'withdraw' || action === 'draft'))
        return setOpenApps({ step: action, list: e.details.applications as OpenApplication[] });
      fail(e);
    }
  };

  return (
    <section>
      <div className="toolbar">
        <button type="button" onClick={onClose}>
          ‹ {t('close')}
        </button>
        <h2>
          {id === 'new' ? t('new_plot') : asText(plot?.property_id)}{' '}
          {plot && <span className={`badge ${plot.status}`}>{t(`status.${plot.status}`)}</span>}{' '}
          {plot?.is_demo === true && <span className="badge demo">{t('demo')}</span>}
        </h2>
      </div>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind}>
          {message.text}
        </p>
      )}
      {openApps && plot && (
        <OpenApplicationsDialog
          step={openApps.step}
          propertyId={asText(plot.property_id)}
          applications={openApps.list}
          onCancel={() => setOpenApps(null)}
          onConfirm={() => {
            setOpenApps(null);
            void step(openApps.step, { confirm_open_applications: true });
          }}
        />
      )}
      {stale && (
        <div className="panel" role="alert">
          <strong>{t('stale_title')}</strong>
          <Diff changes={stale} />
          <button type="button" onClick={() => plot && void load(plot.id)}>
            {t('stale_reload')}
          </button>
        </div>
      )}
      <div className="split">
        <form
          className="panel"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset disabled={!editable} className="form-grid">
            {FORM_FIELDS.map((f) => (
              <label key={f}>
                {t(`field.${f}`)}
                <FieldInput
                  field={f}
                  value={form[f] ?? ''}
                  onChange={(v) => setForm({ ...form, [f]: v })}
                  t={t}
                  invalid={!!problems[f]}
                />
                {problems[f] && <span className="field-error">{t(`problem.${problems[f]}`)}</span>}
              </label>
            ))}
            <label>
              {t('geometry')} (GeoJSON Polygon)
              <textarea rows={3} value={geometryText} onChange={(e) => setGeometryText(e.target.value)} />
              {problems.geometry && <span className="field-error">{t(`problem.${problems.geometry}`)}</span>}
            </label>
            <label>
              {t('crs')}
              <select value={geometryCrs} onChange={(e) => setGeometryCrs(e.target.value)}>
                <option value="4326">EPSG:4326 (lon, lat)</option>
                <option value="3879">EPSG:3879 (GK25)</option>
                <option value="3067">EPSG:3067 (TM35FIN)</option>
              </select>
            </label>
            <label>
              {t('note')}
              <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
            </label>
          </fieldset>
          <div className="toolbar">
            <button
              type="submit"
              className="primary"
              disabled={!editable || Object.keys(clientProblems).length > 0}
            >
              {t('save')}
            </button>
          </div>
          {plot && can('plots.publish') && (
            <div className="toolbar">
              {(plot.status === 'draft' || plot.status === 'withdrawn') && (
                <button type="button" className="primary" onClick={() => step('publish')}>
                  {t('publish')}
                </button>
              )}
              {plot.status === 'published' && (
                <button type="button" className="danger" onClick={() => step('withdraw')}>
                  {t('withdraw')}
                </button>
              )}
              {plot.status !== 'draft' && (
                <button type="button" onClick={() => step('draft')}>
                  {t('to_draft')}
                </button>
              )}
              {plot.status !== 'published' && (
                <>
                  <label>
                    {t('field.publish_at')}
                    <input
                      type="datetime-local"
                      value={publishAt}
                      onChange={(e) => setPublishAt(e.target.value)}
                    />
                  </label>
                  <button
                    type="button"
                    disabled={!publishAt}
                    onClick={() => step('schedule', { publish_at: new Date(publishAt).toISOString() })}
                  >
                    {t('schedule')}
                  </button>
                  {plot.publish_at && (
                    <button type="button" onClick={() => step('schedule', { publish_at: null })}>
                      {t('cancel_schedule')} ({formatDateTime(plot.publish_at, lang)})
                    </button>
                  )}
                </>
              )}
            </div>
          )}
        </form>
        <div>
          <GeometryEditor
            geometry={drawn ?? (plot?.geometry as PolygonGeometry | undefined) ?? null}
            onChange={setDrawn}
            t={t}
            disabled={!editable}
            onCutLine={plot && plot.status !== 'withdrawn' && !drawn ? setCutLine : undefined}
          />
          {plot && cutLine && (
            <SplitForm
              plotId={plot.id}
              version={plot.version}
              line={cutLine}
              onCancel={() => setCutLine(null)}
              onDone={(created) => {
                setCutLine(null);
                setMessage({
                  kind: 'ok',
                  text: t('split_done', { ids: created.map((c) => c.property_id).join(', ') }),
                });
                void load(plot.id);
              }}
            />
          )}
          {plot && <Lineage replaces={plot.replaces} replacedBy={plot.replaced_by} />}
          {plot?.pending_draft && (
            <PendingDraft
              plotId={plot.id}
              version={plot.version}
              draft={plot.pending_draft}
              onChanged={() => void load(plot.id)}
            />
          )}
          {drawn && <p className="warning">{t('geometry_changed')}</p>}
          {plot && (
            <div className="panel">
              <h3>{t('history')}</h3>
              <table>
                <thead>
                  <tr>
                    <th>{t('version')}</th>
                    <th>{t('changed_by')}</th>
                    <th>{t('note')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {history.map((v) => (
                    <tr key={v.version}>
                      <td>
                        {v.version} <span className={`badge ${v.status}`}>{t(`status.${v.status}`)}</span>
                      </td>
                      <td>
                        {v.changed_by}
                        <br />
                        {formatDateTime(v.changed_at, lang)}
                      </td>
                      <td>
                        {noteText(v.change_note, t, lang)}
                        <Diff changes={v.changes} />
                      </td>
                      <td>
                        {v.version !== plot.version && editable && (
                          <button
                            type="button"
                            onClick={() => step('restore', { restore_version: v.version })}
                          >
                            {t('restore')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function Diff({ changes }: { changes: Array<{ field: string; before: unknown; after: unknown }> }) {
  const { t, lang } = useStaff();
  if (!changes.length) return null;
  return (
    <ul className="diff">
      {changes.map((c) => (
        <li key={c.field}>
          {fieldLabel(c.field, t, lang)}:{' '}
          {c.field === 'geom' ? (
            '✎'
          ) : (
            <>
              <del>{valueText(c.field, c.before, t, lang) || '–'}</del> →{' '}
              <ins>{valueText(c.field, c.after, t, lang) || '–'}</ins>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function FieldInput({
  field,
  value,
  onChange,
  t,
  invalid,
}: {
  field: string;
  value: string;
  onChange: (v: string) => void;
  t: (k: string) => string;
  invalid: boolean;
}) {
  const common = { 'aria-invalid': invalid || undefined, value };
  if (CHOICES[field])
    return (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        <option value="">–</option>
        {CHOICES[field]!.map((c) => (
          <option key={c} value={c}>
            {field === 'use_code' ? c : t(`value.${c}`)}
          </option>
        ))}
      </select>
    );
  if (BOOLEAN_FIELDS.includes(field))
    return (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        <option value="true">{t('yes')}</option>
        <option value="false">{t('no')}</option>
      </select>
    );
  if (field === 'notes') return <textarea {...common} rows={2} onChange={(e) => onChange(e.target.value)} />;
  return (
    <input
      {...common}
      type={DATE_FIELDS.includes(field) ? 'date' : 'text'}
      inputMode={/kem2|eur|years/.test(field) ? 'decimal' : undefined}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
