import { header } from '../columns.ts';
import { noticeText, TEXT } from '../i18n.ts';
import { escapeXml, type FormatWriter } from './types.ts';

/**
 * KML 2.2, always WGS84 longitude, latitude (the format allows nothing else). One Placemark per
 * plot named by its property id; every chosen field as ExtendedData with its title in the
 * user's language; the document description carries the demo note and the licences.
 */
export const kmlWriter: FormatWriter = {
  contentType: 'application/vnd.google-earth.kml+xml; charset=utf-8',
  extension: 'kml',
  geometry: () => 'kml',
  async write(rows, sink, ctx) {
    const { req } = ctx;
    const lang = req.lang;
    const schema = req.columns
      .map(
        (c) =>
          `<SimpleField name="${c.key}" type="${kmlType(c.type)}"><displayName>${escapeXml(header(c, lang))}</displayName></SimpleField>`,
      )
      .join('');
    await sink.write(
      `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document id="plots">` +
        `<name>${escapeXml(TEXT.title[lang])}</name><description>${escapeXml(noticeText(lang, ctx.demo))}</description>` +
        `<Style id="plot"><LineStyle><color>ff1f5fd6</color><width>1.5</width></LineStyle><PolyStyle><color>401f5fd6</color></PolyStyle></Style>` +
        `<Schema name="plot" id="plot">${schema}</Schema>` +
        // One folder holds the plots: GIS readers make it the layer, present even when empty.
        `<Folder><name>${escapeXml(TEXT.sheet[lang])}</name>\n`,
    );
    for await (const batch of rows) {
      let out = '';
      for (const r of batch) {
        const data = req.columns
          .map((c) => {
            const v = r[c.key];
            if (v === null || v === undefined) return '';
            // Typed fields keep machine values (codes, 1/0); people see the titles via displayName.
            const text = c.type === 'boolean' ? (v ? '1' : '0') : String(v);
            return `<SimpleData name="${c.key}">${escapeXml(text)}</SimpleData>`;
          })
          .join('');
        const name = escapeXml(String(r.property_id ?? `${TEXT.count[lang]} ${Number(r.row_id)}`));
        out += `<Placemark id="plot.${Number(r.row_id)}"><name>${name}</name><styleUrl>#plot</styleUrl><ExtendedData><SchemaData schemaUrl="#plot">${data}</SchemaData></ExtendedData>${String(r.geom_kml)}</Placemark>\n`;
      }
      await sink.write(out);
    }
    await sink.write('</Folder></Document></kml>\n');
  },
};

function kmlType(t: string): string {
  return t === 'integer' ? 'int' : t === 'real' ? 'double' : t === 'boolean' ? 'bool' : 'string';
}
