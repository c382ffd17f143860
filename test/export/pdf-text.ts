import zlib from 'node:zlib';

/**
 * The text a PDF shows, read from its content streams without the library that wrote it:
 * inflates each FlateDecode stream and decodes the strings of its Tj/TJ operators (hex or
 * literal, WinAnsi). Good enough for the standard fonts; not a general PDF parser.
 */
export function pdfText(pdf: Uint8Array): string {
  const buf = Buffer.from(pdf);
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const start = buf.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    let dataStart = start + 'stream'.length;
    if (buf[dataStart] === 0x0d) dataStart++;
    if (buf[dataStart] === 0x0a) dataStart++;
    const end = buf.indexOf('endstream', dataStart, 'latin1');
    if (end < 0) break;
    at = end + 'endstream'.length;
    let content: string;
    try {
      content = zlib.inflateSync(buf.subarray(dataStart, end)).toString('latin1');
    } catch {
      content = buf.subarray(dataStart, end).toString('latin1');
    }
    for (const m of content.matchAll(
      /\[((?:[^\]\\]|\\.)*)\]\s*TJ|(<[0-9a-fA-F]*>|\((?:[^)\\]|\\.)*\))\s*Tj/g,
    )) {
      const parts = m[1] ?? m[2]!;
      let line = '';
      for (const s of parts.matchAll(/<([0-9a-fA-F]*)>|\(((?:[^)\\]|\\.)*)\)/g)) {
        line +=
          s[1] !== undefined ? Buffer.from(s[1], 'hex').toString('latin1') : s[2]!.replace(/\\(.)/g, '$1');
      }
      out.push(line);
    }
  }
  // WinAnsi differs from Latin-1 only in 0x80-0x9f; the euro sign is the one the sheets use.
  return out.join('\n').replace(/\x80/g, '€');
}

/** Number of pages (page objects, not the page tree). */
export const pdfPageCount = (pdf: Uint8Array): number =>
  (
    Buffer.from(pdf)
      .toString('latin1')
      .match(/\/Type \/Page\b(?!s)/g) ?? []
  ).length;
