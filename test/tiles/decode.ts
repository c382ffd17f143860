import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

export interface DecodedFeature {
  id: number | undefined;
  type: number; // 1 point, 2 line, 3 polygon
  properties: Record<string, unknown>;
  rings: Array<Array<{ x: number; y: number }>>;
}

/** Decodes MVT bytes into layer name -> features (tile units), for assertions. */
export function decodeTile(bytes: Uint8Array): Record<string, DecodedFeature[]> {
  const tile = new VectorTile(new PbfReader(bytes));
  const out: Record<string, DecodedFeature[]> = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    const features: DecodedFeature[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      features.push({
        id: f.id,
        type: f.type,
        properties: { ...f.properties },
        rings: f.loadGeometry().map((r) => r.map((p) => ({ x: p.x, y: p.y }))),
      });
    }
    out[name] = features;
  }
  return out;
}

/** XYZ tile holding lon/lat at zoom z. */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return { z, x, y };
}
