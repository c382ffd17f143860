import crypto from 'node:crypto';
import { audit } from '../../audit/log.ts';
import type { Db } from '../../db/index.ts';
import { userById, type UserRow } from '../sql.ts';
import * as sql from './sql.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The account of the provider's person, matched by (issuer, subject) only: an e-mail address
 * never links an identity to an existing account (anyone may put any address in a provider
 * profile). A person signing in for the first time gets a new applicant account; an admin may
 * later give it another role in the app.
 */
export async function userOfIdentity(
  db: Db,
  issuer: string,
  claims: Record<string, unknown>,
  ip: string | undefined,
): Promise<UserRow> {
  const subject = String(claims.sub);
  return db.transaction(async (tx) => {
    const [known] = await tx.query<{ user_id: string }>(...q(sql.userOfIdentity(issuer, subject)));
    let userId = known?.user_id;
    if (!userId) {
      const claimed = typeof claims.email === 'string' && EMAIL.test(claims.email) ? claims.email : '';
      const free =
        claimed && claimed.length <= 320 && !(await tx.query(...q(sql.emailTaken(claimed)))).length;
      const placeholder = `${crypto.createHash('sha256').update(`${issuer} ${subject}`).digest('hex').slice(0, 24)}@oidc.invalid`;
      const name = typeof claims.name === 'string' ? claims.name.slice(0, 200) : '';
      const [row] = await tx.query<{ id: string }>(
        ...q(
          sql.insertOidcUser({
            email: free ? claimed : placeholder,
            verified: Boolean(free && claims.email_verified === true),
            displayName: name,
            lang: 'fi',
          }),
        ),
      );
      userId = row!.id;
      await tx.query(...q(sql.insertIdentity(issuer, subject, userId)));
      await audit(tx, {
        userId,
        actor: free ? claimed : placeholder,
        action: 'user.create_oidc',
        targetType: 'user',
        targetId: userId,
        ip,
        details: { issuer },
      });
    }
    const [user] = await tx.query<UserRow>(...q(userById(userId)));
    return user!;
  });
}

const q = (s: { text: string; values: unknown[] }) => [s.text, s.values] as const;
