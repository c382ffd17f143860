import { Router } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { DataVersion } from '../plots/data-version.ts';
import { answeredNotModified, versionedEtag } from '../plots/http-cache.ts';
import { createClientConfig } from './config.ts';

/** GET /api/config: basemap, data version, start view, demo flag and data licences. */
export function metaRoutes(config: Config, db: Db, dataVersion: DataVersion): Router {
  const r = Router();
  const clientConfig = createClientConfig(config, db, dataVersion);
  r.get('/api/config', async (req, res) => {
    if (answeredNotModified(req, res, versionedEtag(dataVersion.current(), 'config'))) return;
    res.json(await clientConfig());
  });
  return r;
}
