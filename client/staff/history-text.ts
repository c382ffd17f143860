/**
 * The plot history in the chosen language. The server stores its automatic change notes in English
 * ("Published", "Scheduled for …") and the changes as raw column names and values; both old and new
 * rows are translated here on display, so stored history needs no migration. A note a person typed
 * is shown as they wrote it.
 */
import { formatDate, formatDateTime } from '../../shared/dates.ts';
import { BOOLEAN_FIELDS, CHOICES, DATE_FIELDS } from './fields.ts';
import { viewTexts, type Lang, type T } from './i18n.ts';

const TEXTS: Record<Lang, Record<string, string>> = {
  fi: {
    'note.Created': 'Luotu',
    'note.Edited': 'Muokattu',
    'note.Published': 'Julkaistu',
    'note.Withdrawn': 'Poistettu julkaisusta',
    'note.Back to draft': 'Palautettu luonnokseksi',
    'note.Schedule cancelled': 'Ajastus peruttu',
    'note.Scheduled publication': 'Julkaistu ajastetusti',
    'note.Published pending draft': 'Odottava luonnos julkaistu',
    scheduled_for: 'Ajastettu julkaistavaksi {date}',
    restored: 'Palautettu versio {version}',
    bulk: 'Joukkotoiminto: {action}',
    published_with: 'Julkaistu: {note}',
    split_from: 'Jaettu tontista {ids}',
    split_into: 'Jaettu tonteiksi {ids}',
    merged_from: 'Yhdistetty tonteista {ids}',
    merged_into: 'Yhdistetty tonttiin {ids}',
    'field.price_eur_kem2': 'Hinta €/k-m²',
    'field.efficiency': 'Tehokkuus',
    'field.use_class': 'Käyttöluokka',
    'field.district_number': 'Kaupunginosa',
    'field.sub_district_number': 'Osa-alue',
    'field.block_plot': 'Kortteli ja tontti',
    'field.transit_zone': 'Joukkoliikennevyöhyke',
    'field.is_demo': 'Esittelyaineistoa',
  },
  sv: {
    'note.Created': 'Skapad',
    'note.Edited': 'Redigerad',
    'note.Published': 'Publicerad',
    'note.Withdrawn': 'Avpublicerad',
    'note.Back to draft': 'Återställd till utkast',
    'note.Schedule cancelled': 'Schemaläggningen avbruten',
    'note.Scheduled publication': 'Publicerad enligt schema',
    'note.Published pending draft': 'Väntande utkast publicerat',
    scheduled_for: 'Schemalagd för publicering {date}',
    restored: 'Återställd version {version}',
    bulk: 'Massåtgärd: {action}',
    published_with: 'Publicerad: {note}',
    split_from: 'Delad från tomt {ids}',
    split_into: 'Delad i tomterna {ids}',
    merged_from: 'Sammanslagen av tomterna {ids}',
    merged_into: 'Sammanslagen till tomt {ids}',
    'field.price_eur_kem2': 'Pris €/m²vy',
    'field.efficiency': 'Exploateringstal',
    'field.use_class': 'Användningsklass',
    'field.district_number': 'Stadsdel',
    'field.sub_district_number': 'Delområde',
    'field.block_plot': 'Kvarter och tomt',
    'field.transit_zone': 'Kollektivtrafikzon',
    'field.is_demo': 'Demodata',
  },
  en: {
    'note.Created': 'Created',
    'note.Edited': 'Edited',
    'note.Published': 'Published',
    'note.Withdrawn': 'Withdrawn',
    'note.Back to draft': 'Back to draft',
    'note.Schedule cancelled': 'Schedule cancelled',
    'note.Scheduled publication': 'Published as scheduled',
    'note.Published pending draft': 'Published pending draft',
    scheduled_for: 'Scheduled for {date}',
    restored: 'Restored version {version}',
    bulk: 'Bulk action: {action}',
    published_with: 'Published: {note}',
    split_from: 'Split from {ids}',
    split_into: 'Split into {ids}',
    merged_from: 'Merged from {ids}',
    merged_into: 'Merged into {ids}',
    'field.price_eur_kem2': 'Price €/m² floor area',
    'field.efficiency': 'Plot ratio',
    'field.use_class': 'Use class',
    'field.district_number': 'District',
    'field.sub_district_number': 'Sub-district',
    'field.block_plot': 'Block and plot',
    'field.transit_zone': 'Public transport zone',
    'field.is_demo': 'Demo data',
  },
};
const texts = viewTexts(TEXTS);

const BULK_ACTION: Record<string, string> = { publish: 'publish', withdraw: 'withdraw', draft: 'to_draft' };
// The server's automatic notes with a value in them (server/staff/plots.ts, pending.ts, reshape.ts).
const PATTERNS: Array<[RegExp, (m: RegExpMatchArray, t: T, lang: Lang) => [string, Record<string, string>]]> =
  [
    [/^Scheduled for (.+)$/, (m, _t, lang) => ['scheduled_for', { date: formatDateTime(m[1]!, lang) }]],
    [/^Restored version (\d+)$/, (m) => ['restored', { version: m[1]! }]],
    [/^Bulk (publish|withdraw|draft)$/, (m, t) => ['bulk', { action: t(BULK_ACTION[m[1]!]!) }]],
    [/^Published: (.+)$/s, (m) => ['published_with', { note: m[1]! }]],
    [/^Split from (.+)$/, (m) => ['split_from', { ids: m[1]! }]],
    [/^Split into (.+)$/, (m) => ['split_into', { ids: m[1]! }]],
    [/^Merged from (.+)$/, (m) => ['merged_from', { ids: m[1]! }]],
    [/^Merged into (.+)$/, (m) => ['merged_into', { ids: m[1]! }]],
  ];

/** A stored change note in the chosen language; a note a person wrote comes back unchanged. */
export function noteText(note: string | null, t: T, lang: Lang): string {
  if (!note) return '';
  const tx = texts.tx(lang);
  const fixed = tx(`note.${note}`);
  if (fixed !== `note.${note}`) return fixed;
  for (const [re, make] of PATTERNS) {
    const m = note.match(re);
    if (m) return tx(...make(m, t, lang));
  }
  return note;
}

/** A column's label: the edit form's own, else one of the columns only the history shows. */
export function fieldLabel(field: string, t: T, lang: Lang): string {
  const own = t(`field.${field}`);
  return own !== `field.${field}` ? own : texts.tx(lang)(`field.${field}`);
}

/** A stored value as the edit form would name it: status, choices, yes/no, dates in Helsinki time. */
export function valueText(field: string, value: unknown, t: T, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  const s = String(value);
  if (field === 'status') return t(`status.${s}`);
  if (CHOICES[field] && field !== 'use_code') return t(`value.${s}`);
  if (BOOLEAN_FIELDS.includes(field) || typeof value === 'boolean') return t(s === 'true' ? 'yes' : 'no');
  if (DATE_FIELDS.includes(field)) return formatDate(`${s.slice(0, 10)}T12:00:00Z`, lang);
  if (field === 'publish_at') return formatDateTime(s, lang);
  return s;
}
