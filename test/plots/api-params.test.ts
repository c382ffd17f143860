import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../server/config.ts';
import { HttpError } from '../../server/http/errors.ts';
import { parseBbox } from '../../server/plots/bbox.ts';
import { decodeCursor, encodeCursor } from '../../server/plots/cursor.ts';
import { transitZoneNames } from '../../server/plots/labels.ts';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as HttpError).code;
  }
  return 'no error';
};

describe('bbox parameter', () => {
  it('reads lon,lat and swaps a northing-first CRS to x,y', () => {
    expect(parseBbox('24.9,60.1,25.2,60.3')).toMatchObject({
      minX: 24.9,
      minY: 60.1,
      maxX: 25.2,
      maxY: 60.3,
    });
    expect(parseBbox('6670000,25490000,6690000,25512000', { srid: 3879, northFirst: true })).toMatchObject({
      minX: 25_490_000,
      minY: 6_670_000,
    });
    expect(parseBbox('24.9,60.1,0,25.2,60.3,100')).toMatchObject({ maxX: 25.2, maxY: 60.3 });
    expect(parseBbox(undefined)).toBeUndefined();
  });

  it.each([
    ['25.2,60.3,24.9,60.1', 4326],
    ['a,b,c,d', 4326],
    ['1,2,3', 4326],
    ['-200,0,0,10', 4326],
    ['24.9,60.1,25.2,60.3', 3879],
    ['NaN,1,2,3', 4326],
  ] as const)('rejects %s in EPSG:%i', (text, srid) => {
    expect(codeOf(() => parseBbox(text, { srid }))).toBe('invalid_bbox');
  });
});

describe('list cursor', () => {
  it('round-trips and belongs to one sort', () => {
    const c = { sort: '-area_m2' as const, value: 1234, id: 56 };
    expect(decodeCursor(encodeCursor(c), '-area_m2')).toEqual(c);
    expect(codeOf(() => decodeCursor(encodeCursor(c), 'area_m2'))).toBe('invalid_cursor');
    expect(codeOf(() => decodeCursor('%%%', 'area_m2'))).toBe('invalid_cursor');
  });
});

describe('transit zone names', () => {
  // Every zone name in the shipped urban-structure data, combined ones included.
  const file = path.join(ROOT_DIR, 'data', 'context', 'ykr_urban_zones_2021_pks.geojson');
  const names = [
    ...new Set(
      (
        JSON.parse(fs.readFileSync(file, 'utf8')) as {
          features: Array<{ properties: { vyohselite: string } }>;
        }
      ).features.map((f) => f.properties.vyohselite),
    ),
  ];

  it('translates every zone of the data into Swedish and English', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const n of names) {
      const t = transitZoneNames(n)!;
      expect(t.name_fi.toLowerCase()).toBe(n.split('/').join(' / '));
      expect(t.name_sv).not.toMatch(/vyöhyke/);
      expect(t.name_en).not.toMatch(/vyöhyke/);
      expect(t.name_sv.split(' / ')).toHaveLength(n.split('/').length);
    }
  });

  it('gives the agreed names', () => {
    expect(transitZoneNames('autovyöhyke')).toEqual({
      name_fi: 'Autovyöhyke',
      name_sv: 'Bilzon',
      name_en: 'Car-oriented zone',
    });
    expect(transitZoneNames('keskustan reunavyöhyke/joukkoliikennevyöhyke')!.name_en).toBe(
      'City-centre fringe zone / public transport zone',
    );
    expect(transitZoneNames(null)).toBeNull();
  });
});
