import { beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/fixture.ts';

let published: number;
const app = useTestServer();
beforeAll(async () => {
  const [r] = await app.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM plots WHERE status = 'published'`,
  );
  published = r!.n;
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(app.url + path, { headers });
  const body = res.status === 304 ? null : await res.json();
  return { status: res.status, body, headers: res.headers };
};

interface Item {
  id: number;
  property_id: string;
  area_m2: number;
  price_eur_kem2: number | null;
  use_class: string;
  center: [number, number];
  sub_district: { number: number; name_fi: string };
  is_demo: boolean;
}

describe('GET /api/config', () => {
  it('tells the client the basemap, the start view over Helsinki, the demo flag and the licences', async () => {
    const { status, body } = await get('/api/config');
    expect(status).toBe(200);
    expect(body.basemapStyleUrl).toBe('/basemap/style.json');
    expect(body.demo).toBe(true);
    expect(typeof body.dataVersion).toBe('number');
    const [w, s, e, n] = body.bounds;
    expect(w).toBeGreaterThan(24.5);
    expect(e).toBeLessThan(25.6);
    expect(s).toBeGreaterThan(59.8);
    expect(n).toBeLessThan(60.4);
    expect(body.center[0]).toBeGreaterThan(w);
    expect(body.center[0]).toBeLessThan(e);
    expect(body.licences.map((l: { attribution: string }) => l.attribution)).toContain(
      '© OpenStreetMap contributors',
    );
  });
});

describe('GET /api/config start view', () => {
  it('opens on every business area with published plots, Vuosaari harbour included', async () => {
    const { body } = await get('/api/config');
    const [w, s, e, n] = body.startBounds as [number, number, number, number];
    const [ext] = await app.db.query<{ w: number; s: number; e: number; n: number }>(
      `SELECT ST_XMin(x) AS w, ST_YMin(x) AS s, ST_XMax(x) AS e, ST_YMax(x) AS n
       FROM (SELECT ST_Extent(ST_Transform(point_3857, 4326)) AS x FROM plots WHERE status = 'published') t`,
    );
    expect(w).toBeLessThanOrEqual(ext!.w);
    expect(s).toBeLessThanOrEqual(ext!.s);
    expect(e).toBeGreaterThanOrEqual(ext!.e);
    expect(n).toBeGreaterThanOrEqual(ext!.n);
    // Mustavuori (Vuosaari harbour) lies about 25.15-25.2 E.
    const [harbour] = await app.db.query<{ x: number; y: number }>(
      `SELECT ST_X(c) AS x, ST_Y(c) AS y FROM (SELECT ST_Transform(ST_PointOnSurface(geom), 4326) AS c
       FROM sub_districts WHERE number = 549) t`,
    );
    expect(harbour!.x).toBeLessThanOrEqual(e);
    expect(harbour!.y).toBeGreaterThanOrEqual(s);
    expect(harbour!.y).toBeLessThanOrEqual(n);
  });
});

describe('GET /api/plots', () => {
  it('lists only published plots, with the total matching', async () => {
    const { status, body } = await get('/api/plots?limit=5000');
    expect(status).toBe(200);
    expect(body.total).toBe(published);
    expect(body.items).toHaveLength(published);
    expect(body.next_cursor).toBeNull();
    const ids = body.items.map((i: Item) => i.id);
    const drafts = await app.db.query<{ id: number }>(
      `SELECT id::int FROM plots WHERE status <> 'published'`,
    );
    expect(drafts.length).toBeGreaterThan(0);
    for (const d of drafts) expect(ids).not.toContain(d.id);
  });

  it('gives each item its sub-district names, a centre in Helsinki and the demo flag', async () => {
    const { body } = await get('/api/plots?limit=3');
    for (const i of body.items as Item[]) {
      expect(i.is_demo).toBe(true);
      expect(i.sub_district.name_fi).toMatch(/\w/);
      expect(i.center[0]).toBeGreaterThan(24.8);
      expect(i.center[0]).toBeLessThan(25.3);
      expect(i.center[1]).toBeGreaterThan(60.1);
      expect(i.center[1]).toBeLessThan(60.35);
    }
  });

  it('pages with a cursor through every plot exactly once, in the requested order, unpriced last', async () => {
    // Some plots without a price, so the order must carry on past them.
    await app.db.query(
      `UPDATE plots SET sale_price_eur = NULL, lease_basis_eur_kem2 = NULL
       WHERE id IN (SELECT id FROM plots WHERE status = 'published' ORDER BY id DESC LIMIT 45)`,
    );
    const seen: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const { status, body } = await get(
        `/api/plots?sort=-price_eur_kem2&limit=37${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(status).toBe(200);
      expect(body.total).toBe(published);
      seen.push(...body.items);
      cursor = body.next_cursor;
      pages++;
    } while (cursor && pages < 100);
    expect(seen).toHaveLength(published);
    expect(new Set(seen.map((i) => i.id)).size).toBe(published);
    const prices = seen.map((i) => i.price_eur_kem2);
    const firstNull = prices.indexOf(null);
    const valued = (firstNull < 0 ? prices : prices.slice(0, firstNull)) as number[];
    expect(valued).toEqual([...valued].sort((a, b) => b - a));
    expect(firstNull).toBeGreaterThan(0);
    expect(prices.slice(firstNull).every((p) => p === null)).toBe(true);
    const [unpriced] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM plots WHERE status = 'published' AND price_eur_kem2 IS NULL`,
    );
    expect(prices.length - firstNull).toBe(unpriced!.n);
  });

  it('pages the same way inside a bbox', async () => {
    const bbox = '24.8,60.1,25.3,60.35';
    const all = await get(`/api/plots?bbox=${bbox}&sort=-price_eur_kem2&limit=5000`);
    const ids: number[] = [];
    let cursor: string | null = null;
    do {
      const { body } = await get(
        `/api/plots?bbox=${bbox}&sort=-price_eur_kem2&limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      );
      ids.push(...body.items.map((i: Item) => i.id));
      cursor = body.next_cursor;
    } while (cursor && ids.length <= published);
    expect(ids).toEqual(all.body.items.map((i: Item) => i.id));
  });

  it('sorts by area ascending', async () => {
    const { body } = await get('/api/plots?sort=area_m2&limit=50');
    const areas = body.items.map((i: Item) => i.area_m2);
    expect(areas).toEqual([...areas].sort((a: number, b: number) => a - b));
  });

  it('applies the shared filter and counts what it matches', async () => {
    const { body } = await get('/api/plots?use_class=industrial&area_min=2000&limit=5000');
    const [r] = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM plots WHERE status = 'published' AND use_class = 'industrial' AND area_m2 >= 2000`,
    );
    expect(body.total).toBe(r!.n);
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBeLessThan(published);
    for (const i of body.items as Item[]) {
      expect(i.use_class).toBe('industrial');
      expect(i.area_m2).toBeGreaterThanOrEqual(2000);
    }
  });

  it('restricts to a bbox in lon,lat', async () => {
    const [sd] = await app.db.query<{ bbox: string }>(
      `SELECT concat_ws(',', ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)) AS bbox
       FROM (SELECT ST_Extent(ST_Transform(geom, 4326)) e FROM sub_districts WHERE number = 456) x`,
    );
    const { body } = await get(`/api/plots?bbox=${sd!.bbox}&limit=5000`);
    expect(body.total).toBeGreaterThan(0);
    expect(body.total).toBeLessThan(published);
    const [w, s, e, n] = sd!.bbox.split(',').map(Number) as [number, number, number, number];
    for (const i of body.items as Item[]) {
      expect(i.center[0]).toBeGreaterThan(w - 0.01);
      expect(i.center[0]).toBeLessThan(e + 0.01);
      expect(i.center[1]).toBeGreaterThan(s - 0.01);
      expect(i.center[1]).toBeLessThan(n + 0.01);
    }
  });

  it('answers 304 to a client holding the current version', async () => {
    const first = await get('/api/plots?limit=2');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await get('/api/plots?limit=2', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
  });

  it.each([
    ['sort', 'name', 'invalid_sort'],
    ['sort', 'area_m2;DROP TABLE plots', 'invalid_sort'],
    ['limit', '0', 'invalid_limit'],
    ['limit', '5001', 'invalid_limit'],
    ['limit', 'ten', 'invalid_limit'],
    ['bbox', '25.1,60.3,24.9,60.1', 'invalid_bbox'],
    ['bbox', '1,2,3', 'invalid_bbox'],
    ['bbox', '-1e9,-1e9,1e9,1e9', 'invalid_bbox'],
    ['cursor', 'bm90LWEtY3Vyc29y', 'invalid_cursor'],
    ['use_class', "industrial' OR 1=1--", 'invalid_filter'],
    ['area_min', 'lots', 'invalid_filter'],
  ])('rejects %s=%s with 400 %s naming the value', async (param, value, code) => {
    const { status, body } = await get(`/api/plots?${new URLSearchParams({ [param]: value })}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    expect(body.error.value).toBe(value);
  });

  it('rejects a cursor made for another sort', async () => {
    const { body } = await get('/api/plots?sort=area_m2&limit=2');
    const { status, body: err } = await get(`/api/plots?sort=-area_m2&limit=2&cursor=${body.next_cursor}`);
    expect(status).toBe(400);
    expect(err.error.code).toBe('invalid_cursor');
  });

  it('treats SQL-looking free text as text: nothing matches, nothing breaks', async () => {
    const { status, body } = await get(`/api/plots?q=${encodeURIComponent("'; DROP TABLE plots; --")}`);
    expect(status).toBe(200);
    expect(body.total).toBe(0);
    const [r] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plots');
    expect(r!.n).toBeGreaterThan(0);
  });
});

describe('GET /api/plots/{id}', () => {
  let plot: { id: number; property_id: string; sub_district_number: number; transit_zone: string };
  beforeAll(async () => {
    const [r] = await app.db.query<typeof plot>(
      `SELECT id::int, property_id, sub_district_number, transit_zone FROM plots
       WHERE status = 'published' AND transit_zone LIKE '%/%' ORDER BY id LIMIT 1`,
    );
    plot = r!;
  });

  it('shows every field of the plot card with names in three languages', async () => {
    const { status, body } = await get(`/api/plots/${plot.id}`);
    expect(status).toBe(200);
    expect(body.property_id).toBe(plot.property_id);
    expect(body.block_plot).toMatch(/^\d+\/\d+$/);
    for (const field of [
      'address',
      'area_m2',
      'building_right_kem2',
      'efficiency',
      'plan_number',
      'plan_state',
      'registered',
      'availability',
      'draw_ends_on',
      'allocation_method',
      'tenure',
      'sale_price_eur',
      'lease_basis_eur_kem2',
      'price_eur_kem2',
      'build_obligation_years',
      'earliest_construction_on',
      'building_prohibition',
      'plan_regulations_url',
      'use_code',
    ])
      expect(body).toHaveProperty(field);
    expect(body.efficiency).toBeCloseTo(body.building_right_kem2 / body.area_m2, 1);
    expect(body.sub_district.number).toBe(plot.sub_district_number);
    expect(body.sub_district.name_fi).toMatch(/\w/);
    expect(body.district.number).toBe(Number(plot.property_id.slice(4, 7)));
    expect(body.district.name_sv).toMatch(/\w/);
    expect(body.use_code_text.name_en).toMatch(/\w/);
    expect(body.is_demo).toBe(true);
  });

  it('translates a combined transit zone part by part', async () => {
    const { body } = await get(`/api/plots/${plot.id}`);
    const parts = plot.transit_zone.split('/');
    expect(body.transit_zone.name_fi.toLowerCase()).toBe(parts.join(' / '));
    expect(body.transit_zone.name_sv.split(' / ')).toHaveLength(parts.length);
    expect(body.transit_zone.name_en).toMatch(/zone \/ .*zone$/);
    expect(body.transit_zone.name_en).not.toMatch(/vyöhyke/);
  });

  it('gives the geometry in CRS84 with a bbox that holds it and the centre', async () => {
    const { body } = await get(`/api/plots/${plot.id}`);
    expect(body.geometry.type).toBe('MultiPolygon');
    const [w, s, e, n] = body.bbox;
    const ring = body.geometry.coordinates[0][0] as [number, number][];
    for (const [x, y] of ring) {
      expect(x).toBeGreaterThanOrEqual(w);
      expect(x).toBeLessThanOrEqual(e);
      expect(y).toBeGreaterThanOrEqual(s);
      expect(y).toBeLessThanOrEqual(n);
    }
    expect(body.center[0]).toBeGreaterThanOrEqual(w);
    expect(body.center[1]).toBeLessThanOrEqual(n);
    expect(w).toBeGreaterThan(24.8);
    expect(n).toBeLessThan(60.35);
  });

  it('links to the OGC feature, the permit path and the contacts, and lists contacts', async () => {
    const { body } = await get(`/api/plots/${plot.id}`);
    expect(body.links.self).toBe(`/api/plots/${plot.id}`);
    expect(body.links.ogc).toBe(`/ogc/collections/plots/items/${plot.id}`);
    expect(body.links.permits).toBe(`/api/plots/${plot.id}/permit-path`);
    expect(body.links.contacts).toBe(`/api/plots/${plot.id}/contacts`);
    expect(Array.isArray(body.contacts)).toBe(true);
  });

  it('lists the same contacts as the contacts endpoint, one assigned to the plot first', async () => {
    const [linked] = await app.db.query<{ id: number }>(
      `INSERT INTO contacts (kind, title_fi, title_sv, title_en, email, sub_district_number, is_demo)
       VALUES ('key_account', 'Yritysasiakkuuspäällikkö', 'Företagskundchef', 'Key customer manager', 'business@example.org', $1, true)
       RETURNING id::int`,
      [plot.sub_district_number],
    );
    await app.db.query('INSERT INTO plot_contacts (plot_id, contact_id, role) VALUES ($1, $2, $3)', [
      plot.id,
      linked!.id,
      'key_account',
    ]);
    const { body } = await get(`/api/plots/${plot.id}`);
    const own = await get(`/api/plots/${plot.id}/contacts`);
    expect(own.status).toBe(200);
    expect(body.contacts.map((c: { id: number }) => c.id)).toEqual(
      own.body.contacts.map((c: { id: number }) => c.id),
    );
    expect(body.contacts[0]).toMatchObject({
      id: linked!.id,
      role: 'plot',
      title_en: 'Key customer manager',
      email: 'business@example.org',
    });
    for (const c of body.contacts) expect(c.email).toMatch(/@example\.(org|com)$/);
  });

  it('is 404 plot_not_found for an unpublished or unknown plot', async () => {
    const [draft] = await app.db.query<{ id: number }>(
      `SELECT id::int FROM plots WHERE status = 'draft' LIMIT 1`,
    );
    for (const id of [draft!.id, 987654321]) {
      const { status, body } = await get(`/api/plots/${id}`);
      expect(status).toBe(404);
      expect(body.error.code).toBe('plot_not_found');
      expect(body.error.value).toBe(String(id));
    }
  });

  it('is 400 invalid_id for a non-numeric id', async () => {
    const { status, body } = await get(`/api/plots/${encodeURIComponent('1 OR 1=1')}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_id');
    expect(body.error.value).toBe('1 OR 1=1');
  });
});

describe('GET /api/districts', () => {
  it('lists the districts with their sub-districts, names in Finnish and Swedish, and plot counts', async () => {
    const { status, body } = await get('/api/districts');
    expect(status).toBe(200);
    expect(body.districts.length).toBeGreaterThan(50);
    const all = body.districts.flatMap((d: { sub_districts: unknown[] }) => d.sub_districts);
    expect(all).toHaveLength(148);
    const kalasatama = all.find((s: { number: number }) => s.number === 102);
    expect(kalasatama).toMatchObject({
      name_fi: 'Kalasatama',
      name_sv: 'Fiskehamnen',
      is_business_area: true,
    });
    const counted = all.reduce((n: number, s: { plot_count: number }) => n + s.plot_count, 0);
    expect(counted).toBe(published);
  });
});
