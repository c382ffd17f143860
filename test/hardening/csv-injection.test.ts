/**
 * CSV formula injection (OWASP): text that a spreadsheet would evaluate (= + - @, a tab or a
 * carriage return first) leaves every CSV the service writes with a leading apostrophe, while
 * number columns keep their numbers. XLSX writes such text as an inline string, never a formula.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../../server/audit/log.ts';
import { signedIn } from '../auth/client.ts';
import { useTestServer } from '../helpers/fixture.ts';

const HOSTILE = ['=HYPERLINK("http://x.invalid","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

let ids: number[];

const app = useTestServer({ apiRateLimitPerMin: 0 });
beforeAll(async () => {
  const rows = await app.db.query<{ id: string }>(
    `SELECT id::text AS id FROM plots WHERE status = 'published' ORDER BY id LIMIT ${HOSTILE.length}`,
  );
  ids = rows.map((r) => Number(r.id));
  // A negative number must stay a number; the schema allows none, this private copy does.
  await app.db.query(`ALTER TABLE plots DROP CONSTRAINT IF EXISTS plots_sale_price_eur_check`);
  for (const [i, id] of ids.entries())
    await app.db.query(`UPDATE plots SET address = $2, notes = $2, sale_price_eur = -12.5 WHERE id = $1`, [
      id,
      HOSTILE[i],
    ]);
});

async function exportCsv(delimiter: 'comma' | 'semicolon'): Promise<Record<string, string>[]> {
  const res = await fetch(
    `${app.url}/api/export?format=csv&lang=en&delimiter=${delimiter}&columns=id,address,notes,sale_price_eur&ids=${ids.join(',')}`,
  );
  expect(res.status).toBe(200);
  const text = (await res.text()).replace(/^\uFEFF/, '');
  return parse(text, { columns: true, delimiter: delimiter === 'comma' ? ',' : ';' }) as Record<
    string,
    string
  >[];
}

describe('CSV export', () => {
  it.each(['comma', 'semicolon'] as const)(
    'prefixes an apostrophe to formula-like text (%s), numbers untouched',
    async (d) => {
      const rows = await exportCsv(d);
      expect(rows).toHaveLength(HOSTILE.length);
      for (const [i, id] of ids.entries()) {
        const row = rows.find((r) => r.Id === String(id))!;
        for (const col of ['Address', 'Notes']) expect(row[col], col).toBe(`'${HOSTILE[i]}`);
        expect(row['Sale price (€)']).toBe(d === 'comma' ? '-12.5' : '-12,5');
      }
    },
  );

  it('leaves ordinary text alone', async () => {
    await app.db.query(`UPDATE plots SET address = 'Tallikatu 1 - A', notes = $2 WHERE id = $1`, [
      ids[0],
      "it's 5%",
    ]);
    const row = (await exportCsv('comma')).find((r) => r.Id === String(ids[0]))!;
    expect(row.Address).toBe('Tallikatu 1 - A');
    expect(row.Notes).toBe("it's 5%");
    await app.db.query(`UPDATE plots SET address = $2, notes = $2 WHERE id = $1`, [ids[0], HOSTILE[0]]);
  });
});

describe('XLSX export', () => {
  it('writes formula-like text as inline strings, never as formulas', async () => {
    const res = await fetch(
      `${app.url}/api/export?format=xlsx&lang=en&columns=id,address&ids=${ids.join(',')}`,
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const sheet = wb.worksheets[0]!;
    const seen: string[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      seen.push(String(cell.value));
    });
    // XML reads a raw carriage return in text as a line feed: a fidelity matter, not a formula.
    expect(seen.sort()).toEqual(HOSTILE.map((h) => h.replace('\r', '\n')).sort());
  });
});

describe('audit log CSV', () => {
  it('prefixes an apostrophe to a formula-like actor, action target and detail; the id stays a number', async () => {
    for (const [i, h] of HOSTILE.entries())
      await audit(app.db, {
        actor: `${h}@example.org`,
        action: 'csv.test',
        targetType: h,
        targetId: h,
        details: { i },
      });
    const admin = await signedIn(app.db, app.url, 'admin');
    const res = await admin.req('GET', '/api/staff/audit.csv?action=csv.test');
    expect(res.status).toBe(200);
    const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(HOSTILE.length);
    for (const h of HOSTILE) {
      const row = rows.find((r) => r.actor === `'${h}@example.org`);
      expect(row, h).toBeDefined();
      expect(row!.target_type).toBe(`'${h}`);
      expect(row!.target_id).toBe(`'${h}`);
      expect(row!.id).toMatch(/^\d+$/);
    }
  });
});
