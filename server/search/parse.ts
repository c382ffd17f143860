import { foldText } from './fold.ts';

/**
 * What a search box text can be: a property identifier (long, short or database form), the
 * block/plot form, a plan number, or free text (address, district or sub-district name).
 * Pure: no database.
 */

export interface SearchIntent {
  /** Dashed long form, e.g. '091-045-0012-0003', when the text is a whole property identifier. */
  propertyId?: string;
  /** Helsinki's block/plot form as stored, e.g. '45012/3'. */
  blockPlot?: string;
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
  // 45012/3: district and a three-digit (or longer) block, then the plot.
  const bp = text.replace(/\s*\/\s*/, '/').match(/^(\d{4,7})\/(\d{1,4})$/);
  if (bp) {
    intent.blockPlot = `${Number(bp[1])}/${Number(bp[2])}`;
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
