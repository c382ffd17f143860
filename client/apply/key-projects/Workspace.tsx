import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, isApiError } from '../api.ts';
import { useLiveChanges } from '../live.ts';
import { Dashboard } from './Dashboard.tsx';
import { dt } from './dashboard-i18n.ts';
import { dateTime, kt, type Key, type Lang } from './i18n.ts';
import './key-projects.css';

type Text = Record<Lang, string>;
interface Listed {
  id: string;
  name: string;
  applicant: string;
  reasons: string[];
  cases: number;
  departments: number;
}
interface Ws {
  part: 'manager' | 'team';
  project: { id: string; name: string; applicant: string; applicantEmail: string };
  cases: Array<{
    id: string;
    permit: Text;
    department: Text;
    stageNames: Text;
    handler: string | null;
    daysInStage: number;
    expectedRemainingDays: number;
    overdue: boolean;
    blocked: boolean;
  }>;
  team: Array<{
    departmentId: string;
    department: Text;
    userId: string | null;
    name: string | null;
    email: string | null;
  }>;
  notes: Array<{ id: string; author: string; body: string; createdAt: string }>;
  meetings: Array<{ id: string; startsAt: string; place: string; videoUrl: string; response: string }>;
  messages: Array<{ id: string; fromApplicant: boolean; body: string; createdAt: string }>;
}

/**
 * The apply app for a role it has no views of its own for: a key customer manager (or an admin)
 * gets the key-project workspace, anyone else the app's refusal.
 */
export function KeyProjectsEntry({ lang, forbidden }: { lang: Lang; forbidden: string }) {
  const [may, setMay] = useState<boolean | null>(null);
  useEffect(() => {
    api('GET', '/api/key-projects').then(
      () => setMay(true),
      () => setMay(false),
    );
  }, []);
  // The dashboard is #dashboard; a project's link (#key-project-N) remounts the list, which opens it.
  const [hashes, setHashes] = useState(0);
  useEffect(() => {
    const on = () => setHashes((n) => n + 1);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  if (may === null) return null;
  if (!may) return <p role="alert">{forbidden}</p>;
  const dashboard = location.hash === '#dashboard';
  return (
    <>
      <nav className="kp-views" aria-label={dt(lang, 'views')}>
        <a href="#" aria-current={dashboard ? undefined : 'page'}>
          {dt(lang, 'list')}
        </a>
        <a href="#dashboard" aria-current={dashboard ? 'page' : undefined}>
          {dt(lang, 'dashboard')}
        </a>
      </nav>
      {dashboard ? <Dashboard lang={lang} /> : <KeyWorkspace key={hashes} lang={lang} />}
    </>
  );
}

/**
 * The key customer manager's (or a team member's) projects, and one project's workspace.
 * `quiet`: nothing when there are none (a handler's inbox page, most handlers are on no team).
 */
export function KeyWorkspace({ lang, quiet = false }: { lang: Lang; quiet?: boolean }) {
  const [open, setOpen] = useState<string | null>(
    () => /^#key-project-(\d+)$/.exec(location.hash)?.[1] ?? null,
  );
  const [list, setList] = useState<Listed[] | null>(null);
  const t = (k: Key) => kt(lang, k);
  useEffect(() => {
    if (open) return;
    api<{ projects: Listed[] }>('GET', '/api/key-projects').then(
      (r) => setList(r.projects),
      () => setList([]),
    );
  }, [open]);
  const go = (id: string | null) => {
    history.replaceState(history.state, '', id ? `#key-project-${id}` : location.pathname + location.search);
    setOpen(id);
  };
  if (open) return <Project id={open} lang={lang} onBack={() => go(null)} />;
  if (quiet && !list?.length) return null;
  return (
    <section aria-labelledby="kp-list-h">
      <h1 id="kp-list-h">{t('keyProjects')}</h1>
      {list && list.length === 0 && <p>{t('noProjects')}</p>}
      <ul className="key-project-list">
        {list?.map((p) => (
          <li key={p.id}>
            <button type="button" className="link" onClick={() => go(p.id)}>
              {p.name}
            </button>{' '}
            — {p.applicant} · {p.cases} {t('cases').toLowerCase()} · {p.departments}{' '}
            {t('department').toLowerCase()}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Project({ id, lang, onBack }: { id: string; lang: Lang; onBack(): void }) {
  const [ws, setWs] = useState<Ws | null>(null);
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const [meeting, setMeeting] = useState({
    startsAt: '',
    place: '',
    videoUrl: '',
    agenda: '',
    invitees: [] as string[],
  });
  const [message, setMessage] = useState('');
  const t = (k: Key) => kt(lang, k);
  const load = useCallback(async () => {
    try {
      setWs(await api<Ws>('GET', `/api/key-projects/${id}`));
    } catch (e) {
      setStatus(`${kt(lang, 'error')}: ${isApiError(e) ? e.message : ''}`);
    }
  }, [id, lang]);
  useEffect(() => void load(), [load]);
  const connected = useLiveChanges(`/api/key-projects/${id}/events`, () => void load());
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      setStatus(t('sent'));
      await load();
      return true;
    } catch (e) {
      setStatus(`${t('error')}: ${isApiError(e) ? e.message : ''}`);
      return false;
    }
  };
  if (!ws)
    return (
      <p role="status" className="status">
        {status}
      </p>
    );
  const addNote = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api('POST', `/api/key-projects/${id}/notes`, { body: note })).then(
      (ok) => ok && setNote(''),
    );
  };
  const propose = (e: FormEvent) => {
    e.preventDefault();
    const startsAt = meeting.startsAt ? new Date(meeting.startsAt).toISOString() : '';
    void act(() => api('POST', `/api/key-projects/${id}/meetings`, { ...meeting, startsAt }));
  };
  const send = (e: FormEvent) => {
    e.preventDefault();
    void act(() => api('POST', `/api/key-projects/${id}/messages`, { body: message })).then(
      (ok) => ok && setMessage(''),
    );
  };
  return (
    <article aria-labelledby="kp-h" className="key-workspace">
      <button type="button" className="link" onClick={onBack}>
        {t('back')}
      </button>
      <h1 id="kp-h">{ws.project.name}</h1>
      <p>
        {t('applicant')}: {ws.project.applicant}{' '}
        <a href={`mailto:${ws.project.applicantEmail}`}>{ws.project.applicantEmail}</a>
      </p>
      <p role="status" className="status">
        {connected ? status : t('offline')}
      </p>
      <h2>{t('cases')}</h2>
      <table className="key-cases">
        <thead>
          <tr>
            <th scope="col">{t('permit')}</th>
            <th scope="col">{t('department')}</th>
            <th scope="col">{t('stage')}</th>
            <th scope="col">{t('handler')}</th>
            <th scope="col">{t('daysInStage')}</th>
            <th scope="col">{t('remaining')}</th>
          </tr>
        </thead>
        <tbody>
          {ws.cases.map((c) => (
            <tr
              key={c.id}
              data-case={c.id}
              className={c.overdue ? 'overdue' : c.blocked ? 'blocked' : undefined}
            >
              <td>{c.permit[lang]}</td>
              <td>{c.department[lang]}</td>
              <td>
                {c.stageNames[lang]}
                {c.overdue && <strong className="flag"> ({t('overdue')})</strong>}
                {c.blocked && <strong className="flag"> ({t('blocked')})</strong>}
              </td>
              <td>{c.handler ?? '–'}</td>
              <td>{c.daysInStage}</td>
              <td>{c.expectedRemainingDays}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('team')}</h2>
      <ul>
        {ws.team.map((m) => (
          <li key={m.departmentId}>
            {m.department[lang]}: {m.userId ? `${m.name || m.email} (${m.email})` : t('noTeamMember')}
          </li>
        ))}
      </ul>
      <h2>{t('notes')}</h2>
      <ul className="key-notes">
        {ws.notes.map((n) => (
          <li key={n.id}>
            <strong>{n.author}</strong> ({dateTime(lang, n.createdAt)}): {n.body}
          </li>
        ))}
      </ul>
      <form onSubmit={addNote}>
        <label htmlFor="kp-note">{t('note')}</label>
        <textarea
          id="kp-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          required
          maxLength={4000}
        />
        <button type="submit">{t('addNote')}</button>
      </form>
      <h2>{t('meetings')}</h2>
      <ul>
        {ws.meetings.map((m) => (
          <li key={m.id}>
            {dateTime(lang, m.startsAt)} {[m.place, m.videoUrl].filter(Boolean).join(' / ')} —{' '}
            {t(`response.${m.response}` as Key)}
          </li>
        ))}
      </ul>
      {ws.part === 'manager' && (
        <>
          <form onSubmit={propose} className="key-meeting-form">
            <fieldset>
              <legend>{t('proposeMeeting')}</legend>
              <label htmlFor="kp-when">{t('startsAt')}</label>
              <input
                id="kp-when"
                type="datetime-local"
                required
                value={meeting.startsAt}
                onChange={(e) => setMeeting({ ...meeting, startsAt: e.target.value })}
              />
              <label htmlFor="kp-place">{t('place')}</label>
              <input
                id="kp-place"
                value={meeting.place}
                maxLength={300}
                onChange={(e) => setMeeting({ ...meeting, place: e.target.value })}
              />
              <label htmlFor="kp-video">{t('videoUrl')}</label>
              <input
                id="kp-video"
                type="url"
                value={meeting.videoUrl}
                onChange={(e) => setMeeting({ ...meeting, videoUrl: e.target.value })}
              />
              <label htmlFor="kp-agenda">{t('agenda')}</label>
              <textarea
                id="kp-agenda"
                value={meeting.agenda}
                maxLength={4000}
                onChange={(e) => setMeeting({ ...meeting, agenda: e.target.value })}
              />
              {ws.team
                .filter((m) => m.userId)
                .map((m) => (
                  <label key={m.departmentId} className="check">
                    <input
                      type="checkbox"
                      checked={meeting.invitees.includes(m.userId!)}
                      onChange={(e) =>
                        setMeeting({
                          ...meeting,
                          invitees: e.target.checked
                            ? [...meeting.invitees, m.userId!]
                            : meeting.invitees.filter((x) => x !== m.userId),
                        })
                      }
                    />{' '}
                    {t('invite')}: {m.name || m.email} ({m.department[lang]})
                  </label>
                ))}
              <button type="submit">{t('propose')}</button>
            </fieldset>
          </form>
          <h2>{t('messages')}</h2>
          <ul>
            {ws.messages.map((m) => (
              <li key={m.id}>
                <strong>{m.fromApplicant ? t('fromApplicant') : t('fromManager')}</strong> (
                {dateTime(lang, m.createdAt)}): {m.body}
              </li>
            ))}
          </ul>
          <form onSubmit={send}>
            <label htmlFor="kp-msg">{t('message')}</label>
            <textarea
              id="kp-msg"
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              required
              maxLength={4000}
            />
            <button type="submit">{t('send')}</button>
          </form>
        </>
      )}
    </article>
  );
}
