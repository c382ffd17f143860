import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, isApiError } from '../api.ts';
import { useLiveChanges } from '../live.ts';
import { dateTime, kt, type Key, type Lang } from './i18n.ts';
import './key-projects.css';

interface Status {
  isKey: boolean;
  reasons: string[];
  facts: { requestManager: boolean };
  manager: { role: Record<Lang, string>; name: string; email: string } | null;
  messages: Array<{ id: string; fromApplicant: boolean; body: string; createdAt: string }>;
  meetings: Array<{
    id: string;
    startsAt: string;
    place: string;
    videoUrl: string;
    agenda: string;
    response: string;
  }>;
}

/**
 * The applicant's key-project panel on the project page: whether it is a key project and why,
 * the manager's role, name and address, meeting invitations to accept or decline, and messages
 * both ways. Follows the project's live stream, so a new invitation shows at once.
 */
export function KeyProjectPanel({ projectId, lang }: { projectId: string; lang: Lang }) {
  const [s, setS] = useState<Status | null>(null);
  const [msg, setMsg] = useState('');
  const [status, setStatus] = useState('');
  const t = (k: Key) => kt(lang, k);
  const load = useCallback(async () => {
    try {
      setS(await api<Status>('GET', `/api/key-projects/mine/${projectId}`));
    } catch {
      setS(null);
    }
  }, [projectId]);
  useEffect(() => void load(), [load]);
  useLiveChanges(`/api/applications/projects/${projectId}/events`, () => void load());

  const act = async (fn: () => Promise<Status>, done: Key) => {
    try {
      setS(await fn());
      setStatus(t(done));
    } catch (e) {
      setStatus(`${t('error')}: ${isApiError(e) ? e.message : ''}`);
    }
  };
  if (!s) return null;
  const send = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const r = await api<Status>('POST', `/api/key-projects/mine/${projectId}/messages`, { body: msg });
      setMsg('');
      return r;
    }, 'sent');
  };
  return (
    <section className="key-project" aria-labelledby="key-project-h">
      <h2 id="key-project-h">{t('keyProject')}</h2>
      <p role="status" className="status">
        {status}
      </p>
      {!s.isKey ? (
        <>
          <p>{t('notKey')}</p>
          <button
            type="button"
            onClick={() =>
              void act(
                () =>
                  api<Status>('PUT', `/api/key-projects/mine/${projectId}/facts`, { requestManager: true }),
                'updated',
              )
            }
          >
            {t('askManager')}
          </button>
        </>
      ) : (
        <>
          <p>
            {t('reasons')}: {s.reasons.map((r) => kt(lang, `reason.${r}` as Key)).join(', ')}
          </p>
          {s.manager ? (
            <div className="manager-card">
              <h3>{t('yourManager')}</h3>
              <p>
                {s.manager.role[lang]}
                <br />
                {s.manager.name}
                <br />
                <a href={`mailto:${s.manager.email}`}>{s.manager.email}</a>
              </p>
            </div>
          ) : (
            <p>{t('waitingManager')}</p>
          )}
          <h3>{t('meetings')}</h3>
          {s.meetings.length === 0 ? (
            <p>{t('noMeetings')}</p>
          ) : (
            <ul className="key-meetings">
              {s.meetings.map((m) => (
                <li key={m.id} data-meeting={m.id}>
                  <strong>{dateTime(lang, m.startsAt)}</strong>{' '}
                  {[m.place, m.videoUrl].filter(Boolean).join(' / ')}
                  {m.agenda && <div>{m.agenda}</div>}
                  <div>
                    {t(`response.${m.response}` as Key)}{' '}
                    {(['accepted', 'declined'] as const).map((r) => (
                      <button
                        key={r}
                        type="button"
                        disabled={m.response === r}
                        onClick={() =>
                          void act(
                            () =>
                              api<Status>(
                                'POST',
                                `/api/key-projects/mine/${projectId}/meetings/${m.id}/response`,
                                {
                                  response: r,
                                },
                              ),
                            'updated',
                          )
                        }
                      >
                        {t(r === 'accepted' ? 'accept' : 'decline')}
                      </button>
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <h3>{t('messages')}</h3>
          <ul className="key-messages">
            {s.messages.map((m) => (
              <li key={m.id}>
                <strong>{m.fromApplicant ? t('fromYou') : t('fromManager')}</strong> (
                {dateTime(lang, m.createdAt)}): {m.body}
              </li>
            ))}
          </ul>
          <form onSubmit={send}>
            <label htmlFor="key-msg">{t('message')}</label>
            <textarea
              id="key-msg"
              value={msg}
              onChange={(e) => setMsg(e.target.value)}
              required
              maxLength={4000}
            />
            <button type="submit">{t('send')}</button>
          </form>
        </>
      )}
    </section>
  );
}
