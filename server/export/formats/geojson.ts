import { header } from '../columns.ts';
import { LICENCES, TEXT } from '../i18n.ts';
import type { FormatWriter } from './types.ts';

const CRS_URN: Record<string, string> = {
  'EPSG:3879': 'urn:ogc:def:crs:EPSG::3879',
  'EPSG:3067': 'urn:ogc:def:crs:EPSG::3067',
};

/**
 * GeoJSON. In CRS84/EPSG:4326 it is RFC 7946 (longitude, latitude; no crs member). In
 * EPSG:3879/3067 the coordinates are easting, northing and the CRS is declared with the
 * GeoJSON 2008 `crs` member, which GDAL and QGIS read. Properties keep stable field names and
 * codes (machine-readable); the `metadata` foreign member carries the title, the demo note,
 * the licences and each field's title and unit in the user's language.
 */
export const geojsonWriter: FormatWriter = {
  contentType: 'application/geo+json; charset=utf-8',
  extension: 'geojson',
  geometry: () => 'geojson',
  async write(rows, sink, ctx) {
    const { req } = ctx;
    const head: Record<string, unknown> = { type: 'FeatureCollection', name: TEXT.fileStem[req.lang] };
    const urn = CRS_URN[req.crs];
    if (urn) head.crs = { type: 'name', properties: { name: urn } };
    head.metadata = {
      title: TEXT.title[req.lang],
      demo: ctx.demo,
      ...(ctx.demo ? { note: TEXT.demoNote[req.lang] } : {}),
      licences: LICENCES,
      crs: req.crs,
      generated: ctx.generatedAt.toISOString(),
      filter: ctx.filterText,
      count: ctx.count,
      fields: req.columns.map((c) => ({
        name: c.key,
        title: header(c, req.lang),
        ...(c.unit ? { unit: c.unit } : {}),
      })),
    };
    const open = JSON.stringify(head);
    await sink.write(open.slice(0, -1) + ',"features":[\n');
    let first = true;
    for await (const batch of rows) {
      let out = '';
      for (const r of batch) {
        let props = '';
        for (const c of req.columns)
          props += `,${JSON.stringify(c.key)}:${jsonValue(r[c.key], c.type === 'real')}`;
        out += `${first ? '' : ',\n'}{"type":"Feature","id":${Number(r.row_id)},"geometry":${String(r.geom_json)},"properties":{${props.slice(1)}}}`;
        first = false;
      }
      await sink.write(out);
    }
    await sink.write('\n]}\n');
  },
};

/**
 * A property value as JSON. Whole numbers of a real-valued field keep a decimal point (5234.0):
 * readers that guess types from values (GDAL, QGIS) would otherwise make area an integer field.
 */
function jsonValue(v: unknown, real: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (real && typeof v === 'number' && Number.isInteger(v)) return `${v}.0`;
  return JSON.stringify(v);
}
