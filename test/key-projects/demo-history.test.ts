/**
 * The demo projects seeded with the demo accounts: a year of case history that fills the public
 * processing-time statistics and the demo key customer manager's workspace, and that goes with
 * the demo accounts when they are removed.
 */
import { describe, expect, it } from 'vitest';
import { removeDemoAccounts } from '../../server/applications/index.ts';
import { createLogger } from '../../server/log.ts';
import { start } from '../../server/main.ts';
import { DEMO_KEY_MANAGER } from '../../server/key-projects/demo.ts';
import { listKeyProjects } from '../../server/key-projects/workspace.ts';
import { useTestDb } from '../helpers/fixture.ts';
import { testConfig } from '../helpers/server.ts';

const t = useTestDb();

describe('demo projects with history', () => {
  it('fill the statistics and the demo manager workspace, once, and go with the demo accounts', async () => {
    const db = t.db;
    await db.query(`DELETE FROM plots`);
    const config = testConfig({ seedDemo: true, seedDemoAccounts: true, demoCount: 12 });
    const s = await start(config, createLogger('silent'), { db });
    const res = await fetch(`${s.url}/api/statistics/processing-times`);
    const body = (await res.json()) as { groups: Array<{ cases: number }>; includesDemo: boolean };
    await s.stop();
    expect(body.groups.length).toBeGreaterThan(0);
    expect(body.includesDemo).toBe(true);
    expect(body.groups.every((g) => g.cases >= 5)).toBe(true);

    const [manager] = await db.query<{ id: string }>(`SELECT id::text FROM users WHERE email = $1`, [
      DEMO_KEY_MANAGER,
    ]);
    const listed = await listKeyProjects(db, { id: manager!.id, role: 'key_account_manager' } as never);
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.every((p) => String((p as { name: string }).name).startsWith('Demo:'))).toBe(true);

    const count = async () =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM projects WHERE name LIKE 'Demo:%'`))[0]!
        .n;
    const made = await count();
    expect(made).toBeGreaterThan(0);
    // A later start makes no second set.
    const again = await start(config, createLogger('silent'), { db });
    await again.stop();
    expect(await count()).toBe(made);

    await removeDemoAccounts(db, 'test');
    expect(await db.query(`SELECT 1 FROM users WHERE email LIKE '%@demo.invalid'`)).toEqual([]);
    expect(await count()).toBe(0);
  });
});
