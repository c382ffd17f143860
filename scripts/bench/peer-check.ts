/**
 * The peer benchmark's comparability checks, printed before any timing: both servers must give
 * the same features, attributes and values for the same question, and tiles of the same content.
 */
import http from 'node:http';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Db } from '../../server/db/index.ts';
import { get, pct } from './peer-load.ts';
import { mapServerItemsPath, mapServerTilePath } from './peer-mapserver.ts';
import { tilesByDensity } from './tiles-sample.ts';

interface Side {
  url: string;
}

const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');

interface Feature {
  id: string | number;
  properties: Record<string, unknown>;
}
interface Page {
  numberMatched?: number;
  features: Feature[];
}

const sameValue = (a: unknown, b: unknown) =>
  a === b ||
  (a == null && (b == null || b === '')) ||
  (typeof a === 'number' && Number(b) === a) ||
  (typeof a === 'boolean' && String(b) === String(a)) ||
  String(a) === String(b);

/** Same features and attribute values for the same bboxes, on both sides; printed as a table. */
export async function checkItems(
  ours: Side,
  ms: Side,
  boxes: string[],
  box: { w: number; h: number },
): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  let sameCount = 0;
  let sameIds = 0;
  const matched: number[] = [];
  const differing = new Map<string, number>();
  let compared = 0;
  let ourKeys: string[] = [];
  let theirKeys: string[] = [];
  const pageBytes: [number[], number[]] = [[], []];
  for (const bbox of boxes) {
    const all = `limit=10000&bbox=${bbox}`;
    const [a, b] = await Promise.all([
      get(agent, `${ours.url}/ogc/collections/plots/items?f=json&${all}`),
      get(agent, `${ms.url}${mapServerItemsPath(all)}`),
    ]);
    if (a.status !== 200 || b.status !== 200)
      throw new Error(`items check: ${a.status} / ${b.status}: ${b.body.toString().slice(0, 300)}`);
    const pa = JSON.parse(a.body.toString()) as Page;
    const pb = JSON.parse(b.body.toString()) as Page;
    matched.push(pa.numberMatched ?? NaN);
    if (pa.numberMatched === pb.numberMatched) sameCount++;
    const byId = new Map(pb.features.map((x) => [String(x.id), x]));
    if (pa.features.length === pb.features.length && pa.features.every((x) => byId.has(String(x.id))))
      sameIds++;
    for (const x of pa.features) {
      const y = byId.get(String(x.id));
      if (!y) continue;
      compared++;
      for (const [k, v] of Object.entries(x.properties))
        if (!sameValue(v, y.properties[k])) differing.set(k, (differing.get(k) ?? 0) + 1);
    }
    if (!ourKeys.length && pa.features[0]) ourKeys = Object.keys(pa.features[0].properties);
    if (!theirKeys.length && pb.features[0]) theirKeys = Object.keys(pb.features[0].properties);
    const page = `limit=100&bbox=${bbox}`;
    const [c, d] = await Promise.all([
      get(agent, `${ours.url}/ogc/collections/plots/items?f=json&${page}`),
      get(agent, `${ms.url}${mapServerItemsPath(page)}`),
    ]);
    pageBytes[0].push(c.body.length);
    pageBytes[1].push(d.body.length);
  }
  agent.destroy();
  const missing = ourKeys.filter((k) => !theirKeys.includes(k));
  const extra = theirKeys.filter((k) => !ourKeys.includes(k));
  console.log(
    `Items, the same ${boxes.length} bboxes of ${box.w} x ${box.h} degrees on both sides (limit 10000):\n`,
  );
  console.log(
    `- numberMatched equal: ${sameCount}/${boxes.length} (ours: median ${pct(matched, 50)}, ${Math.min(...matched)}-${Math.max(...matched)} per bbox)`,
  );
  console.log(`- the same feature ids: ${sameIds}/${boxes.length}`);
  console.log(
    `- properties per feature: ours ${ourKeys.length}, MapServer ${theirKeys.length}` +
      (missing.length || extra.length
        ? ` (MapServer lacks ${missing.join(', ') || '-'}; has extra ${extra.join(', ') || '-'})`
        : ', the same names'),
  );
  console.log(
    `- property values of ${compared} features compared: ` +
      (differing.size
        ? `differing in ${[...differing].map(([k, n]) => `${k} (${n})`).join(', ')}`
        : 'all equal'),
  );
  console.log(
    `- a page of 100: ours ${f(pct(pageBytes[0], 50) / 1024)} KB, MapServer ${f(pct(pageBytes[1], 50) / 1024)} KB (median)\n`,
  );
}

/**
 * Features of a tile's layer: all, and those reaching into the tile proper (bbox overlap with
 * 0..extent). Ours also carries plots only in the 64-unit buffer, which MapServer's query leaves out.
 */
function tileFeatures(buf: Buffer, name: string): { all: number; inside: number; attributes: string[] } {
  const layer = buf.length ? new VectorTile(new PbfReader(buf)).layers[name] : undefined;
  if (!layer) return { all: 0, inside: 0, attributes: [] };
  let inside = 0;
  for (let i = 0; i < layer.length; i++) {
    const [x0 = 0, y0 = 0, x1 = -1, y1 = -1] = layer.feature(i).bbox();
    if (x1 >= 0 && y1 >= 0 && x0 <= layer.extent && y0 <= layer.extent) inside++;
  }
  const attributes = layer.length ? Object.keys(layer.feature(0).properties).sort() : [];
  return { all: layer.length, inside, attributes };
}

/** Feature counts of the densest tiles per zoom, decoded from both sides' MVT. */
export async function checkTiles(db: Db, ours: Side, ms: Side, zooms: number[]): Promise<void> {
  const agent = new http.Agent({ keepAlive: true });
  const attributes: [string[], string[]] = [[], []];
  console.log('Tiles, the 6 densest per zoom, features in the `plots` layer:\n');
  console.log(
    '| zoom | tiles | ours features (with buffer) | ours in the tile proper | MapServer features | equal in the tile proper | ours KB | MapServer KB |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const z of zooms) {
    const sample = await tilesByDensity(db, z, 6);
    let equal = 0;
    const counts: [number[], number[], number[]] = [[], [], []];
    const kb: [number[], number[]] = [[], []];
    for (const t of sample) {
      const [a, b] = await Promise.all([
        get(agent, `${ours.url}/tiles/plots/${t.z}/${t.x}/${t.y}.mvt`),
        get(agent, `${ms.url}${mapServerTilePath(t.z, t.x, t.y)}`),
      ]);
      const na = tileFeatures(a.body, 'plots');
      const nb = tileFeatures(b.body, 'plots');
      counts[0].push(na.all);
      counts[1].push(na.inside);
      counts[2].push(nb.all);
      kb[0].push(a.body.length / 1024);
      kb[1].push(b.body.length / 1024);
      if (na.inside === nb.all) equal++;
      if (!attributes[0].length) attributes[0] = na.attributes;
      if (!attributes[1].length) attributes[1] = nb.attributes;
    }
    const range = (xs: number[], d = 0) => `${f(Math.min(...xs), d)}-${f(Math.max(...xs), d)}`;
    console.log(
      `| ${z} | ${sample.length} | ${range(counts[0])} | ${range(counts[1])} | ${range(counts[2])} | ${equal}/${sample.length} | ${range(kb[0], 1)} | ${range(kb[1], 1)} |`,
    );
  }
  agent.destroy();
  const same = attributes[0].join() === attributes[1].join();
  console.log(
    `\nTile attributes: ours ${attributes[0].join(', ')}; MapServer ${same ? 'the same' : attributes[1].join(', ')}.\n`,
  );
}
