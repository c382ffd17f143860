/**
 * District and sub-district names, matched in memory: the 207 places are reference data that
 * never change while the server runs, so they are read once (with the box and point to fly to)
 * and every search scores them without a database round trip.
 */
import type { Db } from '../db/index.ts';
import { foldText } from './fold.ts';
import type { SearchRow } from './queries.ts';
import { similarity, trigrams, wordRuns } from './trigram.ts';

interface Place {
  row: Omit<SearchRow, 'score' | 'ord'>;
  /** Folded Finnish and Swedish names. */
  names: string[];
  /** Trigrams of every run of words of each name, made once. */
  spans: Set<string>[];
  /** A district outranks its namesake sub-district by a hair. */
  bias: number;
}

// Minimum score of a place found by similar spelling only.
const MIN_SCORE = 0.5;

const PLACES_SQL = `SELECT kind, number::text AS ref, name_fi, name_sv, area_fi, area_sv,
    ST_XMin(g) AS xmin, ST_YMin(g) AS ymin, ST_XMax(g) AS xmax, ST_YMax(g) AS ymax, ST_X(c) AS cx, ST_Y(c) AS cy
  FROM (SELECT 'district' AS kind, number, name_fi, name_sv, NULL AS area_fi, NULL AS area_sv,
          ST_Transform(ST_Envelope(geom), 4326) AS g, ST_Transform(ST_PointOnSurface(geom), 4326) AS c FROM districts
        UNION ALL
        SELECT 'sub_district', s.number, s.name_fi, s.name_sv, d.name_fi, d.name_sv,
          ST_Transform(ST_Envelope(s.geom), 4326), ST_Transform(ST_PointOnSurface(s.geom), 4326)
        FROM sub_districts s LEFT JOIN districts d ON d.number = s.district_number) x`;

const loaded = new WeakMap<Db, Promise<Place[]>>();

/** The places of a database, read on first use. An empty list when reference data is missing. */
function places(db: Db): Promise<Place[]> {
  let p = loaded.get(db);
  if (!p) {
    p = db.query<Omit<SearchRow, 'score' | 'ord'>>(PLACES_SQL).then((rows) =>
      rows.map((r) => {
        const names = [r.name_fi, r.name_sv].filter((n): n is string => !!n).map(foldText);
        return {
          row: { ...r, plot_id: null, detail: null, count: null },
          names,
          spans: names.flatMap(wordRuns).map(trigrams),
          bias: r.kind === 'district' ? 0.005 : 0,
        };
      }),
    );
    // A failed read is tried again by the next search.
    p.catch(() => loaded.delete(db));
    loaded.set(db, p);
  }
  return p;
}

/**
 * Exact name 1, prefix 0.93, a later word's prefix ('hamnen' in 'Västra hamnen') 0.85, inside a
 * compound word 0.75, else similar spelling: the best trigram similarity with the whole name or
 * a run of its words (at most 0.85).
 */
function placeScore(q: string, qTrigrams: Set<string>, p: Place): number {
  let best = 0;
  for (const name of p.names) {
    if (name === q) return 1;
    if (name.startsWith(q)) best = Math.max(best, 0.93);
    else if ((' ' + name.replace(/-/g, ' ')).includes(' ' + q)) best = Math.max(best, 0.85);
    // Inside a compound word ('hamnen' in 'Fiskehamnen').
    else if (q.length >= 4 && name.includes(q)) best = Math.max(best, 0.75);
  }
  if (best > 0) return best;
  for (const span of p.spans) best = Math.max(best, 0.85 * similarity(qTrigrams, span));
  return best;
}

/** Places whose Finnish or Swedish name matches the folded text, best first, at most `limit`. */
export async function matchPlaces(db: Db, folded: string, limit: number): Promise<SearchRow[]> {
  const q = trigrams(folded);
  const scored: SearchRow[] = [];
  for (const p of await places(db)) {
    const score = placeScore(folded, q, p) + p.bias;
    if (score >= MIN_SCORE) scored.push({ ...p.row, score, ord: 0 });
  }
  scored.sort((a, b) => b.score - a.score || Number(a.ref) - Number(b.ref));
  return scored.slice(0, limit);
}
