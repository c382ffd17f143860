import { Router } from 'express';
import type { Db } from '../db/index.ts';
import { migrationsComplete } from '../db/migrate.ts';

/** /healthz: the process answers. /readyz: the database answers and is fully migrated. */
export function healthRoutes(db: Db): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    try {
      const ok = await migrationsComplete(db);
      res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'migrations_pending', database: db.kind });
    } catch {
      res.status(503).json({ status: 'database_unavailable', database: db.kind });
    }
  });
  return r;
}
