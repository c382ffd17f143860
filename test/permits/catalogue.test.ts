import { describe, expect, it } from 'vitest';
import { readCatalogueFiles } from '../../server/permits/catalogue.ts';
import { FACT_DEFINITIONS } from '../../server/permits/facts.ts';
import { BUSINESS_SUB_DISTRICTS } from '../../server/reference/business-areas.ts';

const c = readCatalogueFiles();

describe('permit catalogue files', () => {
  it('lists every permit a Helsinki business typically needs, each with an authority and a time range', () => {
    const codes = c.permitTypes.map((p) => p.code);
    for (const code of [
      'plot-reservation',
      'plot-division',
      'building-permit',
      'demolition-permit',
      'action-permit',
      'landscape-work-permit',
      'deviation-decision',
      'environmental-permit',
      'environmental-notification',
      'food-notification',
      'health-protection-notification',
      'chemicals-notification',
      'noise-notification',
      'street-works-permit',
      'water-connection',
      'energy-connections',
      'address-number',
      'alcohol-licence',
      'acquisition-permit',
      'event-police-notice',
      'event-rescue-plan',
      'event-public-area',
      'event-food-sales',
      'event-alcohol-licence',
      'event-noise-notification',
    ])
      expect(codes).toContain(code);
    for (const p of c.permitTypes) expect(p.typical_days.max).toBeGreaterThanOrEqual(p.typical_days.min);
  });

  it('links only to authorities’ general pages over https', () => {
    for (const x of [...c.permitTypes, ...c.departments]) {
      const u = new URL(x.url);
      expect(u.protocol).toBe('https:');
      // General pages: the site root or one section, never a deep link that may move.
      expect(u.pathname.split('/').filter(Boolean).length, x.url).toBeLessThanOrEqual(2);
    }
  });

  it('has a key customer manager for every business area and a responsible role for every department', () => {
    const areas = c.contacts.filter((k) => k.kind === 'key_account').map((k) => k.sub_district);
    expect([...areas].sort()).toEqual([...BUSINESS_SUB_DISTRICTS].sort());
    const depts = new Set(c.contacts.filter((k) => k.kind === 'department').map((k) => k.department));
    for (const d of c.departments) expect(depts).toContain(d.id);
  });

  it('demo contacts are roles with example addresses, never people', () => {
    expect(c.contactsAreDemo).toBe(true);
    for (const k of c.contacts) {
      expect(k.email).toMatch(/@example\.(org|com)$/);
      expect(k.title.en).toMatch(/^(Key customer manager|Responsible person),/);
    }
  });

  it('every activity asks only defined facts; organising a public event is its own path', () => {
    const keys = new Set(FACT_DEFINITIONS.map((d) => d.key));
    for (const a of c.activities) for (const f of a.facts) expect(keys).toContain(f);
    const event = c.activities.find((a) => a.code === 'public-event')!;
    expect(event.kind).toBe('event');
    expect(event.facts).toEqual(
      expect.arrayContaining(['venue', 'visitors', 'food', 'alcohol', 'amplified_sound']),
    );
  });
});
