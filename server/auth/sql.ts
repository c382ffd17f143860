/** All SQL of accounts and sessions, as small builders returning { text, values }. */

export interface Sql {
  text: string;
  values: unknown[];
}

export const STAFF_ROLES = ['admin', 'publisher', 'editor'] as const;
export const ALL_ROLES = [
  'admin',
  'publisher',
  'editor',
  'handler',
  'applicant',
  'key_account_manager',
] as const;
export type Role = (typeof ALL_ROLES)[number];

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  department_id: string | null;
  organisation: string | null;
  password_hash: string;
  disabled: boolean;
  failed_logins: number;
  locked_until: Date | string | null;
  last_login_at: Date | string | null;
  created_at: Date | string;
}

const USER_COLS = `id::text, email, display_name, role, department_id, organisation, password_hash, disabled,
  failed_logins, locked_until, last_login_at, created_at`;

export const userByEmail = (email: string): Sql => ({
  text: `SELECT ${USER_COLS} FROM users WHERE lower(email) = lower($1)`,
  values: [email],
});

export const userById = (id: string): Sql => ({
  text: `SELECT ${USER_COLS} FROM users WHERE id = $1`,
  values: [id],
});

export const listUsers = (): Sql => ({
  text: `SELECT ${USER_COLS} FROM users ORDER BY lower(email)`,
  values: [],
});

export const insertUser = (u: {
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  departmentId?: string | null;
  organisation?: string | null;
}): Sql => ({
  // Made by an admin or from the command line: whoever made it vouches for the address.
  text: `INSERT INTO users (email, display_name, role, password_hash, department_id, organisation, email_verified_at)
         VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING ${USER_COLS}`,
  values: [u.email, u.displayName, u.role, u.passwordHash, u.departmentId ?? null, u.organisation ?? null],
});

export const updateUser = (
  id: string,
  u: { role?: Role; disabled?: boolean; displayName?: string; unlock?: boolean },
): Sql => ({
  text: `UPDATE users SET role = coalesce($2, role), disabled = coalesce($3, disabled),
           display_name = coalesce($4, display_name),
           failed_logins = CASE WHEN $5 THEN 0 ELSE failed_logins END,
           locked_until = CASE WHEN $5 THEN NULL ELSE locked_until END
         WHERE id = $1 RETURNING ${USER_COLS}`,
  values: [id, u.role ?? null, u.disabled ?? null, u.displayName ?? null, u.unlock === true],
});

export const setPassword = (id: string, hash: string): Sql => ({
  text: `UPDATE users SET password_hash = $2, password_changed_at = now() WHERE id = $1`,
  values: [id, hash],
});

/**
 * Counts a failed login; when the count reaches maxFailures the account is locked for
 * lockoutMinutes and the count starts again. Atomic, so instances racing on one account agree.
 */
export const recordFailure = (id: string, maxFailures: number, lockoutMinutes: number): Sql => ({
  text: `UPDATE users SET
           failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(secs => $3 * 60)
                               ELSE locked_until END
         WHERE id = $1 RETURNING locked_until`,
  values: [id, maxFailures, lockoutMinutes],
});

export const recordSuccess = (id: string): Sql => ({
  text: `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
  values: [id],
});

export const insertAttempt = (email: string, ip: string | undefined, success: boolean): Sql => ({
  text: `INSERT INTO login_attempts (email, ip, success) VALUES ($1, $2, $3)`,
  values: [email.slice(0, 320), ip ?? null, success],
});

export const insertSession = (s: {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  hours: number;
  ip?: string;
  userAgent?: string;
}): Sql => ({
  text: `INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4 * 3600), $5, $6)`,
  values: [s.tokenHash, s.userId, s.csrfToken, s.hours, s.ip ?? null, (s.userAgent ?? '').slice(0, 300)],
});

export interface SessionRow extends UserRow {
  csrf_token: string;
  token_hash: string;
  /** Set when the session came from an OpenID Connect sign-in. */
  oidc_issuer: string | null;
  /** The companies the mandates source offered at sign-in, and the one chosen. */
  companies: Array<{ businessId: string; name: string }> | null;
  company_business_id: string | null;
  company_name: string | null;
}

/** The live session and its user; none when expired, unknown or the account is disabled. */
export const sessionByHash = (tokenHash: string): Sql => ({
  text: `SELECT s.token_hash, s.csrf_token, s.oidc_issuer, s.companies, s.company_business_id, s.company_name,
           u.id::text, u.email, u.display_name, u.role, u.department_id,
           u.organisation, u.password_hash, u.disabled, u.failed_logins, u.locked_until, u.last_login_at, u.created_at
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > now() AND NOT u.disabled`,
  values: [tokenHash],
});

export const deleteSession = (tokenHash: string): Sql => ({
  text: `DELETE FROM sessions WHERE token_hash = $1`,
  values: [tokenHash],
});

/** Ends every session of a user except (optionally) one: password change, disabling. */
export const deleteUserSessions = (userId: string, keepHash?: string): Sql => ({
  text: `DELETE FROM sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`,
  values: [userId, keepHash ?? null],
});

export const deleteExpiredSessions = (): Sql => ({
  text: `DELETE FROM sessions WHERE expires_at < now()`,
  values: [],
});
