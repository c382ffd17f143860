/**
 * On the embedded engine, a map tile asked for while searches, cards and export pages are queued
 * is answered before them: the map keeps drawing while the engine is busy. (PostgreSQL runs
 * statements side by side on its pool, so it has no such queue.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Lanes } from '../../server/db/lanes.ts';
import { renderPlotTile } from '../../server/tiles/render.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';

const embedded = !inject('pgAdminUrl');

describe('the worker lanes', () => {
  it('run one job at a time, an earlier lane first, each lane in arrival order', async () => {
    const lanes = new Lanes();
    const done: string[] = [];
    let running = 0;
    let most = 0;
    let started!: () => void;
    const searchStarted = new Promise<void>((r) => (started = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const job = (name: string, first?: boolean) => async () => {
      most = Math.max(most, ++running);
      if (first) {
        started();
        await gate;
      }
      await new Promise((r) => setTimeout(r, 1));
      running--;
      done.push(name);
      return name;
    };
    const search = lanes.run(1, job('search 1', true));
    await searchStarted;
    // Sent while the search runs: the tiles go next although they came last.
    const rest = [
      lanes.run(1, job('search 2')),
      lanes.run(1, job('export page')),
      lanes.run(0, job('tile a')),
      lanes.run(0, job('tile b')),
    ];
    expect(lanes.waiting).toEqual([2, 2]);
    release();
    expect(await Promise.all([search, ...rest])).toEqual([
      'search 1',
      'search 2',
      'export page',
      'tile a',
      'tile b',
    ]);
    expect(done).toEqual(['search 1', 'tile a', 'tile b', 'search 2', 'export page']);
    expect(most).toBe(1);
  });

  it('let one other statement through after every four tiles in a row', async () => {
    const lanes = new Lanes();
    const done: string[] = [];
    const job = (name: string) => async () => void done.push(name);
    const all = [
      ...['card', 'search'].map((n) => lanes.run(1, job(n))),
      ...Array.from({ length: 9 }, (_, i) => lanes.run(0, job(`tile ${i}`))),
    ];
    await Promise.all(all);
    expect(done).toEqual([
      ...['tile 0', 'tile 1', 'tile 2', 'tile 3', 'card'],
      ...['tile 4', 'tile 5', 'tile 6', 'tile 7', 'search', 'tile 8'],
    ]);
  });

  it('pass a failing job on to its caller and go on with the next', async () => {
    const lanes = new Lanes();
    const failed = lanes.run(1, async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    expect(await lanes.run(0, async () => 'next')).toBe('next');
  });
});

let db: TestDb;
beforeAll(async () => {
  if (embedded) db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe.runIf(embedded)('a tile on the busy embedded engine', () => {
  it('is answered before the statements queued ahead of it', async () => {
    const order: string[] = [];
    // Slow statements, each a few tens of milliseconds of engine time, sent all at once.
    const slow = Array.from({ length: 12 }, (_, i) =>
      db.query('SELECT count(*) FROM generate_series(1, 300000)').then(() => order.push(`query ${i}`)),
    );
    const tile = renderPlotTile(db, { z: 14, x: 9326, y: 4741 }, {}).then((bytes) => {
      order.push('tile');
      return bytes;
    });
    await Promise.all([...slow, tile]);
    // The first statement may already be running when the tile arrives; no other goes before it.
    expect(order.indexOf('tile')).toBeLessThanOrEqual(1);
    expect(order).toHaveLength(13);
  }, 60_000);
});
