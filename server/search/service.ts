/** Search over plots, addresses, districts, sub-districts and plans, labelled in fi/sv/en. */
import type { Db } from '../db/index.ts';
import { pointRows } from './coordinates.ts';
import { parseSearch } from './parse.ts';
import { matchPlaces } from './places.ts';
import { searchSql, type SearchRow } from './queries.ts';
import { similarStreets } from './streets.ts';

import type { Lang } from '../../shared/i18n.ts';
export { LANGS, type Lang } from '../../shared/i18n.ts';

export interface SearchResult {
  kind: SearchRow['kind'];
  id?: number | string;
  plot_id?: number;
  label: string;
  sublabel: string;
  /** [minLon, minLat, maxLon, maxLat] to fly to. */
  bbox: [number, number, number, number];
  center: [number, number];
  /** 1 for an exact identifier, less for prefixes and similar spellings. */
  score: number;
}

const WORDS: Record<
  Lang,
  {
    district: string;
    sub_district: string;
    plan: string;
    plots: (n: number) => string;
    point: string;
    inPlot: string;
    noPlot: string;
  }
> = {
  fi: {
    district: 'Kaupunginosa',
    sub_district: 'Osa-alue',
    plan: 'Asemakaava',
    plots: (n) => (n === 1 ? '1 tontti' : `${n} tonttia`),
    point: 'Koordinaatit',
    inPlot: 'tontilla',
    noPlot: 'ei tonttia tässä kohdassa',
  },
  sv: {
    district: 'Stadsdel',
    sub_district: 'Delområde',
    plan: 'Detaljplan',
    plots: (n) => (n === 1 ? '1 tomt' : `${n} tomter`),
    point: 'Koordinater',
    inPlot: 'på en tomt',
    noPlot: 'ingen tomt på den här punkten',
  },
  en: {
    district: 'District',
    sub_district: 'Sub-district',
    plan: 'Detailed plan',
    plots: (n) => (n === 1 ? '1 plot' : `${n} plots`),
    point: 'Coordinates',
    inPlot: 'on a plot',
    noPlot: 'no plot at this point',
  },
};

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
const r7 = (v: number) => Math.round(v * 1e7) / 1e7;
const join = (...parts: Array<string | null | undefined>) => parts.filter(Boolean).join(' · ');

/** The name in the reader's language: Swedish where there is one, otherwise Finnish. */
const nameIn = (lang: Lang, fi: string | null, sv: string | null) => (lang === 'sv' ? (sv ?? fi) : fi) ?? '';
const otherName = (lang: Lang, fi: string | null, sv: string | null) => {
  const other = lang === 'sv' ? fi : sv;
  return other && other !== nameIn(lang, fi, sv) ? other : undefined;
};

function toResult(r: SearchRow, lang: Lang): SearchResult {
  const w = WORDS[lang];
  const area = nameIn(lang, r.area_fi, r.area_sv) || undefined;
  let label: string;
  let sublabel: string;
  let id: number | string | undefined;
  switch (r.kind) {
    case 'plot':
      id = Number(r.ref);
      label = r.name_fi;
      sublabel = join(r.name_sv, r.detail, area);
      break;
    case 'address':
      id = Number(r.ref);
      label = r.name_fi;
      sublabel = join(r.name_sv, r.detail, area);
      break;
    case 'district':
      id = Number(r.ref);
      label = nameIn(lang, r.name_fi, r.name_sv);
      sublabel = join(`${w.district} ${r.ref}`, otherName(lang, r.name_fi, r.name_sv));
      break;
    case 'sub_district':
      id = Number(r.ref);
      label = nameIn(lang, r.name_fi, r.name_sv);
      sublabel = join(w.sub_district, area, otherName(lang, r.name_fi, r.name_sv));
      break;
    case 'coordinate': {
      id = r.ref;
      const [lat, lon] = r.ref.split(',').map(Number) as [number, number];
      const nf = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 5, maximumFractionDigits: 5 });
      label = `${w.point} ${nf.format(lat)} N, ${nf.format(lon)} E`;
      sublabel = join(r.name_fi || undefined, r.count ? w.inPlot : w.noPlot);
      break;
    }
    case 'plan':
      id = r.ref;
      label = `${w.plan} ${r.ref}`;
      sublabel = w.plots(r.count ?? 0);
      break;
  }
  return {
    kind: r.kind,
    ...(id !== undefined ? { id } : {}),
    ...(r.plot_id != null ? { plot_id: Number(r.plot_id) } : {}),
    label,
    sublabel,
    bbox: [r7(r.xmin), r7(r.ymin), r7(r.xmax), r7(r.ymax)],
    center: [r7(r.cx), r7(r.cy)],
    score: Math.round(Math.min(1, r.score) * 1000) / 1000,
  };
}

/**
 * Ranked results for the text of the search box (best first, at most `limit`). Text shorter
 * than two characters that is no identifier finds nothing (an empty list, not an error).
 */
export async function search(
  db: Db,
  q: string,
  opts: { limit: number; lang: Lang },
): Promise<SearchResult[]> {
  const intent = parseSearch(q);
  if (intent.point) return (await pointRows(db, intent.point)).map((r) => toResult(r, opts.lang));
  const trgm = db.capabilities.trgm;
  const streets = intent.street && !trgm ? await similarStreets(db, intent.street) : undefined;
  const sql = searchSql(intent, { limit: opts.limit, trgm, streets });
  const [rows, places] = await Promise.all([
    sql.text ? db.query<SearchRow>(sql.text, sql.values) : [],
    intent.name ? matchPlaces(db, intent.name, opts.limit) : [],
  ]);
  // Best first; equal scores by house number, then kind and name, as the SQL orders its rows.
  const merged = [...rows, ...places].sort(
    (a, b) =>
      b.score - a.score ||
      a.ord - b.ord ||
      a.kind.localeCompare(b.kind) ||
      a.name_fi.localeCompare(b.name_fi),
  );
  return merged.slice(0, opts.limit).map((r) => toResult(r, opts.lang));
}
