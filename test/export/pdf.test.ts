import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Running } from '../../server/main.ts';
import { openTestDb, type TestDb } from '../helpers/db.ts';
import { startTestServer } from '../helpers/server.ts';
import { pdfPageCount, pdfText } from './pdf-text.ts';

let db: TestDb;
let server: Running;
let plot: { id: number; property_id: string; address: string | null };

beforeAll(async () => {
  db = await openTestDb();
  server = await startTestServer(db);
  const rows = await db.query<typeof plot>(
    `SELECT id::int AS id, property_id, address FROM plots WHERE status = 'published' AND address IS NOT NULL ORDER BY id LIMIT 1`,
  );
  plot = rows[0]!;
  // A permit type and a department contact, whether or not the catalogue is loaded already.
  await db.query(`INSERT INTO departments (id, name_fi, name_sv, name_en)
    VALUES ('building-control', 'Rakennusvalvontapalvelut', 'Byggnadstillsynstjänster', 'Building Control Services')
    ON CONFLICT (id) DO NOTHING`);
  await db.query(`INSERT INTO permit_types (code, department_id, name_fi, name_sv, name_en, when_fi, when_sv, when_en,
      typical_days_min, typical_days_max)
    VALUES ('building-permit', 'building-control', 'Rakennuslupa', 'Bygglov', 'Building permit', '-', '-', '-', 30, 90)
    ON CONFLICT (code) DO NOTHING`);
  await db.query(`INSERT INTO contacts (kind, department_id, title_fi, title_sv, title_en, email, is_demo)
    VALUES ('department', 'building-control', 'Vastuuhenkilö', 'Ansvarsperson', 'Responsible person',
      'building-control-test@example.org', true)`);
});
afterAll(async () => {
  await server?.stop();
  await db?.close();
});

async function getPdf(path: string): Promise<{ res: Response; bytes: Uint8Array; text: string }> {
  const res = await fetch(`${server.url}${path}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: res.ok ? pdfText(bytes) : '' };
}

describe('plot fact sheet', () => {
  it.each([
    ['fi', 'Tonttikortti', 'Kiinteistötunnus', 'Pinta-ala', 'ESITTELYAINEISTO', 'Tarvittavat luvat'],
    ['sv', 'Tomtkort', 'Fastighetsbeteckning', 'Areal', 'DEMODATA', 'Tillstånd som behövs'],
    ['en', 'Plot fact sheet', 'Property ID', 'Area', 'DEMO DATA', 'Permits typically needed'],
  ])(
    'reads in %s: title, fields, demo label, permits and licences',
    async (lang, title, idLabel, areaLabel, demo, permits) => {
      const { res, bytes, text } = await getPdf(`/api/plots/${plot.id}/factsheet.pdf?lang=${lang}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(pdfPageCount(bytes)).toBeGreaterThanOrEqual(1);
      expect(text).toContain(plot.property_id);
      expect(text).toContain(plot.address);
      expect(text).toContain(title);
      expect(text).toContain(idLabel);
      expect(text).toContain(areaLabel);
      expect(text).toContain(demo);
      expect(text).toContain(permits);
      expect(text).toContain('Helsingin kaupunki, kaupunkimittauspalvelut, CC BY 4.0');
      expect(text).toContain('YKR © SYKE ja TK 2021, CC BY 4.0');
    },
  );

  it('lists the building permit with its department and the department contact', async () => {
    const [permit] = await db.query<{ name_en: string; dept: string }>(
      `SELECT t.name_en, d.name_en AS dept FROM permit_types t JOIN departments d ON d.id = t.department_id WHERE t.code = 'building-permit'`,
    );
    const { text } = await getPdf(`/api/plots/${plot.id}/factsheet.pdf?lang=en`);
    expect(text).toContain(permit!.name_en);
    expect(text).toContain(permit!.dept);
    expect(text).toContain('building-control-test@example.org');
  });

  it('prints Finnish and Swedish letters and units as such (ä, ö, å, m², €)', async () => {
    const { text } = await getPdf(`/api/plots/${plot.id}/factsheet.pdf?lang=sv`);
    expect(text).toContain('Användningsändamål');
    expect(text).toContain('Delområde');
    expect(text).toMatch(/\d m²/);
  });

  it('draws the map with a scale bar and a north arrow', async () => {
    const { text } = await getPdf(`/api/plots/${plot.id}/factsheet.pdf?lang=en`);
    expect(text).toMatch(/\n\d+ m\n/);
    expect(text).toContain('N');
    expect(text).toContain('Sub-district boundary');
  });

  it('is 404 plot_not_found for a plot that does not exist', async () => {
    const res = await fetch(`${server.url}/api/plots/987654321/factsheet.pdf`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: 'plot_not_found', value: '987654321' });
  });

  it('is 404 for a draft plot (public pages show published plots only)', async () => {
    const [draft] = await db.query<{ id: number }>(
      `SELECT id::int AS id FROM plots WHERE status <> 'published' LIMIT 1`,
    );
    expect(draft).toBeDefined();
    const res = await fetch(`${server.url}/api/plots/${draft!.id}/factsheet.pdf`);
    expect(res.status).toBe(404);
  });

  it.each([
    ['/api/plots/abc/factsheet.pdf', 'invalid_id', 'abc'],
    [`/api/plots/1/factsheet.pdf?lang=de`, 'invalid_language', 'de'],
  ])('%s is 400 %s', async (path, code, value) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code, value });
  });
});

describe('shortlist page', () => {
  it('lists each chosen plot once, in the order chosen', async () => {
    const rows = await db.query<{ id: number; property_id: string }>(
      `SELECT id::int AS id, property_id FROM plots WHERE status = 'published' ORDER BY id DESC LIMIT 3`,
    );
    const { res, bytes, text } = await getPdf(
      `/api/shortlist.pdf?ids=${rows.map((r) => r.id).join(',')}&lang=fi`,
    );
    expect(res.status).toBe(200);
    expect(pdfPageCount(bytes)).toBe(1);
    const positions = rows.map((r) => text.indexOf(r.property_id));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('Tonttien vertailu');
    expect(text).toContain('ESITTELYAINEISTO');
  });

  it.each(['', 'ids=', 'ids=1,x', 'ids=1;DROP TABLE plots'])('"%s" is 400 invalid_ids', async (q) => {
    const res = await fetch(`${server.url}/api/shortlist.pdf?${q}`);
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_ids');
  });
});
