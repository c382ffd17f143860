import { describe, expect, it } from 'vitest';
import { useTestServer } from '../helpers/fixture.ts';

const app = useTestServer();

interface Result {
  kind: string;
  id?: number | string;
  plot_id?: number;
  label: string;
  sublabel: string;
  bbox: [number, number, number, number];
  center: [number, number];
  score: number;
}

const search = async (q: string, extra = '') => {
  const res = await fetch(`${app.url}/api/search?q=${encodeURIComponent(q)}${extra}`);
  const body = await res.json();
  return { status: res.status, body, results: (body.results ?? []) as Result[] };
};

interface Plot {
  id: number;
  property_id: string;
  block_plot: string;
  address: string;
  plan_number: string;
}
const plotWhere = async (cond: string) => {
  const [p] = await app.db.query<Plot>(
    `SELECT id::int, property_id, block_plot, address, plan_number FROM plots WHERE ${cond} ORDER BY id LIMIT 1`,
  );
  return p!;
};

const inHelsinki = (r: Result) => {
  const [w, s, e, n] = r.bbox;
  expect(w).toBeLessThanOrEqual(e);
  expect(s).toBeLessThanOrEqual(n);
  expect(w).toBeGreaterThan(24.5);
  expect(e).toBeLessThan(25.6);
  expect(s).toBeGreaterThan(59.9);
  expect(n).toBeLessThan(60.4);
  expect(r.center[0]).toBeGreaterThanOrEqual(w - 1e-6);
  expect(r.center[0]).toBeLessThanOrEqual(e + 1e-6);
  expect(r.center[1]).toBeGreaterThanOrEqual(s - 1e-6);
  expect(r.center[1]).toBeLessThanOrEqual(n + 1e-6);
};

describe('search by identifier', () => {
  it('finds a plot by its property identifier in all three forms', async () => {
    const p = await plotWhere(`status = 'published'`);
    const [, d, block, unit] = p.property_id.split('-') as [string, string, string, string];
    const short = ['91', String(Number(d)), String(Number(block)), String(Number(unit))].join('-');
    const compact = p.property_id.replaceAll('-', '');
    for (const q of [p.property_id, short, compact]) {
      const { status, results } = await search(q);
      expect(status).toBe(200);
      expect(results[0]).toMatchObject({
        kind: 'plot',
        id: p.id,
        plot_id: p.id,
        label: p.property_id,
        score: 1,
      });
      inHelsinki(results[0]!);
    }
  });

  it('finds a plot by its block/plot form', async () => {
    const p = await plotWhere(`status = 'published'`);
    const { results } = await search(p.block_plot);
    expect(results.map((r) => r.plot_id)).toContain(p.id);
    expect(results[0]!.sublabel).toContain(p.block_plot);
  });

  it('tells a four-digit block from a longer district in the block/plot form', async () => {
    // District 47 block 1051 and district 471 block 51 used to share the form 471051/2.
    const rows = await app.db.query<{ id: number; property_id: string; block_plot: string }>(
      `INSERT INTO plots (property_id, use_code, status, geom)
       SELECT pid, 'T', 'published', ST_Multi(ST_Translate(ST_MakeEnvelope(0, 0, 40, 40, 3879), ST_X(c) + dx, ST_Y(c)))
       FROM (SELECT ST_PointOnSurface(geom) AS c FROM sub_districts WHERE number = 456) s,
            (VALUES ('091-047-1051-0002', 0), ('091-471-0051-0002', 60)) v (pid, dx)
       RETURNING id::int, property_id, block_plot`,
    );
    const byId = new Map(rows.map((r) => [r.property_id, r]));
    const four = byId.get('091-047-1051-0002')!;
    const three = byId.get('091-471-0051-0002')!;
    expect(four.block_plot).toBe('47-1051/2');
    expect(three.block_plot).toBe('471051/2');

    const dashed = await search('47-1051/2');
    expect(dashed.results.map((r) => r.plot_id)).toEqual([four.id]);
    expect(dashed.results[0]!.sublabel).toContain('47-1051/2');

    // The bare digits name the plot whose form they are first, the other reading after it.
    const bare = await search('471051/2');
    expect(bare.results.map((r) => r.plot_id)).toEqual([three.id, four.id]);
    expect(bare.results[0]!.sublabel).toContain('471051/2');
  });

  it('finds a plan by its number, with the box of its plots', async () => {
    const p = await plotWhere(`status = 'published' AND plan_number IS NOT NULL`);
    const [agg] = await app.db.query<{ n: number; w: number; e: number }>(
      `SELECT count(*)::int AS n, min(ST_XMin(ST_Transform(geom, 4326))) AS w, max(ST_XMax(ST_Transform(geom, 4326))) AS e
       FROM plots WHERE status = 'published' AND plan_number = $1`,
      [p.plan_number],
    );
    const { results } = await search(p.plan_number);
    const plan = results.find((r) => r.kind === 'plan')!;
    expect(plan).toMatchObject({ id: p.plan_number, label: `Asemakaava ${p.plan_number}` });
    expect(plan.sublabel).toBe(agg!.n === 1 ? '1 tontti' : `${agg!.n} tonttia`);
    expect(plan.bbox[0]).toBeLessThanOrEqual(agg!.w + 1e-6);
    expect(plan.bbox[2]).toBeGreaterThanOrEqual(agg!.e - 1e-6);
    inHelsinki(plan);
  });

  it('never shows an unpublished plot', async () => {
    const p = await plotWhere(`status <> 'published'`);
    expect((await search(p.property_id)).results).toEqual([]);
    const byAddress = await search(p.address);
    expect(byAddress.results.map((r) => r.plot_id)).not.toContain(p.id);
  });
});

describe('search by address', () => {
  it('puts the exact address first', async () => {
    const p = await plotWhere(`status = 'published' AND address ~ ' [0-9]+$'`);
    const { results } = await search(p.address.toUpperCase());
    expect(results[0]).toMatchObject({ kind: 'address', plot_id: p.id, label: p.address });
    inHelsinki(results[0]!);
  });

  it('completes a street from its first letters, in house-number order', async () => {
    const p = await plotWhere(`status = 'published' AND address ~ '^[A-Za-zÄÖäö]{8,} [0-9]+$'`);
    const street = p.address.split(' ')[0]!;
    const { results } = await search(street.slice(0, 6).toLowerCase());
    const onStreet = results.filter((r) => r.kind === 'address' && r.label.startsWith(street + ' '));
    expect(onStreet.length).toBeGreaterThan(0);
    const numbers = onStreet.map((r) => Number(r.label.slice(street.length + 1)));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('with a house number, shows that house first and then the next ones up the street', async () => {
    const [st] = await app.db.query<{ street: string; house: number }>(
      `SELECT tl_street(address) AS street, (array_agg(tl_house(address) ORDER BY tl_house(address)))[2] AS house
       FROM plots WHERE status = 'published' AND tl_house(address) IS NOT NULL
       GROUP BY 1 HAVING count(DISTINCT tl_house(address)) >= 4 ORDER BY 1 LIMIT 1`,
    );
    const { results } = await search(`${st!.street} ${st!.house}`);
    const houses = results
      .filter((r) => r.kind === 'address')
      .map((r) => Number(r.label.match(/ (\d+)/)![1]));
    expect(houses[0]).toBe(st!.house);
    expect(houses.length).toBeGreaterThan(1);
    expect(houses.every((h) => h >= st!.house)).toBe(true);
    expect(houses).toEqual([...houses].sort((a, b) => a - b));
  });

  it('forgives a typo in the street name', async () => {
    const p = await plotWhere(`status = 'published' AND address ~ '^[A-Za-zÄÖäö]{8,} [0-9]+$'`);
    const [street, number] = p.address.split(' ') as [string, string];
    // Drop one letter from the middle of the street name.
    const typo = street.slice(0, 4) + street.slice(5);
    const { results } = await search(`${typo} ${number}`);
    expect(results[0]).toMatchObject({ kind: 'address', label: p.address });
  });

  it('folds case and Nordic letters', async () => {
    const p = await plotWhere(`status = 'published' AND address ~ '[äöÄÖ]' AND address ~ ' [0-9]+$'`);
    const plain = p.address.replace(/[äÄ]/g, 'a').replace(/[öÖ]/g, 'o').toUpperCase();
    const { results } = await search(plain);
    expect(results.find((r) => r.plot_id === p.id)).toBeDefined();
  });

  it('finds a street given to a plot after start-up', async () => {
    const p = await plotWhere(`status = 'published'`);
    await app.db.query(`UPDATE plots SET address = 'Kokeilukuja 7' WHERE id = $1`, [p.id]);
    const { results } = await search('kokeiluk');
    expect(results[0]).toMatchObject({ kind: 'address', plot_id: p.id, label: 'Kokeilukuja 7' });
  });
});

describe('search by place name', () => {
  it.each([
    ['kalasatama', 'sub_district', 102],
    ['KALASATAMA', 'sub_district', 102],
    ['fiskehamnen', 'sub_district', 102],
    ['roihupelto', 'sub_district', 456],
    ['Kasåkern', 'sub_district', 456],
    ['sornainen', 'district', 10],
    ['Sörnäs', 'district', 10],
    ['kalasatma', 'sub_district', 102],
    ['länsi-pasila', 'sub_district', 171],
  ])('"%s" finds the %s %i first', async (q, kind, id) => {
    const { results } = await search(q);
    expect(results[0]).toMatchObject({ kind, id });
    inHelsinki(results[0]!);
  });

  it('finds a word inside a compound name and a later word of a name', async () => {
    const ids = (await search('hamnen')).results.map((r) => `${r.kind}:${r.id}`);
    expect(ids).toContain('sub_district:102'); // Fiskehamnen
    expect(ids).toContain('district:20'); // Västra hamnen
  });

  it('labels places in the language asked for', async () => {
    const fi = (await search('kalasatama')).results[0]!;
    const sv = (await search('kalasatama', '&lang=sv')).results[0]!;
    const en = (await search('kalasatama', '&lang=en')).results[0]!;
    expect(fi.label).toBe('Kalasatama');
    expect(fi.sublabel).toMatch(/^Osa-alue/);
    expect(sv.label).toBe('Fiskehamnen');
    expect(sv.sublabel).toMatch(/^Delområde/);
    expect(en.sublabel).toMatch(/^Sub-district/);
  });

  it('ranks results best first', async () => {
    const { results } = await search('pasila');
    expect(results.length).toBeGreaterThan(1);
    const scores = results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(results[0]).toMatchObject({ kind: 'district', id: 17 });
  });
});

describe('search input', () => {
  it('an empty query finds nothing, without error', async () => {
    const { status, results } = await search('');
    expect(status).toBe(200);
    expect(results).toEqual([]);
  });

  it('honours the limit', async () => {
    const { results } = await search('pasila', '&limit=2');
    expect(results).toHaveLength(2);
  });

  it('treats SQL-looking text as text', async () => {
    const { status, results } = await search("x'; DROP TABLE plots; --");
    expect(status).toBe(200);
    expect(results).toEqual([]);
    const [r] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plots');
    expect(r!.n).toBeGreaterThan(0);
  });

  it.each([
    ['&limit=0', 'invalid_limit', '0'],
    ['&limit=51', 'invalid_limit', '51'],
    ['&limit=lots', 'invalid_limit', 'lots'],
    ['&lang=de', 'invalid_lang', 'de'],
  ])('%s is 400 %s', async (extra, code, value) => {
    const { status, body } = await search('pasila', extra);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code, value });
  });

  it('rejects overlong text with 400 query_too_long', async () => {
    const { status, body } = await search('a'.repeat(201));
    expect(status).toBe(400);
    expect(body.error.code).toBe('query_too_long');
  });

  it('rejects a repeated q with 400 invalid_query', async () => {
    const res = await fetch(`${app.url}/api/search?q=a&q=b`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_query');
  });
});
