import { parseSearch } from '../search/parse.ts';

/**
 * The property identifiers a staff search text names, or undefined for free text. Staff type
 * plots the way lists and letters write them: the block/plot form (`45012/1`), with a space
 * instead of the slash (`45012 1`), district-block-plot with dashes (`45-12-1`), and the
 * property identifier in any form (`091-045-0012-0001`, `91-45-12-1`, `09104500120001`).
 */
export function staffSearchIdentifiers(raw: string): string[] | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  const spaced = /^(\d{4,7}) (\d{1,4})$/.exec(text);
  // Three dashed parts are district, block and plot; a leading 091 is Helsinki's municipality
  // code, so "091-045-0012" stays a partial identifier.
  const dashed = /^(\d{1,3}) ?- ?(\d{1,4}) ?- ?(\d{1,4})$/.exec(text);
  if (dashed?.[1] === '091') return undefined;
  const form = spaced
    ? `${spaced[1]}/${spaced[2]}`
    : dashed && dashed[1] !== '091'
      ? `${dashed[1]}-${dashed[2]}/${dashed[3]}`
      : text;
  const intent = parseSearch(form);
  if (intent.propertyId) return [intent.propertyId];
  if (intent.blockPlot)
    return [...(intent.blockPlot.exact ? [intent.blockPlot.exact] : []), ...intent.blockPlot.others];
  return undefined;
}
