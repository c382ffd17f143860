/** One background map entry as BASEMAPS or a preset writes it, checked by its schema. */
import { z } from 'zod';

export const BUILTIN_BASEMAP_ID = 'builtin';

const names = z.object({ fi: z.string().min(1), sv: z.string().min(1), en: z.string().min(1) }).strict();
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const entrySchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, at most 40')
      .refine((v) => v !== BUILTIN_BASEMAP_ID, `"${BUILTIN_BASEMAP_ID}" is the built-in map`),
    type: z.enum(['xyz', 'tms', 'wmts', 'wms', 'style']),
    /** xyz/tms: a template with {z}, {x}, {y}; wmts: capabilities or service URL; wms: service URL; style: style URL. */
    url: httpUrl,
    layer: z.string().min(1).optional(),
    style: z.string().default(''),
    tileMatrixSet: z.string().min(1).default('EPSG:3857'),
    /** WMTS: what comes before the zoom level in TileMatrix identifiers ("EPSG:3857:" on GeoWebCache). */
    tileMatrixPrefix: z.string().default(''),
    format: z.enum(['image/png', 'image/jpeg', 'image/webp']).default('image/png'),
    tileSize: z.union([z.literal(256), z.literal(512)]).default(256),
    name: names,
    attribution: z.string().min(1),
    licence: z
      .object({ name: z.string().min(1), url: httpUrl.optional() })
      .strict()
      .optional(),
    minzoom: z.number().int().min(0).max(24).default(0),
    maxzoom: z.number().int().min(0).max(24).default(19),
    /** Drawn transparent over the chosen background and toggled like the built-in overlays. */
    overlay: z.boolean().default(false),
    /** Further hosts the map reads (a style's tiles, sprites, glyphs), for the CSP. */
    hosts: z.array(httpUrl).default([]),
  })
  .strict()
  .superRefine((e, ctx) => {
    if ((e.type === 'wms' || e.type === 'wmts') && !e.layer)
      ctx.addIssue({ code: 'custom', path: ['layer'], message: `a ${e.type} entry needs its layer name` });
    if ((e.type === 'xyz' || e.type === 'tms') && !['{z}', '{x}', '{y}'].every((p) => e.url.includes(p)))
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a tile template needs {z}, {x} and {y}' });
    if (e.minzoom > e.maxzoom)
      ctx.addIssue({ code: 'custom', path: ['minzoom'], message: 'minzoom is above maxzoom' });
  });

export type BasemapEntry = z.infer<typeof entrySchema>;
/** An entry as written in BASEMAPS or a preset (defaults not yet applied). */
export type BasemapInput = Omit<z.input<typeof entrySchema>, 'id'> & { id?: string };
