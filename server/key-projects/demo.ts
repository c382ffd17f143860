import { createUser } from '../auth/users.ts';
import type { Db } from '../db/index.ts';

/** The demo key customer manager: a role address on the reserved .invalid domain, no person. */
export const DEMO_KEY_MANAGER = 'avainasiakkaat.paallikko@demo.invalid';

/**
 * With the demo handlers (same password, same start): one key customer manager account, and the
 * demo handlers made their departments' responsible persons, so a demo key project gets a team.
 * Returns the addresses created (empty on later starts).
 */
export async function seedDemoKeyManager(db: Db, password: string): Promise<string[]> {
  await db.query(
    `UPDATE users SET responsible_person = true WHERE role = 'handler' AND email LIKE '%@demo.invalid'`,
  );
  const [exists] = await db.query(`SELECT 1 FROM users WHERE lower(email) = $1`, [DEMO_KEY_MANAGER]);
  if (exists) return [];
  await createUser(
    db,
    {
      email: DEMO_KEY_MANAGER,
      password,
      role: 'key_account_manager',
      displayName: 'Avainasiakaspäällikkö (demo), Elinkeinopalvelut',
    },
    { userId: null, actor: 'demo-seed' },
  );
  return [DEMO_KEY_MANAGER];
}
