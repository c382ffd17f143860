import { useCallback, useEffect, useState } from 'react';
import { formatDateTime } from '../../shared/dates.ts';
import { api } from './api.ts';
import { useStaff } from './context.ts';

interface Entry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** Admins: the audit log, newest first, filtered, paged by cursor and downloadable as CSV. */
export function AuditView() {
  const { t, errorText, lang } = useStaff();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [items, setItems] = useState<Entry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');

  const query = useCallback(
    (extra: Record<string, string> = {}) => {
      const p = new URLSearchParams(extra);
      if (action) p.set('action', action);
      if (actor) p.set('actor', actor);
      if (from) p.set('from', from);
      return p;
    },
    [action, actor, from],
  );

  const load = useCallback(
    async (more = false) => {
      try {
        const p = query({ limit: '100', ...(more && cursor ? { cursor } : {}) });
        const r = await api<{ items: Entry[]; next_cursor: string | null }>('GET', `/api/staff/audit?${p}`);
        setItems(more ? (prev) => [...prev, ...r.items] : r.items);
        setCursor(r.next_cursor);
        setError('');
      } catch (e) {
        setError(errorText(e));
      }
    },
    [query, cursor, errorText],
  );

  useEffect(() => {
    void load(false);
  }, [action, actor, from]);

  return (
    <section>
      <div className="toolbar">
        <label>
          {t('action_filter')}
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('all')}</option>
            {['login', 'logout', 'password', 'user', 'plot', 'import'].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('actor')}
          <input type="email" value={actor} onChange={(e) => setActor(e.target.value)} />
        </label>
        <label>
          {t('time')}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <a href={`/api/staff/audit.csv?${query()}`} download>
          {t('export_csv')}
        </a>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>{t('time')}</th>
            <th>{t('actor')}</th>
            <th>{t('action_filter')}</th>
            <th>{t('target')}</th>
            <th>{t('details')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>{formatDateTime(e.at, lang)}</td>
              <td>
                {e.actor}
                <br />
                <small>{e.ip}</small>
              </td>
              <td>{e.action}</td>
              <td>
                {e.target_type} {e.target_id}
              </td>
              <td>
                <code>{JSON.stringify(e.details)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor && (
        <button type="button" onClick={() => load(true)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
