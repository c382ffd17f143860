/**
 * Deciding a file's coordinate system and axis order from what it declares and where its
 * coordinates fall: northing-first files (GML from some WFS servers, lat/lon CSV) are read the
 * right way round, and a file whose coordinates are not where it says gets an error naming
 * what they do fit.
 */
import { describe, expect, it } from 'vitest';
import {
  decideCrs,
  epsgFromName,
  epsgFromPrj,
  firstPosition,
  type Position,
} from '../../server/import/crs.ts';

// The railway station square in each system, easting (longitude) first.
const STATION: Record<3879 | 3067 | 4326, Position> = {
  3879: [25_496_800, 6_673_300],
  3067: [385_800, 6_672_400],
  4326: [24.9414, 60.1719],
};
const swapped = ([x, y]: Position): Position => [y, x];

describe('decideCrs: axis order', () => {
  for (const epsg of [3879, 3067, 4326] as const) {
    it(`infers EPSG:${epsg} easting-first, to be confirmed by the user`, () => {
      expect(decideCrs({}, [STATION[epsg]])).toEqual({
        ok: true,
        epsg,
        swapAxes: false,
        source: 'inferred',
        needsConfirmation: true,
      });
    });
    it(`infers EPSG:${epsg} northing-first and flips the axes`, () => {
      expect(decideCrs({}, [swapped(STATION[epsg])])).toMatchObject({ ok: true, epsg, swapAxes: true });
    });
    it(`takes a declared EPSG:${epsg} in either axis order without asking`, () => {
      for (const [p, swapAxes] of [
        [STATION[epsg], false],
        [swapped(STATION[epsg]), true],
      ] as const)
        expect(decideCrs({ epsg, name: `EPSG:${epsg}` }, [p])).toEqual({
          ok: true,
          epsg,
          swapAxes,
          source: 'declared',
          needsConfirmation: false,
        });
    });
  }

  it('goes by most positions: a stray feature elsewhere does not decide', () => {
    const sample = [STATION[3879], STATION[3879], [0, 0] as Position];
    expect(decideCrs({ epsg: 3879 }, sample)).toMatchObject({ ok: true, epsg: 3879, swapAxes: false });
  });

  it('without positions (a CSV without geometry) uses the declaration, else EPSG:3879', () => {
    expect(decideCrs({ epsg: 3067 }, [])).toMatchObject({ ok: true, epsg: 3067, source: 'declared' });
    expect(decideCrs({}, [])).toMatchObject({
      ok: true,
      epsg: 3879,
      source: 'inferred',
      needsConfirmation: false,
    });
  });
});

describe('decideCrs: errors', () => {
  it('answers crs_mismatch with the system the coordinates fit', () => {
    expect(decideCrs({ epsg: 3067, name: 'EPSG:3067' }, [STATION[3879]])).toEqual({
      ok: false,
      code: 'crs_mismatch',
      suggestion: { epsg: 3879, swapAxes: false, share: 1 },
    });
    // WGS 84 declared (GeoJSON's default) but the numbers are GK25 northing-first.
    expect(decideCrs({ epsg: 4326 }, [swapped(STATION[3879])])).toMatchObject({
      code: 'crs_mismatch',
      suggestion: { epsg: 3879, swapAxes: true },
    });
  });

  it('answers coordinates_outside_helsinki when no system puts them in Helsinki', () => {
    const tampere: Position = [23.76, 61.5];
    expect(decideCrs({}, [tampere])).toEqual({ ok: false, code: 'coordinates_outside_helsinki' });
    expect(decideCrs({ epsg: 4326 }, [tampere])).toEqual({ ok: false, code: 'coordinates_outside_helsinki' });
  });

  it('answers unsupported_crs for a declared system the importer does not read', () => {
    expect(decideCrs({ epsg: 2393, name: 'EPSG:2393' }, [STATION[3879]])).toEqual({
      ok: false,
      code: 'unsupported_crs',
    });
  });
});

describe('reading the declared system', () => {
  it('reads every name form files use', () => {
    for (const name of [
      'EPSG:3879',
      'urn:ogc:def:crs:EPSG::3879',
      'urn:ogc:def:crs:EPSG:6.18:3879',
      'urn:ogc:def:crs:EPSG:6.18.3:3879',
      'urn:x-ogc:def:crs:EPSG::3879',
      'http://www.opengis.net/def/crs/EPSG/0/3879',
      'http://www.opengis.net/gml/srs/epsg.xml#3879',
    ])
      expect(epsgFromName(name), name).toBe(3879);
    expect(epsgFromName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(4326);
    expect(epsgFromName('KKJ')).toBeUndefined();
    expect(epsgFromName(undefined)).toBeUndefined();
  });

  it('reads a .prj by its AUTHORITY, its name or GK25’s central meridian', () => {
    expect(epsgFromPrj('PROJCS["x",GEOGCS["y"],AUTHORITY["EPSG","3067"]]')).toBe(3067);
    expect(epsgFromPrj('PROJCS["ETRS89_ETRS_GK25FIN",GEOGCS["GCS_ETRS_1989"]]')).toBe(3879);
    expect(epsgFromPrj('PROJCS["ETRS_1989_TM35FIN",GEOGCS["GCS_ETRS_1989"]]')).toBe(3067);
    expect(epsgFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]')).toBe(4326);
    expect(
      epsgFromPrj(
        'PROJCS["custom",PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",25500000.0],PARAMETER["Central_Meridian",25.0]]',
      ),
    ).toBe(3879);
    expect(epsgFromPrj('PROJCS["KKJ_Finland_Zone_2"]')).toBeUndefined();
  });

  it('takes the first position of any geometry’s coordinates', () => {
    expect(firstPosition([1, 2])).toEqual([1, 2]);
    expect(
      firstPosition([
        [
          [
            [3, 4],
            [5, 6],
          ],
        ],
      ]),
    ).toEqual([3, 4]);
    expect(firstPosition([])).toBeUndefined();
    expect(firstPosition('POINT(1 2)')).toBeUndefined();
  });
});
