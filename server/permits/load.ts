import type { Db } from '../db/index.ts';
import { readCatalogueFiles } from './catalogue.ts';
import * as sql from './sql.ts';

/**
 * Upserts the permit catalogue shipped in data/permits (departments, permit types, activities,
 * demo contacts) in one transaction, so a bad file changes nothing. Rows an admin has edited
 * are kept as edited; entries removed from the files stay in the database (cases may refer to
 * them). Throws when a file is missing or invalid. Returns the number of catalogue entries read.
 */
export async function loadPermitCatalogue(db: Db): Promise<number> {
  const catalogue = readCatalogueFiles();
  await db.transaction(async (tx) => {
    const run = (q: sql.Sql) => tx.query(q.text, q.values);
    await run(sql.lockCatalogue());
    // Order matters: permit types and contacts refer to departments.
    await run(sql.upsertDepartments(catalogue));
    await run(sql.upsertPermitTypes(catalogue));
    await run(sql.upsertActivities(catalogue));
    await run(sql.upsertContacts(catalogue));
  });
  return (
    catalogue.departments.length +
    catalogue.permitTypes.length +
    catalogue.activities.length +
    catalogue.contacts.length
  );
}
