import { useId } from 'react';
import { formatDateTime } from '../../shared/dates.ts';
import { formatDayRange } from '../src/permits/format.ts';
import { api, postForm, type CaseView, type DayRange, type EventView } from './api.ts';
import { useApply, useNotice } from './context.ts';

export const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

/** The demo-data notice, shown wherever generated plots appear. */
export function DemoNote({ plots }: { plots: Array<{ isDemo: boolean }> }) {
  const { t } = useApply();
  return plots.some((p) => p.isDemo) ? <p className="demo-note">{t('demo')}</p> : null;
}

/** A plot of a project, linked to its card on the map while the plot still exists. */
export function PlotLink({ plot }: { plot: { id: number | null; propertyId: string } }) {
  const { lang } = useApply();
  if (plot.id === null) return <>{plot.propertyId}</>;
  return <a href={`/?plot=${plot.id}&lang=${lang}`}>{plot.propertyId}</a>;
}

export function Days({ range }: { range: DayRange }) {
  const { t, lang } = useApply();
  return <>{range.max === 0 ? t('remainingNone') : formatDayRange(range, lang)}</>;
}

/** A case's authority, stage and remaining time as table cells (applicant and handler lists). */
export function CaseStatusCells({ c }: { c: CaseView }) {
  const { t, lang } = useApply();
  // data-label: the column's name, shown beside each value where a narrow screen stacks the rows.
  return (
    <>
      <td data-label={t('authority')}>{c.department.names[lang]}</td>
      <td data-label={t('stage')}>
        <span className={`stage stage-${c.stage}`}>{c.stageNames[lang]}</span>
      </td>
      <td data-label={t('remaining')}>
        <Days range={c.remainingDays} />
      </td>
    </>
  );
}

/** A case's events, oldest first, each with its time, who and the message. */
export function History({ events, names }: { events: EventView[]; names(stage: string): string }) {
  const { t, lang } = useApply();
  const role = { applicant: t('roleApplicant'), handler: t('roleHandler'), system: t('roleSystem') };
  return (
    <ol className="history">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> <span>{t(`kind.${e.kind}`)}</span>
          {e.to && e.kind !== 'created' && (
            <>
              : <span className={`stage stage-${e.to}`}>{names(e.to)}</span>
            </>
          )}{' '}
          <span className="hint">({role[e.actor.role]})</span>
          {e.message && <blockquote>{e.message}</blockquote>}
        </li>
      ))}
    </ol>
  );
}

/** One case on the applicant's timeline: stage, authority, time left, why, history, answer. */
export function CaseCard({ c, onChanged }: { c: CaseView; onChanged(): void }) {
  const { t, lang } = useApply();
  const id = useId();
  const [msg, setMsg] = useNotice();
  const { stageName: names } = useApply();
  return (
    <li
      id={`case-${c.id}`}
      className={`card case stage-box-${c.stage}`}
      aria-labelledby={`${id}-h`}
      data-permit={c.permit.code}
    >
      <h2 id={`${id}-h`}>{c.permit.names[lang]}</h2>
      <dl>
        <dt>{t('stage')}</dt>
        <dd>
          <span className={`stage stage-${c.stage}`} data-testid="stage">
            {c.stageNames[lang]}
          </span>
        </dd>
        <dt>{t('authority')}</dt>
        <dd>{c.department.names[lang]}</dd>
        <dt>{t('remaining')}</dt>
        <dd>
          <Days range={c.remainingDays} />
          {c.stage === 'supplement_requested' && <> · {t('waitingForYou')}</>}
        </dd>
      </dl>
      {c.reasons.length > 0 && (
        <details>
          <summary>{t('reasons')}</summary>
          <ul>
            {c.reasons.map((r, i) => (
              <li key={i}>{r[lang]}</li>
            ))}
          </ul>
        </details>
      )}
      <h3>{t('history')}</h3>
      <History events={c.events} names={names} />
      {c.attachments.length > 0 && (
        <ul className="files">
          {c.attachments.map((a) => (
            <li key={a.id}>
              <a href={a.url}>{a.fileName}</a>
            </li>
          ))}
        </ul>
      )}
      {c.canReply && (
        <form
          className="reply"
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            try {
              await postForm(`/api/applications/cases/${c.id}/reply`, new FormData(form));
              form.reset();
              setMsg((c) => c.t('replySent'));
              onChanged();
            } catch (err) {
              setMsg((c) => c.errorText(err));
            }
          }}
        >
          <h3>{t('reply')}</h3>
          <label htmlFor={`${id}-m`}>
            {t('replyMessage')}
            <textarea id={`${id}-m`} name="message" rows={3} required maxLength={4000} />
          </label>
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
          <button type="submit" className="primary">
            {t('sendReply')}
          </button>
        </form>
      )}
      {c.canCancel && (
        <button
          type="button"
          className="danger"
          onClick={async () => {
            if (!confirm(t('confirmCancel', { permit: c.permit.names[lang] }))) return;
            try {
              await api('POST', `/api/applications/cases/${c.id}/cancel`, {});
              onChanged();
            } catch (err) {
              setMsg((c) => c.errorText(err));
            }
          }}
        >
          {t('cancelCase')}
        </button>
      )}
      <p role="status" className="case-msg">
        {msg}
      </p>
    </li>
  );
}
