// The same folding as the database's tl_fold() (migration 004): query text is folded here so that
// it reaches the database as a constant the planner can match against indexes.
const FROM = 'ÅÄÖÉÈÜÆØÕÀÁÍÓÚŠŽåäöéèüæøõàáíóúšž';
const TO = 'aaoeeuaooaaiouszaaoeeuaooaaiousz';
const MAP = new Map([...FROM].map((c, i) => [c, TO[i]!]));

/** 'Sörnäinen' -> 'sornainen'; 'VÄSTRA HAMNEN' -> 'vastra hamnen'. */
export function foldText(s: string): string {
  let out = '';
  for (const c of s) out += MAP.get(c) ?? c;
  return out.toLowerCase();
}
