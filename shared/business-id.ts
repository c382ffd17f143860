/**
 * True for a Finnish business ID (Y-tunnus) `NNNNNNN-C` whose check digit is right: weights
 * 7 9 10 5 8 4 2, sum mod 11; remainder 0 gives 0, remainder 1 is never issued, otherwise 11 - r.
 * Shared so the registration form can name a wrong check digit before it is sent.
 */
export function isBusinessId(v: string): boolean {
  const m = /^([0-9]{7})-([0-9])$/.exec(v);
  if (!m) return false;
  const w = [7, 9, 10, 5, 8, 4, 2];
  const r = [...m[1]!].reduce((s, d, i) => s + Number(d) * w[i]!, 0) % 11;
  if (r === 1) return false;
  return (r === 0 ? 0 : 11 - r) === Number(m[2]);
}
