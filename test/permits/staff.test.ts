import { beforeAll, describe, expect, it } from 'vitest';
import { loadPermitCatalogue } from '../../server/permits/load.ts';
import { signedIn, StaffClient } from '../auth/client.ts';
import { useTestServer } from '../helpers/fixture.ts';

let plotId: string;
let keyAccount102: string;
let editor: StaffClient;
let admin: StaffClient;

const app = useTestServer();
beforeAll(async () => {
  const [p] = await app.db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE sub_district_number = 456 AND status = 'published' ORDER BY id LIMIT 1`,
  );
  plotId = p!.id;
  const [c] = await app.db.query<{ id: string }>(
    `SELECT id::text AS id FROM contacts WHERE code = 'key-account-102'`,
  );
  keyAccount102 = c!.id;
  editor = await signedIn(app.db, app.url, 'editor');
  admin = await signedIn(app.db, app.url, 'admin');
});

const publicContacts = async () =>
  (await (await fetch(`${app.url}/api/plots/${plotId}/contacts`)).json()) as {
    contacts: Array<{ id: number; kind: string; source: string }>;
  };

type CardContacts = { contacts: Array<{ id: number; kind: string; role: string }> };

describe('staff assign contacts to plots', () => {
  it('only signed-in plot staff may assign: anonymous 401, applicants and handlers 403', async () => {
    const anon = await fetch(`${app.url}/api/staff/plots/${plotId}/contacts/${keyAccount102}`, {
      method: 'PUT',
    });
    expect(anon.status).toBe(401);
    const applicant = await signedIn(app.db, app.url, 'applicant');
    expect((await applicant.req('PUT', `/api/staff/plots/${plotId}/contacts/${keyAccount102}`)).status).toBe(
      403,
    );
    const handler = await signedIn(app.db, app.url, 'handler', { departmentId: 'building-control' });
    expect((await handler.req('DELETE', `/api/staff/plots/${plotId}/contacts/${keyAccount102}`)).status).toBe(
      403,
    );
    expect(
      (
        await editor.req('PUT', `/api/staff/plots/${plotId}/contacts/${keyAccount102}`, undefined, {
          csrf: false,
        })
      ).status,
    ).toBe(403);
    expect((await publicContacts()).contacts.find((c) => c.id === Number(keyAccount102))).toBeUndefined();
  });

  it('an editor assigns a key customer manager: the card shows it instead of the area’s, and the audit log has it', async () => {
    // The card a browser holds (it revalidates with its ETag).
    const held = await fetch(`${app.url}/api/plots/${plotId}`);
    const etag = held.headers.get('etag')!;
    expect(((await held.json()) as CardContacts).contacts.map((c) => c.id)).not.toContain(
      Number(keyAccount102),
    );
    const first = await editor.json('PUT', `/api/staff/plots/${plotId}/contacts/${keyAccount102}`);
    expect(first.status).toBe(201);
    const again = await editor.json('PUT', `/api/staff/plots/${plotId}/contacts/${keyAccount102}`);
    expect(again).toMatchObject({ status: 200, body: { created: false } });
    const keys = (await publicContacts()).contacts.filter((c) => c.kind === 'key_account');
    expect(keys).toEqual([expect.objectContaining({ id: Number(keyAccount102), source: 'plot' })]);
    // The held card is no longer current: the browser gets the new one, not a 304.
    const card = await fetch(`${app.url}/api/plots/${plotId}`, { headers: { 'if-none-match': etag } });
    expect(card.status).toBe(200);
    expect(((await card.json()) as CardContacts).contacts).toContainEqual(
      expect.objectContaining({ id: Number(keyAccount102), kind: 'key_account', role: 'plot' }),
    );
    const log = await app.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'plot.contact.assign' AND target_id = $1`,
      [plotId],
    );
    expect(log[0]!.n).toBe(1);
    const list = await editor.json<{ contacts: Array<{ id: number; plots: number }> }>(
      'GET',
      '/api/staff/contacts',
    );
    expect(list.body.contacts.find((c) => c.id === Number(keyAccount102))!.plots).toBe(1);
  });

  it('unassigning brings the area manager back; unassigning twice is a 404', async () => {
    expect((await editor.req('DELETE', `/api/staff/plots/${plotId}/contacts/${keyAccount102}`)).status).toBe(
      204,
    );
    const keys = (await publicContacts()).contacts.filter((c) => c.kind === 'key_account');
    expect(keys).toEqual([expect.objectContaining({ source: 'area' })]);
    const again = await editor.json<{ error: { code: string } }>(
      'DELETE',
      `/api/staff/plots/${plotId}/contacts/${keyAccount102}`,
    );
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('assignment_not_found');
  });

  it.each([
    ['unknown contact', () => `/api/staff/plots/${plotId}/contacts/987654321`, 404, 'contact_not_found'],
    ['unknown plot', () => `/api/staff/plots/987654321/contacts/${keyAccount102}`, 404, 'plot_not_found'],
    ['malformed contact id', () => `/api/staff/plots/${plotId}/contacts/x1`, 400, 'invalid_contact_id'],
  ])('%s -> %i %s', async (_name, url, status, code) => {
    const res = await editor.json<{ error: { code: string } }>('PUT', url());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
  });
});

describe('admins edit the permit catalogue', () => {
  it('an editor may not', async () => {
    const res = await editor.json('PATCH', '/api/staff/permit-types/building-permit', {
      typical_days: { min: 20, max: 60 },
    });
    expect(res.status).toBe(403);
  });

  it('an admin’s new processing time reaches the permit path and survives the start-up loader', async () => {
    const res = await admin.json<{ permit_type: { typical_days: { min: number; max: number } } }>(
      'PATCH',
      '/api/staff/permit-types/noise-notification',
      { typical_days: { min: 21, max: 21 } },
    );
    expect(res.status).toBe(200);
    expect(res.body.permit_type.typical_days).toEqual({ min: 21, max: 21 });
    await loadPermitCatalogue(app.db);
    const path = await (
      await fetch(`${app.url}/api/plots/${plotId}/permit-path`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ activity: 'warehouse-logistics', facts: { demolition: true, noise: true } }),
      })
    ).json();
    const noise = path.permits.find((p: { code: string }) => p.code === 'noise-notification');
    expect(noise.typical_days).toEqual({ min: 21, max: 21 });
  });

  it.each([
    ['max below min', { typical_days: { min: 30, max: 10 } }, 400, 'invalid_permit_type'],
    ['a name missing a language', { name: { fi: 'Lupa', en: 'Permit' } }, 400, 'invalid_permit_type'],
    ['a plain-http link', { url: 'http://example.org' }, 400, 'invalid_permit_type'],
    ['an unknown field', { department_id: 'police' }, 400, 'invalid_permit_type'],
  ])('%s -> %i %s, nothing changed', async (_name, body, status, code) => {
    const before = await app.db.query('SELECT * FROM permit_types WHERE code = $1', ['building-permit']);
    const res = await admin.json<{ error: { code: string } }>(
      'PATCH',
      '/api/staff/permit-types/building-permit',
      body,
    );
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await app.db.query('SELECT * FROM permit_types WHERE code = $1', ['building-permit'])).toEqual(
      before,
    );
  });

  it('an unknown permit type is a 404', async () => {
    const res = await admin.json<{ error: { code: string; value: string } }>(
      'PATCH',
      '/api/staff/permit-types/moon-landing',
      {
        typical_days: { min: 1, max: 2 },
      },
    );
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'permit_type_not_found', value: 'moon-landing' });
  });
});
