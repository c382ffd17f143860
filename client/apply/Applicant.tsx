import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Activities, FactValue } from '../src/permits/types.ts';
import { readShortlist } from '../src/shortlist/shortlist.ts';
import { formatDate } from '../../shared/dates.ts';
import { api, postForm, type ProjectView } from './api.ts';
import { useApply, useNotice } from './context.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { plotLabel, useCardPlot } from './FromCard.tsx';
import { useLiveChanges } from './live.ts';
import { AddToDraft, ProjectPlots } from './ProjectPlots.tsx';
import { CaseCard, CaseStatusCells, Days, DemoNote } from './parts.tsx';
import { KeyProjectPanel } from './key-projects/ApplicantPanel.tsx';
import {
  KeyFactsFields,
  keyFactProblem,
  keyProjectBody,
  NO_KEY_FACTS,
  type KeyFactsInput,
} from './key-projects/KeyFactsFields.tsx';

/** The applicant's projects, newest first. */
export function ProjectList() {
  const { t, lang, go, errorText } = useApply();
  const [projects, setProjects] = useState<ProjectView[] | null>(null);
  const [error, setError] = useNotice();
  useEffect(() => {
    api<{ projects: ProjectView[] }>('GET', '/api/applications/projects').then(
      (r) => setProjects(r.projects),
      (e) => setError((c) => c.errorText(e)),
    );
  }, [errorText]);
  return (
    <section aria-labelledby="projects-h">
      <div className="row">
        <h1 id="projects-h">{t('myProjects')}</h1>
        <button type="button" className="primary" onClick={() => go({ kind: 'new' })}>
          {t('newProject')}
        </button>
      </div>
      {error && <p role="alert">{error}</p>}
      {projects === null && !error && <p>{t('loading')}</p>}
      {projects?.length === 0 && <p>{t('noProjects')}</p>}
      <ul className="projects">
        {projects?.map((p) => (
          <li key={p.id} className="card">
            <h2>
              <a
                href={`?project=${p.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  go({ kind: 'project', id: p.id });
                }}
              >
                {p.name}
              </a>
            </h2>
            <p>
              {p.activity.names[lang]} · {p.plots.map((x) => x.propertyId).join(', ')}
            </p>
            <ul className="stages-inline">
              {p.cases.map((c) => (
                <li key={c.id}>
                  {c.permit.names[lang]}:{' '}
                  <span className={`stage stage-${c.stage}`}>{c.stageNames[lang]}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Starts a project: plots (from the link or the shortlist), activity and facts. */
export function NewProject() {
  const { t, lang, go, errorText } = useApply();
  const id = useId();
  const q = new URLSearchParams(location.search);
  const fromLink = q.get('plot');
  const shortlist = readShortlist();
  // The card's plot by its identifier and address (its number only until the API answers).
  const card = useCardPlot(fromLink);
  const options = [
    ...(fromLink && !shortlist.some((s) => String(s.id) === fromLink)
      ? [{ id: Number(fromLink), label: card ? plotLabel(card) : `#${fromLink}` }]
      : []),
    ...shortlist.map((s) => ({
      id: s.id,
      label: plotLabel({ propertyId: s.property_id, address: s.address }),
    })),
  ];
  const [plots, setPlots] = useState<Set<number>>(() => new Set(fromLink ? [Number(fromLink)] : []));
  const [catalogue, setCatalogue] = useState<Activities | null>(null);
  const [activity, setActivity] = useState(q.get('activity') ?? '');
  const [facts, setFacts] = useState<Record<string, FactValue>>(() => {
    try {
      return JSON.parse(q.get('facts') ?? '{}') as Record<string, FactValue>;
    } catch {
      return {};
    }
  });
  const [keyFacts, setKeyFacts] = useState<KeyFactsInput>(NO_KEY_FACTS);
  const [keyProblem, setKeyProblem] = useState<ReturnType<typeof keyFactProblem>>(null);
  const [error, setError] = useNotice();
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    // A refused figure takes focus, so its error is read out with the field.
    if (keyProblem)
      form.current?.querySelector<HTMLInputElement>(`input[name="${keyProblem.field}"]`)?.focus();
  }, [keyProblem]);
  useEffect(() => {
    api<Activities>('GET', '/api/permits/activities').then(setCatalogue, (e) =>
      setError((c) => c.errorText(e)),
    );
  }, [errorText]);
  const act = catalogue?.activities.find((a) => a.code === activity);
  const defs = new Map((catalogue?.facts ?? []).map((d) => [d.key, d]));

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    setKeyProblem(null);
    try {
      const known = Object.fromEntries(Object.entries(facts).filter(([k]) => act?.facts.includes(k)));
      const r = await api<{ project: ProjectView }>('POST', '/api/applications/projects', {
        plotIds: [...plots],
        activity,
        facts: known,
        name: String(f.get('name') ?? ''),
        description: String(f.get('description') ?? ''),
        keyProject: keyProjectBody(keyFacts),
      });
      go({ kind: 'project', id: r.project.id });
    } catch (err) {
      const problem = keyFactProblem(err);
      if (problem) setKeyProblem(problem);
      else setError((c) => c.errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card new-project" onSubmit={submit} aria-labelledby={`${id}-h`} ref={form}>
      <h1 id={`${id}-h`}>{t('newProject')}</h1>
      {fromLink && activity && <AddToDraft plotId={Number(fromLink)} activity={activity} />}
      <fieldset>
        <legend>{t('plots')}</legend>
        <p className="hint">{t('plotsHint')}</p>
        {options.length === 0 && <p>{t('noShortlist')}</p>}
        {options.map((o) => (
          <label key={o.id} className="check">
            <input
              type="checkbox"
              checked={plots.has(o.id)}
              onChange={(e) => {
                const next = new Set(plots);
                if (e.target.checked) next.add(o.id);
                else next.delete(o.id);
                setPlots(next);
              }}
            />
            {o.label}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-act`}>
        {t('activity')}
        <select id={`${id}-act`} value={activity} required onChange={(e) => setActivity(e.target.value)}>
          <option value="">{t('chooseActivity')}</option>
          {catalogue?.activities.map((a) => (
            <option key={a.code} value={a.code}>
              {a.names[lang]}
            </option>
          ))}
        </select>
      </label>
      {act && act.facts.length > 0 && (
        <fieldset>
          <legend>{t('facts')}</legend>
          {act.facts.map((key) => {
            const d = defs.get(key);
            if (!d) return null;
            const value = facts[key] ?? act.defaults[key];
            const set = (v: FactValue) => setFacts({ ...facts, [key]: v });
            if (d.type === 'boolean')
              return (
                <label key={key} className="check">
                  <input type="checkbox" checked={value === true} onChange={(e) => set(e.target.checked)} />
                  {d.label[lang]}
                </label>
              );
            if (d.type === 'choice')
              return (
                <label key={key}>
                  {d.label[lang]}
                  <select value={String(value ?? d.options[0]!.value)} onChange={(e) => set(e.target.value)}>
                    {d.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label[lang]}
                      </option>
                    ))}
                  </select>
                </label>
              );
            return (
              <label key={key}>
                {d.label[lang]}
                <input
                  type="number"
                  min={d.min}
                  max={d.max}
                  value={Number(value ?? d.min)}
                  onChange={(e) => set(Number(e.target.value))}
                />
              </label>
            );
          })}
        </fieldset>
      )}
      <KeyFactsFields
        lang={lang}
        value={keyFacts}
        problem={keyProblem}
        onChange={(v) => {
          setKeyFacts(v);
          setKeyProblem(null);
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('projectName')}</label>
        <span className="hint" id={`${id}-name-hint`}>
          {t('projectNameHint')}
        </span>
        <input id={`${id}-name`} name="name" maxLength={200} aria-describedby={`${id}-name-hint`} />
      </div>
      <label htmlFor={`${id}-desc`}>
        {t('description')}
        <textarea id={`${id}-desc`} name="description" rows={3} maxLength={4000} />
      </label>
      <p className="hint">{t('guidance')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="button" onClick={() => go({ kind: 'home' })}>
          {t('back')}
        </button>
        <button type="submit" className="primary" disabled={busy || plots.size === 0}>
          {busy ? t('creating') : t('create')}
        </button>
      </div>
    </form>
  );
}

/**
 * One project's timeline: every case with its stage, history and remaining time, refreshed live
 * from the server's event stream; changes are announced in a polite live region.
 */
export function ProjectPage({ id }: { id: string }) {
  const { t, lang, go } = useApply();
  const [project, setProject] = useState<ProjectView | null>(null);
  const [error, setError] = useNotice();
  const [announce, setAnnounce] = useNotice();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useNotice();
  const [confirming, setConfirming] = useState(false);
  const previous = useRef<Map<string, string>>(new Map());

  const load = useCallback(async () => {
    try {
      const r = await api<{ project: ProjectView }>('GET', `/api/applications/projects/${id}`);
      const changed = r.project.cases.filter(
        // A case the plots just brought in is new, not a change of stage.
        (c) => previous.current.has(c.id) && previous.current.get(c.id) !== c.stage,
      );
      if (changed.length)
        setAnnounce((x) =>
          changed
            .map((c) =>
              x.t('changeAnnounced', { permit: c.permit.names[x.lang], stage: c.stageNames[x.lang] }),
            )
            .join('; '),
        );
      previous.current = new Map(r.project.cases.map((c) => [c.id, c.stage]));
      setProject(r.project);
    } catch (e) {
      setError((c) => c.errorText(e));
    }
  }, [id, setError, setAnnounce]);

  useEffect(() => void load(), [load]);
  const connected = useLiveChanges(`/api/applications/projects/${id}/events`, () => void load());

  // The page's one heading says why there is no project (an address without access, a lost link).
  if (error)
    return (
      <section className="project">
        <div role="alert">
          <h1>{error}</h1>
        </div>
        <button type="button" onClick={() => go({ kind: 'home' })}>
          ← {t('myProjects')}
        </button>
      </section>
    );
  if (!project) return <p>{t('loading')}</p>;

  const submit = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      const r = await api<{ project: ProjectView }>('POST', `/api/applications/projects/${id}/submit`);
      previous.current = new Map(r.project.cases.map((c) => [c.id, c.stage]));
      setProject(r.project);
    } catch (e) {
      setNote((c) => c.errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article aria-labelledby="project-h" className="project">
      <button type="button" onClick={() => go({ kind: 'home' })}>
        ← {t('myProjects')}
      </button>
      <h1 id="project-h">{project.name}</h1>
      <p>
        {project.activity.names[lang]} · {project.plots.map((x) => x.propertyId).join(', ')}
      </p>
      <DemoNote plots={project.plots} />
      <p className="summary">
        <strong>
          {t('remainingTotal', { range: '' })}
          <Days range={project.remainingDays} />
        </strong>
      </p>
      <table className="overview stack-narrow">
        <caption>{t('overview')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('permit')}</th>
            <th scope="col">{t('authority')}</th>
            <th scope="col">{t('stage')}</th>
            <th scope="col">{t('remaining')}</th>
          </tr>
        </thead>
        <tbody>
          {project.cases.map((c) => (
            <tr key={c.id}>
              <td data-label={t('permit')}>
                <a href={`#case-${c.id}`}>{c.permit.names[lang]}</a>
              </td>
              <CaseStatusCells c={c} />
            </tr>
          ))}
        </tbody>
      </table>
      <KeyProjectPanel projectId={project.id} lang={lang} />
      {!project.submittedAt && <ProjectPlots project={project} onChange={setProject} />}
      {project.submittedAt ? (
        <p>{t('submitted', { date: formatDate(project.submittedAt, lang) })}</p>
      ) : (
        <div className="submit-box">
          <p>{t('draftNote')}</p>
          <p className="hint">{t('submitHint')}</p>
          {project.canSubmit && (
            <button type="button" className="primary" disabled={busy} onClick={() => setConfirming(true)}>
              {t('submitAll')}
            </button>
          )}
          {confirming && (
            <ConfirmDialog
              title={t('confirmSubmitTitle', { n: project.cases.length })}
              confirmLabel={t('confirmSubmit', { n: project.cases.length })}
              cancelLabel={t('confirmSubmitCancel')}
              onConfirm={() => void submit()}
              onCancel={() => setConfirming(false)}
            >
              <p>{t('confirmSubmitIntro')}</p>
              <ul className="confirm-list">
                {project.cases.map((c) => (
                  <li key={c.id}>
                    <strong>{c.permit.names[lang]}</strong> – {c.department.names[lang]}
                  </li>
                ))}
              </ul>
            </ConfirmDialog>
          )}
        </div>
      )}
      {note && (
        <p role="alert" className="error">
          {note}
        </p>
      )}
      <p className="hint">{connected ? t('live') : t('liveLost')}</p>
      <div role="status" aria-live="polite" className="announce">
        {announce}
      </div>
      <ol className="cases">
        {project.cases.map((c) => (
          <CaseCard key={c.id} c={c} onChanged={load} />
        ))}
      </ol>
      <ProjectFiles project={project} onDone={load} />
      <p className="hint">{t('guidance')}</p>
    </article>
  );
}

function ProjectFiles({ project, onDone }: { project: ProjectView; onDone(): void }) {
  const { t } = useApply();
  const id = useId();
  const [msg, setMsg] = useNotice();
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('attachments')}</h2>
      <ul>
        {project.attachments.map((a) => (
          <li key={a.id}>
            <a href={a.url}>{a.fileName}</a> ({Math.ceil(a.sizeBytes / 1024)} kB)
          </li>
        ))}
      </ul>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          try {
            await postForm(`/api/applications/projects/${project.id}/attachments`, new FormData(form));
            form.reset();
            setMsg((c) => c.t('uploaded'));
            onDone();
          } catch (err) {
            setMsg((c) => c.errorText(err));
          }
        }}
      >
        <label htmlFor={`${id}-f`}>
          {t('chooseFiles')}
          <input
            id={`${id}-f`}
            type="file"
            name="file"
            multiple
            accept=".pdf,.png,.jpg,.jpeg,.dwg,.zip,.docx,.xlsx"
          />
        </label>
        <button type="submit">{t('upload')}</button>
        <p role="status">{msg}</p>
      </form>
    </section>
  );
}
