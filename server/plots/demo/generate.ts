import type { Rings } from '../../geo/point-in-polygon.ts';
import { BUSINESS_AREAS, type BusinessArea } from '../../reference/business-areas.ts';
import { intervalsAt, spanInside } from './grid.ts';
import { loadAreas, type Area } from './places.ts';
import { between, seededRandom, weighted } from './random.ts';
import { readGeoJson } from '../../reference/load.ts';
import { lonLatTo3879, type Position } from '../../geo/crs.ts';
import { polygonsOf } from '../../geo/point-in-polygon.ts';

/** One generated plot, in the column names of the plots table; geometry as EPSG:3879 WKT. */
export interface DemoPlot {
  property_id: string;
  address: string;
  postal_code: string;
  sub_district_number: number;
  use_code: string;
  building_right_kem2: number;
  plan_number: string;
  plan_state: 'valid' | 'pending';
  registered: boolean;
  availability: 'available' | 'draw' | 'reserved' | 'leased' | 'coming';
  draw_ends_on: string | null;
  allocation_method: 'lease' | 'sale' | 'draw' | 'competition' | 'direct';
  tenure: 'lease' | 'sale';
  sale_price_eur: number | null;
  lease_basis_eur_kem2: number | null;
  build_obligation_years: number;
  earliest_construction_on: string | null;
  building_prohibition: boolean;
  transit_zone: string;
  notes: string | null;
  status: 'published' | 'draft';
  wkt: string;
}

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Dates in the data (draw deadlines, construction dates) are fixed offsets from this day. */
  epoch?: string;
}

// Dates must not depend on the day the generator runs: same seed, same data.
const DEFAULT_EPOCH = '2026-12-01';
// Business-area grid: 80 m cells, 3 x 2 cells a block, 20 m streets between blocks.
const BUSINESS_CELL_M = 80;
const STREET_M = 20;
// Grid origin south-west of Helsinki, so every cell index is positive.
const ORIGIN: Position = [25_480_000, 6_660_000];

interface Slot {
  x0: number;
  y0: number;
  x1: number;
  y1: number; // rectangle the plot must stay inside
  area: number; // index into areas
  block: string;
  zone: string;
}

const GENERAL_AREA: BusinessArea = {
  subDistrict: 0,
  useCodes: { KTY: 3, T: 3, K: 2, KT: 2, TV: 1, KL: 1 },
  streets: [
    'Teollisuuskatu',
    'Konepajankuja',
    'Varastotie',
    'Toimistokatu',
    'Liiketie',
    'Yrittäjänkuja',
    'Logistiikkatie',
    'Työpajatie',
  ],
  postalCode: '00100',
};

/**
 * Generates `count` demo plots inside the real business sub-districts (or, when they cannot
 * hold that many, inside every sub-district: the benchmark sizes), on land only (cells must lie
 * in the urban-structure zones, which never cover open sea), never overlapping (each plot stays
 * inside its own grid cell). Deterministic for a given seed and epoch.
 */
export function* generateDemoPlots(opts: GenerateOptions): Generator<DemoPlot> {
  const rnd = seededRandom(opts.seed ?? 91);
  const epoch = Date.parse(opts.epoch ?? DEFAULT_EPOCH);
  const allAreas = loadAreas();
  const land = loadLandPolygons();
  const profile = new Map(BUSINESS_AREAS.map((a) => [a.subDistrict, a]));
  const business = allAreas.filter((a) => profile.has(a.subDistrict));

  let slots = buildSlots(business, land, BUSINESS_CELL_M, STREET_M, rnd, true);
  let areas = business;
  if (slots.length < opts.count) {
    // Benchmark sizes: spread over the whole city with cells sized to fit the count.
    areas = allAreas;
    let cell = Math.max(6, Math.sqrt((150e6 * 0.5) / opts.count));
    for (;;) {
      slots = buildSlots(allAreas, land, cell, Math.max(2, cell * 0.12), rnd, false);
      if (slots.length >= opts.count || cell <= 4) break;
      cell *= Math.sqrt(slots.length / opts.count) * 0.95;
    }
  }
  if (slots.length < opts.count)
    throw new Error(`Only ${slots.length} demo plots fit; asked for ${opts.count}.`);

  const blockNumbers = new Map<string, number>();
  const nextBlock = new Map<number, number>();
  const nextUnit = new Map<string, number>();
  const streetNumbers = new Map<string, number>();
  let needed = opts.count;
  // Selection sampling (Knuth's algorithm S): exactly `count` slots, uniformly spread.
  for (let i = 0; i < slots.length && needed > 0; i++) {
    if (rnd() * (slots.length - i) >= needed) continue;
    needed--;
    const s = slots[i]!;
    const area = areas[s.area]!;
    const district = Math.floor(area.subDistrict / 10);
    let block = blockNumbers.get(s.block);
    if (block === undefined) {
      // Blocks 1-9899: 99xx are public areas (streets, parks) in Helsinki's numbering.
      block = (nextBlock.get(district) ?? 0) + 1;
      if (block > 9899) throw new Error(`District ${district} ran out of block numbers.`);
      nextBlock.set(district, block);
      blockNumbers.set(s.block, block);
    }
    const unit = (nextUnit.get(s.block) ?? 0) + 1;
    nextUnit.set(s.block, unit);
    const prof = profile.get(area.subDistrict) ?? { ...GENERAL_AREA, subDistrict: area.subDistrict };
    yield makePlot(rnd, epoch, prof, district, block, unit, s, streetNumbers);
  }
}

/** Urban-structure zones as rings in EPSG:3879, each with its zone name. */
function loadLandPolygons(): Array<{ rings: Rings; name: string; minY: number; maxY: number }> {
  return readGeoJson('context/ykr_urban_zones_2021_pks.geojson').flatMap((f) =>
    polygonsOf(f.geometry as { type: string; coordinates: unknown }).map((rings) => {
      const gk = rings.map((r) => r.map((p) => lonLatTo3879(p as Position)));
      const ys = gk[0]!.map((p) => p[1]);
      return {
        rings: gk,
        name: String(f.properties.vyohselite),
        minY: Math.min(...ys),
        maxY: Math.max(...ys),
      };
    }),
  );
}

/**
 * Every grid cell whose rectangle lies inside one area and on land, as plot slots. Scanlines at
 * the cell's bottom and top edges decide it, which is exact for the axis-aligned rectangles.
 */
function buildSlots(
  areas: Area[],
  land: ReturnType<typeof loadLandPolygons>,
  cell: number,
  street: number,
  rnd: () => number,
  varied: boolean,
): Slot[] {
  const slots: Slot[] = [];
  const bw = 3 * cell + street; // block width
  const bh = 2 * cell + street; // block height
  // Block numbers run 1-9899 per district: with small benchmark cells, several street blocks
  // share one number so that the largest district (~30 km²) stays inside that range.
  const group = Math.max(1, Math.ceil(Math.sqrt(30e6 / (8_000 * bw * bh))));
  areas.forEach((area, ai) => {
    const [minX, minY, maxX, maxY] = area.bbox;
    const landHere = land.filter((l) => l.maxY >= minY && l.minY <= maxY);
    const by0 = Math.floor((minY - ORIGIN[1]) / bh);
    const by1 = Math.floor((maxY - ORIGIN[1]) / bh);
    for (let by = by0; by <= by1; by++) {
      for (let j = 0; j < 2; j++) {
        const y0 = ORIGIN[1] + by * bh + j * cell;
        const y1 = y0 + cell;
        const inA = [intervalsAt(area.polygons, y0), intervalsAt(area.polygons, y1)];
        if (inA[0]!.length === 0 || inA[1]!.length === 0) continue;
        const landAt = (y: number) =>
          landHere
            .flatMap((l) => intervalsAt([l.rings], y).map((iv) => ({ iv, name: l.name })))
            .sort((a, b) => a.iv[0] - b.iv[0]);
        const l0 = landAt(y0),
          l1 = landAt(y1);
        const bx0 = Math.floor((minX - ORIGIN[0]) / bw);
        const bx1 = Math.floor((maxX - ORIGIN[0]) / bw);
        for (let bx = bx0; bx <= bx1; bx++) {
          for (let i = 0; i < 3; i++) {
            const x0 = ORIGIN[0] + bx * bw + i * cell;
            // Some plots take two cells of a block row: the large logistics and production plots.
            const wide = varied && i < 2 && rnd() < 0.22;
            const x1 = x0 + (wide ? 2 : 1) * cell;
            if (wide) i++;
            if (spanInside(inA[0]!, x0, x1) < 0 || spanInside(inA[1]!, x0, x1) < 0) continue;
            const k0 = spanInside(
              l0.map((l) => l.iv),
              x0,
              x1,
            );
            if (
              k0 < 0 ||
              spanInside(
                l1.map((l) => l.iv),
                x0,
                x1,
              ) < 0
            )
              continue;
            const block = `${ai}:${Math.floor(bx / group)}:${Math.floor(by / group)}`;
            const zone = l0[k0]!.name;
            if (varied && !wide && rnd() < 0.2) {
              // Two smaller plots side by side in this cell.
              const xm = x0 + cell / 2;
              slots.push({ x0, y0, x1: xm, y1, area: ai, block, zone });
              slots.push({ x0: xm, y0, x1, y1, area: ai, block, zone });
            } else {
              slots.push({ x0, y0, x1, y1, area: ai, block, zone });
            }
          }
        }
      }
    }
  });
  return slots;
}

/** Polygon inside the slot: each corner pulled inwards by its own random inset, sometimes a cut corner. */
function plotRing(rnd: () => number, s: Slot): Position[] {
  const w = s.x1 - s.x0,
    h = s.y1 - s.y0;
  const inset = (d: number) => 0.5 + rnd() * d * 0.14;
  const sw: Position = [s.x0 + inset(w), s.y0 + inset(h)];
  const se: Position = [s.x1 - inset(w), s.y0 + inset(h)];
  const ne: Position = [s.x1 - inset(w), s.y1 - inset(h)];
  const nw: Position = [s.x0 + inset(w), s.y1 - inset(h)];
  const ring: Position[] = [sw, se];
  if (rnd() < 0.25) {
    // Chamfered corner, as at a street junction.
    const c = Math.min(w, h) * between(rnd, 0.15, 0.3);
    ring.push([ne[0], ne[1] - c], [ne[0] - c, ne[1]]);
  } else ring.push(ne);
  ring.push(nw, sw);
  return ring;
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return Math.abs(a / 2);
}

const EFFICIENCY: Record<string, [number, number]> = {
  K: [0.8, 2.5],
  KL: [0.5, 1.2],
  KM: [0.4, 1.0],
  C: [1.5, 4.0],
  KT: [1.2, 4.0],
  KTY: [0.6, 1.5],
  P: [0.5, 1.5],
  T: [0.4, 1.0],
  TT: [0.4, 0.9],
  TV: [0.3, 0.8],
  TY: [0.3, 0.8],
  'T/kem': [0.2, 0.6],
  LTA: [0.2, 0.6],
};
// Lease basis, EUR per k-m2 at index point 100 (Helsinki states ground rents this way).
const LEASE_BASIS: Record<string, [number, number]> = {
  commercial: [28, 60],
  office: [30, 70],
  industrial: [14, 32],
};
// Sale prices, EUR per k-m2 in today's money.
const SALE_PRICE: Record<string, [number, number]> = {
  commercial: [500, 1400],
  office: [600, 1800],
  industrial: [180, 500],
};

const classOf = (code: string) =>
  ['K', 'KL', 'KM', 'C'].includes(code)
    ? 'commercial'
    : ['KT', 'KTY', 'P'].includes(code)
      ? 'office'
      : 'industrial';

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;
const fmt = (n: number) => n.toFixed(2);

function makePlot(
  rnd: () => number,
  epoch: number,
  prof: BusinessArea,
  district: number,
  block: number,
  unit: number,
  slot: Slot,
  streetNumbers: Map<string, number>,
): DemoPlot {
  const ring = plotRing(rnd, slot);
  const areaM2 = ringArea(ring);
  const useCode = weighted(rnd, prof.useCodes);
  const cls = classOf(useCode);
  const [eMin, eMax] = EFFICIENCY[useCode]!;
  const buildingRight = Math.max(100, Math.round((areaM2 * between(rnd, eMin, eMax)) / 10) * 10);
  const availability = weighted(rnd, { available: 45, draw: 10, reserved: 15, leased: 20, coming: 10 });
  const tenure = rnd() < 0.85 ? 'lease' : 'sale';
  const allocation =
    availability === 'draw'
      ? 'draw'
      : tenure === 'sale'
        ? rnd() < 0.5
          ? 'sale'
          : 'competition'
        : rnd() < 0.7
          ? 'lease'
          : 'direct';
  const street = prof.streets[Math.floor(rnd() * prof.streets.length)]!;
  const streetKey = `${prof.subDistrict}:${street}`;
  const number = (streetNumbers.get(streetKey) ?? 0) + 1 + Math.floor(rnd() * 2);
  streetNumbers.set(streetKey, number);
  const pending = rnd() < (prof.subDistrict === 385 ? 0.6 : 0.08);
  const [lMin, lMax] = LEASE_BASIS[cls]!;
  const [sMin, sMax] = SALE_PRICE[cls]!;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const coords = ring.map(([x, y]) => `${fmt(x)} ${fmt(y)}`).join(',');
  return {
    property_id: `091-${pad(district, 3)}-${pad(block, 4)}-${pad(unit, 4)}`,
    address: `${street} ${number}`,
    postal_code: prof.postalCode,
    sub_district_number: prof.subDistrict,
    use_code: useCode,
    building_right_kem2: buildingRight,
    // Plan numbers: one per area and block group, five digits as in Helsinki's register.
    plan_number: String(10_000 + ((prof.subDistrict * 37 + Math.floor(block / 8) * 11) % 2_900)),
    plan_state: pending ? 'pending' : 'valid',
    registered: rnd() > 0.15,
    availability,
    draw_ends_on: availability === 'draw' ? isoDay(epoch + Math.round(between(rnd, 20, 60)) * DAY_MS) : null,
    allocation_method: allocation,
    tenure,
    sale_price_eur:
      tenure === 'sale' ? Math.round((buildingRight * between(rnd, sMin, sMax)) / 1000) * 1000 : null,
    lease_basis_eur_kem2: tenure === 'lease' ? Math.round(between(rnd, lMin, lMax) * 10) / 10 : null,
    build_obligation_years: 2 + Math.floor(rnd() * 3),
    earliest_construction_on:
      availability === 'coming' || pending
        ? isoDay(epoch + Math.round(between(rnd, 180, 900)) * DAY_MS)
        : null,
    building_prohibition: pending && rnd() < 0.3,
    transit_zone: slot.zone,
    notes: null,
    status: rnd() < 0.97 ? 'published' : 'draft',
    wkt: `MULTIPOLYGON(((${coords})))`,
  };
}
