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

/**
 * Reads the text typed in the search box. Never throws; text that is no identifier is still
 * searched as a name or an address.
 */
export function parseSearch(raw: string): SearchIntent {
  const text = raw.trim().replace(/\s+/g, ' ');
  const intent: SearchIntent = {};
  // 091-045-0012-0003 or 91-45-12-3 (also with spaces around the dashes).
  const dashed = text.replace(/\s*-\s*/g, '-').match(/^(\d{1,3})-(\d{1,3})-(\d{1,4})-(\d{1,4})$/);
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
  const bp = readBlockPlot(text.replace(/\s*([/-])\s*/g, '$1'));
  if (bp) {
    intent.blockPlot = bp;
    return intent;
  }
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
