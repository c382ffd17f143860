/**
 * A staff member reading the pages in Finnish or Swedish never gets the server's English
 * message: every error code the staff-facing server modules answer with has a text in each
 * language. And a text with a placeholder used twice is filled in both places.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS, translator } from '../../client/staff/i18n.ts';
import { ROOT_DIR } from '../../server/config.ts';

const STAFF_MODULES = [
  'server/staff',
  'server/import',
  'server/auth',
  'server/audit',
  'server/saved-searches',
];
const THROWERS = /\b(?:badRequest|notFound|conflict|forbidden|unauthorized|unprocessable)\(\s*'([a-z_]+)'/g;

function codesIn(dir: string): Set<string> {
  const codes = new Set<string>();
  for (const entry of fs.readdirSync(path.join(ROOT_DIR, dir), { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const text = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const m of text.matchAll(THROWERS)) codes.add(m[1]!);
  }
  return codes;
}

describe('staff error texts', () => {
  const codes = [...new Set(STAFF_MODULES.flatMap((d) => [...codesIn(d)]))].sort();

  it('cover every error code the staff-facing server modules answer with, in fi, sv and en', () => {
    expect(codes.length).toBeGreaterThan(20);
    for (const lang of LANGS) {
      const t = translator(lang);
      const missing = codes.filter((c) => t(`err.${c}`) === `err.${c}`);
      expect(missing, lang).toEqual([]);
    }
  });

  it('are in the page language, not Finnish left in the Swedish or English table', () => {
    const fi = translator('fi');
    for (const lang of ['sv', 'en'] as const) {
      const t = translator(lang);
      const same = codes.filter((c) => t(`err.${c}`) === fi(`err.${c}`));
      expect(same, lang).toEqual([]);
    }
  });

  it('fill a placeholder everywhere it stands', () => {
    const t = translator('en');
    expect(t('{n} of {n}', { n: 3 })).toBe('3 of 3');
  });
});
