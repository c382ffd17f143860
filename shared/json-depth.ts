/**
 * The deepest nesting of arrays and objects in a JSON text, found by one pass over its
 * characters (strings skipped), so that a hostile depth is measured before anything parses,
 * walks or serialises it recursively. Works on UTF-8 bytes as well as on a string: every
 * structural character is ASCII, and UTF-8 never uses bytes below 0x80 inside a character.
 * Malformed text gives some number; the parser that follows reports the malformation.
 */
export function jsonDepth(text: string | Uint8Array): number {
  const bytes = typeof text !== 'string';
  const n = text.length;
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < n; i++) {
    const c = bytes ? text[i]! : text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Nesting allowed in API request bodies: far beyond any real body (a geometry nests 4-5). */
export const MAX_JSON_DEPTH = 64;
