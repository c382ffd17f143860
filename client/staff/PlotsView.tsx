import { useCallback, useEffect, useRef, useState } from 'react';
import { formatDate, formatDateTime } from '../../shared/dates.ts';
import { api } from './api.ts';
import { useStaff } from './context.ts';
import { CHOICES } from './fields.ts';
import { PlotEditor } from './PlotEditor.tsx';
import { MergeForm } from './Reshape.tsx';

export interface PlotRow {
  id: number;
  property_id: string;
  block_plot: string;
  address: string | null;
  use_code: string;
  availability: string;
  area_m2: number;
  building_right_kem2: number | null;
  status: string;
  publish_at: string | null;
  version: number;
  updated_at: string;
  updated_by: string;
  is_demo: boolean;
}

/** The staff plot table: filters, selection with bulk changes, and the editor of one plot. */
export function PlotsView() {
  const { t, can, errorText, lang } = useStaff();
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [useClass, setUseClass] = useState('');
  const [offset, setOffset] = useState(0);
  const [data, setData] = useState<{ items: PlotRow[]; total: number }>({ items: [], total: 0 });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const [message, setMessage] = useState('');
  const [bulkAvailability, setBulkAvailability] = useState('available');

  // Answers can come back out of order (typing a search while the unfiltered list is still on its
  // way): only the newest request may fill the table, or an older answer would overwrite it.
  const latest = useRef(0);
  const load = useCallback(async () => {
    const ticket = ++latest.current;
    const p = new URLSearchParams({ limit: '100', offset: String(offset), sort: '-updated_at' });
    if (status) p.set('status', status);
    if (q.trim()) p.set('q', q.trim());
    if (useClass) p.set('use_class', useClass);
    try {
      const answer = await api<{ items: PlotRow[]; total: number }>('GET', `/api/staff/plots?${p}`);
      if (ticket === latest.current) setData(answer);
    } catch (e) {
      if (ticket === latest.current) setMessage(errorText(e));
    }
  }, [status, q, useClass, offset, errorText]);

  useEffect(() => {
    void load();
  }, [load]);

  const bulk = async (body: object) => {
    try {
      const r = await api<{ updated: number }>('POST', '/api/staff/plots/bulk', {
        ids: [...selected],
        ...body,
      });
      setMessage(`${t('saved')} (${r.updated})`);
      setSelected(new Set());
      await load();
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  if (open !== null)
    return (
      <PlotEditor
        id={open}
        onClose={() => {
          setOpen(null);
          void load();
        }}
      />
    );

  return (
    <section>
      <div className="toolbar">
        <label>
          {t('search')}
          <input type="search" value={q} onChange={(e) => (setQ(e.target.value), setOffset(0))} />
        </label>
        <label>
          {t('status')}
          <select value={status} onChange={(e) => (setStatus(e.target.value), setOffset(0))}>
            <option value="">{t('all')}</option>
            {['draft', 'published', 'withdrawn'].map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('field.use_code')}
          <select value={useClass} onChange={(e) => (setUseClass(e.target.value), setOffset(0))}>
            <option value="">{t('all')}</option>
            <option value="commercial">K, KL, KM, C</option>
            <option value="office">KT, KTY, P</option>
            <option value="industrial">T, TT, TV, TY, T/kem, LTA</option>
          </select>
        </label>
        {can('plots.edit') && (
          <button type="button" className="primary" onClick={() => setOpen('new')}>
            {t('new_plot')}
          </button>
        )}
      </div>
      {selected.size > 0 && (
        <div className="toolbar panel">
          <span>
            {selected.size} {t('selected')}
          </span>
          <label>
            {t('bulk_availability')}
            <select value={bulkAvailability} onChange={(e) => setBulkAvailability(e.target.value)}>
              {CHOICES.availability!.map((a) => (
                <option key={a} value={a}>
                  {t(`value.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => bulk({ changes: { availability: bulkAvailability } })}>
            {t('apply')}
          </button>
          {can('plots.publish') && (
            <button type="button" className="primary" onClick={() => bulk({ action: 'publish' })}>
              {t('bulk_publish')}
            </button>
          )}
          {selected.size > 1 && (
            <MergeForm
              plots={(data?.items ?? []).filter((i) => selected.has(i.id))}
              onDone={(text) => {
                setMessage(text);
                setSelected(new Set());
                void load();
              }}
            />
          )}
        </div>
      )}
      {message && <p role="status">{message}</p>}
      <table>
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label={t('all')}
                checked={data.items.length > 0 && data.items.every((i) => selected.has(i.id))}
                onChange={(e) =>
                  setSelected(e.target.checked ? new Set(data.items.map((i) => i.id)) : new Set())
                }
              />
            </th>
            <th>{t('field.property_id')}</th>
            <th>{t('field.address')}</th>
            <th>{t('field.use_code')}</th>
            <th>{t('area')}</th>
            <th>{t('field.availability')}</th>
            <th>{t('status')}</th>
            <th>{t('changed_by')}</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((p) => (
            <tr key={p.id} className={selected.has(p.id) ? 'selected-row' : undefined}>
              <td>
                <input
                  type="checkbox"
                  aria-label={p.property_id}
                  checked={selected.has(p.id)}
                  onChange={(e) => {
                    const s = new Set(selected);
                    if (e.target.checked) s.add(p.id);
                    else s.delete(p.id);
                    setSelected(s);
                  }}
                />
              </td>
              <td>
                <button type="button" className="link" onClick={() => setOpen(p.id)}>
                  {p.property_id}
                </button>{' '}
                {p.is_demo && <span className="badge demo">{t('demo')}</span>}
              </td>
              <td>{p.address}</td>
              <td>{p.use_code}</td>
              <td>{Math.round(p.area_m2).toLocaleString()} m²</td>
              <td>{t(`value.${p.availability}`)}</td>
              <td>
                <span className={`badge ${p.status}`}>{t(`status.${p.status}`)}</span>
                {p.publish_at && p.status === 'draft' && (
                  <span className="badge">
                    {t('scheduled')} {formatDateTime(p.publish_at, lang)}
                  </span>
                )}
              </td>
              <td>
                {p.updated_by} · {formatDate(p.updated_at, lang)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <span>
          {data.total ? offset + 1 : 0}–{Math.min(offset + 100, data.total)} / {data.total}
        </span>
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - 100))}>
          ‹
        </button>
        <button type="button" disabled={offset + 100 >= data.total} onClick={() => setOffset(offset + 100)}>
          ›
        </button>
      </div>
    </section>
  );
}
