/**
 * The embedded data folder on a full disk: writes fail with a clear 503 storage_full (reads go
 * on), nothing half-written remains, and once space is back the same folder serves and takes
 * writes again. The folder sits on a small tmpfs mounted for the test (root), or, without
 * root, on a read-only folder, which fails writes the same way.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createUser } from '../../server/auth/users.ts';
import { openDb } from '../../server/db/index.ts';
import { PASSWORD, StaffClient } from '../auth/client.ts';
import { freshPropertyId, square } from '../staff/geo.ts';
import { dataFingerprint } from './http.ts';
import { spawnServer, type ServerProcess } from './processes.ts';

const mount = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-full-'));
const dir = path.join(mount, 'data');
const filler = path.join(mount, 'filler');
let mounted = false;
let server: ServerProcess | undefined;
const email = 'full@example.org';

beforeAll(async () => {
  const template = inject('pgliteTemplate');
  // Room for the folder plus a little; the filler takes the rest.
  if (process.getuid?.() === 0) {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', mount]);
    mounted = true;
  }
  if (template) fs.cpSync(template, dir, { recursive: true });
  // Without a template (a PostgreSQL run) the folder is made here: schema only, no demo plots.
  const db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 60_000 });
  await createUser(db, { email, password: PASSWORD, role: 'editor' }, { userId: null, actor: 'test' });
  await db.close();
  server = await spawnServer({ DATA_DIR: dir, DATABASE_URL: '' });
}, 180_000);
afterAll(async () => {
  await server?.stop();
  if (mounted) execFileSync('umount', ['-l', mount]);
  fs.rmSync(mount, { recursive: true, force: true });
});

/** Takes all free space (tmpfs) or makes the folder read-only (no root). */
function fillDisk(): void {
  if (!mounted) {
    execFileSync('chmod', ['-R', 'a-w', dir]);
    return;
  }
  const fd = fs.openSync(filler, 'w');
  const chunk = Buffer.alloc(1 << 20, 1);
  try {
    for (;;) fs.writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    fs.closeSync(fd);
  }
  // Fill the last partial megabyte too.
  try {
    fs.appendFileSync(filler, Buffer.alloc(4096 * 16));
  } catch {
    // full
  }
}
function freeDisk(): void {
  if (mounted) fs.rmSync(filler, { force: true });
  else execFileSync('chmod', ['-R', 'u+w', dir]);
}

describe('embedded data folder on a full disk', { timeout: 120_000 }, () => {
  it('answers writes with 503 storage_full, keeps reading, and recovers when space is back', async () => {
    const s = server!;
    const c = new StaffClient(s.url);
    expect((await c.login(email)).status).toBe(200);
    const create = () =>
      c.json<{ error?: { code: string }; plot?: { id: number } }>('POST', '/api/staff/plots', {
        property_id: freshPropertyId(),
        use_code: 'T',
        notes: 'x'.repeat(3_900),
        geometry: square(24.95, 60.19),
      });
    expect((await create()).status).toBe(201);

    fillDisk();
    const statuses: Array<[number, string | undefined]> = [];
    // Writes until one fails (the engine's buffers take the first few).
    for (let i = 0; i < 2_000; i++) {
      const r = await create();
      statuses.push([r.status, r.body.error?.code]);
      if (r.status !== 201) break;
    }
    const failed = statuses[statuses.length - 1]!;
    expect(failed).toEqual([503, 'storage_full']);
    expect(s.child.exitCode).toBeNull();
    // Reads still work.
    expect((await fetch(`${s.url}/api/plots?limit=1`)).status).toBe(200);

    freeDisk();
    // Same process, space back: writes work again.
    let ok = 0;
    for (let i = 0; i < 20 && ok === 0; i++) {
      if ((await create()).status === 201) ok++;
      else await new Promise((r) => setTimeout(r, 250));
    }
    expect(ok).toBe(1);
    // And the folder opens cleanly after a stop, with every acknowledged plot in it.
    const acknowledged = statuses.filter(([st]) => st === 201).length + 2;
    expect(await s.stop()).toBe(0);
    server = undefined;
    const db = await openDb({ dataDir: dir, poolSize: 1, statementTimeoutMs: 60_000 });
    try {
      const fp = await dataFingerprint(db);
      const [n] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM plots WHERE notes LIKE 'xxxx%'`,
      );
      expect(n!.n).toBe(acknowledged);
      expect(fp.versions).toBeGreaterThanOrEqual(fp.plots);
    } finally {
      await db.close();
    }
  }, 180_000);
});
