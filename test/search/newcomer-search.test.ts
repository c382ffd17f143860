import { beforeAll, describe, expect, it } from 'vitest';
import { parseSearch, readPoint } from '../../server/search/parse.ts';
import { search as searchDb } from '../../server/search/service.ts';
import { scoreStreets } from '../../server/search/streets.ts';
import { useTestServer } from '../helpers/fixture.ts';

/** Plot 45012/1 (091-045-0012-0001) and a point inside it in EPSG:3879. */
let plot: { id: number; e: number; n: number; lon: number; lat: number };
const app = useTestServer();
beforeAll(async () => {
  const [p] = await app.db.query<{ id: number; e: number; n: number; lon: number; lat: number }>(
    `SELECT id::int, ST_X(c) AS e, ST_Y(c) AS n, ST_X(ST_Transform(c, 4326)) AS lon, ST_Y(ST_Transform(c, 4326)) AS lat
       FROM (SELECT id, ST_PointOnSurface(geom) AS c FROM plots
             WHERE property_id = '091-045-0012-0001' AND status = 'published') x`,
  );
  plot = p!;
});

interface Result {
  kind: string;
  id?: number | string;
  plot_id?: number;
  label: string;
  sublabel: string;
  center: [number, number];
}
const search = async (q: string, lang = 'en') => {
  const res = await fetch(`${app.url}/api/search?q=${encodeURIComponent(q)}&lang=${lang}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Result[] }).results;
};
/** The same search on this database as if pg_trgm were not installed. */
const withoutTrgm = (q: string) =>
  searchDb({ ...app.db, capabilities: { ...app.db.capabilities, trgm: false } }, q, { limit: 5, lang: 'en' });

describe('reading the search text', () => {
  it.each(['45012 1', '45-12-1', '45 12 1', '091 045 0012 0001'])('"%s" is a property identifier', (q) => {
    const i = parseSearch(q);
    expect(i.blockPlot?.exact ?? i.propertyId).toBe('091-045-0012-0001');
  });

  it('"450121" stands for each district/block/plot split of its digits', () => {
    expect(parseSearch('450121').blockPlot?.others).toEqual(['091-004-0501-0021', '091-045-0012-0001']);
  });

  it('drops the city and postal code after an address, keeps a house number', () => {
    expect(parseSearch('Kuparitie 8, Helsinki')).toMatchObject({ street: 'kuparitie', house: 8 });
    expect(parseSearch('Roihupellontie 5, 00820 Helsinki')).toMatchObject({
      street: 'roihupellontie',
      house: 5,
    });
    expect(parseSearch('Roihupellontie 5 00820 Helsingfors')).toMatchObject({
      street: 'roihupellontie',
      house: 5,
    });
    expect(parseSearch('Kuparitie 8')).toMatchObject({ street: 'kuparitie', house: 8 });
  });

  it('reads EPSG:3879 and lon/lat coordinates in either order, with or without N/E', () => {
    const gk = { srid: 3879, x: 25496870, y: 6672450 };
    expect(readPoint('25496870 6672450')).toEqual(gk);
    expect(readPoint('6672450 25496870')).toEqual(gk);
    expect(readPoint('N 6672450 E 25496870')).toEqual(gk);
    expect(readPoint('6672450N, 25496870E')).toEqual(gk);
    const ll = { srid: 4326, x: 24.94, y: 60.17 };
    expect(readPoint('60.17, 24.94')).toEqual(ll);
    expect(readPoint('24.94 60.17')).toEqual(ll);
    expect(readPoint('60,17 24,94')).toEqual(ll);
    // Numbers that are not Helsinki are no coordinates.
    expect(readPoint('12383 45012')).toBeUndefined();
    expect(readPoint('48.85, 2.35')).toBeUndefined();
  });

  it('scores streets in memory like pg_trgm when the database has none', () => {
    const names = ['kuparitie', 'veturitie', 'vanha talvitie'];
    expect(scoreStreets('kupritie', names).map((s) => s.folded)).toEqual(['kuparitie']);
    expect(scoreStreets('kupa', names)[0]).toEqual({ folded: 'kuparitie', score: 0.88 });
    expect(scoreStreets('zzzz', names)).toEqual([]);
  });
});

describe('search finds what a newcomer types', () => {
  it.each(['45012 1', '45-12-1', '450121', '091 045 0012 0001', '45012/1'])(
    '"%s" finds plot 45012/1 first',
    async (q) => {
      const [first] = await search(q);
      expect(first).toMatchObject({ kind: 'plot', plot_id: plot.id, label: '091-045-0012-0001' });
    },
  );

  it.each([
    ['Kuparitie 8, Helsinki', 'Kuparitie 8'],
    ['Roihupellontie 5, 00820 Helsinki', 'Roihupellontie 5'],
    ['Kupritie 8', 'Kuparitie 8'],
    ['kuparitie 8 helsingfors', 'Kuparitie 8'],
  ])('"%s" finds the address %s first', async (q, address) => {
    const [first] = await search(q);
    expect(first).toMatchObject({ kind: 'address', label: address });
  });

  it('forgives the typo without pg_trgm too', async () => {
    const [first] = await withoutTrgm('Kupritie 8');
    expect(first).toMatchObject({ kind: 'address', label: 'Kuparitie 8' });
    const [city] = await withoutTrgm('Roihupellontie 5, 00820 Helsinki');
    expect(city).toMatchObject({ kind: 'address', label: 'Roihupellontie 5' });
  });

  it('coordinates in EPSG:3879 or lon/lat fly there and offer the plot they fall in', async () => {
    const e = Math.round(plot.e);
    const n = Math.round(plot.n);
    for (const q of [
      `${e} ${n}`,
      `${n} ${e}`,
      `N ${n} E ${e}`,
      `${plot.lat.toFixed(6)}, ${plot.lon.toFixed(6)}`,
    ]) {
      const [point, inPlot] = await search(q);
      expect(point, q).toMatchObject({ kind: 'coordinate', sublabel: expect.stringMatching(/on a plot$/) });
      expect(point!.center[0]).toBeCloseTo(plot.lon, 4);
      expect(point!.center[1]).toBeCloseTo(plot.lat, 4);
      expect(inPlot, q).toMatchObject({ kind: 'plot', plot_id: plot.id });
    }
    // A point in the sea: the point alone.
    const sea = await search('60.10, 24.95', 'fi');
    expect(sea).toEqual([
      expect.objectContaining({ kind: 'coordinate', sublabel: 'ei tonttia tässä kohdassa' }),
    ]);
    expect(sea[0]!.label).toBe('Koordinaatit 60,10000 N, 24,95000 E');
  });

  it('labels every part of a suggestion in the language asked for', async () => {
    const words = {
      fi: /Asemakaava|tonttia?\b|Osa-alue|Kaupunginosa|Koordinaatit/,
      sv: /Detaljplan|tomter?\b|Delområde|Stadsdel|Koordinater/,
      en: /Detailed plan|plots?\b|Sub-district|District|Coordinates/,
    };
    for (const lang of ['fi', 'sv', 'en'] as const)
      for (const q of ['12383', 'roihupelto', '60.10, 24.95']) {
        const text = (await search(q, lang)).map((r) => `${r.label} ${r.sublabel}`).join(' | ');
        expect(text, `${lang} ${q}`).toMatch(words[lang]);
        for (const other of ['fi', 'sv', 'en'] as const)
          if (other !== lang) expect(text, `${lang} ${q}`).not.toMatch(words[other]);
      }
  });
});

describe('faceted sub-district counts', () => {
  const counts = async (query: string) => {
    const res = await fetch(`${app.url}/api/districts/counts?${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { sub_districts: Record<string, number> }).sub_districts;
  };
  const truth = async (where: string) =>
    Object.fromEntries(
      (
        await app.db.query<{ n: number; c: number }>(
          `SELECT sub_district_number::int AS n, count(*)::int AS c FROM plots
            WHERE status = 'published' AND sub_district_number IS NOT NULL AND ${where} GROUP BY 1`,
        )
      ).map((r) => [String(r.n), r.c]),
    );

  it('follow every other active filter', async () => {
    expect(await counts('use_class=industrial')).toEqual(await truth(`use_class = 'industrial'`));
    expect(await counts('use_class=commercial&availability=available')).toEqual(
      await truth(`use_class = 'commercial' AND availability = 'available'`),
    );
    // Kalasatama (102) has plots, but none industrial: its count says so before it is picked.
    const all = await counts('');
    const industrial = await counts('use_class=industrial');
    expect(all['102']).toBeGreaterThan(0);
    expect(industrial['102'] ?? 0).toBe(
      (await truth(`use_class = 'industrial' AND sub_district_number = 102`))['102'] ?? 0,
    );
  });

  it('leave out the sub-district choice itself', async () => {
    expect(await counts('use_class=industrial&sub_district=456')).toEqual(
      await counts('use_class=industrial'),
    );
  });

  it('refuse a bad filter with its code and value', async () => {
    const res = await fetch(`${app.url}/api/districts/counts?use_class=nonsense`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_filter', value: 'nonsense' });
  });
});

describe('outlines to draw', () => {
  it('of a sub-district and of a plan, with their box', async () => {
    const sub = await (await fetch(`${app.url}/api/outline?sub_district=456`)).json();
    expect(sub).toMatchObject({ type: 'Feature', properties: { kind: 'sub_district', ref: '456' } });
    expect(sub.geometry.type).toMatch(/Polygon/);
    const [w, s, e, n] = sub.bbox as number[];
    expect(w! < plot.lon && plot.lon < e! && s! < plot.lat && plot.lat < n!).toBe(true);
    const plan = await (await fetch(`${app.url}/api/outline?plan=12383`)).json();
    expect(plan).toMatchObject({ type: 'Feature', properties: { kind: 'plan', ref: '12383' } });
  });

  it('refuse an unknown or malformed area with a stable code', async () => {
    const missing = await fetch(`${app.url}/api/outline?plan=99999`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatchObject({ code: 'outline_not_found', value: '99999' });
    const bad = await fetch(`${app.url}/api/outline?sub_district=x;drop`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'invalid_outline', value: 'x;drop' });
  });
});
