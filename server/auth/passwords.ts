import { hash, verify, type Options } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. Algorithm 2 is Argon2id (the package's
// Algorithm is a const enum, which isolatedModules cannot import).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as Options;

/** Minimum password length; longer passphrases beat composition rules. */
export const MIN_PASSWORD_LENGTH = 12;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

/** False for a wrong password or a malformed stored hash (never throws on bad input). */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so the response time does not tell
// whether an e-mail address has an account.
let dummy: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-' + Math.random());
  await verifyPassword(await dummy, password);
}

/** Null when acceptable, otherwise the stable problem code. */
export function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string') return 'password_required';
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password_too_short';
  if (password.length > 1000) return 'password_too_long';
  return null;
}
