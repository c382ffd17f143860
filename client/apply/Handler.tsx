import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, postForm, type CaseDetail, type CaseView } from './api.ts';
import { useApply, useNotice } from './context.ts';
import { useLiveChanges } from './live.ts';
import { CaseStatusCells, Days, DemoNote, History, PlotLink } from './parts.tsx';

const STAGES = [
  'submitted',
  'received',
  'in_processing',
  'supplement_requested',
  'decision_given',
  'appealed',
  'final',
  'cancelled',
  'lapsed',
];

/** The handler's department's cases, newest change first, filterable by stage. */
export function Inbox() {
  const { t, lang, me, go, stageName } = useApply();
  const [stage, setStage] = useState('');
  const [cases, setCases] = useState<CaseView[] | null>(null);
  const [error, setError] = useNotice();
  const id = useId();
  const load = useCallback(
    () =>
      api<{ cases: CaseView[] }>('GET', `/api/applications/inbox${stage ? `?stage=${stage}` : ''}`).then(
        (r) => setCases(r.cases),
        (e) => setError((c) => c.errorText(e)),
      ),
    [stage, setError],
  );
  useEffect(() => {
    setCases(null);
    void load();
  }, [load]);
  // New submissions, answered supplements and other handlers' moves appear without a reload.
  const connected = useLiveChanges('/api/applications/inbox/events', () => void load());
  return (
    <section aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('inboxOf', { dept: me.department?.names[lang] ?? '' })}</h1>
      <label htmlFor={`${id}-s`} className="inline">
        {t('filterStage')}
        <select id={`${id}-s`} value={stage} onChange={(e) => setStage(e.target.value)}>
          <option value="">{t('allStages')}</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {stageName(s)}
            </option>
          ))}
        </select>
      </label>
      <p className="hint">{connected ? t('inboxLive') : t('liveLost')}</p>
      {error && <p role="alert">{error}</p>}
      {cases === null && !error && <p>{t('loading')}</p>}
      {cases?.length === 0 && <p>{t('noCases')}</p>}
      {cases && cases.length > 0 && (
        <table className="inbox">
          <thead>
            <tr>
              <th scope="col">{t('applicant')}</th>
              <th scope="col">{t('project')}</th>
              <th scope="col">{t('authority')}</th>
              <th scope="col">{t('stage')}</th>
              <th scope="col">{t('remaining')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>{c.organisation}</td>
                <td>
                  <a
                    href={`?case=${c.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      go({ kind: 'case', id: c.id });
                    }}
                  >
                    {c.permit.names[lang]}: {c.projectName}
                  </a>
                </td>
                <CaseStatusCells c={c} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** One case: the project's facts, history, files, and (for its handler) the stage move form. */
export function CasePage({ id }: { id: string }) {
  const { t, lang, me, go, stageName } = useApply();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [error, setError] = useNotice();
  const [status, setStatus] = useNotice();
  const [to, setTo] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const files = useRef<HTMLInputElement>(null);
  const fid = useId();
  const load = useCallback(async () => {
    try {
      const r = await api<{ case: CaseDetail }>('GET', `/api/applications/cases/${id}`);
      setCase(r.case);
      setTo(r.case.allowedMoves[0] ?? '');
    } catch (e) {
      setError((c) => c.errorText(e));
    }
  }, [id, setError]);
  useEffect(() => void load(), [load]);
  // For its handler, the applicant's answer or a colleague's move shows at once.
  useLiveChanges(me.user.role === 'handler' ? '/api/applications/inbox/events' : null, (change) => {
    if (!change || change.case === id) void load();
  });
  if (error) return <p role="alert">{error}</p>;
  if (!c) return <p>{t('loading')}</p>;
  const handler = me.user.role === 'handler';
  return (
    <article aria-labelledby="case-h" className="case-page">
      <button
        type="button"
        onClick={() => (handler ? go({ kind: 'home' }) : go({ kind: 'project', id: c.project.id }))}
      >
        ← {handler ? t('inbox') : t('back')}
      </button>
      <h1 id="case-h">
        {c.permit.names[lang]}: {c.project.name}
      </h1>
      <DemoNote plots={c.project.plots} />
      <dl className="facts">
        <dt>{t('applicant')}</dt>
        <dd>
          {c.project.organisation} ({c.project.businessId})
        </dd>
        <dt>{t('plots')}</dt>
        <dd>
          {c.project.plots.map((p, i) => (
            <span key={p.propertyId}>
              {i > 0 && ', '}
              <PlotLink plot={p} />
            </span>
          ))}
        </dd>
        <dt>{t('activity')}</dt>
        <dd>{c.project.activity.names[lang]}</dd>
        <dt>{t('stage')}</dt>
        <dd>
          <span className={`stage stage-${c.stage}`} data-testid="stage">
            {c.stageNames[lang]}
          </span>
        </dd>
        <dt>{t('remaining')}</dt>
        <dd>
          <Days range={c.remainingDays} />
        </dd>
      </dl>
      {c.project.description && <p className="description">{c.project.description}</p>}
      <h2>{t('history')}</h2>
      <History events={c.events} names={stageName} />
      {c.attachments.length > 0 && (
        <>
          <h2>{t('attachments')}</h2>
          <ul className="files">
            {c.attachments.map((a) => (
              <li key={a.id}>
                <a href={a.url}>{a.fileName}</a> ({Math.ceil(a.sizeBytes / 1024)} kB)
              </li>
            ))}
          </ul>
        </>
      )}
      {handler &&
        (c.allowedMoves.length === 0 ? (
          <p>{t('noMoves')}</p>
        ) : (
          <form
            className="card move"
            onSubmit={async (e) => {
              e.preventDefault();
              setBusy(true);
              setStatus(null);
              try {
                // The move and its documents (a decision, a request's annex) go in one request.
                const fd = new FormData();
                fd.append('to', to);
                fd.append('message', message);
                for (const f of files.current?.files ?? []) fd.append('file', f);
                await postForm(`/api/applications/cases/${c.id}/stage`, fd);
                setMessage('');
                if (files.current) files.current.value = '';
                setStatus((x) => x.t('moved', { stage: x.stageName(to) }));
                await load();
              } catch (err) {
                setStatus((c) => c.errorText(err));
              } finally {
                setBusy(false);
              }
            }}
          >
            <fieldset>
              <legend>{t('move')}</legend>
              {c.allowedMoves.map((s) => (
                <label key={s} className="check">
                  <input type="radio" name="to" value={s} checked={to === s} onChange={() => setTo(s)} />
                  {stageName(s)}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor={`${fid}-m`}>{t('message')}</label>
              <span className="hint" id={`${fid}-mh`}>
                {t('messageRequired')}
              </span>
              <textarea
                id={`${fid}-m`}
                aria-describedby={`${fid}-mh`}
                rows={4}
                maxLength={4000}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor={`${fid}-f`}>{t('moveFiles')}</label>
              <input
                id={`${fid}-f`}
                ref={files}
                type="file"
                name="file"
                multiple
                accept=".pdf,.png,.jpg,.jpeg,.dwg,.zip,.docx,.xlsx"
              />
            </div>
            <button type="submit" className="primary" disabled={busy || !to}>
              {t('doMove')}
            </button>
          </form>
        ))}
      <p role="status" aria-live="polite">
        {status}
      </p>
    </article>
  );
}
