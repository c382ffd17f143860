/** The static documents of the OGC API: landing page, conformance, collections. */
import { CRS84, STORAGE_CRS, SUPPORTED_CRS } from './crs.ts';
import type { CollectionId } from './params.ts';

export const JSON_TYPE = 'application/json';
export const GEOJSON_TYPE = 'application/geo+json';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

export interface Link {
  href: string;
  rel: string;
  type?: string;
  title?: string;
}

// Titles carry all three languages: GIS clients show one string and have no language switch.
const TITLES: Record<CollectionId, { title: string; description: string }> = {
  plots: {
    title: 'Yritystontit / Företagstomter / Business plots',
    description:
      'Helsingin liike-, toimisto- ja teollisuustontit. / Helsingfors affärs-, kontors- och industritomter. / ' +
      "Helsinki's commercial, office and industrial plots. Features with is_demo = true are generated demo data, not real plots.",
  },
  districts: {
    title: 'Kaupunginosat / Stadsdelar / Districts',
    description:
      'Helsingin kaupunginosat. / Helsingfors stadsdelar. / Districts of Helsinki. ' +
      'CC BY 4.0, Helsingin kaupunki, kaupunkimittauspalvelut.',
  },
};

export function landingPage(base: string) {
  return {
    title: 'Tonttiluukku',
    description:
      'Helsingin yritystontit OGC API - Features -rajapintana. / Helsingfors företagstomter som OGC API - Features. / ' +
      "Helsinki's business plots as OGC API - Features.",
    links: [
      { href: `${base}?f=json`, rel: 'self', type: JSON_TYPE, title: 'This document' },
      { href: `${base}/api`, rel: 'service-desc', type: OPENAPI_TYPE, title: 'The API definition' },
      { href: `${base}/conformance`, rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
      { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'Collections' },
    ] satisfies Link[],
  };
}

export function conformance(base: string) {
  return {
    links: [{ href: `${base}/conformance`, rel: 'self', type: JSON_TYPE }] satisfies Link[],
    conformsTo: CONFORMANCE,
  };
}

/** Extents per collection in CRS84, [minLon, minLat, maxLon, maxLat]. */
export type Extents = Record<CollectionId, [number, number, number, number]>;

export function collection(base: string, id: CollectionId, extents: Extents) {
  const href = `${base}/collections/${id}`;
  const links: Link[] = [
    { href, rel: 'self', type: JSON_TYPE, title: 'This collection' },
    { href: `${href}/items`, rel: 'items', type: GEOJSON_TYPE, title: 'Features' },
  ];
  if (id === 'plots') {
    // The same plots as files, through the export (which takes the same filter parameters).
    const root = base.replace(/\/ogc$/, '');
    links.push(
      { href: `${root}/api/export?format=csv`, rel: 'alternate', type: 'text/csv', title: 'CSV' },
      {
        href: `${root}/api/export?format=gpkg`,
        rel: 'alternate',
        type: 'application/geopackage+sqlite3',
        title: 'GeoPackage',
      },
    );
  }
  return {
    id,
    ...TITLES[id],
    itemType: 'feature',
    extent: { spatial: { bbox: [extents[id]], crs: CRS84.uri } },
    crs: SUPPORTED_CRS.map((c) => c.uri),
    storageCrs: STORAGE_CRS.uri,
    links,
  };
}

export function collections(base: string, extents: Extents) {
  return {
    links: [
      { href: `${base}/collections`, rel: 'self', type: JSON_TYPE, title: 'Collections' },
    ] satisfies Link[],
    collections: (['plots', 'districts'] as const).map((id) => collection(base, id, extents)),
    crs: SUPPORTED_CRS.map((c) => c.uri),
  };
}
