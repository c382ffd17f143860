import { useEffect, useId, useState } from 'react';
import { readShortlist } from '../src/shortlist/shortlist.ts';
import { api, plotIdsOf, putProjectPlots, type ProjectView } from './api.ts';
import { useApply, useNotice } from './context.ts';
import { PlotLink } from './parts.tsx';

/**
 * The plots of a draft project: drop one, or add one from the shortlist; the server brings the
 * cases in line with the rules for the new set. Once submitted the plots are fixed, as the
 * authorities have received the applications for them.
 */
export function ProjectPlots({
  project,
  onChange,
}: {
  project: ProjectView;
  onChange(p: ProjectView): void;
}) {
  const { t } = useApply();
  const id = useId();
  const [msg, setMsg] = useNotice();
  const [busy, setBusy] = useState(false);
  const inProject = new Set(project.plots.map((p) => p.id));
  const candidates = readShortlist().filter((s) => !inProject.has(s.id));
  const [choice, setChoice] = useState('');
  const ids = plotIdsOf(project);

  const save = async (plotIds: number[]) => {
    setBusy(true);
    try {
      const r = await putProjectPlots(project.id, plotIds);
      onChange(r.project);
      setChoice('');
      setMsg((c) => c.t('plotsSaved', { n: r.project.cases.length }));
    } catch (e) {
      setMsg((c) => c.errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card project-plots" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('plots')}</h2>
      <ul>
        {project.plots.map((p) => (
          <li key={p.propertyId}>
            <PlotLink plot={p} />
            {p.id !== null && ids.length > 1 && (
              <button
                type="button"
                disabled={busy}
                aria-label={t('removePlot', { plot: p.propertyId })}
                onClick={() => void save(ids.filter((x) => x !== p.id))}
              >
                {t('remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {candidates.length > 0 ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) void save([...ids, Number(choice)]);
          }}
        >
          <label htmlFor={`${id}-add`}>
            {t('addPlot')}
            <select id={`${id}-add`} value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{t('choosePlot')}</option>
              {candidates.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.property_id}
                  {s.address ? `, ${s.address}` : ''}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy || !choice}>
            {t('add')}
          </button>
        </form>
      ) : (
        <p className="hint">
          {t('addPlotHint')} <a href="/">{t('toMap')}</a>
        </p>
      )}
      <p role="status">{msg}</p>
    </section>
  );
}

/**
 * On the new-project form opened from a plot card: the applicant's draft projects with the same
 * activity, each with a button that adds the plot to it instead of starting another project.
 */
export function AddToDraft({ plotId, activity }: { plotId: number; activity: string }) {
  const { t, go } = useApply();
  const id = useId();
  const [drafts, setDrafts] = useState<ProjectView[]>([]);
  const [msg, setMsg] = useNotice();
  useEffect(() => {
    api<{ projects: ProjectView[] }>('GET', '/api/applications/projects').then(
      (r) =>
        setDrafts(
          r.projects.filter(
            (p) => !p.submittedAt && p.activity.code === activity && !p.plots.some((x) => x.id === plotId),
          ),
        ),
      // Without the list the form below still works: nothing to offer.
      () => setDrafts([]),
    );
  }, [plotId, activity]);
  if (drafts.length === 0) return null;
  const add = async (p: ProjectView) => {
    try {
      await putProjectPlots(p.id, [...plotIdsOf(p), plotId]);
      go({ kind: 'project', id: p.id });
    } catch (e) {
      setMsg((c) => c.errorText(e));
    }
  };
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('addToDraft')}</h2>
      <p className="hint">{t('addToDraftHint')}</p>
      <ul className="drafts">
        {drafts.map((p) => (
          <li key={p.id}>
            <span>{p.name}</span>
            <button type="button" aria-label={t('addToThis', { name: p.name })} onClick={() => void add(p)}>
              {t('add')}
            </button>
          </li>
        ))}
      </ul>
      <p role="status">{msg}</p>
    </section>
  );
}
