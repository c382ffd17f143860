import fs from 'node:fs';
import path from 'node:path';
import { hash, verify, type Options } from '@node-rs/argon2';
import type { Request } from 'express';
import { ROOT_DIR } from '../config.ts';
import { HttpError, badRequest } from '../http/errors.ts';

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

/**
 * The 10 000 most common passwords of breach corpora (data/passwords, see data/SOURCES.md), lower
 * case: read once when the server starts, so a check is one Set lookup.
 */
const BREACHED: ReadonlySet<string> = new Set(
  fs
    .readFileSync(path.join(ROOT_DIR, 'data', 'passwords', 'common-10000.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
);

/** Null when acceptable, otherwise the stable problem code. */
export function passwordProblem(password: unknown): PasswordProblem | null {
  if (typeof password !== 'string') return 'password_required';
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password_too_short';
  if (password.length > 1000) return 'password_too_long';
  // Case does not make a listed password safe: guessing tools try the variants first.
  if (BREACHED.has(password.trim().toLowerCase())) return 'password_breached';
  return null;
}

export type PasswordProblem =
  'password_required' | 'password_too_short' | 'password_too_long' | 'password_breached';
import type { Lang } from '../../shared/i18n.ts';
export type { Lang } from '../../shared/i18n.ts';

const PROBLEM_TEXT: Record<PasswordProblem, Record<Lang, string>> = {
  password_required: { fi: 'Anna salasana.', sv: 'Ange ett lösenord.', en: 'Give a password.' },
  password_too_short: {
    fi: `Salasanan on oltava vähintään ${MIN_PASSWORD_LENGTH} merkkiä.`,
    sv: `Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken.`,
    en: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
  },
  password_too_long: {
    fi: 'Salasana on liian pitkä (enintään 1000 merkkiä).',
    sv: 'Lösenordet är för långt (högst 1000 tecken).',
    en: 'The password is too long (at most 1000 characters).',
  },
  password_breached: {
    fi: 'Tämä salasana on vuotanut tietomurroissa ja yleisimpien salasanojen listoilla; valitse toinen.',
    sv: 'Det här lösenordet har läckt i dataintrång och finns på listor över de vanligaste lösenorden; välj ett annat.',
    en: 'This password has leaked in data breaches and is on lists of the most common passwords; choose another.',
  },
};

/** The 400 of a password problem, its message in `lang`; the password itself is never echoed. */
export function passwordError(problem: PasswordProblem, lang: Lang = 'en'): HttpError {
  return badRequest(problem, PROBLEM_TEXT[problem][lang], null);
}

/** Throws the 400 of the password's first problem, if it has one. */
export function checkPassword(password: unknown, lang: Lang = 'en'): asserts password is string {
  const p = passwordProblem(password);
  if (p) throw passwordError(p, lang);
}

/** A request's language for messages: `lang` in the body, ?lang, then Accept-Language, else Finnish. */
export function langOfRequest(req: Request): Lang {
  const b = req.body as { lang?: unknown } | undefined;
  for (const v of [b?.lang, req.query.lang]) if (v === 'fi' || v === 'sv' || v === 'en') return v;
  const best = req.acceptsLanguages('fi', 'sv', 'en');
  return best === 'sv' || best === 'en' ? best : 'fi';
}
