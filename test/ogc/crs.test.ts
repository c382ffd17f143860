import { describe, expect, it } from 'vitest';
import { HttpError } from '../../server/http/errors.ts';
import { CRS84, EPSG_3067, EPSG_3879, EPSG_4326, parseCrs } from '../../server/ogc/crs.ts';

describe('crs parameter', () => {
  it.each([
    [undefined, CRS84],
    ['http://www.opengis.net/def/crs/OGC/1.3/CRS84', CRS84],
    ['http://www.opengis.net/def/crs/EPSG/0/4326', EPSG_4326],
    ['http://www.opengis.net/def/crs/EPSG/0/3879', EPSG_3879],
    ['https://www.opengis.net/def/crs/EPSG/0/3067', EPSG_3067],
    ['urn:ogc:def:crs:EPSG::3879', EPSG_3879],
    ['EPSG:3067', EPSG_3067],
    ['[EPSG:3879]', EPSG_3879],
  ])('%s is %o', (raw, crs) => {
    expect(parseCrs(raw, 'crs')).toBe(crs);
  });

  it('keeps each CRS in its own axis order: 4326 and 3879 north first, CRS84 and 3067 east first', () => {
    expect([CRS84, EPSG_4326, EPSG_3879, EPSG_3067].map((c) => c.northFirst)).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('rejects others with 400 invalid_crs listing the accepted URIs', () => {
    try {
      parseCrs('EPSG:2393', 'bbox-crs');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HttpError);
      expect((e as HttpError).code).toBe('invalid_crs');
      expect((e as HttpError).details).toMatchObject({ value: 'EPSG:2393', param: 'bbox-crs' });
      expect((e as HttpError).details.accepted).toHaveLength(4);
    }
  });
});
