/**
 * Permit-needs rules: which permits a project needs on a plot, and why. A pure function of the
 * plot's zoning and attributes, the activity's traits and the project facts; no I/O, so every
 * rule is covered by the table of cases in the tests.
 */

import { own } from '../../../shared/own.ts';
import type { Text } from '../catalogue.ts';
import type { Facts } from '../facts.ts';
import { businessNeeds } from './business.ts';
import { eventNeeds } from './event.ts';
import type { ActivityForRules, PermitNeed, PlotForRules } from './types.ts';

export type { ActivityForRules, PermitNeed, PlotForRules } from './types.ts';
export { RESCUE_PLAN_VISITORS } from './event.ts';
export { permitNotes } from './notes.ts';

/** Prerequisites of each permit; only those present in the same result count. */
const PREREQUISITES: Record<string, string[]> = {
  'plot-division': ['plot-reservation'],
  'deviation-decision': ['plot-reservation'],
  'building-permit': ['plot-reservation', 'plot-division', 'deviation-decision'],
  'noise-notification': ['building-permit', 'demolition-permit'],
  'street-works-permit': ['building-permit', 'demolition-permit'],
  'water-connection': ['building-permit'],
  'energy-connections': ['building-permit'],
  'address-number': ['building-permit'],
};
/** Needs nothing before it even when a plot reservation is in the path. */
const INDEPENDENT = new Set(['plot-reservation', 'acquisition-permit']);

/**
 * The permits the project needs, each with its reasons and prerequisites, in catalogue-neutral
 * order (the caller sorts). Facts absent mean "no"; an empty facts object gives the permits the
 * plot and the activity alone imply.
 */
export function permitNeeds(plot: PlotForRules, activity: ActivityForRules, facts: Facts): PermitNeed[] {
  const needs = new Map<string, Text[]>();
  const add = (code: string, reason: Text) => {
    const list = needs.get(code) ?? [];
    list.push(reason);
    needs.set(code, list);
  };
  if (activity.kind === 'event') eventNeeds(plot, facts, add);
  else businessNeeds(plot, activity, facts, add);
  return [...needs].map(([code, reasons]) => ({ code, reasons, depends_on: prerequisites(code, needs) }));
}

function prerequisites(code: string, present: Map<string, unknown>): string[] {
  const deps = (own(PREREQUISITES, code) ?? []).filter((d) => present.has(d));
  if (deps.length === 0 && !INDEPENDENT.has(code) && present.has('plot-reservation'))
    return ['plot-reservation'];
  return deps;
}
