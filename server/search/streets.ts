/**
 * Streets spelt like the text, scored in memory: the typo tolerance of a database without
 * pg_trgm (a PostgreSQL role that may not create it). The same scores as the SQL of queries.ts:
 * exact 0.9, prefix 0.88, inside the name 0.7, else trigram similarity with the whole name or a
 * run of its words. The street list is one short row per street (a few thousand in Helsinki).
 */
import type { Db } from '../db/index.ts';
import { similarScore, STREET_SIMILARITY_MIN, type ScoredStreet } from './queries.ts';
import { similarity, trigrams, wordRuns } from './trigram.ts';

export function scoreStreets(street: string, names: readonly string[]): ScoredStreet[] {
  const q = trigrams(street);
  const out: ScoredStreet[] = [];
  for (const folded of names) {
    let score = 0;
    if (folded === street) score = 0.9;
    else if (folded.startsWith(street)) score = 0.88;
    else if (street.length >= 3 && folded.includes(street)) score = 0.7;
    else {
      const sim = Math.max(...wordRuns(folded).map((w) => similarity(q, trigrams(w))));
      if (sim >= STREET_SIMILARITY_MIN) score = similarScore(sim);
    }
    if (score > 0) out.push({ folded, score });
  }
  return out.sort((a, b) => b.score - a.score || a.folded.localeCompare(b.folded)).slice(0, 5);
}

export async function similarStreets(db: Db, street: string): Promise<ScoredStreet[]> {
  const rows = await db.query<{ folded: string }>(`SELECT folded FROM search_streets`);
  return scoreStreets(
    street,
    rows.map((r) => r.folded),
  );
}
