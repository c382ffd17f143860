import type { AppsDeps } from '../applications/service.ts';
import { workspaceLink } from './applicant.ts';
import { helsinkiDate } from './dates.ts';
import { reminderMail, type Lang } from './texts.ts';

/** Reminders mailed per check: a backlog (after a long stop) drains over a few checks. */
const BATCH = 50;

/**
 * Mails each open reminder whose due date has come in Helsinki to its manager, once, in the
 * manager's language. Claiming and marking are one UPDATE: with two instances on one database,
 * the second waits for the first's row lock, then finds sent_at set and skips the row, so no
 * reminder goes out twice. A mail that cannot be stored releases its claim for the next check.
 * Returns how many were mailed.
 */
export async function sendDueReminders(deps: AppsDeps, now = new Date()): Promise<number> {
  const claimed = await deps.db.query<{
    id: string;
    project_id: string;
    due_on: string;
    note: string;
    email: string;
    lang: Lang;
    project: string;
    permit: Record<Lang, string> | null;
  }>(
    `UPDATE key_project_reminders r SET sent_at = clock_timestamp()
     FROM users u, projects p
     WHERE u.id = r.user_id AND p.id = r.project_id AND NOT u.disabled
       AND r.id IN (SELECT id FROM key_project_reminders WHERE sent_at IS NULL AND done_at IS NULL AND due_on <= $1::date
                    ORDER BY due_on, id LIMIT $2)
       AND r.sent_at IS NULL AND r.done_at IS NULL
     RETURNING r.id::text, r.project_id::text, r.due_on::text, r.note, u.email, u.preferred_lang AS lang, p.name AS project,
       (SELECT json_build_object('fi', t.name_fi, 'sv', t.name_sv, 'en', t.name_en) FROM cases c
        JOIN permit_types t ON t.code = c.permit_type_code WHERE c.id = r.case_id) AS permit`,
    [helsinkiDate(now), BATCH],
  );
  let sent = 0;
  for (const r of claimed) {
    try {
      await deps.mailer.send({
        to: r.email,
        ...reminderMail(r.lang, {
          project: r.project,
          dueOn: r.due_on,
          note: r.note,
          permit: r.permit?.[r.lang] ?? null,
          link: workspaceLink(deps, r.project_id),
        }),
      });
      sent++;
    } catch (err) {
      deps.log.warn({ err, reminder: r.id }, 'reminder mail not stored; released for the next check');
      await deps.db
        .query(`UPDATE key_project_reminders SET sent_at = NULL WHERE id = $1`, [r.id])
        .catch(() => undefined);
    }
  }
  return sent;
}

/**
 * Checks for due reminders on a timer in every instance (the claim decides who mails); checks
 * never overlap within one. Returns the stop function, which waits for a check in progress.
 */
export function startReminderJob(deps: AppsDeps, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = sendDueReminders(deps)
      .then((n) => void (n && deps.log.info({ reminders: n }, 'due reminders mailed')))
      .catch((err: unknown) => deps.log.warn({ err }, 'reminder check failed'))
      .finally(() => (running = null));
  }, intervalMs);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
