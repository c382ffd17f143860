/**
 * Text encoding of a CSV or DBF sample: UTF-8 (with or without BOM), UTF-16 with a BOM, or
 * Windows-1252 (what Finnish Excel writes). Undefined when it is none of these (binary data,
 * UTF-16 without BOM, bytes Windows-1252 does not define).
 */
export function detectEncoding(
  sample: Buffer,
  complete: boolean,
): 'utf8' | 'utf16le' | 'utf16be' | 'windows1252' | undefined {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf16be';
  if (sample.includes(0)) return undefined;
  if (isUtf8(complete ? sample : trimPartial(sample))) return 'utf8';
  // Bytes Windows-1252 leaves undefined.
  for (const b of sample)
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return undefined;
  // Control characters other than tab, CR, LF do not occur in text.
  for (const b of sample) if (b < 0x20 && b !== 9 && b !== 10 && b !== 13) return undefined;
  return 'windows1252';
}

function isUtf8(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

/** Drops a multi-byte character cut at the end of a sample. */
function trimPartial(b: Buffer): Buffer {
  let i = b.length - 1;
  let back = 0;
  while (i >= 0 && back < 4 && (b[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i >= 0 && b[i]! >= 0xc0) return b.subarray(0, i);
  return b;
}

export const ENCODINGS = ['utf8', 'utf16le', 'utf16be', 'windows1252', 'iso88591', 'iso885915'] as const;
