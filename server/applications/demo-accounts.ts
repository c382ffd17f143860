import crypto from 'node:crypto';
import { audit } from '../audit/log.ts';
import { createUser } from '../auth/users.ts';
import type { Db } from '../db/index.ts';

/**
 * The demo handler accounts share one password, drawn at random by the start that makes them
 * and shown only in that start's log: a published password would make every demo install an
 * open door. Made only in the start that seeds the demo plots, with SEED_DEMO_ACCOUNTS, for
 * trying the handler inbox; `npm run remove-demo-accounts` deletes them.
 */
export const newDemoPassword = () => `demo-${crypto.randomBytes(12).toString('base64url')}`;

/** Local parts of the role addresses (Finnish unit names); departments not listed use their id. */
const LOCAL_PART: Record<string, string> = {
  'plots-unit': 'tontit',
  'city-survey': 'kaupunkimittaus',
  'building-control': 'rakennusvalvonta',
  'urban-environment-committee': 'kaupunkiymparistolautakunta',
  'environmental-services': 'ymparisto',
  'public-area-permits': 'alueidenkaytto',
  'rescue-department': 'pelastus',
};

/** The demo handler address of a department: a role on the reserved .invalid domain, no person. */
export const demoHandlerEmail = (departmentId: string) =>
  `${LOCAL_PART[departmentId] ?? departmentId}.kasittelija@demo.invalid`;

/**
 * Creates one handler account per department that lacks its demo account, all with `password`;
 * returns the addresses created (empty on later starts).
 */
export async function seedDemoHandlers(db: Db, password: string): Promise<string[]> {
  const deps = await db.query<{ id: string; name_fi: string }>(
    `SELECT id, name_fi FROM departments ORDER BY id`,
  );
  const existing = new Set(
    (
      await db.query<{ email: string }>(
        `SELECT lower(email) AS email FROM users WHERE email LIKE '%@demo.invalid'`,
      )
    ).map((r) => r.email),
  );
  const created: string[] = [];
  for (const d of deps) {
    const email = demoHandlerEmail(d.id);
    if (existing.has(email)) continue;
    await createUser(
      db,
      {
        email,
        password,
        role: 'handler',
        departmentId: d.id,
        displayName: `Käsittelijä (demo), ${d.name_fi}`,
      },
      { userId: null, actor: 'demo-seed' },
    );
    created.push(email);
  }
  return created;
}

/** Addresses of the demo accounts that can still sign in (the password is public). */
export async function activeDemoAccounts(db: Db): Promise<string[]> {
  const rows = await db.query<{ email: string }>(
    `SELECT email FROM users WHERE lower(email) LIKE '%@demo.invalid' AND NOT disabled ORDER BY email`,
  );
  return rows.map((r) => r.email);
}

/**
 * Deletes every account on the demo domain (their sessions go with them; case events keep their
 * text without the actor) and audit logs each; returns the addresses deleted.
 */
export async function removeDemoAccounts(db: Db, actor: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const gone = await tx.query<{ id: string; email: string }>(
      `DELETE FROM users WHERE lower(email) LIKE '%@demo.invalid' RETURNING id::text, email`,
    );
    for (const u of gone)
      await audit(tx, {
        actor,
        action: 'user.delete',
        targetType: 'user',
        targetId: u.id,
        details: { email: u.email, reason: 'demo account' },
      });
    return gone.map((u) => u.email).sort();
  });
}
