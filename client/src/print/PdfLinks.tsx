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
}: {
  plotId: number;
  shortlistIds: number[];
  lang: Lang;
}) {
  const t = TEXT[lang];
  return (
    <>
      <a className="btn" href={`/api/plots/${plotId}/factsheet.pdf?lang=${lang}`} download>
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
