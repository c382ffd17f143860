import type { Queryable } from '../db/index.ts';
import type { Lang } from './texts.ts';

type Text = Record<Lang, string>;

/** A permit of a roadmap as it was sent (the names are read at showing time, by permit type). */
interface SentItem {
  position: number;
  permitType: string;
  startsOn: string;
  decisionOn: string;
  note: string;
}

/** The roadmap last sent to the applicant, with the permits' names; null when none was sent. */
export async function sentRoadmap(q: Queryable, projectId: string) {
  const [s] = await q.query<{ id: string; sentAt: string; items: SentItem[]; sentBy: string | null }>(
    `SELECT id::text, sent_at AS "sentAt", items, sent_by::text AS "sentBy" FROM key_project_roadmap_sends
     WHERE project_id = $1 ORDER BY sent_at DESC, id DESC LIMIT 1`,
    [projectId],
  );
  if (!s) return null;
  const names = await q.query<{ code: string; permit: Text }>(
    `SELECT code, json_build_object('fi', name_fi, 'sv', name_sv, 'en', name_en) AS permit FROM permit_types
     WHERE code = ANY($1::text[])`,
    [s.items.map((i) => i.permitType)],
  );
  const byCode = new Map(names.map((n) => [n.code, n.permit]));
  const items = s.items.map((i) => ({
    position: i.position,
    permitType: i.permitType,
    permit: byCode.get(i.permitType) ?? { fi: i.permitType, sv: i.permitType, en: i.permitType },
    startsOn: i.startsOn,
    decisionOn: i.decisionOn,
    note: i.note,
  }));
  return { id: s.id, sentAt: s.sentAt, sentBy: s.sentBy, items };
}
