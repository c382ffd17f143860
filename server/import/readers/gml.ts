import fs from 'node:fs';
import sax from 'sax';
import { epsgFromName } from '../crs.ts';
import { fileError, type RawFeature, type RawGeometry, type Reader } from '../types.ts';

const MEMBER = new Set(['featureMember', 'member', 'featureMembers']);
const POLYGON = new Set(['Polygon', 'PolygonPatch']);
const RING = new Set(['LinearRing', 'Ring']);
const COORDS = new Set(['posList', 'pos', 'coordinates']);
const LINE = new Set(['LineString', 'Curve', 'LineStringSegment']);
const GEOMETRY = new Set([
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiCurve',
  'MultiPolygon',
  'MultiSurface',
  'Surface',
  'Curve',
  'MultiGeometry',
]);

interface GeomBuild {
  polygons: number[][][][];
  polygon: number[][][] | null;
  ring: number[][] | null;
  points: number[][];
  lines: number;
  inPoint: boolean;
  dim: number;
}

/**
 * GML 2 and 3.2 feature collections and WFS 1.x/2.0 GetFeature responses, read as a stream
 * with sax: memory stays bounded by one feature whatever the file size. Polygons, multi
 * surfaces and points are read; lines are reported by type. Coordinates stay as written
 * (axis order is decided later from srsName and the coordinate ranges).
 */
export const readGml: Reader = async (file, sink, opts) => {
  const parser = sax.parser(true, { xmlns: true, trim: false });
  const queue: RawFeature[] = [];
  let depth = 0;
  let srsName: string | undefined;
  let layer: string | undefined;
  let sawRoot = false;
  let exception: string | undefined;
  let inException = false;
  const memberDepths: number[] = [];
  let feature: {
    depth: number;
    attrs: Record<string, unknown>;
    geometry: RawGeometry | null;
    line: number;
  } | null = null;
  let prop: { name: string; depth: number; text: string; geom: GeomBuild | null; skip?: boolean } | null =
    null;
  let coordText: string | null = null;
  let coordCs = ',';
  let coordDim = 2;

  const newGeom = (): GeomBuild => ({
    polygons: [],
    polygon: null,
    ring: null,
    points: [],
    lines: 0,
    inPoint: false,
    dim: 2,
  });

  parser.onerror = (err) => {
    throw fileError('invalid_gml', 'The file is not well-formed XML.', err.message.split('\n')[0]);
  };
  parser.onopentag = (node) => {
    depth++;
    const tag = node as sax.QualifiedTag;
    const local = tag.local;
    const attr = (n: string) => {
      for (const a of Object.values(tag.attributes)) if (a.local === n) return a.value;
      return undefined;
    };
    if (!sawRoot) {
      sawRoot = true;
      if (local === 'ExceptionReport' || local === 'ServiceExceptionReport') inException = true;
    }
    if (inException) return;
    const srs = attr('srsName');
    if (srs && !srsName) srsName = srs;
    if (!feature) {
      if (MEMBER.has(local)) memberDepths.push(depth);
      else if (memberDepths.length && memberDepths[memberDepths.length - 1] === depth - 1) {
        // sax counts lines from 0; an editor from 1.
        feature = { depth, attrs: {}, geometry: null, line: parser.line + 1 };
        layer ??= local;
        const fid = attr('id');
        if (fid) feature.attrs['gml_id'] = fid;
      }
      return;
    }
    if (!prop) {
      // gml:boundedBy is the feature's envelope, written by the server: no attribute of the plot.
      if (depth === feature.depth + 1)
        prop = { name: local, depth, text: '', geom: null, skip: local === 'boundedBy' };
      return;
    }
    if (prop.skip) return;
    // Inside a property: geometry elements build the geometry; anything else adds text.
    if (GEOMETRY.has(local) || POLYGON.has(local)) prop.geom ??= newGeom();
    const g = prop.geom;
    if (!g) return;
    const dim = attr('srsDimension');
    if (dim) g.dim = Number(dim) || 2;
    if (POLYGON.has(local)) g.polygon = [];
    else if (RING.has(local)) g.ring = [];
    else if (local === 'Point') g.inPoint = true;
    else if (LINE.has(local)) g.lines++;
    else if (COORDS.has(local)) {
      coordText = '';
      coordCs = local === 'coordinates' ? (attr('cs') ?? ',') : ',';
      coordDim = Number(attr('srsDimension') ?? attr('dimension')) || g.dim;
    }
  };
  parser.ontext = (t) => {
    if (inException) exception = (exception ?? '') + t;
    else if (coordText !== null) coordText += t;
    else if (prop && !prop.geom) prop.text += t;
  };
  parser.oncdata = parser.ontext;
  parser.onclosetag = (name) => {
    const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
    if (inException) {
      depth--;
      return;
    }
    if (prop?.geom && !prop.skip) {
      const g = prop.geom;
      if (COORDS.has(local) && coordText !== null) {
        const positions = parsePositions(coordText, local === 'coordinates', coordCs, coordDim);
        coordText = null;
        if (g.ring) g.ring.push(...positions);
        else if (g.inPoint) g.points.push(...positions);
      } else if (RING.has(local) && g.ring) {
        g.polygon?.push(g.ring);
        g.ring = null;
      } else if (POLYGON.has(local) && g.polygon) {
        if (g.polygon.length) g.polygons.push(g.polygon);
        g.polygon = null;
      } else if (local === 'Point') g.inPoint = false;
    }
    if (prop && depth === prop.depth) {
      if (prop.skip) prop = null;
      else if (prop.geom) feature!.geometry = toGeometry(prop.geom);
      else feature!.attrs[prop.name] = prop.text.trim();
      prop = null;
    } else if (feature && depth === feature.depth) {
      queue.push({ attrs: feature.attrs, geometry: feature.geometry, line: feature.line });
      feature = null;
    } else if (memberDepths[memberDepths.length - 1] === depth) memberDepths.pop();
    depth--;
  };

  let bytes = 0;
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 });
  for await (const chunk of stream) {
    bytes += Buffer.byteLength(chunk as string);
    parser.write(chunk as string);
    opts.onBytes?.(bytes);
    while (queue.length) await sink(queue.shift()!);
  }
  parser.close();
  while (queue.length) await sink(queue.shift()!);
  if (exception !== undefined)
    throw fileError(
      'wfs_exception',
      'The file is a WFS error report, not data.',
      exception.trim().replace(/\s+/g, ' ').slice(0, 300),
    );
  if (!sawRoot) throw fileError('invalid_gml', 'The file is empty.', null);
  return {
    format: 'gml',
    layer,
    declared: { epsg: srsName ? (epsgFromName(srsName) ?? -1) : undefined, name: srsName },
  };
};

function parsePositions(text: string, gml2: boolean, cs: string, dim: number): number[][] {
  const out: number[][] = [];
  if (gml2) {
    // GML 2 <coordinates>: "x,y x,y" (cs between values, whitespace between tuples).
    for (const tuple of text.trim().split(/\s+/)) {
      if (!tuple) continue;
      const v = tuple.split(cs).map(Number);
      if (v.length >= 2) out.push([v[0]!, v[1]!]);
    }
    return out;
  }
  const v = text.trim().split(/\s+/).filter(Boolean).map(Number);
  const d = dim >= 2 ? dim : 2;
  for (let i = 0; i + 1 < v.length; i += d) out.push([v[i]!, v[i + 1]!]);
  return out;
}

function toGeometry(g: GeomBuild): RawGeometry | null {
  if (g.polygons.length === 1) return { type: 'Polygon', coordinates: g.polygons[0] };
  if (g.polygons.length > 1) return { type: 'MultiPolygon', coordinates: g.polygons };
  if (g.points.length === 1) return { type: 'Point', coordinates: g.points[0] };
  if (g.points.length > 1) return { type: 'MultiPoint', coordinates: g.points };
  if (g.lines) return { type: 'LineString' };
  return null;
}
