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
    ['45012/3', '091-045-0012-0003', ['091-004-5012-0003']],
    ['045012 / 3', '091-045-0012-0003', ['091-004-5012-0003']],
    ['17001/12', '091-017-0001-0012', ['091-001-7001-0012']],
    ['47-1051/2', '091-047-1051-0002', []],
    ['47 - 1051 / 2', '091-047-1051-0002', []],
  ])('"%s" is the block/plot of %s', (q, exact, others) => {
    expect(parseSearch(q)).toEqual({ blockPlot: { exact, others } });
  });

  it('digits that run a four-digit block into the district are read both ways, stored form first', () => {
    expect(parseSearch('471051/2')).toEqual({
      blockPlot: { exact: '091-471-0051-0002', others: ['091-047-1051-0002'] },
    });
    // A block of 1000 or more cannot start with a zero: 450512 is never block 0512.
    expect(parseSearch('450512/2')).toEqual({ blockPlot: { exact: '091-450-0512-0002', others: [] } });
    // Seven digits only fit a three-digit district with a four-digit block.
    expect(parseSearch('1234567/2')).toEqual({ blockPlot: { others: ['091-123-4567-0002'] } });
  });

  it('a number of three to six digits is a plan number, and from five digits also a block/plot run together', () => {
    expect(parseSearch('1261')).toEqual({ planNumber: '1261' });
    expect(parseSearch('12617')).toEqual({
      planNumber: '12617',
      blockPlot: { others: ['091-001-0261-0007'] },
    });
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
