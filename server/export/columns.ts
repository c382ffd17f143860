import { ZONE_PARTS } from '../plots/labels.ts';
import type { Lang } from './i18n.ts';

/** How a column's values are typed in files: numbers stay numbers, dates dates. */
export type ColumnType = 'integer' | 'real' | 'text' | 'date' | 'boolean';

export interface ExportColumn {
  /** Stable field name in GIS formats and in the `columns=` parameter. */
  key: string;
  /** SQL over plots `p`, sub-districts `sd`, districts `d`; typed as `type` says. */
  sql: string | ((lang: Lang) => string);
  type: ColumnType;
  label: Record<Lang, string>;
  /** Unit shown after the label in headers (m², k-m², €/k-m²). */
  unit?: string;
  /** Coded values translated to the user's language in files read by people (CSV, XLSX, KML). */
  coded?: boolean;
}

// Place names exist in Finnish and mostly Swedish; English readers get the Finnish name.
const nameSql = (alias: string) => (lang: Lang) =>
  lang === 'sv' ? `coalesce(${alias}.name_sv, ${alias}.name_fi)` : `${alias}.name_fi`;

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * The urban-structure zone as the plot card writes it (plots/labels.ts transitZoneNames): the
 * stored Finnish name translated part by part ('a/b' becomes 'A / b'), capitalised; a name not in
 * the YKR list keeps its Finnish text.
 */
const zoneSql = (lang: Lang): string => {
  const part = 'lower(btrim(u.part))';
  const tr =
    lang === 'fi'
      ? part
      : `CASE ${part} ${Object.entries(ZONE_PARTS)
          .map(([fi, t]) => `WHEN ${quoted(fi)} THEN ${quoted(t[lang])}`)
          .join(' ')} ELSE ${part} END`;
  return `(SELECT upper(left(z.s, 1)) || substr(z.s, 2) FROM (SELECT string_agg(${tr}, ' / ' ORDER BY u.n) AS s
    FROM unnest(string_to_array(p.transit_zone, '/')) WITH ORDINALITY AS u(part, n)) z)`;
};

const col = (
  key: string,
  type: ColumnType,
  fi: string,
  sv: string,
  en: string,
  extra: Partial<ExportColumn> = {},
): ExportColumn => ({ key, sql: `p.${key}`, type, label: { fi, sv, en }, ...extra });

/** Every exportable column, in file order. The default export carries them all. */
export const COLUMNS: readonly ExportColumn[] = [
  col('id', 'integer', 'Tunniste', 'Id', 'Id'),
  col('property_id', 'text', 'Kiinteistötunnus', 'Fastighetsbeteckning', 'Property ID'),
  col('block_plot', 'text', 'Kortteli/tontti', 'Kvarter/tomt', 'Block/plot'),
  col('address', 'text', 'Osoite', 'Adress', 'Address'),
  col('postal_code', 'text', 'Postinumero', 'Postnummer', 'Postal code'),
  col('district_number', 'integer', 'Kaupunginosa nro', 'Stadsdel nr', 'District no.'),
  col('district_name', 'text', 'Kaupunginosa', 'Stadsdel', 'District', { sql: nameSql('d') }),
  col('sub_district_number', 'integer', 'Osa-alue nro', 'Delområde nr', 'Sub-district no.'),
  col('sub_district_name', 'text', 'Osa-alue', 'Delområde', 'Sub-district', { sql: nameSql('sd') }),
  col('use_code', 'text', 'Käyttötarkoitus', 'Användningsändamål', 'Use code'),
  col('use_class', 'text', 'Käyttöluokka', 'Användningsklass', 'Use class', { coded: true }),
  col('area_m2', 'real', 'Pinta-ala', 'Areal', 'Area', { unit: 'm²' }),
  col('building_right_kem2', 'real', 'Rakennusoikeus', 'Byggrätt', 'Building right', { unit: 'k-m²' }),
  col('efficiency', 'real', 'Tehokkuus e', 'Exploateringstal e', 'Efficiency e'),
  col('plan_number', 'text', 'Asemakaava', 'Detaljplan', 'Plan number'),
  col('plan_state', 'text', 'Kaavan tila', 'Planens status', 'Plan state', { coded: true }),
  col('registered', 'boolean', 'Rekisteröity', 'Registrerad', 'Registered'),
  col('availability', 'text', 'Saatavuus', 'Tillgänglighet', 'Availability', { coded: true }),
  col('draw_ends_on', 'date', 'Haku päättyy', 'Utlysningen slutar', 'Draw ends'),
  col('allocation_method', 'text', 'Luovutustapa', 'Överlåtelsesätt', 'Allocation method', { coded: true }),
  col('tenure', 'text', 'Hallintamuoto', 'Besittningsform', 'Tenure', { coded: true }),
  col('sale_price_eur', 'real', 'Myyntihinta', 'Försäljningspris', 'Sale price', { unit: '€' }),
  col(
    'lease_basis_eur_kem2',
    'real',
    'Vuokran perusteena oleva hinta (ind. 100)',
    'Arrendegrund (index 100)',
    'Lease basis (index 100)',
    { unit: '€/k-m²' },
  ),
  col('price_eur_kem2', 'real', 'Hinta', 'Pris', 'Price', { unit: '€/k-m²' }),
  col('build_obligation_years', 'integer', 'Rakentamisvelvoite', 'Byggskyldighet', 'Build obligation', {
    unit: 'v / år / yr',
  }),
  col(
    'earliest_construction_on',
    'date',
    'Rakentaminen aikaisintaan',
    'Byggstart tidigast',
    'Earliest construction',
  ),
  col('building_prohibition', 'boolean', 'Rakennuskielto', 'Byggförbud', 'Building prohibition'),
  col('transit_zone', 'text', 'Kaupunkirakenteen vyöhyke', 'Stadsstrukturzon', 'Urban structure zone', {
    sql: zoneSql,
  }),
  col('plan_regulations_url', 'text', 'Kaavamääräykset', 'Planbestämmelser', 'Plan regulations'),
  col('notes', 'text', 'Lisätiedot', 'Tilläggsuppgifter', 'Notes'),
  col('is_demo', 'boolean', 'Esittelyaineisto', 'Demodata', 'Demo data'),
];

export const COLUMN_KEYS = COLUMNS.map((c) => c.key);

/** The SQL of a column for `lang`. */
export const columnSql = (c: ExportColumn, lang: Lang): string =>
  typeof c.sql === 'function' ? c.sql(lang) : c.sql;

/** The header a person reads: the label in `lang` with its unit, e.g. "Pinta-ala (m²)". */
export function header(c: ExportColumn, lang: Lang): string {
  if (!c.unit) return c.label[lang];
  const unit = c.key === 'build_obligation_years' ? { fi: 'v', sv: 'år', en: 'yr' }[lang] : c.unit;
  return `${c.label[lang]} (${unit})`;
}
