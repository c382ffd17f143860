import { useStaff } from '../context.ts';
import { viewTexts, type Lang } from '../i18n.ts';
import type { PreviewFeature } from '../MapPreview.tsx';

const TEXTS: Record<Lang, Record<string, string>> = {
  fi: {
    title: 'Rajausten korjaukset',
    intro:
      'Näiden rivien rajaus leikkaa itseään. Korjattu rajaus (kartalla täytettynä, tiedoston rajaus katkoviivana) muuttaa pinta-alaa: hyväksy korjaus tai jätä rivi pois ennen tuontia.',
    row: 'Rivi {n}',
    before: 'Pinta-ala tiedostossa',
    after: 'Korjauksen jälkeen',
    change: 'muutos {pct} %',
    accept: 'Hyväksy korjaus',
    exclude: 'Jätä rivi pois',
    undo: 'Peru päätös',
    accepted: 'Korjaus hyväksytty',
    excluded: 'Rivi jätetään pois',
    show: 'Näytä kartalla',
    updates: 'Julkaistujen tonttien muutokset',
    stage: 'Luonnoksiksi: julkaisija julkaisee ne myöhemmin (kartta pysyy ennallaan)',
    publish: 'Julkaise tuonnin yhteydessä',
    committed:
      'Tuotu: {created} uutta luonnosta, {updated} päivitettyä tonttia, {staged} julkaistun tontin muutosta luonnoksina, {unchanged} ennallaan.',
    stated: 'tiedostossa {stated}, rajauksessa {geometry} ({pct} %)',
    unchanged: 'ennallaan {n}',
  },
  sv: {
    title: 'Reparerade gränser',
    intro:
      'Gränsen på dessa rader skär sig själv. Den reparerade gränsen (ifylld på kartan, filens gräns streckad) ändrar arealen: godkänn reparationen eller utelämna raden före importen.',
    row: 'Rad {n}',
    before: 'Areal i filen',
    after: 'Efter reparationen',
    change: 'ändring {pct} %',
    accept: 'Godkänn reparationen',
    exclude: 'Utelämna raden',
    undo: 'Ångra beslutet',
    accepted: 'Reparationen godkänd',
    excluded: 'Raden utelämnas',
    show: 'Visa på kartan',
    updates: 'Ändringar i publicerade tomter',
    stage: 'Som utkast: en publicerare publicerar dem senare (kartan förblir oförändrad)',
    publish: 'Publicera vid importen',
    committed:
      'Importerat: {created} nya utkast, {updated} uppdaterade tomter, {staged} ändringar i publicerade tomter som utkast, {unchanged} oförändrade.',
    stated: 'i filen {stated}, i gränsen {geometry} ({pct} %)',
    unchanged: 'oförändrade {n}',
  },
  en: {
    title: 'Geometry repairs',
    intro:
      'The outline of these rows crosses itself. The repaired shape (filled on the map, the file’s outline dashed) changes the area: accept the repair or exclude the row before importing.',
    row: 'Row {n}',
    before: 'Area in the file',
    after: 'After the repair',
    change: 'change {pct} %',
    accept: 'Accept repair',
    exclude: 'Exclude row',
    undo: 'Undo decision',
    accepted: 'Repair accepted',
    excluded: 'Row excluded',
    show: 'Show on map',
    updates: 'Changes to published plots',
    stage: 'As drafts: a publisher publishes them later (the map stays as it is)',
    publish: 'Publish at import',
    committed:
      'Imported: {created} new drafts, {updated} updated plots, {staged} changes to published plots as drafts, {unchanged} unchanged.',
    stated: '{stated} in the file, {geometry} in the outline ({pct} % off)',
    unchanged: 'unchanged {n}',
  },
};
const texts = viewTexts(TEXTS);

interface Problem {
  code: string;
  area_before?: number;
  area_after?: number;
  change_pct?: number;
}
export interface RepairRow {
  n: number;
  excluded: boolean;
  problems: Problem[];
  original_geometry?: PreviewFeature['geometry'] | null;
}

const UNDECIDED = 'geometry_repair_changes_area';
const ACCEPTED = 'geometry_repair_accepted';
const repairOf = (r: RepairRow) => r.problems.find((p) => p.code === UNDECIDED || p.code === ACCEPTED);

const m2 = (lang: Lang, v: number | undefined) =>
  v === undefined ? '–' : `${v.toLocaleString(lang === 'en' ? 'en-GB' : lang)} m²`;

/**
 * Rows whose repair changes the area, each with the area before and after and the publisher's
 * decision: accept the repaired shape or exclude the row (the commit waits for one or the other).
 */
export function RepairsPanel({
  rows,
  onDecide,
  onShow,
}: {
  rows: RepairRow[];
  onDecide: (n: number, decision: 'accept' | 'exclude' | 'undecided') => void;
  onShow: (n: number) => void;
}) {
  const { lang } = useStaff();
  const tx = texts.tx(lang);
  const repaired = rows.filter(repairOf);
  if (!repaired.length) return null;
  return (
    <section className="panel" aria-labelledby="repairs-title">
      <h3 id="repairs-title">{tx('title')}</h3>
      <p>{tx('intro')}</p>
      <ul className="repairs">
        {repaired.map((r) => {
          const p = repairOf(r)!;
          const decided = r.excluded ? 'excluded' : p.code === ACCEPTED ? 'accepted' : null;
          return (
            <li key={r.n} className={decided ? undefined : 'error'}>
              <strong>{tx('row', { n: String(r.n) })}</strong>: {tx('before')}{' '}
              <span data-area="before">{m2(lang, p.area_before)}</span> → {tx('after')}{' '}
              <span data-area="after">{m2(lang, p.area_after)}</span> (
              {tx('change', { pct: String(p.change_pct ?? '–') })})
              <span className="toolbar">
                <button type="button" onClick={() => onShow(r.n)}>
                  {tx('show')}
                </button>
                {decided ? (
                  <>
                    <span role="status">✓ {tx(decided)}</span>
                    <button type="button" onClick={() => onDecide(r.n, 'undecided')}>
                      {tx('undo')}
                    </button>
                  </>
                ) : (
                  <>
                    <button type="button" className="primary" onClick={() => onDecide(r.n, 'accept')}>
                      {tx('accept')}
                    </button>
                    <button type="button" onClick={() => onDecide(r.n, 'exclude')}>
                      {tx('exclude')}
                    </button>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * The file's own outline of each repaired row, drawn dashed over the repaired shape. As lines:
 * the map drops polygon rings whose area is near nothing, and a bow-tie's lobes cancel out.
 */
export function originalOutlines(rows: RepairRow[]): PreviewFeature[] {
  return rows
    .filter((r) => r.original_geometry && repairOf(r))
    .map((r) => {
      const g = r.original_geometry!;
      const rings = (
        g.type === 'Polygon'
          ? g.coordinates
          : g.type === 'MultiPolygon'
            ? (g.coordinates as unknown[]).flat()
            : []
      ) as unknown[];
      return {
        type: 'Feature',
        geometry: { type: 'MultiLineString', coordinates: rings },
        properties: { n: r.n, state: 'original' },
      };
    });
}

/** Whether changes to published plots are staged as drafts (default) or published at commit. */
export function UpdatesOption({
  publish,
  onChange,
  canPublish,
}: {
  publish: boolean;
  onChange: (publish: boolean) => void;
  canPublish: boolean;
}) {
  const { lang } = useStaff();
  const tx = texts.tx(lang);
  return (
    <fieldset className="panel">
      <legend>{tx('updates')}</legend>
      <label style={{ flexDirection: 'row', alignItems: 'center' }}>
        <input type="radio" name="updates" checked={!publish} onChange={() => onChange(false)} />{' '}
        {tx('stage')}
      </label>
      <label style={{ flexDirection: 'row', alignItems: 'center' }}>
        <input
          type="radio"
          name="updates"
          checked={publish}
          disabled={!canPublish}
          onChange={() => onChange(true)}
        />{' '}
        {tx('publish')}
      </label>
    </fieldset>
  );
}

/** The commit's outcome, counting staged and unchanged rows. */
export function committedText(
  lang: Lang,
  r: { created: number; updated: number; staged: number; unchanged: number },
): string {
  return texts.tx(lang)('committed', {
    created: String(r.created),
    updated: String(r.updated),
    staged: String(r.staged),
    unchanged: String(r.unchanged),
  });
}

/** "unchanged N" for the summary line. */
export const unchangedText = (lang: Lang, n: number) => texts.tx(lang)('unchanged', { n: String(n) });

/** The figures a repair or stated-area problem carries, for the problem table; '' for others. */
export function problemFigures(lang: Lang, problem: object): string {
  const p = problem as Record<string, unknown>;
  const tx = texts.tx(lang);
  const n = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : undefined);
  if (p.code === 'stated_area_differs')
    return `: ${tx('stated', { stated: m2(lang, n('stated')), geometry: m2(lang, n('geometry')), pct: String(p.change_pct) })}`;
  if (n('area_before') === undefined) return '';
  return `: ${m2(lang, n('area_before'))} → ${m2(lang, n('area_after'))} (${String(p.change_pct)} %)`;
}
