import { describe, expect, it } from 'vitest';
import { foldText } from '../../server/search/fold.ts';
import { parseSearch } from '../../server/search/parse.ts';

describe('reading the search box', () => {
  it.each([
    ['091-045-0012-0003', '091-045-0012-0003'],
    ['91-45-12-3', '091-045-0012-0003'],
    ['91 - 45 - 12 - 3', '091-045-0012-0003'],
    ['09104500120003', '091-045-0012-0003'],
  ])('"%s" is the property identifier %s', (q, id) => {
    expect(parseSearch(q)).toEqual({ propertyId: id });
  });

  it.each([
    ['45012/3', '45012/3'],
    ['045012 / 3', '45012/3'],
    ['17001/12', '17001/12'],
  ])('"%s" is the block/plot %s', (q, bp) => {
    expect(parseSearch(q)).toEqual({ blockPlot: bp });
  });

  it('a number of three to six digits is a plan number, nothing else', () => {
    expect(parseSearch('12617')).toEqual({ planNumber: '12617' });
    expect(parseSearch('12')).toEqual({});
  });

  it('a longer run of digits or dashes is searched inside identifiers', () => {
    expect(parseSearch('0910450012')).toEqual({ idFragment: '0910450012' });
    expect(parseSearch('091-045')).toEqual({ idFragment: '091-045' });
  });

  it('text is a place name and a street, with the house number apart', () => {
    expect(parseSearch('  Teollisuuskatu   33 B ')).toEqual({ street: 'teollisuuskatu', house: 33 });
    expect(parseSearch('Sörnäinen')).toEqual({ name: 'sornainen', street: 'sornainen' });
  });

  it('one letter is not enough to search names', () => {
    expect(parseSearch('k')).toEqual({});
  });
});

describe('folding', () => {
  it('folds case and the Nordic letters as the database does', () => {
    expect(foldText('SÖRNÄINEN')).toBe('sornainen');
    expect(foldText('Västra hamnen')).toBe('vastra hamnen');
    expect(foldText('Kasåkern')).toBe('kasakern');
  });
});
