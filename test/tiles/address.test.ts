/**
 * Reading a tile address from the path: what a map client asking for a tile gets back, as the
 * error's code, status and offending value (the segment it sent), or the tile it asked for.
 */
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../server/http/errors.ts';
import { PLOT_MAX_ZOOM, parseTileAddress, splitTilePath } from '../../server/tiles/address.ts';

/** The error parseTileAddress throws, as the API sends it. */
function refusal(z: string, x: string, y: string, maxZoom?: number) {
  try {
    parseTileAddress(z, x, y, maxZoom);
  } catch (e) {
    expect(e).toBeInstanceOf(HttpError);
    const h = e as HttpError;
    return { status: h.status, code: h.code, ...h.details };
  }
  throw new Error(`${z}/${x}/${y} was accepted`);
}

describe('parseTileAddress', () => {
  it('reads a valid z/x/y as numbers, in that order', () => {
    expect(parseTileAddress('12', '2331', '1185')).toEqual({ z: 12, x: 2331, y: 1185 });
    expect(parseTileAddress('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
    // The last tile of a zoom is inside it.
    expect(parseTileAddress('3', '7', '7')).toEqual({ z: 3, x: 7, y: 7 });
  });

  it('refuses x or y past the zoom’s 2^z tiles with the segment as the value', () => {
    expect(refusal('3', '8', '0')).toEqual({
      status: 400,
      code: 'invalid_tile_address',
      value: '8',
      param: 'x',
    });
    expect(refusal('3', '0', '8')).toEqual({
      status: 400,
      code: 'invalid_tile_address',
      value: '8',
      param: 'y',
    });
    expect(refusal('0', '0', '1')).toMatchObject({ code: 'invalid_tile_address', param: 'y' });
  });

  it('refuses negative and non-integer segments, naming the first bad one', () => {
    expect(refusal('-1', '0', '0')).toEqual({
      status: 400,
      code: 'invalid_tile_address',
      value: '-1',
      param: 'z',
    });
    expect(refusal('5', '-3', '0')).toMatchObject({ code: 'invalid_tile_address', value: '-3', param: 'x' });
    expect(refusal('5', '1', '1.5')).toMatchObject({
      code: 'invalid_tile_address',
      value: '1.5',
      param: 'y',
    });
    expect(refusal('5', '1e2', '1')).toMatchObject({
      code: 'invalid_tile_address',
      value: '1e2',
      param: 'x',
    });
    expect(refusal('5', '', '1')).toMatchObject({ code: 'invalid_tile_address', value: '', param: 'x' });
    expect(refusal('a', 'b', 'c')).toMatchObject({ value: 'a', param: 'z' });
  });

  it('refuses a huge zoom as a malformed address (400), not a missing tile', () => {
    expect(refusal('31', '0', '0')).toEqual({
      status: 400,
      code: 'invalid_tile_address',
      value: '31',
      param: 'z',
    });
    // More digits than any zoom or tile number: refused before it becomes a number.
    expect(refusal('99999999999', '0', '0')).toMatchObject({ status: 400, value: '99999999999', param: 'z' });
  });

  it('answers 404 zoom_out_of_range past the last zoom made, naming it', () => {
    expect(refusal(String(PLOT_MAX_ZOOM + 1), '0', '0')).toEqual({
      status: 404,
      code: 'zoom_out_of_range',
      value: PLOT_MAX_ZOOM + 1,
      maxzoom: PLOT_MAX_ZOOM,
    });
    expect(parseTileAddress(String(PLOT_MAX_ZOOM), '0', '0')).toEqual({ z: PLOT_MAX_ZOOM, x: 0, y: 0 });
    // Another layer's own last zoom.
    expect(refusal('15', '0', '0', 14)).toMatchObject({ status: 404, maxzoom: 14 });
    // An x outside the zoom is still the address's fault, even past the last zoom.
    expect(refusal('20', String(2 ** 20), '0')).toMatchObject({ status: 400, param: 'x' });
  });
});

describe('splitTilePath', () => {
  it('splits /<prefix>/{z}/{x}/{y}.<ext> into its segments without the extension', () => {
    expect(splitTilePath('/tiles/plots/12/2331/1185.mvt', '/tiles/plots/', '.mvt')).toEqual([
      '12',
      '2331',
      '1185',
    ]);
  });

  it('passes on paths of another shape or extension', () => {
    expect(splitTilePath('/tiles/plots/12/2331/1185.pbf', '/tiles/plots/', '.mvt')).toBeUndefined();
    expect(splitTilePath('/tiles/plots/12/2331/1185', '/tiles/plots/', '.mvt')).toBeUndefined();
    expect(splitTilePath('/tiles/plots/12/2331.mvt', '/tiles/plots/', '.mvt')).toBeUndefined();
    expect(splitTilePath('/tiles/plots/1/12/2331/1185.mvt', '/tiles/plots/', '.mvt')).toBeUndefined();
    expect(splitTilePath('/api/plots/12/2331/1185.mvt', '/tiles/plots/', '.mvt')).toBeUndefined();
  });

  it('leaves a bad segment for parseTileAddress to name', () => {
    const parts = splitTilePath('/tiles/plots/12/x/1185.mvt', '/tiles/plots/', '.mvt')!;
    expect(parts).toEqual(['12', 'x', '1185']);
    expect(refusal(...parts)).toMatchObject({ code: 'invalid_tile_address', value: 'x', param: 'x' });
  });
});
