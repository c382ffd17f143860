/** Trigram similarity as pg_trgm computes it, for matching in memory (places, and streets without pg_trgm). */

/** Trigrams as pg_trgm makes them: each word padded with two spaces before and one after. */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of s.split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    const padded = `  ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

export function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/** The whole name and every run of its words: 'länsi pasila' -> 'länsi', 'länsi pasila', 'pasila'. */
export function wordRuns(name: string): string[] {
  const words = name.split(/[\s-]+/).filter(Boolean);
  const runs: string[] = [];
  for (let i = 0; i < words.length; i++)
    for (let j = i + 1; j <= words.length; j++) runs.push(words.slice(i, j).join(' '));
  return runs;
}
