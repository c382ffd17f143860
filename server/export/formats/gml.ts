import { header } from '../columns.ts';
import { noticeText } from '../i18n.ts';
import { escapeXml, type FormatWriter } from './types.ts';

const NS = 'urn:x-tonttiluukku:plots';
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

/**
 * GML 3.2 feature collection. Geometries name their CRS as `urn:ogc:def:crs:EPSG::<code>`,
 * whose EPSG axis order is followed: northing before easting in EPSG:3879, easting before
 * northing in EPSG:3067 (the registry defines it as E,N), latitude before longitude in
 * EPSG:4326. CRS84 is named by its OGC URI and keeps longitude, latitude.
 * Field names are the stable keys; the collection's description holds the demo note, the
 * licences and each field's title with its unit in the user's language.
 */
export const gmlWriter: FormatWriter = {
  contentType: 'application/gml+xml; version=3.2; charset=utf-8',
  extension: 'gml',
  geometry: () => 'gml',
  async write(rows, sink, ctx) {
    const { req } = ctx;
    const fields = req.columns.map((c) => `${c.key}: ${header(c, req.lang)}`).join('\n');
    await sink.write(
      `<?xml version="1.0" encoding="UTF-8"?>\n<tl:FeatureCollection xmlns:tl="${NS}" xmlns:gml="http://www.opengis.net/gml/3.2" gml:id="plots">` +
        `<gml:description>${escapeXml(`${noticeText(req.lang, ctx.demo)}\n\n${fields}`)}</gml:description>\n`,
    );
    for await (const batch of rows) {
      let out = '';
      for (const r of batch) {
        let props = '';
        for (const c of req.columns) {
          const v = r[c.key];
          if (v === null || v === undefined) continue;
          props += `<tl:${c.key}>${escapeXml(String(v))}</tl:${c.key}>`;
        }
        out += `<gml:featureMember><tl:plot gml:id="plot.${Number(r.row_id)}">${props}<tl:geometry>${fixGml(String(r.geom_gml), req.crs)}</tl:geometry></tl:plot></gml:featureMember>\n`;
      }
      await sink.write(out);
    }
    await sink.write('</tl:FeatureCollection>\n');
  },
};

/**
 * PostGIS gives every part of a multi-geometry the same gml:id; XML ids must be unique, so the
 * parts are numbered. CRS84 output is renamed from the EPSG:4326 URN PostGIS writes.
 */
function fixGml(gml: string, crs: string): string {
  let n = 0;
  let out = gml.replace(/gml:id="([^"]+)"/g, (m, id: string) => (n++ === 0 ? m : `gml:id="${id}.${n - 1}"`));
  if (crs === 'CRS84') out = out.replace('srsName="urn:ogc:def:crs:EPSG::4326"', `srsName="${CRS84}"`);
  return out;
}
