import { Router } from 'express';
import { own } from '../../shared/own.ts';
import { badRequest, notFound } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import { parseTileAddress } from '../tiles/address.ts';
import { TileCache } from '../tiles/cache.ts';
import { sendTile } from '../tiles/send.ts';
import { FONT_STACKS, glyphRange } from './glyphs.ts';
import { BASEMAP_MAX_ZOOM, buildBasemap, type Basemap } from './layers.ts';
import { BASEMAP_LANGUAGES, basemapStyle, type BasemapLanguage } from './style.ts';

const TILE_EXT = '.mvt';
const RANGE = /^(\d{1,5})-(\d{1,5})\.pbf$/;
const BASEMAP_CACHE_BYTES = 32 * 1024 * 1024; // the whole city at z0-14 is far smaller

/**
 * GET /basemap/style.json?lang=fi|sv|en, /basemap/tiles/{z}/{x}/{y}.mvt and
 * /basemap/fonts/{fontstack}/{start}-{end}.pbf. The layers are indexed on first use.
 */
export function basemapRoutes(log: Logger): Router {
  const r = Router();
  let basemap: Basemap | undefined;
  const get = () => {
    if (!basemap) {
      basemap = buildBasemap();
      log.info({ ms: basemap.buildMs, layers: basemap.layers.length }, 'basemap indexed');
    }
    return basemap;
  };
  const cache = new TileCache(BASEMAP_CACHE_BYTES, 0);

  r.get('/basemap/style.json', (req, res) => {
    const lang = (req.query.lang ?? 'fi') as string;
    if (!BASEMAP_LANGUAGES.includes(lang as BasemapLanguage))
      throw badRequest(
        'unsupported_language',
        `Language must be one of ${BASEMAP_LANGUAGES.join(', ')}.`,
        lang,
      );
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.json(basemapStyle(`${req.protocol}://${req.get('host')}`, get().version, lang as BasemapLanguage));
  });

  r.get('/basemap/tiles/:z/:x/:file', async (req, res) => {
    const { z, x, file } = req.params;
    if (!file.endsWith(TILE_EXT)) throw notFound('not_found', `Basemap tiles end in ${TILE_EXT}.`, file);
    const a = parseTileAddress(z, x, file.slice(0, -TILE_EXT.length), BASEMAP_MAX_ZOOM);
    const b = get();
    const tile = await cache.get(`${a.z}/${a.x}/${a.y}`, 0, async () => b.tile(a));
    sendTile(req, res, tile, req.query.v === b.version);
  });

  r.get('/basemap/fonts/:stack/:file', (req, res) => {
    const { stack, file } = req.params;
    const m = RANGE.exec(file);
    const start = m ? Number(m[1]) : NaN;
    if (!m || start % 256 !== 0 || Number(m[2]) !== start + 255 || start > 65280)
      throw badRequest(
        'invalid_glyph_range',
        'Glyph ranges are {start}-{start+255}.pbf, start a multiple of 256.',
        file,
      );
    // MapLibre asks for a comma-separated stack; the first font this server has answers.
    const name = stack.split(',').find((s) => own(FONT_STACKS, s.trim()));
    const pbf = name && glyphRange(name.trim(), start);
    if (!pbf) throw notFound('font_not_found', `Fonts here: ${Object.keys(FONT_STACKS).join(', ')}.`, stack);
    res.setHeader('Content-Type', 'application/x-protobuf');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.send(pbf);
  });
  return r;
}
