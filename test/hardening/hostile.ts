/** Hostile values for fuzzing: generators (fast-check) and a fixed list of SQL injection strings. */
import fc from 'fast-check';
import { FILTER_PARAMS } from '../../shared/filter.ts';

/** Classic injection strings: quote breaking, stacked statements, UNION, comments, time delays. */
export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "1' OR 1=1 --",
  '1; DROP TABLE plots; --',
  "'); DELETE FROM plots; --",
  "' UNION SELECT password_hash, email FROM users --",
  '1 UNION ALL SELECT NULL,NULL,NULL--',
  "'; UPDATE plots SET sale_price_eur = 0; --",
  '1)) OR pg_sleep(5) IS NULL --',
  "' || (SELECT pg_sleep(5)) || '",
  '$1',
  '\\',
  "%' AND 1=1 AND '%'='",
  '"; TRUNCATE plot_versions; --',
  '1/**/OR/**/1=1',
  "E'\\x27 OR 1=1",
  '\u0000',
] as const;

/**
 * Names every plain object inherits: a lookup `TABLE[key]` finds them in any table, so each
 * key-like parameter gets them as values (they must be unknown keys, never a 5xx).
 */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
] as const;

/** JSON nested `depth` deep: arrays, or objects whose one key is `key`. */
export const deepJson = (depth: number, key?: string): string =>
  key === undefined
    ? '['.repeat(depth) + ']'.repeat(depth)
    : `{${JSON.stringify(key)}:`.repeat(depth) + 'null' + '}'.repeat(depth);

/** Edge values that have broken parsers elsewhere: numbers at the limits, encodings, lengths. */
const EDGES = [
  ...PROTOTYPE_NAMES,
  ...PROTOTYPE_NAMES.map((n) => `a.${n}`),
  '',
  ' ',
  '-1',
  '0',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '0x1f',
  '9007199254740993',
  '1,2,3,4',
  '1,2,3,4,5,6,7',
  ',,,',
  '..',
  '../../etc/passwd',
  '%',
  '%%',
  '<script>alert(1)</script>',
  '{"a":1}',
  '[]',
  'null',
  'undefined',
  'true',
  '\u202e\u0301',
  '\ud83d\ude00'.repeat(20),
  'a'.repeat(5_000),
  '1,'.repeat(2_000),
];

/** Any text a client could send as one query value. */
export const hostileValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGES, ...SQL_INJECTIONS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 2, arbitrary: fc.integer().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.double({ min: -1e8, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 6 })
      .map((a) => a.join(',')),
  },
);

/** A path segment, sometimes not even valid percent-encoding. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  hostileValue.map(encodeURIComponent),
  fc.constantFrom('%', '%zz', '%E0%A4%A', '%00', '%2e%2e', '%2F', '.', '..', ';', '*', ...PROTOTYPE_NAMES),
  fc.integer({ min: -5, max: 40 }).map(String),
);

/** A query string over the given parameter names (plus, now and then, a repeated or unknown one). */
export function hostileQuery(params: readonly string[]): fc.Arbitrary<string> {
  const pair = fc.tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...params) },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
      { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
    ),
    hostileValue,
  );
  return fc.array(pair, { maxLength: 6 }).map((pairs) => {
    const u = new URLSearchParams();
    for (const [k, v] of pairs) u.append(k, v);
    const s = u.toString();
    return s ? `?${s}` : '';
  });
}

export const FILTER = FILTER_PARAMS as readonly string[];

/**
 * Run settings for a fuzz property. The seed is fixed so that a run can be repeated exactly and
 * CI judges every commit on the same inputs; `FUZZ_SEED=random npm test` (or a number) explores
 * new ones, and a failure prints the seed and the shrunk input to replay it.
 */
export function fuzzRuns(numRuns: number): fc.Parameters<unknown> {
  const env = process.env.FUZZ_SEED;
  const seed = env === 'random' ? undefined : Number(env ?? 20261128);
  return {
    numRuns,
    interruptAfterTimeLimit: 25_000,
    ...(seed === undefined || Number.isNaN(seed) ? {} : { seed }),
  };
}
