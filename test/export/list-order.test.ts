/**
 * What a newcomer downloads from the export dialog matches what the list shows: rows in the
 * list's sort order, GeoJSON in RFC 7946 longitude/latitude without a `crs` member, and the
 * urban-structure zone in the chosen language, as the plot card writes it.
 */
import { describe, expect, it } from 'vitest';
import { streamKeys } from '../../server/db/keyset-stream.ts';
import { COLUMNS } from '../../server/export/columns.ts';
import { exportRowsQuery, sortKey } from '../../server/export/sql.ts';
import { PLOT_SORTS } from '../../server/plots/cursor.ts';
import { useTestServer } from '../helpers/fixture.ts';

const app = useTestServer();

/** The property identifiers of the result list, page by page, as the client reads them. */
async function listOrder(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url = `${app.url}/api/plots?${query}&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
    const res = await fetch(url);
    expect(res.status, url).toBe(200);
    const page = (await res.json()) as {
      items: { property_id: string }[];
      next_cursor: string | null;
    };
    ids.push(...page.items.map((i) => i.property_id));
    cursor = page.next_cursor;
  } while (cursor);
  return ids;
}

/** The property identifiers of a CSV export, in file order (the column is asked for alone). */
async function csvOrder(query: string): Promise<string[]> {
  const res = await fetch(`${app.url}/api/export?format=csv&columns=property_id&${query}`);
  expect(res.status).toBe(200);
  const lines = (await res.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  return lines.slice(1).map((l) => l.replace(/"/g, ''));
}

describe('CSV rows', () => {
  it.each(PLOT_SORTS)('follow the result list for sort=%s', async (sort) => {
    const list = await listOrder(`sort=${sort}`);
    expect(list.length).toBeGreaterThan(100);
    expect(await csvOrder(`sort=${sort}`)).toEqual(list);
  });

  it('follow the list within a filter, plots without a price last', async () => {
    // This copy of the test data gets a few unpriced plots (lease plots carry no sale price).
    await app.db.query(
      `UPDATE plots SET sale_price_eur = NULL WHERE id IN (SELECT id FROM plots WHERE status = 'published' AND area_m2 >= 5000 ORDER BY id LIMIT 5)`,
    );
    const q = 'sort=-price_eur_kem2&area_min=5000';
    const list = await listOrder(q);
    expect(list.length).toBeGreaterThan(10);
    expect(await csvOrder(q)).toEqual(list);
  });

  it('keep that order across stream batches (a long export pages on the sort key)', async () => {
    for (const sort of ['-area_m2', 'price_eur_kem2', 'property_id'] as const) {
      const q = exportRowsQuery({}, COLUMNS.slice(1, 2), 'fi', 'none', 'EPSG:3879', sort);
      const streamed: string[] = [];
      for await (const batch of app.db.stream<{ property_id: string }>(q.text, q.values, {
        key: sortKey(sort).key,
        batchSize: 37,
      }))
        streamed.push(...batch.map((r) => r.property_id));
      expect(streamed).toEqual(await listOrder(`sort=${sort}`));
    }
  });

  it('refuse an unknown sort with its value', async () => {
    const res = await fetch(`${app.url}/api/export?format=csv&sort=colour`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; value: unknown } };
    expect(body.error).toMatchObject({ code: 'invalid_sort', value: 'colour' });
  });

  it('stream keys are plain identifiers', () => {
    expect(() => streamKeys(['sort_run', 'x; DROP TABLE plots'])).toThrow(/plain identifier/);
    expect(() => streamKeys([])).toThrow(/at least one/);
  });
});

describe('GeoJSON without a CRS asked for', () => {
  it('is RFC 7946: longitude/latitude in Helsinki and no crs member', async () => {
    const res = await fetch(`${app.url}/api/export?format=geojson&use_class=office`);
    expect(res.status).toBe(200);
    const fc = (await res.json()) as {
      crs?: unknown;
      features: { geometry: { coordinates: number[][][][] } }[];
    };
    expect(fc.crs).toBeUndefined();
    expect(fc.features.length).toBeGreaterThan(0);
    const [lon, lat] = fc.features[0]!.geometry.coordinates[0]![0]![0]!;
    expect(lon).toBeGreaterThan(24.7);
    expect(lon).toBeLessThan(25.3);
    expect(lat).toBeGreaterThan(60.1);
    expect(lat).toBeLessThan(60.3);
  });
});

describe('the urban-structure zone', () => {
  it('is written in the chosen language, as on the plot card', async () => {
    const [plot] = await app.db.query<{ id: number; property_id: string }>(
      `SELECT id, property_id FROM plots WHERE status = 'published' AND transit_zone LIKE '%/%' ORDER BY id LIMIT 1`,
    );
    expect(plot, 'a plot in a combined zone').toBeDefined();
    const card = (await (await fetch(`${app.url}/api/plots/${plot!.id}`)).json()) as {
      transit_zone: Record<'name_fi' | 'name_sv' | 'name_en', string>;
    };
    for (const lang of ['fi', 'sv', 'en'] as const) {
      const res = await fetch(
        `${app.url}/api/export?format=csv&columns=property_id,transit_zone&lang=${lang}&ids=${plot!.id}`,
      );
      const [, row] = (await res.text()).trim().split('\r\n');
      expect(row).toBe(`${plot!.property_id},${card.transit_zone[`name_${lang}`]}`);
    }
    expect(card.transit_zone.name_en).not.toBe(card.transit_zone.name_fi);
  });

  it('is English in an English GeoJSON', async () => {
    const res = await fetch(`${app.url}/api/export?format=geojson&lang=en&columns=transit_zone`);
    const fc = (await res.json()) as { features: { properties: { transit_zone: string | null } }[] };
    const zones = new Set(fc.features.map((f) => f.properties.transit_zone));
    expect(zones.size).toBeGreaterThan(2);
    for (const z of zones) if (z) expect(z).not.toMatch(/vyöhyke/);
  });
});
