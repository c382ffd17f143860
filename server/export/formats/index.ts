import type { Format } from '../params.ts';
import { csvWriter } from './csv.ts';
import { geojsonWriter } from './geojson.ts';
import { gmlWriter } from './gml.ts';
import { gpkgWriter } from './gpkg.ts';
import { kmlWriter } from './kml.ts';
import type { FormatWriter } from './types.ts';
import { xlsxWriter } from './xlsx.ts';

export const WRITERS: Record<Format, FormatWriter> = {
  csv: csvWriter,
  xlsx: xlsxWriter,
  geojson: geojsonWriter,
  gpkg: gpkgWriter,
  gml: gmlWriter,
  kml: kmlWriter,
};
