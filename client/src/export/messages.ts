/** Every text of the export dialog, in the three languages of the service. */
import type { Lang } from '../../../shared/i18n.ts';
export type { Lang } from '../../../shared/i18n.ts';

const fi = {
  open: 'Vie tiedostoon…',
  title: 'Vie tontit tiedostoon',
  intro: 'Vie nykyisen rajauksen, valinnan tai piirretyn alueen tontit.',
  format: 'Tiedostomuoto',
  csv: 'CSV (taulukko)',
  xlsx: 'Excel (XLSX)',
  geojson: 'GeoJSON',
  gpkg: 'GeoPackage (QGIS)',
  gml: 'GML 3.2',
  kml: 'KML (Google Earth)',
  crs: 'Koordinaattijärjestelmä',
  crsKml: 'KML on aina WGS84-koordinaateissa.',
  'EPSG:3879': 'ETRS-GK25 (EPSG:3879), Helsingin oma',
  'EPSG:3067': 'ETRS-TM35FIN (EPSG:3067), valtakunnallinen',
  'EPSG:4326': 'WGS84 (EPSG:4326)',
  CRS84: 'WGS84 pituus, leveys (CRS84, GeoJSON)',
  delimiter: 'Erotin',
  comma: 'Pilkku',
  semicolon: 'Puolipiste ja desimaalipilkku (suomen- ja ruotsinkielinen Excel)',
  wkt: 'Lisää geometria WKT-muodossa',
  columns: 'Sarakkeet',
  columnsChosen: 'Sarakkeet: {chosen}/{total} valittu',
  all: 'Kaikki',
  none: 'Ei mitään',
  noColumns: 'Valitse vähintään yksi sarake.',
  download: 'Lataa',
  cancel: 'Peruuta',
  close: 'Sulje',
  preparing: 'Valmistellaan tiedostoa…',
  progress: '{received} vastaanotettu, {count} tonttia',
  done: 'Valmis: {file}',
  cancelled: 'Vienti peruttiin.',
  failed: 'Vienti epäonnistui ({code}). Yritä uudelleen.',
  busy: 'Palvelu tekee juuri monta vientiä. Yritä hetken kuluttua uudelleen.',
  tooManyRows:
    'Tontteja on liikaa taulukkoon (enintään 1 048 575 riviä). Rajaa hakua tai valitse CSV tai GeoPackage.',
  offline: 'Vienti keskeytyi: yhteys palveluun katkesi.',
  demo: 'Tiedosto sisältää esittelyaineistoa; lisenssit ja huomautus ovat tiedoston metatiedoissa.',
};

type Messages = typeof fi;

const sv: Messages = {
  open: 'Exportera…',
  title: 'Exportera tomter till fil',
  intro: 'Exporterar tomterna i nuvarande filter, urval eller ritade område.',
  format: 'Filformat',
  csv: 'CSV (tabell)',
  xlsx: 'Excel (XLSX)',
  geojson: 'GeoJSON',
  gpkg: 'GeoPackage (QGIS)',
  gml: 'GML 3.2',
  kml: 'KML (Google Earth)',
  crs: 'Koordinatsystem',
  crsKml: 'KML är alltid i WGS84-koordinater.',
  'EPSG:3879': 'ETRS-GK25 (EPSG:3879), Helsingfors eget',
  'EPSG:3067': 'ETRS-TM35FIN (EPSG:3067), nationellt',
  'EPSG:4326': 'WGS84 (EPSG:4326)',
  CRS84: 'WGS84 longitud, latitud (CRS84, GeoJSON)',
  delimiter: 'Avgränsare',
  comma: 'Komma',
  semicolon: 'Semikolon och decimalkomma (finsk- och svenskspråkig Excel)',
  wkt: 'Lägg till geometrin som WKT',
  columns: 'Kolumner',
  columnsChosen: 'Kolumner: {chosen}/{total} valda',
  all: 'Alla',
  none: 'Inga',
  noColumns: 'Välj minst en kolumn.',
  download: 'Ladda ned',
  cancel: 'Avbryt',
  close: 'Stäng',
  preparing: 'Filen förbereds…',
  progress: '{received} mottaget, {count} tomter',
  done: 'Klart: {file}',
  cancelled: 'Exporten avbröts.',
  failed: 'Exporten misslyckades ({code}). Försök igen.',
  busy: 'Tjänsten gör många exporter just nu. Försök igen om en stund.',
  tooManyRows:
    'För många tomter för ett kalkylblad (högst 1 048 575 rader). Avgränsa sökningen eller välj CSV eller GeoPackage.',
  offline: 'Exporten avbröts: förbindelsen till tjänsten bröts.',
  demo: 'Filen innehåller demodata; licenserna och anmärkningen finns i filens metadata.',
};

const en: Messages = {
  open: 'Export…',
  title: 'Export plots to a file',
  intro: 'Exports the plots of the current filter, selection or drawn area.',
  format: 'File format',
  csv: 'CSV (table)',
  xlsx: 'Excel (XLSX)',
  geojson: 'GeoJSON',
  gpkg: 'GeoPackage (QGIS)',
  gml: 'GML 3.2',
  kml: 'KML (Google Earth)',
  crs: 'Coordinate reference system',
  crsKml: 'KML is always in WGS84 coordinates.',
  'EPSG:3879': 'ETRS-GK25 (EPSG:3879), Helsinki’s own',
  'EPSG:3067': 'ETRS-TM35FIN (EPSG:3067), national',
  'EPSG:4326': 'WGS84 (EPSG:4326)',
  CRS84: 'WGS84 longitude, latitude (CRS84, GeoJSON)',
  delimiter: 'Delimiter',
  comma: 'Comma',
  semicolon: 'Semicolon and decimal comma (Excel in Finnish or Swedish)',
  wkt: 'Add the geometry as WKT',
  columns: 'Columns',
  columnsChosen: 'Columns: {chosen} of {total} chosen',
  all: 'All',
  none: 'None',
  noColumns: 'Choose at least one column.',
  download: 'Download',
  cancel: 'Cancel',
  close: 'Close',
  preparing: 'Preparing the file…',
  progress: '{received} received, {count} plots',
  done: 'Done: {file}',
  cancelled: 'The export was cancelled.',
  failed: 'The export failed ({code}). Please try again.',
  busy: 'Many exports are running right now. Please try again in a moment.',
  tooManyRows:
    'Too many plots for a spreadsheet (at most 1,048,575 rows). Narrow the search or choose CSV or GeoPackage.',
  offline: 'The export stopped: the connection to the service was lost.',
  demo: 'The file holds demo data; the licences and the note are in its metadata.',
};

const ALL: Record<Lang, Messages> = { fi, sv, en };

export type MessageKey = keyof Messages;

/** The text for `key` in `lang`, with {name} placeholders filled from `vars`. */
export function msg(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return ALL[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A failed export as a sentence in the user's language; unknown codes stay visible for support. */
export function failureText(lang: Lang, code: string): string {
  if (code === 'export_busy') return msg(lang, 'busy');
  if (code === 'too_many_rows') return msg(lang, 'tooManyRows');
  if (code === 'network') return msg(lang, 'offline');
  return msg(lang, 'failed', { code });
}
