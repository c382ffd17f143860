/** The address-bar state of the map app: round trips, defaults left out, bad parts dropped and named. */
import { describe, expect, test } from 'vitest';
import { parseUrlState, parseView, toSearch } from '../../client/src/url/url-state.ts';

describe('url state', () => {
  test('a full state survives the round trip through the query string', () => {
    const search =
      '?use_class=industrial&area_min=5000&sub_district=456&lang=sv&view=25.05,60.21,15.5&plot=213&list=view&sort=price_eur_kem2';
    const { state, problems } = parseUrlState(search);
    expect(problems).toEqual([]);
    expect(state).toMatchObject({
      lang: 'sv',
      plot: 213,
      list: 'view',
      sort: 'price_eur_kem2',
      view: { lon: 25.05, lat: 60.21, zoom: 15.5 },
      filter: { useClass: ['industrial'], areaMin: 5000, subDistrict: [456] },
    });
    expect(parseUrlState(toSearch(state)).state).toEqual(state);
  });

  test('defaults are left out of the link', () => {
    expect(toSearch(parseUrlState('').state)).toBe('');
    expect(toSearch(parseUrlState('?list=all&sort=-area_m2').state)).toBe('');
  });

  test.each([
    ['lang', '?lang=de'],
    ['view', '?view=999,60,10'],
    ['view', '?view=25,60'],
    ['view', '?view=javascript:alert(1)'],
    ['plot', '?plot=1;DROP TABLE plots'],
    ['plot', '?plot=0'],
    ['list', '?list=everything'],
    ['sort', '?sort=random()'],
    ['area_min', '?area_min=-5'],
    ['use_class', '?use_class=<script>'],
    ['within', '?within={"type":"Polygon"}'],
  ])('a bad %s is dropped and named (%s)', (param, search) => {
    const { state, problems } = parseUrlState(search);
    expect(problems).toEqual([param]);
    expect(toSearch(state)).toBe('');
  });

  test('a view outside Finland or with absurd zoom is refused', () => {
    expect(parseView('24.9,60.2,12')).toEqual({ lon: 24.9, lat: 60.2, zoom: 12 });
    expect(parseView('24.9,60.2,40')).toBeUndefined();
    expect(parseView('-74,40.7,12')).toBeUndefined();
  });
});
