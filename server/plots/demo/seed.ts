import type { Db } from '../../db/index.ts';
import { generateDemoPlots, type DemoPlot, type GenerateOptions } from './generate.ts';

const COLUMNS = [
  'property_id',
  'address',
  'postal_code',
  'sub_district_number',
  'use_code',
  'building_right_kem2',
  'plan_number',
  'plan_state',
  'registered',
  'availability',
  'draw_ends_on',
  'allocation_method',
  'tenure',
  'sale_price_eur',
  'lease_basis_eur_kem2',
  'build_obligation_years',
  'earliest_construction_on',
  'building_prohibition',
  'transit_zone',
  'notes',
  'status',
] as const;

const RECORD_TYPES =
  'property_id text, address text, postal_code text, sub_district_number smallint, use_code text, building_right_kem2 numeric, ' +
  'plan_number text, plan_state text, registered boolean, availability text, draw_ends_on date, allocation_method text, ' +
  'tenure text, sale_price_eur numeric, lease_basis_eur_kem2 numeric, build_obligation_years smallint, ' +
  'earliest_construction_on date, building_prohibition boolean, transit_zone text, notes text, status text, wkt text';

const INSERT_SQL = `INSERT INTO plots (${COLUMNS.join(', ')}, geom, is_demo, created_by, updated_by)
  SELECT ${COLUMNS.map((c) => `r.${c}`).join(', ')}, ST_GeomFromText(r.wkt, 3879), true, 'demo-generator', 'demo-generator'
  FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_TYPES})`;

/**
 * Writes generated plots in batches inside one transaction: all of them or none.
 * Returns the number written.
 */
export async function seedDemoPlots(
  db: Db,
  opts: GenerateOptions & { batchSize?: number; onProgress?: (n: number) => void },
): Promise<number> {
  const batchSize = opts.batchSize ?? 5_000;
  let written = 0;
  await db.transaction(async (tx) => {
    let batch: DemoPlot[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await tx.query(INSERT_SQL, [JSON.stringify(batch)]);
      written += batch.length;
      batch = [];
      opts.onProgress?.(written);
    };
    for (const p of generateDemoPlots(opts)) {
      batch.push(p);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  });
  return written;
}

/** Generates the demo plots when the plot table is empty; returns how many were written (0 if not empty). */
export async function seedDemoIfEmpty(db: Db, opts: GenerateOptions): Promise<number> {
  const rows = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM plots) AS any');
  if (rows[0]?.any || opts.count === 0) return 0;
  return seedDemoPlots(db, opts);
}
