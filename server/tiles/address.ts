import { HttpError } from '../http/errors.ts';

/** A tile address in the XYZ scheme (y grows southward), always in the order z, x, y. */
export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Highest zoom the plot tiles are made for; clients over-zoom past it. */
export const PLOT_MAX_ZOOM = 16;
// Zoom levels past this are not a tile pyramid anyone uses: a malformed address, not a missing tile.
const ABSURD_ZOOM = 30;
const INTEGER = /^\d{1,10}$/;

/**
 * Reads z, x and y from path segments ("12", "2331", "1185.mvt" after the extension is cut).
 * Throws 400 `invalid_tile_address` (not an integer, or x/y outside the zoom's range, value =
 * the offending segment) and 404 `zoom_out_of_range` for a zoom past `maxZoom`.
 */
export function parseTileAddress(z: string, x: string, y: string, maxZoom = PLOT_MAX_ZOOM): TileAddress {
  const parts = { z, x, y };
  for (const [name, raw] of Object.entries(parts)) {
    if (!INTEGER.test(raw))
      throw new HttpError(400, 'invalid_tile_address', `Tile ${name} must be a non-negative integer.`, {
        value: raw,
        param: name,
      });
  }
  const zi = Number(z);
  const xi = Number(x);
  const yi = Number(y);
  if (zi > ABSURD_ZOOM)
    throw new HttpError(400, 'invalid_tile_address', `Tile zoom must be between 0 and ${ABSURD_ZOOM}.`, {
      value: z,
      param: 'z',
    });
  const size = 2 ** zi;
  if (xi >= size)
    throw new HttpError(400, 'invalid_tile_address', `Tile x must be below ${size} at zoom ${zi}.`, {
      value: x,
      param: 'x',
    });
  if (yi >= size)
    throw new HttpError(400, 'invalid_tile_address', `Tile y must be below ${size} at zoom ${zi}.`, {
      value: y,
      param: 'y',
    });
  if (zi > maxZoom)
    throw new HttpError(
      404,
      'zoom_out_of_range',
      `No tiles past zoom ${maxZoom}; over-zoom the last level.`,
      {
        value: zi,
        maxzoom: maxZoom,
      },
    );
  return { z: zi, x: xi, y: yi };
}

/**
 * Splits a tile path `/<prefix>/{z}/{x}/{y}.<ext>` (query string allowed) into its segments;
 * undefined when the path is not of that shape (the caller answers 404 or passes on).
 */
export function splitTilePath(
  pathname: string,
  prefix: string,
  ext: string,
): [string, string, string] | undefined {
  if (!pathname.startsWith(prefix)) return undefined;
  const rest = pathname.slice(prefix.length).split('/');
  if (rest.length !== 3 || !rest[2]!.endsWith(ext)) return undefined;
  return [rest[0]!, rest[1]!, rest[2]!.slice(0, -ext.length)];
}
