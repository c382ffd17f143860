import { PbfWriter } from 'pbf';
import type { TileAddress } from './address.ts';
import { TILE_EXTENT } from './sql.ts';

/**
 * One row of the `geojson` tile statement: per layer, a JSON array whose first element names the
 * properties and whose other elements are features, each its property values followed by its
 * GeoJSON geometry already in tile units (null when the layer has no features).
 */
export type TileFeatureText = Record<string, string | null>;

type Value = string | number | boolean;
type Position = [number, number];
type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

interface Feature {
  id?: number;
  tags: number[];
  type: 1 | 3; // MVT point, polygon
  geometry: number[];
}

const command = (id: number, count: number) => (id & 0x7) | (count << 3);
const zigzag = (n: number) => (n << 1) ^ (n >> 31);

/** Twice the ring's area by the surveyor's formula in tile units (y down): > 0 for an outer ring as MVT wants it. */
function area2(ring: Position[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return s;
}

/** The ring without repeated or closing points, wound as `outer` says; undefined when it has no area left. */
function cleanRing(ring: Position[], outer: boolean): Position[] | undefined {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1])
    out.pop();
  if (out.length < 3) return undefined;
  const a = area2(out);
  if (a === 0) return undefined;
  return a > 0 === outer ? out : out.reverse();
}

function polygons(g: Geometry): Position[][][] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygons);
  return [];
}

/** MVT geometry commands for a feature (relative moves from one cursor), or undefined when nothing drawable is left. */
function encodeGeometry(g: Geometry): { type: 1 | 3; geometry: number[] } | undefined {
  const out: number[] = [];
  let cx = 0;
  let cy = 0;
  const move = ([x, y]: Position) => {
    out.push(zigzag(x - cx), zigzag(y - cy));
    cx = x;
    cy = y;
  };
  if (g.type === 'Point' || g.type === 'MultiPoint') {
    const points = g.type === 'Point' ? [g.coordinates] : g.coordinates;
    if (!points.length) return undefined;
    out.push(command(1, points.length));
    points.forEach(move);
    return { type: 1, geometry: out };
  }
  for (const polygon of polygons(g)) {
    const outer = polygon[0] && cleanRing(polygon[0], true);
    if (!outer) continue; // an outer ring collapsed to the grid takes its holes with it
    for (const ring of [outer, ...polygon.slice(1).map((r) => cleanRing(r, false))]) {
      if (!ring) continue;
      out.push(command(1, 1));
      move(ring[0]!);
      out.push(command(2, ring.length - 1));
      for (let i = 1; i < ring.length; i++) move(ring[i]!);
      out.push(command(7, 1));
    }
  }
  return out.length ? { type: 3, geometry: out } : undefined;
}

interface Layer {
  name: string;
  features: Feature[];
  keys: string[];
  values: Value[];
}

function writeLayer(layer: Layer, pbf: PbfWriter): void {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  for (const f of layer.features) pbf.writeMessage(2, writeFeature, f);
  for (const k of layer.keys) pbf.writeStringField(3, k);
  for (const v of layer.values) pbf.writeMessage(4, writeValue, v);
  pbf.writeVarintField(5, TILE_EXTENT);
}

function writeFeature(f: Feature, pbf: PbfWriter): void {
  if (f.id !== undefined) pbf.writeVarintField(1, f.id);
  pbf.writePackedVarint(2, f.tags);
  pbf.writeVarintField(3, f.type);
  pbf.writePackedVarint(4, f.geometry);
}

function writeValue(v: Value, pbf: PbfWriter): void {
  if (typeof v === 'string') pbf.writeStringField(1, v);
  else if (typeof v === 'boolean') pbf.writeBooleanField(7, v);
  else if (!Number.isInteger(v)) pbf.writeDoubleField(3, v);
  else if (v < 0) pbf.writeSVarintField(6, v);
  else pbf.writeVarintField(5, v);
}

/**
 * Encodes the features PostGIS selected, clipped and moved into tile units into one Mapbox
 * Vector Tile (version 2), as ST_AsMVT would: repeated points dropped, rings wound as the spec
 * says, rings and features that collapse to the grid left out, null properties left out, a
 * property `id` also the feature's id. Layers without features are left out; no layer gives an
 * empty buffer. Throws only on malformed text (a bug in the statement, not in the request).
 */
export function encodeTile(_a: TileAddress, rows: TileFeatureText): Uint8Array {
  const pbf = new PbfWriter();
  let layers = 0;
  for (const [name, text] of Object.entries(rows)) {
    if (!text) continue;
    const [fields, ...items] = JSON.parse(text) as [string[], ...unknown[][]];
    const keys = new Map<string, number>();
    const values = new Map<string, number>();
    const valueList: Value[] = [];
    const features: Feature[] = [];
    const idAt = fields[0] === 'id' ? 0 : -1;
    for (const item of items) {
      const g = encodeGeometry(item[fields.length] as Geometry);
      if (!g) continue;
      const tags: number[] = [];
      fields.forEach((field, i) => {
        const v = item[i] as Value | null;
        if (v === null || v === undefined) return;
        let k = keys.get(field);
        if (k === undefined) keys.set(field, (k = keys.size));
        const vk = `${typeof v}:${v}`;
        let vi = values.get(vk);
        if (vi === undefined) {
          values.set(vk, (vi = valueList.length));
          valueList.push(v);
        }
        tags.push(k, vi);
      });
      features.push({ id: idAt >= 0 ? (item[idAt] as number) : undefined, tags, ...g });
    }
    if (!features.length) continue;
    layers++;
    pbf.writeMessage(3, writeLayer, { name, features, keys: [...keys.keys()], values: valueList });
  }
  return layers ? pbf.finish() : new Uint8Array(0);
}
