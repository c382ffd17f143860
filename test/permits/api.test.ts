import { beforeAll, describe, expect, it } from 'vitest';
import { loadPermitCatalogue } from '../../server/permits/load.ts';
import { useTestServer } from '../helpers/fixture.ts';

/** A published industrial plot in Roihupelto (sub-district 456), valid plan, no prohibition. */
let roihupelto: number;

const app = useTestServer();
beforeAll(async () => {
  const [row] = await app.db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE sub_district_number = 456 AND status = 'published'
       AND use_code IN ('T', 'TT', 'TY', 'T/kem') AND registered AND NOT building_prohibition AND plan_state = 'valid'
     ORDER BY id LIMIT 1`,
  );
  roihupelto = Number(row!.id);
});

const post = (id: number | string, body: unknown, contentType = 'application/json') =>
  fetch(`${app.url}/api/plots/${id}/permit-path`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

interface PathPermit {
  code: string;
  authority: { id: string; names: { fi: string; sv: string; en: string } };
  contact: { email: string; is_demo: boolean } | null;
  typical_days: { min: number; max: number };
  reasons: Array<{ fi: string; sv: string; en: string }>;
  depends_on: string[];
  starts_after_days: number;
  finishes_after_days: { min: number; max: number };
}

describe('permit path on a Roihupelto industrial plot', () => {
  it('surface treatment in a new building: building permit, environmental permit and chemicals notification, each with who and how long', async () => {
    const res = await post(roihupelto, { activity: 'surface-treatment', facts: { new_building: true } });
    expect(res.status).toBe(200);
    const body = await res.json();
    const by = new Map<string, PathPermit>(body.permits.map((p: PathPermit) => [p.code, p]));
    const expectations: Array<[string, string, string]> = [
      ['building-permit', 'building-control', 'building-control@example.org'],
      ['environmental-permit', 'environmental-services', 'environmental-services@example.org'],
      ['chemicals-notification', 'rescue-department', 'rescue-department@example.org'],
    ];
    for (const [code, authority, email] of expectations) {
      const p = by.get(code);
      expect(p, code).toBeDefined();
      expect(p!.authority.id).toBe(authority);
      expect(p!.authority.names.fi.length).toBeGreaterThan(3);
      expect(p!.contact?.email).toBe(email);
      expect(p!.contact?.is_demo).toBe(true);
      expect(p!.typical_days.max).toBeGreaterThanOrEqual(p!.typical_days.min);
      expect(p!.reasons.length).toBeGreaterThan(0);
    }
    expect(by.get('environmental-permit')!.typical_days).toEqual({ min: 120, max: 365 });
    // The environmental permit is the longest wait and runs beside the building permit.
    expect(body.critical_path).toContain('environmental-permit');
    expect(by.get('building-permit')!.depends_on).not.toContain('environmental-permit');
    const env = by.get('environmental-permit')!;
    expect(body.total_days_estimate.max).toBe(
      Math.max(...body.permits.map((p: PathPermit) => p.finishes_after_days.max)),
    );
    expect(body.total_days_estimate.min).toBeGreaterThanOrEqual(env.starts_after_days + env.typical_days.min);
    expect(body.guidance_note.en).toMatch(/guidance, not a decision/);
    expect(body.guidance_note.fi.length).toBeGreaterThan(20);
    expect(body.guidance_note.sv.length).toBeGreaterThan(20);
    expect(body.is_demo).toBe(true);
    expect(body.plot.id).toBe(roihupelto);
  });

  it('on a T/kem plot, chemicals "none" lists no chemicals notification and a note says why the zoning asks', async () => {
    const [tkem] = await app.db.query<{ id: string }>(
      `SELECT id::text AS id FROM plots WHERE status = 'published' AND use_code = 'T/kem' ORDER BY id LIMIT 1`,
    );
    expect(tkem, 'a published T/kem demo plot').toBeDefined();
    const none = await (
      await post(tkem!.id, { activity: 'light-manufacturing', facts: { chemicals: 'none' } })
    ).json();
    expect(none.permits.map((p: PathPermit) => p.code)).not.toContain('chemicals-notification');
    expect(none.notes.map((n: { en: string }) => n.en)).toEqual([expect.stringMatching(/T\/kem.*chemicals/)]);
    const small = await (
      await post(tkem!.id, { activity: 'light-manufacturing', facts: { chemicals: 'small' } })
    ).json();
    expect(small.permits.map((p: PathPermit) => p.code)).toContain('chemicals-notification');
    expect(small.notes).toEqual([]);
  });

  it('permits after the plot reservation start only when it is through', async () => {
    const body = await (
      await post(roihupelto, { activity: 'chemical-storage', facts: { new_building: true } })
    ).json();
    const reservation = body.permits.find((p: PathPermit) => p.code === 'plot-reservation');
    const building = body.permits.find((p: PathPermit) => p.code === 'building-permit');
    expect(building.depends_on).toContain('plot-reservation');
    expect(building.starts_after_days).toBe(reservation.typical_days.min);
    const water = body.permits.find((p: PathPermit) => p.code === 'water-connection');
    expect(water.starts_after_days).toBe(building.starts_after_days + building.typical_days.min);
  });

  it('organising an event on the plot follows the event path, without a plot reservation', async () => {
    const body = await (
      await post(roihupelto, {
        activity: 'public-event',
        facts: { visitors: 800, food: true, amplified_sound: true },
      })
    ).json();
    const codes = body.permits.map((p: PathPermit) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'event-police-notice',
        'event-rescue-plan',
        'temporary-plot-use',
        'event-food-sales',
        'event-noise-notification',
      ]),
    );
    expect(codes).not.toContain('plot-reservation');
    expect(body.permits.find((p: PathPermit) => p.code === 'event-police-notice').authority.id).toBe(
      'police',
    );
  });
});

describe('permit catalogue API', () => {
  it('lists activities in three languages with the facts each asks', async () => {
    const res = await fetch(`${app.url}/api/permits/activities`);
    expect(res.status).toBe(200);
    const body = await res.json();
    const event = body.activities.find((a: { code: string }) => a.code === 'public-event');
    expect(event.kind).toBe('event');
    expect(event.names).toEqual({
      fi: expect.any(String),
      sv: expect.any(String),
      en: 'Organising a public event',
    });
    const defined = new Set(body.facts.map((f: { key: string }) => f.key));
    for (const a of body.activities) for (const f of a.facts) expect(defined).toContain(f);
    expect(body.facts.find((f: { key: string }) => f.key === 'visitors')).toMatchObject({
      type: 'integer',
      min: 0,
    });
  });

  it('lists permit types with authority, typical time and attachments', async () => {
    const body = await (await fetch(`${app.url}/api/permits/types`)).json();
    const building = body.permit_types.find((p: { code: string }) => p.code === 'building-permit');
    expect(building).toMatchObject({
      names: { fi: 'Rakennuslupa', sv: 'Bygglov', en: 'Building permit' },
      authority: { id: 'building-control' },
      typical_days: { min: 30, max: 90 },
    });
    expect(building.attachments.length).toBeGreaterThan(0);
  });

  it('an admin edit survives the start-up loader; unedited rows follow the shipped files', async () => {
    await app.db.query(
      `UPDATE permit_types SET typical_days_max = 120, admin_edited_at = now(), admin_edited_by = 'test' WHERE code = 'building-permit'`,
    );
    await app.db.query(`UPDATE permit_types SET typical_days_max = 999 WHERE code = 'demolition-permit'`);
    await loadPermitCatalogue(app.db);
    const body = await (await fetch(`${app.url}/api/permits/types`)).json();
    const get = (code: string) => body.permit_types.find((p: { code: string }) => p.code === code);
    expect(get('building-permit').typical_days.max).toBe(120);
    expect(get('demolition-permit').typical_days.max).toBe(42);
    await app.db.query(
      `UPDATE permit_types SET typical_days_max = 90, admin_edited_at = NULL WHERE code = 'building-permit'`,
    );
  });
});

describe('plot contacts', () => {
  it('a Roihupelto plot has the area key customer manager first, then department roles', async () => {
    const res = await fetch(`${app.url}/api/plots/${roihupelto}/contacts`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.contacts[0]).toMatchObject({
      kind: 'key_account',
      source: 'area',
      sub_district_number: 456,
      email: 'key-accounts-roihupelto@example.org',
      is_demo: true,
    });
    expect(body.contacts[0].title.en).toBe('Key customer manager, Roihupelto');
    const depts = body.contacts.filter((c: { kind: string }) => c.kind === 'department');
    expect(depts.map((c: { department: { id: string } }) => c.department.id)).toContain('building-control');
    expect(body.contacts.every((c: { email: string }) => c.email.endsWith('@example.org'))).toBe(true);
  });

  it('a contact staff assigned to the plot replaces the area manager', async () => {
    const [other] = await app.db.query<{ id: string }>(
      `SELECT id::text AS id FROM contacts WHERE code = 'key-account-102'`,
    );
    await app.db.query('INSERT INTO plot_contacts (plot_id, contact_id) VALUES ($1, $2)', [
      roihupelto,
      other!.id,
    ]);
    try {
      const body = await (await fetch(`${app.url}/api/plots/${roihupelto}/contacts`)).json();
      const keys = body.contacts.filter((c: { kind: string }) => c.kind === 'key_account');
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ source: 'plot', sub_district_number: 102 });
    } finally {
      await app.db.query('DELETE FROM plot_contacts WHERE plot_id = $1', [roihupelto]);
    }
  });
});

describe('bad input', () => {
  const cases: Array<{
    name: string;
    id?: number | string;
    body: unknown;
    status: number;
    code: string;
    value?: unknown;
  }> = [
    {
      name: 'unknown activity',
      body: { activity: 'rocket-launch' },
      status: 400,
      code: 'unknown_activity',
      value: 'rocket-launch',
    },
    { name: 'missing activity', body: { facts: {} }, status: 400, code: 'unknown_activity', value: null },
    {
      name: 'SQL-looking activity',
      body: { activity: "office'; DROP TABLE plots;--" },
      status: 400,
      code: 'unknown_activity',
      value: "office'; DROP TABLE plots;--",
    },
    {
      name: 'facts not an object',
      body: { activity: 'office', facts: ['new_building'] },
      status: 400,
      code: 'invalid_facts',
    },
    {
      name: 'unknown fact',
      body: { activity: 'office', facts: { rocket: true } },
      status: 400,
      code: 'unknown_fact',
      value: 'rocket',
    },
    {
      name: 'fact the activity does not ask',
      body: { activity: 'office', facts: { visitors: 10 } },
      status: 400,
      code: 'fact_not_applicable',
      value: 'visitors',
    },
    {
      name: 'boolean fact as a string',
      body: { activity: 'office', facts: { new_building: 'yes' } },
      status: 400,
      code: 'invalid_fact',
      value: 'yes',
    },
    {
      name: 'negative visitors',
      body: { activity: 'public-event', facts: { visitors: -5 } },
      status: 400,
      code: 'invalid_fact',
      value: -5,
    },
    {
      name: 'fractional visitors',
      body: { activity: 'public-event', facts: { visitors: 2.5 } },
      status: 400,
      code: 'invalid_fact',
      value: 2.5,
    },
    {
      name: 'unknown chemicals scale',
      body: { activity: 'warehouse-logistics', facts: { chemicals: 'lots' } },
      status: 400,
      code: 'invalid_fact',
      value: 'lots',
    },
    { name: 'body is an array', body: [1, 2], status: 400, code: 'invalid_body' },
    {
      name: 'unknown plot',
      id: 987654321,
      body: { activity: 'office' },
      status: 404,
      code: 'plot_not_found',
      value: '987654321',
    },
    {
      name: 'malformed plot id',
      id: '12abc',
      body: { activity: 'office' },
      status: 400,
      code: 'invalid_plot_id',
      value: '12abc',
    },
  ];

  it.each(cases)('$name -> $status $code', async (c) => {
    const res = await post(c.id ?? roihupelto, c.body);
    expect(res.status).toBe(c.status);
    const { error } = await res.json();
    expect(error.code).toBe(c.code);
    if ('value' in c) expect(error.value).toEqual(c.value);
  });

  it('an unknown activity lists the accepted ones', async () => {
    const { error } = await (await post(roihupelto, { activity: 'rocket-launch' })).json();
    expect(error.accepted).toEqual(expect.arrayContaining(['office', 'surface-treatment', 'public-event']));
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await post(roihupelto, '{"activity": ', 'application/json');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_json');
  });

  it('a body that is not JSON is refused', async () => {
    const res = await post(roihupelto, 'activity=office', 'text/plain');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_body');
  });

  it('a draft plot is not found, for permits and contacts alike', async () => {
    const [draft] = await app.db.query<{ id: string }>(
      `SELECT id::text AS id FROM plots WHERE status <> 'published' LIMIT 1`,
    );
    expect((await post(draft!.id, { activity: 'office' })).status).toBe(404);
    const res = await fetch(`${app.url}/api/plots/${draft!.id}/contacts`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'plot_not_found', value: draft!.id });
  });

  it('contacts of a malformed plot id are a 400', async () => {
    const res = await fetch(`${app.url}/api/plots/0/contacts`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'invalid_plot_id', value: '0' });
  });
});
