import { describe, expect, it } from 'vitest';
import { readCatalogueFiles, USE_CODES, type Activity } from '../../server/permits/catalogue.ts';
import { FACT_DEFINITIONS, type Facts } from '../../server/permits/facts.ts';
import {
  permitNeeds,
  permitNotes,
  RESCUE_PLAN_VISITORS,
  type PlotForRules,
} from '../../server/permits/rules/index.ts';

const catalogue = readCatalogueFiles();
const activity = (code: string): Activity => {
  const a = catalogue.activities.find((x) => x.code === code);
  if (!a) throw new Error(`no activity ${code} in the catalogue`);
  return a;
};

const PLOT: PlotForRules = {
  use_code: 'T',
  registered: true,
  building_prohibition: false,
  plan_state: 'valid',
  availability: 'available',
  tenure: 'lease',
  draw_ends_on: null,
};

/** Runs the rules the way the service does: the activity's defaults under the user's facts. */
function needs(activityCode: string, plot: Partial<PlotForRules> = {}, facts: Facts = {}) {
  const a = activity(activityCode);
  return permitNeeds({ ...PLOT, ...plot }, a, { ...(a.defaults as Facts), ...facts });
}
const codes = (...args: Parameters<typeof needs>) => needs(...args).map((n) => n.code);

interface Case {
  name: string;
  activity: string;
  plot?: Partial<PlotForRules>;
  facts?: Facts;
  includes?: string[];
  excludes?: string[];
  exactly?: string[];
}

const CASES: Case[] = [
  {
    name: 'surface treatment with a new building on an industrial plot: building, environmental permit, chemicals',
    activity: 'surface-treatment',
    plot: { use_code: 'TT' },
    facts: { new_building: true },
    includes: ['plot-reservation', 'building-permit', 'environmental-permit', 'chemicals-notification'],
    excludes: ['deviation-decision', 'environmental-notification', 'chemicals-permit-tukes'],
  },
  {
    name: 'chemical storage on a T/kem plot with a new building',
    activity: 'chemical-storage',
    plot: { use_code: 'T/kem' },
    facts: { new_building: true },
    includes: [
      'building-permit',
      'chemicals-notification',
      'water-connection',
      'energy-connections',
      'address-number',
    ],
    excludes: ['deviation-decision'],
  },
  {
    name: 'an office moving in without works needs only the plot',
    activity: 'office',
    plot: { use_code: 'KT' },
    exactly: ['plot-reservation'],
  },
  {
    name: 'a new office building: building permit and connections, nothing environmental',
    activity: 'office',
    plot: { use_code: 'KT' },
    facts: { new_building: true },
    exactly: [
      'plot-reservation',
      'building-permit',
      'water-connection',
      'energy-connections',
      'address-number',
    ],
  },
  {
    name: 'an extension needs a building permit but no new connections',
    activity: 'office',
    plot: { use_code: 'KTY' },
    facts: { extension: true },
    includes: ['building-permit'],
    excludes: ['water-connection', 'address-number'],
  },
  {
    name: 'change of use needs a building permit',
    activity: 'retail',
    plot: { use_code: 'KL' },
    facts: { change_of_use: true },
    includes: ['building-permit'],
  },
  {
    name: 'an indicative plot needs plot division',
    activity: 'warehouse-logistics',
    plot: { registered: false },
    facts: { new_building: true },
    includes: ['plot-division', 'building-permit'],
  },
  {
    name: 'building under a building prohibition needs a deviation decision',
    activity: 'warehouse-logistics',
    plot: { building_prohibition: true },
    facts: { new_building: true },
    includes: ['deviation-decision'],
  },
  {
    name: 'a building prohibition does not matter when nothing is built',
    activity: 'warehouse-logistics',
    plot: { building_prohibition: true },
    excludes: ['deviation-decision', 'building-permit'],
  },
  {
    name: 'building on a plot whose plan is pending needs a deviation or waiting for the plan',
    activity: 'light-manufacturing',
    plot: { plan_state: 'pending' },
    facts: { extension: true },
    includes: ['deviation-decision'],
  },
  {
    name: 'an office on an industrial plot does not fit the zoning',
    activity: 'office',
    plot: { use_code: 'T' },
    includes: ['deviation-decision'],
  },
  {
    name: 'the user can declare a deviation',
    activity: 'office',
    plot: { use_code: 'KT' },
    facts: { deviation: true },
    includes: ['deviation-decision'],
  },
  {
    name: 'emitting industry on a TY plot needs an environmental permit',
    activity: 'heavy-industry',
    plot: { use_code: 'TY' },
    includes: ['environmental-permit'],
    excludes: ['environmental-permit-avi'],
  },
  {
    name: 'a large plant gets its environmental permit from the regional agency',
    activity: 'heavy-industry',
    facts: { large_plant: true },
    includes: ['environmental-permit-avi'],
    excludes: ['environmental-permit', 'environmental-notification'],
  },
  {
    name: 'vehicle service is notified and stores chemicals',
    activity: 'vehicle-service',
    plot: { use_code: 'TV' },
    includes: ['environmental-notification', 'chemicals-notification'],
    excludes: ['environmental-permit'],
  },
  {
    name: 'light manufacturing without emissions needs no environmental step',
    activity: 'light-manufacturing',
    excludes: ['environmental-notification', 'environmental-permit'],
  },
  {
    name: 'light manufacturing with emissions is notified',
    activity: 'light-manufacturing',
    facts: { emissions: true },
    includes: ['environmental-notification'],
  },
  {
    name: 'waste recycling needs an environmental permit',
    activity: 'waste-recycling',
    plot: { use_code: 'TT' },
    includes: ['environmental-permit'],
  },
  {
    name: 'a restaurant notifies its food premises',
    activity: 'restaurant-cafe',
    plot: { use_code: 'KL' },
    includes: ['food-notification'],
    excludes: ['alcohol-licence'],
  },
  {
    name: 'a restaurant without food (a bar) makes no food notification',
    activity: 'restaurant-cafe',
    plot: { use_code: 'KL' },
    facts: { food: false },
    excludes: ['food-notification'],
  },
  {
    name: 'alcohol and a street terrace add a licence and a terrace permit',
    activity: 'restaurant-cafe',
    plot: { use_code: 'C' },
    facts: { alcohol: true, terrace: true },
    includes: ['food-notification', 'alcohol-licence', 'terrace-permit'],
  },
  {
    name: 'food production on an industrial plot notifies its food premises',
    activity: 'food-production',
    plot: { use_code: 'TT' },
    includes: ['food-notification'],
  },
  {
    name: 'a food shop in a commercial block notifies its food premises',
    activity: 'retail',
    plot: { use_code: 'KM' },
    facts: { food: true },
    includes: ['food-notification'],
  },
  {
    name: 'a warehouse storing a few chemicals notifies the rescue department',
    activity: 'warehouse-logistics',
    plot: { use_code: 'TV' },
    facts: { chemicals: 'small' },
    includes: ['chemicals-notification'],
    excludes: ['chemicals-permit-tukes'],
  },
  {
    name: 'large-scale chemicals outside a T/kem plot: Tukes permit and a deviation',
    activity: 'warehouse-logistics',
    plot: { use_code: 'TV' },
    facts: { chemicals: 'large' },
    includes: ['chemicals-permit-tukes', 'deviation-decision'],
    excludes: ['chemicals-notification'],
  },
  {
    name: 'large-scale chemical storage also needs an environmental permit',
    activity: 'chemical-storage',
    plot: { use_code: 'T/kem' },
    facts: { chemicals: 'large', new_building: true },
    includes: ['chemicals-permit-tukes', 'environmental-permit', 'building-permit'],
  },
  {
    name: 'small-scale chemical storage without emissions needs no environmental step',
    activity: 'chemical-storage',
    plot: { use_code: 'T' },
    facts: { chemicals: 'small' },
    excludes: ['environmental-permit', 'environmental-notification'],
  },
  {
    name: 'large-scale chemicals on a T/kem plot: Tukes permit, no deviation',
    activity: 'chemical-storage',
    plot: { use_code: 'T/kem' },
    facts: { chemicals: 'large' },
    includes: ['chemicals-permit-tukes'],
    excludes: ['deviation-decision', 'chemicals-notification'],
  },
  {
    name: 'a T/kem plot with chemicals answered "none" lists no chemicals notification',
    activity: 'warehouse-logistics',
    plot: { use_code: 'T/kem' },
    facts: { chemicals: 'none' },
    excludes: ['chemicals-notification', 'chemicals-permit-tukes'],
  },
  {
    name: 'a T/kem plot with a small amount of chemicals: the notification, for the chemicals and the zoning',
    activity: 'light-manufacturing',
    plot: { use_code: 'T/kem' },
    facts: { chemicals: 'small' },
    includes: ['chemicals-notification'],
  },
  {
    name: 'earthworks without building works: a landscape-work permit, no building permit',
    activity: 'warehouse-logistics',
    plot: { use_code: 'T' },
    facts: { earthworks: true },
    includes: ['landscape-work-permit'],
    excludes: ['building-permit'],
  },
  {
    name: 'street works need public-area permits',
    activity: 'office',
    plot: { use_code: 'KT' },
    facts: { new_building: true, street_works: true },
    includes: ['street-works-permit'],
  },
  {
    name: 'demolition, signs and earthworks get their own permits',
    activity: 'retail',
    plot: { use_code: 'K' },
    facts: { demolition: true, signs: true, earthworks: true, noise: true },
    includes: ['demolition-permit', 'action-permit', 'landscape-work-permit', 'noise-notification'],
  },
  {
    name: 'a gym notifies under the Health Protection Act',
    activity: 'gym-beauty',
    plot: { use_code: 'K' },
    includes: ['health-protection-notification'],
  },
  {
    name: 'accommodation notifies under the Health Protection Act',
    activity: 'accommodation',
    plot: { use_code: 'C' },
    includes: ['health-protection-notification'],
  },
  {
    name: 'a buyer from outside the EU needs an acquisition permit for a plot on sale',
    activity: 'office',
    plot: { use_code: 'KT', tenure: 'sale' },
    facts: { foreign_buyer: true },
    includes: ['acquisition-permit'],
  },
  {
    name: 'leasing needs no acquisition permit',
    activity: 'office',
    plot: { use_code: 'KT', tenure: 'lease' },
    facts: { foreign_buyer: true },
    excludes: ['acquisition-permit'],
  },
  {
    name: 'a small event on the plot: police notice and temporary use, nothing else',
    activity: 'public-event',
    exactly: ['event-police-notice', 'temporary-plot-use'],
  },
  {
    name: 'a big street festival: the whole event path',
    activity: 'public-event',
    facts: { venue: 'public_area', visitors: 5000, food: true, alcohol: true, amplified_sound: true },
    exactly: [
      'event-police-notice',
      'event-public-area',
      'event-rescue-plan',
      'event-food-sales',
      'event-alcohol-licence',
      'event-noise-notification',
    ],
  },
  {
    name: 'fire or a stage needs a rescue plan even for a small crowd',
    activity: 'public-event',
    facts: { visitors: 50, fire_or_stage: true },
    includes: ['event-rescue-plan'],
  },
  {
    name: 'an event on a T/kem plot is reviewed by the rescue department',
    activity: 'public-event',
    plot: { use_code: 'T/kem' },
    includes: ['event-rescue-plan'],
  },
  {
    name: `${RESCUE_PLAN_VISITORS} visitors need a rescue plan`,
    activity: 'public-event',
    facts: { visitors: RESCUE_PLAN_VISITORS },
    includes: ['event-rescue-plan'],
  },
  {
    name: `${RESCUE_PLAN_VISITORS - 1} visitors do not`,
    activity: 'public-event',
    facts: { visitors: RESCUE_PLAN_VISITORS - 1 },
    excludes: ['event-rescue-plan'],
  },
  {
    name: 'an event needs no plot reservation, building permit or plot division',
    activity: 'public-event',
    plot: { registered: false, building_prohibition: true, plan_state: 'pending' },
    excludes: ['plot-reservation', 'plot-division', 'deviation-decision', 'building-permit'],
  },
];

describe('permit-needs rules', () => {
  it.each(CASES)('$name', (c) => {
    const got = codes(c.activity, c.plot, c.facts);
    if (c.exactly) expect([...got].sort()).toEqual([...c.exactly].sort());
    for (const code of c.includes ?? []) expect(got).toContain(code);
    for (const code of c.excludes ?? []) expect(got).not.toContain(code);
  });

  it('a plot in a public draw says until when', () => {
    const [reservation] = needs('office', {
      use_code: 'KT',
      availability: 'draw',
      draw_ends_on: '2027-01-15',
    });
    expect(reservation!.code).toBe('plot-reservation');
    expect(reservation!.reasons[0]!.en).toContain('2027-01-15');
    expect(reservation!.reasons[0]!.fi).toContain('2027-01-15');
  });

  it('the earliest construction date and the build obligation are part of the reasons', () => {
    const list = needs(
      'office',
      { use_code: 'KT', earliest_construction_on: '2027-06-01', build_obligation_years: 3 },
      { new_building: true },
    );
    const reasons = (code: string) =>
      list
        .find((n) => n.code === code)!
        .reasons.map((r) => r.en)
        .join(' ');
    expect(reasons('building-permit')).toContain('2027-06-01');
    expect(reasons('plot-reservation')).toContain('within 3 years');
    const moving = needs('office', { use_code: 'KT', earliest_construction_on: '2027-06-01' });
    expect(moving.map((n) => n.code)).toEqual(['plot-reservation']);
  });

  it('no reason contradicts an answer: chemicals "none", no building, a leased plot', () => {
    const none = needs('light-manufacturing', { use_code: 'T/kem' }, { chemicals: 'none' });
    for (const n of none)
      for (const r of n.reasons) expect(r.en, n.code).not.toMatch(/chemical storage there is notified/);
    const dig = needs('warehouse-logistics', {}, { earthworks: true });
    const landscape = dig.find((n) => n.code === 'landscape-work-permit')!;
    expect(landscape.reasons[0]!.en).not.toMatch(/ahead of the building permit/);
    const leased = needs('office', { use_code: 'KT', tenure: 'lease' }, { foreign_buyer: true });
    expect(leased.map((n) => n.code)).not.toContain('acquisition-permit');
  });

  it('notes say why a T/kem plot asks about chemicals when the answer is "none", in fi/sv/en', () => {
    const a = activity('light-manufacturing');
    const facts = (chemicals: 'none' | 'small') => ({ ...(a.defaults as Facts), chemicals });
    const notes = permitNotes({ ...PLOT, use_code: 'T/kem' }, a, facts('none'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.en).toMatch(/T\/kem.*why we ask about chemicals.*no chemicals notification is needed/);
    expect(notes[0]!.fi).toMatch(/T\/kem.*kemikaali-ilmoitusta ei tarvita/);
    expect(notes[0]!.sv).toMatch(/T\/kem.*ingen kemikalieanmälan behövs/);
    // With chemicals the notification is listed and no note explains it away.
    expect(permitNotes({ ...PLOT, use_code: 'T/kem' }, a, facts('small'))).toEqual([]);
    expect(permitNotes({ ...PLOT, use_code: 'T' }, a, facts('none'))).toEqual([]);
  });

  it('a buyer from outside the EU on a leased plot is told why no acquisition permit is listed', () => {
    const a = activity('office');
    const leased = permitNotes({ ...PLOT, use_code: 'KT', tenure: 'lease' }, a, { foreign_buyer: true });
    expect(leased.map((n) => n.en)).toEqual([
      expect.stringMatching(/leased, not sold.*no acquisition permit/),
    ]);
    expect(permitNotes({ ...PLOT, use_code: 'KT', tenure: 'sale' }, a, { foreign_buyer: true })).toEqual([]);
  });

  it('a zoning misfit names the zoning code and the activity', () => {
    const dev = needs('office', { use_code: 'TT' }).find((n) => n.code === 'deviation-decision')!;
    expect(dev.reasons[0]!.en).toMatch(/TT.*Office/);
  });

  it('every reason of a TY emitting plant mentions the special requirements', () => {
    const env = needs('heavy-industry', { use_code: 'TY' }).find((n) => n.code === 'environmental-permit')!;
    expect(env.reasons.length).toBeGreaterThanOrEqual(2);
    expect(env.reasons.some((r) => r.en.includes('special requirements'))).toBe(true);
  });

  it('the building permit waits for plot division and the deviation decision; connections wait for it', () => {
    const list = needs('office', { use_code: 'T', registered: false }, { new_building: true });
    const dep = (code: string) => list.find((n) => n.code === code)!.depends_on;
    expect(dep('building-permit').sort()).toEqual([
      'deviation-decision',
      'plot-division',
      'plot-reservation',
    ]);
    expect(dep('plot-division')).toEqual(['plot-reservation']);
    expect(dep('water-connection')).toEqual(['building-permit']);
    expect(dep('plot-reservation')).toEqual([]);
  });

  it('noise waits for the demolition permit when there is no building permit', () => {
    const list = needs('office', { use_code: 'KT' }, { demolition: true, noise: true });
    expect(list.find((n) => n.code === 'noise-notification')!.depends_on).toEqual(['demolition-permit']);
  });

  it('event permits run in parallel: none waits for another', () => {
    const list = needs(
      'public-event',
      {},
      { visitors: 900, food: true, alcohol: true, amplified_sound: true },
    );
    for (const n of list) expect(n.depends_on).toEqual([]);
  });

  // Every activity on every zoning code with every fact switched on: each suggestion is a
  // catalogue permit type, has reasons in three languages, and depends only on present permits.
  it('all activities x all zoning codes x all facts give catalogue permits with reasons in fi/sv/en', () => {
    const known = new Set(catalogue.permitTypes.map((p) => p.code));
    const allFacts: Facts = {};
    for (const d of FACT_DEFINITIONS) {
      (allFacts as Record<string, unknown>)[d.key] =
        d.type === 'boolean' ? true : d.type === 'integer' ? d.max : d.options[d.options.length - 1]!.value;
    }
    for (const a of catalogue.activities)
      for (const use_code of USE_CODES)
        for (const facts of [{}, allFacts]) {
          const list = permitNeeds(
            { ...PLOT, use_code, registered: false, building_prohibition: true },
            a,
            facts,
          );
          const present = new Set(list.map((n) => n.code));
          expect(list.length).toBeGreaterThan(0);
          for (const n of list) {
            expect(known, `${a.code}/${use_code}: ${n.code}`).toContain(n.code);
            expect(n.reasons.length).toBeGreaterThan(0);
            for (const r of n.reasons)
              for (const l of ['fi', 'sv', 'en'] as const) expect(r[l].length).toBeGreaterThan(10);
            for (const d of n.depends_on) expect(present).toContain(d);
          }
        }
  });
});
