/**
 * The import preview's column panels: which CSV column holds the geometry (found by the values,
 * changeable), and the source columns the mapping leaves out, each with its probable field.
 */
import { useEffect, useState } from 'react';
import { useStaff } from '../context.ts';
import { viewTexts } from '../i18n.ts';

export type GeometryChoice = { column: string } | { x: string; y: string };

export interface GeometryFacts {
  chosen: GeometryChoice | null;
  kind: 'wkt' | 'wkb' | 'geojson' | 'xy' | null;
  by_user: boolean;
  candidates: Array<{ kind: string; column?: string; x?: string; y?: string }>;
  columns: string[];
}

export interface Unmapped {
  column: string;
  probably: string | null;
}

const TEXTS = {
  fi: {
    geometry: 'Sijainti',
    found: 'Sijainti luetaan sarakkeesta {what} ({kind}).',
    found_user: 'Sijainti luetaan valitsemastasi sarakkeesta {what} ({kind}).',
    none: 'Tiedostosta ei löytynyt sijaintisaraketta: valitse sarake, jossa rajaus tai koordinaatit ovat.',
    column: 'Sijaintisarake (WKT, WKB tai GeoJSON)',
    x: 'Itä-/x-koordinaatti',
    y: 'Pohjois-/y-koordinaatti',
    or: 'tai koordinaattipari',
    reread: 'Lue tiedosto uudelleen',
    detected: 'tunnistettu',
    kind_wkt: 'WKT',
    kind_wkb: 'WKB',
    kind_geojson: 'GeoJSON',
    kind_xy: 'koordinaatit',
    unmapped: 'Sarakkeet, joita ei tuoda',
    unmapped_hint:
      'Näiden sarakkeiden arvot jäävät pois. Valitse niille kenttä alla, jos ne kuuluvat tonttiin.',
    probably: 'todennäköisesti {field}',
    unknown: 'ei vastaavaa kenttää',
    line: 'tiedoston rivi {line}',
  },
  sv: {
    geometry: 'Läge',
    found: 'Läget läses ur kolumnen {what} ({kind}).',
    found_user: 'Läget läses ur kolumnen du valde, {what} ({kind}).',
    none: 'Filen har ingen kolumn för läge: välj kolumnen med avgränsningen eller koordinaterna.',
    column: 'Kolumn för läge (WKT, WKB eller GeoJSON)',
    x: 'Öst-/x-koordinat',
    y: 'Nord-/y-koordinat',
    or: 'eller ett koordinatpar',
    reread: 'Läs filen på nytt',
    detected: 'identifierad',
    kind_wkt: 'WKT',
    kind_wkb: 'WKB',
    kind_geojson: 'GeoJSON',
    kind_xy: 'koordinater',
    unmapped: 'Kolumner som inte importeras',
    unmapped_hint: 'Värdena i dessa kolumner lämnas bort. Välj ett fält för dem nedan om de hör till tomten.',
    probably: 'troligen {field}',
    unknown: 'inget motsvarande fält',
    line: 'rad {line} i filen',
  },
  en: {
    geometry: 'Location',
    found: 'The location is read from {what} ({kind}).',
    found_user: 'The location is read from the column you chose, {what} ({kind}).',
    none: 'No location column was found in the file: choose the column that holds the outline or the coordinates.',
    column: 'Location column (WKT, WKB or GeoJSON)',
    x: 'East/x coordinate',
    y: 'North/y coordinate',
    or: 'or a coordinate pair',
    reread: 'Read the file again',
    detected: 'detected',
    kind_wkt: 'WKT',
    kind_wkb: 'WKB',
    kind_geojson: 'GeoJSON',
    kind_xy: 'coordinates',
    unmapped: 'Columns not imported',
    unmapped_hint:
      'The values of these columns are left out. Choose a field for them below if they belong to the plot.',
    probably: 'probably {field}',
    unknown: 'no matching field',
    line: 'line {line} of the file',
  },
};
const texts = viewTexts(TEXTS);

const describe = (c: GeometryChoice) => ('x' in c ? `${c.x} + ${c.y}` : c.column);

/** The CSV geometry column (or coordinate pair) in use, and a way to read the file with another. */
export function GeometryPicker({
  facts,
  onPick,
}: {
  facts: GeometryFacts;
  onPick: (choice: GeometryChoice) => void;
}) {
  const { lang } = useStaff();
  const tx = texts.tx(lang);
  const chosen = facts.chosen;
  const [column, setColumn] = useState(chosen && 'column' in chosen ? chosen.column : '');
  const [x, setX] = useState(chosen && 'x' in chosen ? chosen.x : '');
  const [y, setY] = useState(chosen && 'y' in chosen ? chosen.y : '');
  useEffect(() => {
    setColumn(chosen && 'column' in chosen ? chosen.column : '');
    setX(chosen && 'x' in chosen ? chosen.x : '');
    setY(chosen && 'y' in chosen ? chosen.y : '');
  }, [chosen]);
  const detected = new Map(
    facts.candidates.filter((c) => c.column).map((c) => [c.column!, tx(`kind_${c.kind}`)]),
  );
  const choice: GeometryChoice | null = column ? { column } : x && y ? { x, y } : null;
  const changed = choice && (!chosen || describe(choice) !== describe(chosen));
  const options = (value: string, set: (v: string) => void, label: string, marks: Map<string, string>) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value)}>
        <option value="">–</option>
        {facts.columns.map((c) => (
          <option key={c} value={c}>
            {c}
            {marks.has(c) ? ` (${tx('detected')}: ${marks.get(c)})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="panel" role="group" aria-labelledby="geometry-picker-title">
      <h3 id="geometry-picker-title">{tx('geometry')}</h3>
      {chosen ? (
        <p>
          {tx(facts.by_user ? 'found_user' : 'found', {
            what: describe(chosen),
            kind: tx(`kind_${facts.kind ?? 'wkt'}`),
          })}
        </p>
      ) : (
        <p className="warning" role="alert">
          {tx('none')}
        </p>
      )}
      <div className="toolbar">
        {options(
          column,
          (v) => {
            setColumn(v);
            if (v) [setX, setY].forEach((s) => s(''));
          },
          tx('column'),
          detected,
        )}
        <span>{tx('or')}</span>
        {options(
          x,
          (v) => {
            setX(v);
            if (v) setColumn('');
          },
          tx('x'),
          new Map(),
        )}
        {options(
          y,
          (v) => {
            setY(v);
            if (v) setColumn('');
          },
          tx('y'),
          new Map(),
        )}
        <button type="button" disabled={!changed} onClick={() => choice && onPick(choice)}>
          {tx('reread')}
        </button>
      </div>
    </div>
  );
}

/** The source columns the mapping leaves out, as warnings naming the field each probably means. */
export function UnmappedColumns({ unmapped }: { unmapped: Unmapped[] }) {
  const { lang, t } = useStaff();
  const tx = texts.tx(lang);
  if (!unmapped.length) return null;
  return (
    <div className="panel" role="region" aria-labelledby="unmapped-title">
      <h3 id="unmapped-title">
        {tx('unmapped')} ({unmapped.length})
      </h3>
      <p>{tx('unmapped_hint')}</p>
      <ul>
        {unmapped.map((u) => (
          <li key={u.column} className="warning">
            <strong>{u.column}</strong>:{' '}
            {u.probably ? tx('probably', { field: t(`field.${u.probably}`) }) : tx('unknown')}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The upload query naming a geometry choice (none: the server finds it by the values). */
export function geometryQuery(g: GeometryChoice | undefined): Record<string, string> {
  if (!g) return {};
  return 'x' in g ? { x_column: g.x, y_column: g.y } : { geometry_column: g.column };
}

/** A row's line in the file, as an editor or spreadsheet numbers it (the header is line 1). */
export function LineOf({ line }: { line?: number | null }) {
  const { lang } = useStaff();
  if (!line) return null;
  return <small> ({texts.tx(lang)('line', { line: String(line) })})</small>;
}
