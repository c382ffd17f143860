/** The mails of saved searches, composed from plain data: pure, so tests read them directly. */
import { filterToParams, type PlotFilter } from '../../shared/filter.ts';
import { own } from '../../shared/own.ts';
import type { MailPlotRow } from './sql.ts';
import { text, type Lang } from './texts.ts';

export interface Composed {
  subject: string;
  text: string;
  html: string;
}

const LOCALE: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

const PARAM_LABELS: Record<string, Record<Lang, string>> = {
  use_class: { fi: 'käyttötarkoitus', sv: 'användning', en: 'use' },
  use_code: { fi: 'kaavamerkintä', sv: 'planbeteckning', en: 'zoning code' },
  availability: { fi: 'saatavuus', sv: 'tillgänglighet', en: 'availability' },
  tenure: { fi: 'luovutus', sv: 'upplåtelse', en: 'tenure' },
  area_min: { fi: 'pinta-ala vähintään (m²)', sv: 'areal minst (m²)', en: 'area at least (m²)' },
  area_max: { fi: 'pinta-ala enintään (m²)', sv: 'areal högst (m²)', en: 'area at most (m²)' },
  building_right_min: {
    fi: 'rakennusoikeus vähintään (k-m²)',
    sv: 'byggrätt minst (m²vy)',
    en: 'building right at least (k-m²)',
  },
  building_right_max: {
    fi: 'rakennusoikeus enintään (k-m²)',
    sv: 'byggrätt högst (m²vy)',
    en: 'building right at most (k-m²)',
  },
  price_min: { fi: 'hinta vähintään (€/k-m²)', sv: 'pris minst (€/m²vy)', en: 'price at least (€/k-m²)' },
  price_max: { fi: 'hinta enintään (€/k-m²)', sv: 'pris högst (€/m²vy)', en: 'price at most (€/k-m²)' },
  district: { fi: 'kaupunginosa', sv: 'stadsdel', en: 'district' },
  sub_district: { fi: 'osa-alue', sv: 'delområde', en: 'sub-district' },
  q: { fi: 'hakusana', sv: 'sökord', en: 'text' },
  within: { fi: 'piirretty alue', sv: 'ritat område', en: 'drawn area' },
};

const VALUE_LABELS: Record<string, Record<Lang, string>> = {
  commercial: { fi: 'liike', sv: 'affär', en: 'commercial' },
  office: { fi: 'toimisto', sv: 'kontor', en: 'office' },
  industrial: { fi: 'teollisuus', sv: 'industri', en: 'industrial' },
  available: { fi: 'vapaa', sv: 'ledig', en: 'available' },
  draw: { fi: 'haussa', sv: 'i utlysning', en: 'in a draw' },
  reserved: { fi: 'varattu', sv: 'reserverad', en: 'reserved' },
  leased: { fi: 'vuokrattu/myyty', sv: 'utarrenderad/såld', en: 'leased/sold' },
  coming: { fi: 'tulossa', sv: 'kommande', en: 'coming' },
  lease: { fi: 'vuokra', sv: 'arrende', en: 'lease' },
  sale: { fi: 'myynti', sv: 'försäljning', en: 'sale' },
};

/** The filter in words, e.g. "käyttötarkoitus: teollisuus; pinta-ala vähintään (m²): 2000". */
export function describeFilter(filter: PlotFilter, lang: Lang): string {
  const parts: string[] = [];
  for (const [param, value] of filterToParams(filter)) {
    const label = PARAM_LABELS[param]?.[lang] ?? param;
    if (param === 'within') {
      parts.push(label);
      continue;
    }
    const shown = value
      .split(',')
      .map((v) => own(VALUE_LABELS, v)?.[lang] ?? v)
      .join(', ');
    parts.push(`${label}: ${shown}`);
  }
  return parts.length ? parts.join('; ') : text(lang, 'everyPlot');
}

/** The map app showing a filter (or a selected plot), in the user's language. */
export function mapUrl(base: string, lang: Lang, opts: { filter?: PlotFilter; plotId?: string }): string {
  const p = opts.filter ? filterToParams(opts.filter) : new URLSearchParams();
  if (opts.plotId) p.set('plot', opts.plotId);
  p.set('lang', lang);
  return `${base}/?${p.toString()}`;
}

export function confirmationMail(
  lang: Lang,
  s: { filter: PlotFilter; frequency: 'immediate' | 'daily' },
  links: { confirm: string; map: string; cancel: string },
): Composed {
  const search = describeFilter(s.filter, lang);
  const freq = text(lang, `frequency_${s.frequency}`);
  const lines = [
    text(lang, 'confirmIntro'),
    '',
    `${text(lang, 'searchLabel')}: ${search}`,
    `${text(lang, 'frequencyLabel')}: ${freq}`,
    '',
    text(lang, 'confirmAction'),
    links.confirm,
    '',
    text(lang, 'confirmIgnore'),
    text(lang, 'confirmCancel'),
    links.cancel,
  ];
  const html = `<p>${esc(text(lang, 'confirmIntro'))}</p>
<p>${esc(text(lang, 'searchLabel'))}: <a href="${esc(links.map)}">${esc(search)}</a><br>${esc(text(lang, 'frequencyLabel'))}: ${esc(freq)}</p>
<p>${esc(text(lang, 'confirmAction'))}<br><a href="${esc(links.confirm)}">${esc(links.confirm)}</a></p>
<p>${esc(text(lang, 'confirmIgnore'))}<br>${esc(text(lang, 'confirmCancel'))} <a href="${esc(links.cancel)}">${esc(links.cancel)}</a></p>`;
  return { subject: text(lang, 'confirmSubject'), text: lines.join('\n'), html: page(lang, html) };
}

/** The mail listing new plots: one publication batch (immediate) or a day's (digest). */
export function alertMail(
  lang: Lang,
  kind: 'immediate' | 'digest',
  s: { filter: PlotFilter },
  plots: readonly MailPlotRow[],
  links: { base: string; unsubscribe: string },
): Composed {
  const nf = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 0 });
  const demo = plots.some((p) => p.is_demo);
  const subject =
    kind === 'digest'
      ? text(lang, 'digestSubject', { n: plots.length })
      : plots.length === 1
        ? text(lang, 'alertSubjectOne', { plot: plots[0]!.block_plot })
        : text(lang, 'alertSubjectMany', { n: plots.length });
  const facts = (p: MailPlotRow) =>
    [
      p.use_code,
      p.area_m2 != null ? `${text(lang, 'area')} ${nf.format(p.area_m2)} m²` : null,
      p.building_right_kem2 != null
        ? `${text(lang, 'buildingRight')} ${nf.format(p.building_right_kem2)} ${lang === 'sv' ? 'm²vy' : 'k-m²'}`
        : null,
      own(VALUE_LABELS, p.availability)?.[lang] ?? p.availability,
    ]
      .filter(Boolean)
      .join(', ');
  const title = (p: MailPlotRow) => `${p.block_plot} (${p.property_id})${p.address ? `, ${p.address}` : ''}`;
  const searchUrl = mapUrl(links.base, lang, { filter: s.filter });
  const search = describeFilter(s.filter, lang);

  const lines = [
    ...(demo ? [text(lang, 'demoNote'), ''] : []),
    text(lang, 'alertIntro'),
    '',
    ...plots.flatMap((p) => [
      `- ${title(p)}`,
      `  ${facts(p)}`,
      `  ${mapUrl(links.base, lang, { plotId: p.id })}`,
    ]),
    '',
    `${text(lang, 'searchLabel')}: ${search}`,
    `${text(lang, 'openSearch')}: ${searchUrl}`,
    '',
    text(lang, 'unsubscribeLine'),
    links.unsubscribe,
  ];
  const items = plots
    .map(
      (p) =>
        `<li><a href="${esc(mapUrl(links.base, lang, { plotId: p.id }))}">${esc(title(p))}</a><br>${esc(facts(p))}</li>`,
    )
    .join('\n');
  const html = `${demo ? `<p><strong>${esc(text(lang, 'demoNote'))}</strong></p>` : ''}
<p>${esc(text(lang, 'alertIntro'))}</p>
<ul>${items}</ul>
<p>${esc(text(lang, 'searchLabel'))}: <a href="${esc(searchUrl)}">${esc(search)}</a></p>
<p style="font-size:small">${esc(text(lang, 'unsubscribeLine'))} <a href="${esc(links.unsubscribe)}">${esc(links.unsubscribe)}</a></p>`;
  return { subject: (demo ? '[DEMO] ' : '') + subject, text: lines.join('\n'), html: page(lang, html) };
}

const page = (lang: Lang, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body>${body}</body></html>`;

export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
