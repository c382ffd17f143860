import { foldText } from './fold.ts';

/**
 * What a search box text can be: a property identifier (long, short or database form), the
 * block/plot form, a plan number, or free text (address, district or sub-district name).
 * Pure: no database.
 */

export interface SearchIntent {
  /** Dashed long form, e.g. '091-045-0012-0003', when the text is a whole property identifier. */
  propertyId?: string;
  /**
   * Helsinki's block/plot form (45012/3, or 47-1051/2 for a four-digit block): the property
   * identifiers it can stand for, the one its stored form names first. Without a dash the
   * digits may also be read with a four-digit block (471051/2: district 471 block 51, or
   * district 47 block 1051), as older lists wrote them.
   */
  blockPlot?: { exact?: string; others: string[] };
  /** A detailed plan number, e.g. '12617'. */
  planNumber?: string;
  /** Digits and dashes of a partial identifier, matched inside identifiers. */
  idFragment?: string;
  /** The folded text matched against district and sub-district names. */
  name?: string;
  /** The folded street name of an address, and its house number when one was typed. */
  street?: string;
  house?: number;
  /** A point typed as coordinates: EPSG:3879 easting/northing or CRS84 lon/lat. */
  point?: { srid: 3879 | 4326; x: number; y: number };
}

const pad = (s: string, n: number) => s.padStart(n, '0');
const helsinkiId = (district: string, block: string, plot: string) =>
  `091-${pad(district, 3)}-${pad(block, 4)}-${pad(plot, 4)}`;

/** 45012/3, 47-1051/2 or 471051/2 -> the property identifiers meant; undefined for other text. */
function readBlockPlot(text: string): SearchIntent['blockPlot'] {
  const dashed = /^(\d{1,3})-(\d{1,4})\/(\d{1,4})$/.exec(text);
  if (dashed) return { exact: helsinkiId(dashed[1]!, dashed[2]!, dashed[3]!), others: [] };
  const m = /^(\d{4,7})\/(\d{1,4})$/.exec(text);
  if (!m) return undefined;
  const digits = String(Number(m[1]));
  const plot = m[2]!;
  // Stored form: the last three digits are the block, the rest the district.
  const d3 = digits.slice(0, -3);
  const exact = d3.length >= 1 && d3.length <= 3 ? helsinkiId(d3, digits.slice(-3), plot) : undefined;
  // The same digits with a four-digit block (1000 or more), as the stored form now sets apart.
  const d4 = digits.slice(0, -4);
  const b4 = digits.slice(-4);
  const others = d4.length >= 1 && d4.length <= 3 && b4[0] !== '0' ? [helsinkiId(d4, b4, plot)] : [];
  if (!exact && others.length === 0) return undefined;
  return exact ? { exact, others } : { others };
}

/** Digits only, 5 to 8 of them (longer runs are identifier fragments): every district (1-3) + block (3) + plot (1-4) reading of them. */
function readRunTogether(text: string): string[] {
  if (!/^\d{5,8}$/.test(text)) return [];
  const out: string[] = [];
  for (let d = 1; d <= 3; d++)
    for (let plot = 1; plot <= 4; plot++)
      if (d + 3 + plot === text.length && Number(text.slice(0, d)) > 0)
        out.push(helsinkiId(text.slice(0, d), text.slice(d, d + 3), text.slice(d + 3)));
  return out;
}

// Helsinki in EPSG:3879 (GK25) and in lon/lat, a little wider than the city.
const GK25 = { e: [25_440_000, 25_540_000], n: [6_650_000, 6_700_000] };
const LONLAT = { lon: [24.7, 25.3], lat: [60.05, 60.35] };
const within = (v: number, [lo, hi]: number[]) => v >= lo! && v <= hi!;

/**
 * Two numbers that are coordinates in or around Helsinki, in either order, with or without N/E
 * (P/I in Finnish) letters: GK25 metres (25496870 6672450) or degrees (60.17, 24.94). Decimal
 * commas are read when the numbers are apart by a space.
 */
export function readPoint(text: string): SearchIntent['point'] {
  const t = text.replace(/[°′'"]/g, ' ').trim();
  // "60.17, 24.94", "60,17 24,94", "N 6672450 E 25496870", "6672450N 25496870E".
  const m =
    /^([NEPI]\s*)?(\d+(?:[.,]\d+)?)\s*([NEPI])?\s*(?:[,;]\s*|\s+)([NEPI]\s*)?(\d+(?:[.,]\d+)?)\s*([NEPI])?$/i.exec(
      t,
    );
  if (!m) return undefined;
  const num = (s: string) => Number(s.replace(',', '.'));
  const a = num(m[2]!);
  const b = num(m[5]!);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    if (within(x, GK25.e) && within(y, GK25.n)) return { srid: 3879, x, y };
    if (within(x, LONLAT.lon) && within(y, LONLAT.lat)) return { srid: 4326, x, y };
  }
  return undefined;
}

/** ", Helsinki", " 00820 Helsinki", ", 00820" after an address: where it is, not what. */
const CITY_TAIL = /(?:\s*,\s*|\s+)(?:\d{5}\s*)?(?:helsinki|helsingfors|hki|hfors)?\s*$/i;
function withoutCity(text: string): string {
  if (!/\p{L}.*\d|\p{L}{3}/u.test(text)) return text;
  const m = CITY_TAIL.exec(text);
  if (!m || m[0].trim() === '' || m.index === 0) return text;
  // A house number alone is no postal code: "Kuparitie 8" keeps its 8.
  if (!/,|helsin|hki|hfors|\d{5}/i.test(m[0])) return text;
  return text.slice(0, m.index).trim();
}

/**
 * Reads the text typed in the search box. Never throws; text that is no identifier is still
 * searched as a name or an address.
 */
export function parseSearch(raw: string): SearchIntent {
  const intent: SearchIntent = {};
  const spaced = raw.trim().replace(/\s+/g, ' ');
  const point = readPoint(spaced);
  if (point) {
    intent.point = point;
    return intent;
  }
  const text = withoutCity(spaced);
  // 091-045-0012-0003, 91-45-12-3 or 091 045 0012 0003 (spaces, dashes or both between parts).
  const dashed = text.replace(/\s*-\s*|\s+/g, '-').match(/^(\d{1,3})-(\d{1,3})-(\d{1,4})-(\d{1,4})$/);
  if (dashed) {
    const [, k, s, r, y] = dashed as unknown as [string, string, string, string, string];
    intent.propertyId = `${pad(k, 3)}-${pad(s, 3)}-${pad(r, 4)}-${pad(y, 4)}`;
    return intent;
  }
  // 09104500120003: the database form.
  if (/^\d{14}$/.test(text)) {
    intent.propertyId = `${text.slice(0, 3)}-${text.slice(3, 6)}-${text.slice(6, 10)}-${text.slice(10)}`;
    return intent;
  }
  // 45-12-1 or 45 12 1: district, block and plot without the municipality.
  const three = /^(\d{1,3})[\s-]+(\d{1,4})[\s-]+(\d{1,4})$/.exec(text);
  if (three) {
    intent.blockPlot = { exact: helsinkiId(three[1]!, three[2]!, three[3]!), others: [] };
    return intent;
  }
  // 45012 1: the block/plot form with a space for the slash.
  const bp = readBlockPlot(text.replace(/\s*([/-])\s*/g, '$1').replace(/^(\d{4,7}) (\d{1,4})$/, '$1/$2'));
  if (bp) {
    intent.blockPlot = bp;
    return intent;
  }
  // 450121: the block/plot form run together; also still a plan number or a fragment below.
  const run = readRunTogether(text);
  if (run.length) intent.blockPlot = { others: run };
  if (/^\d{3,6}$/.test(text)) intent.planNumber = text;
  if (/^[\d-]{4,20}$/.test(text) && (text.includes('-') || text.length >= 7)) intent.idFragment = text;
  // Names and addresses need letters; two are enough to start with.
  const folded = foldText(text);
  if (!/\p{L}.*\p{L}/u.test(folded)) return intent;
  // Place names have no digits: text with a house number is only an address.
  if (!/\d/.test(folded)) intent.name = folded;
  const withHouse = folded.match(/^(.*\p{L}[^\d]*?)\s*(\d{1,6})\s*\p{L}?$/u);
  if (withHouse) {
    intent.street = withHouse[1]!.trim();
    intent.house = Number(withHouse[2]);
  } else intent.street = folded;
  return intent;
}
