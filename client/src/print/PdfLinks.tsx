/**
 * The card's links to the printable PDFs the server makes: the plot's fact sheet and, once the
 * shortlist holds plots, the shortlist. Plain links with `download`: the browser saves the file
 * and no script stands between the user and it.
 */
import './print.css';

type Lang = 'fi' | 'sv' | 'en';

const TEXT: Record<Lang, { factSheet: string; shortlist: string }> = {
  fi: { factSheet: 'Tonttikortti (PDF)', shortlist: 'Muistilista (PDF, {n} tonttia)' },
  sv: { factSheet: 'Tomtblad (PDF)', shortlist: 'Minneslista (PDF, {n} tomter)' },
  en: { factSheet: 'Fact sheet (PDF)', shortlist: 'Shortlist (PDF, {n} plots)' },
};

export function PdfLinks({
  plotId,
  shortlistIds,
  lang,
  basemap,
}: {
  plotId: number;
  shortlistIds: number[];
  lang: Lang;
  /** The map's background: the fact sheet's map is drawn on it (the built-in map needs no parameter). */
  basemap?: string;
}) {
  const t = TEXT[lang];
  const bg = basemap && basemap !== 'builtin' ? `&basemap=${encodeURIComponent(basemap)}` : '';
  return (
    <>
      <a className="btn" href={`/api/plots/${plotId}/factsheet.pdf?lang=${lang}${bg}`} download>
        {t.factSheet}
      </a>
      {shortlistIds.length > 0 && (
        <a className="btn" href={`/api/shortlist.pdf?ids=${shortlistIds.join(',')}&lang=${lang}`} download>
          {t.shortlist.replace('{n}', String(shortlistIds.length))}
        </a>
      )}
    </>
  );
}
