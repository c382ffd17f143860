/**
 * What of a client's value an error answer may echo: a bounded copy that cannot fail to
 * serialise. Strings are cut, arrays and objects summarised past a depth and a count;
 * BigInts, symbols and functions become text; a getter that throws, a cycle or a proxy cannot
 * reach JSON.stringify. Echoing a value must never cost more than the answer is worth.
 */
export interface EchoLimits {
  text: number;
  items: number;
  depth: number;
}

/** The offending `value`: enough to recognise it, never a copy of a large body. */
export const VALUE_LIMITS: EchoLimits = { text: 200, items: 20, depth: 3 };
/** Other details (accepted values, problems): ours, but they may quote the client too. */
export const DETAIL_LIMITS: EchoLimits = { text: 1000, items: 200, depth: 5 };

export function echoable(v: unknown, limits: EchoLimits = VALUE_LIMITS, depth = 0): unknown {
  switch (typeof v) {
    case 'string':
      return v.length > limits.text ? `${v.slice(0, limits.text)}…` : v;
    case 'number':
      return Number.isFinite(v) ? v : String(v);
    case 'boolean':
      return v;
    case 'bigint':
      return echoable(v.toString(), limits, depth);
    case 'undefined':
      return null;
    case 'symbol':
    case 'function':
      return `[${typeof v}]`;
  }
  if (v === null) return null;
  try {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
    if (ArrayBuffer.isView(v)) return `[${v.byteLength} bytes]`;
    if (Array.isArray(v)) {
      if (depth >= limits.depth) return `[array of ${v.length}]`;
      const out = v.slice(0, limits.items).map((x) => echoable(x, limits, depth + 1));
      if (v.length > limits.items) out.push(`… ${v.length - limits.items} more`);
      return out;
    }
    if (depth >= limits.depth) return '[object]';
    // No prototype: a key "__proto__" stays a key.
    const out = Object.create(null) as Record<string, unknown>;
    let n = 0;
    for (const k in v) {
      if (!Object.hasOwn(v, k)) continue;
      if (++n > limits.items) {
        out['…'] = 'more keys';
        break;
      }
      let x: unknown;
      try {
        x = (v as Record<string, unknown>)[k];
      } catch {
        x = '[unreadable]';
      }
      out[echoable(k, limits, limits.depth) as string] = echoable(x, limits, depth + 1);
    }
    return out;
  } catch {
    return '[unreadable]';
  }
}
