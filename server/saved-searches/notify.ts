import { alertMail } from './mails.ts';
import { storedFilter } from './matching.ts';
import { issueToken, linkUrl, type SavedSearchDeps } from './service.ts';
import {
  claimDueDigestsSql,
  claimImmediateSql,
  claimMatchesOfSql,
  mailPlotsSql,
  markNotifiedSql,
  searchesByIdSql,
  type ClaimedMatch,
  type MailPlotRow,
  type SavedSearchRow,
} from './sql.ts';

/**
 * Mails every immediate search its matches not mailed yet: one mail per search per call, so
 * the plots of one publication batch arrive together. Matches are claimed before the mail is
 * written (UPDATE ... RETURNING), so two instances never mail the same plot; a crash between
 * the claim and the outbox loses that mail rather than sending it twice. Returns mails sent.
 */
export async function sendImmediateAlerts(deps: SavedSearchDeps, now = new Date()): Promise<number> {
  const c = claimImmediateSql(now);
  const claimed = await deps.db.query<ClaimedMatch>(c.text, c.values);
  return mailMatches(deps, claimed, 'immediate', now);
}

/**
 * Mails the daily searches that are due (their last digest was before the most recent
 * `digestHour` o'clock in Helsinki) one digest each of the matches collected since. The claim of
 * the searches and of their matches is one transaction that skips rows other instances hold.
 */
export async function sendDailyDigests(
  deps: SavedSearchDeps,
  now = new Date(),
  digestHour = 7,
): Promise<number> {
  const claimed = await deps.db.transaction(async (tx) => {
    const d = claimDueDigestsSql(lastDigestTime(now, digestHour), now);
    const due = await tx.query<{ id: string }>(d.text, d.values);
    if (!due.length) return [];
    const m = claimMatchesOfSql(
      due.map((r) => r.id),
      now,
    );
    return tx.query<ClaimedMatch>(m.text, m.values);
  });
  return mailMatches(deps, claimed, 'digest', now);
}

async function mailMatches(
  deps: SavedSearchDeps,
  claimed: readonly ClaimedMatch[],
  kind: 'immediate' | 'digest',
  now: Date,
): Promise<number> {
  if (!claimed.length) return 0;
  const { db, mailer, config, log } = deps;
  const bySearch = new Map<string, string[]>();
  for (const m of claimed) bySearch.set(m.search_id, [...(bySearch.get(m.search_id) ?? []), m.plot_id]);
  const ss = searchesByIdSql([...bySearch.keys()]);
  const searches = await db.query<SavedSearchRow>(ss.text, ss.values);
  const ps = mailPlotsSql([...new Set(claimed.map((m) => m.plot_id))]);
  const plots = new Map((await db.query<MailPlotRow>(ps.text, ps.values)).map((p) => [p.id, p]));

  let sent = 0;
  for (const s of searches) {
    // A plot withdrawn between its match and this mail is left out.
    const list = (bySearch.get(s.id) ?? []).flatMap((id) => plots.get(id) ?? []);
    if (!list.length) continue;
    list.sort((a, b) => a.property_id.localeCompare(b.property_id));
    try {
      const token = await issueToken(db, s.id, 'unsubscribe');
      const unsubscribe = linkUrl(config.publicBaseUrl, 'unsubscribe', token, s.language);
      const mail = alertMail(s.language, kind, { filter: storedFilter(s.filter) }, list, {
        base: config.publicBaseUrl,
        unsubscribe,
      });
      await mailer.send({ to: s.email, ...mail, kind: `saved_search.${kind}`, listUnsubscribe: unsubscribe });
      sent++;
    } catch (err) {
      log.warn({ err, searchId: s.id }, 'saved search mail failed');
    }
  }
  if (kind === 'immediate' && sent) {
    const m = markNotifiedSql([...bySearch.keys()], now);
    await db.query(m.text, m.values);
  }
  return sent;
}

const HELSINKI = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Helsinki',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Milliseconds Helsinki's clock is ahead of UTC at `t` (2 or 3 hours). */
function helsinkiOffsetMs(t: number): number {
  const parts = Object.fromEntries(HELSINKI.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const local = Date.UTC(
    +parts.year!,
    +parts.month! - 1,
    +parts.day!,
    +parts.hour!,
    +parts.minute!,
    +parts.second!,
  );
  return local - Math.floor(t / 1000) * 1000;
}

/** The most recent instant at or before `now` when Helsinki's clock showed `hour`:00. */
export function lastDigestTime(now: Date, hour: number): Date {
  const t = now.getTime();
  const local = new Date(t + helsinkiOffsetMs(t));
  for (let back = 0; back < 3; back++) {
    const wall = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back, hour);
    let utc = wall - helsinkiOffsetMs(wall);
    utc = wall - helsinkiOffsetMs(utc); // the offset at the instant itself (daylight saving days)
    if (utc <= t) return new Date(utc);
  }
  return new Date(t - 24 * 3600_000);
}
