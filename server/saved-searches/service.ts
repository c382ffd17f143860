import crypto from 'node:crypto';
import { filterKey } from '../../shared/filter.ts';
import type { Config } from '../config.ts';
import type { Db, Queryable } from '../db/index.ts';
import type { Logger } from '../log.ts';
import type { Mailer } from '../mail/index.ts';
import { localisedError, type NewSavedSearch } from './input.ts';
import { confirmationMail, mapUrl } from './mails.ts';
import {
  addressUsageSql,
  confirmSql,
  deleteSearchSql,
  insertSearchSql,
  insertTokenSql,
  replaceEqualSearchesSql,
  searchesByEmailSql,
  tokenSql,
  type SavedSearchRow,
} from './sql.ts';
import type { Lang } from './texts.ts';

export interface SavedSearchDeps {
  db: Db;
  mailer: Mailer;
  config: Pick<Config, 'publicBaseUrl'>;
  log: Logger;
}

/** New searches one address may start per hour (each sends a confirmation mail). */
export const PER_ADDRESS_PER_HOUR = 5;
/** Searches one address may hold at a time. */
export const PER_ADDRESS_MAX = 50;
/** How long a confirmation link works, in milliseconds. */
export const CONFIRM_TTL_MS = 7 * 24 * 3600_000;

const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** A new random link token for a search; only its hash is stored. */
export async function issueToken(
  q: Queryable,
  searchId: string,
  purpose: 'confirm' | 'unsubscribe',
): Promise<string> {
  const token = crypto.randomBytes(32).toString('base64url');
  const s = insertTokenSql(hashToken(token), searchId, purpose);
  await q.query(s.text, s.values);
  return token;
}

export const linkUrl = (base: string, action: 'confirm' | 'unsubscribe', token: string, lang: Lang) =>
  `${base}/api/saved-searches/${action}?token=${encodeURIComponent(token)}&lang=${lang}`;

/**
 * Stores an unconfirmed search and mails the confirmation link to its address. Throws 429
 * too_many_requests when the address started PER_ADDRESS_PER_HOUR searches in the last hour,
 * 409 too_many_searches when it holds PER_ADDRESS_MAX.
 */
export async function createSavedSearch(deps: SavedSearchDeps, input: NewSavedSearch) {
  const { db, mailer, config } = deps;
  const usage = addressUsageSql(input.email, new Date(Date.now() - 3600_000));
  const [u] = await db.query<{ recent: number; total: number }>(usage.text, usage.values);
  if ((u?.recent ?? 0) >= PER_ADDRESS_PER_HOUR)
    throw localisedError(429, 'too_many_requests', input.language, input.email, { param: 'email' });
  if ((u?.total ?? 0) >= PER_ADDRESS_MAX)
    throw localisedError(409, 'too_many_searches', input.language, input.email, {
      param: 'email',
      max: PER_ADDRESS_MAX,
    });

  const { row, token, cancel } = await db.transaction(async (tx) => {
    const s = insertSearchSql({ ...input, filterKey: filterKey(input.filter) });
    const [row] = await tx.query<SavedSearchRow>(s.text, s.values);
    return {
      row: row!,
      token: await issueToken(tx, row!.id, 'confirm'),
      // Whoever receives an unwanted request can remove the address at once.
      cancel: await issueToken(tx, row!.id, 'unsubscribe'),
    };
  });
  const mail = confirmationMail(input.language, input, {
    confirm: linkUrl(config.publicBaseUrl, 'confirm', token, input.language),
    map: mapUrl(config.publicBaseUrl, input.language, { filter: input.filter }),
    cancel: linkUrl(config.publicBaseUrl, 'unsubscribe', cancel, input.language),
  });
  await mailer.send({ to: input.email, ...mail, kind: 'saved_search.confirm' });
  return { id: row.id, email: row.email, frequency: row.frequency, language: row.language, confirmed: false };
}

type TokenRow = Partial<SavedSearchRow> & { purpose: string; token_created_at: string };

/**
 * The search a link token belongs to; `search` is undefined when it was deleted since (the
 * link is then "already unsubscribed"). Throws 404 invalid_token for an unknown token, one of
 * the other purpose, or an expired confirmation link.
 */
export async function searchOfToken(
  db: Db,
  token: unknown,
  purpose: 'confirm' | 'unsubscribe',
  lang: Lang,
): Promise<{ search?: SavedSearchRow }> {
  if (typeof token !== 'string' || !/^[\w-]{20,100}$/.test(token))
    throw localisedError(404, 'invalid_token', lang, token ?? null, { param: 'token' });
  const s = tokenSql(hashToken(token));
  const [row] = await db.query<TokenRow>(s.text, s.values);
  const expired =
    purpose === 'confirm' && row && Date.now() - new Date(row.token_created_at).getTime() > CONFIRM_TTL_MS;
  if (!row || row.purpose !== purpose || expired)
    throw localisedError(404, 'invalid_token', lang, token, { param: 'token' });
  return { search: row.id ? (row as SavedSearchRow) : undefined };
}

/** Confirms the search of a confirmation link (again: no change); it replaces equal ones. */
export async function confirmSavedSearch(db: Db, token: unknown, lang: Lang) {
  const { search } = await searchOfToken(db, token, 'confirm', lang);
  if (search && !search.confirmed)
    await db.transaction(async (tx) => {
      for (const s of [confirmSql(search.id), replaceEqualSearchesSql(search.id)])
        await tx.query(s.text, s.values);
    });
  return { search };
}

/** Deletes the search of an unsubscribe link with its matches; already gone: no change. */
export async function unsubscribeSavedSearch(db: Db, token: unknown, lang: Lang) {
  const { search } = await searchOfToken(db, token, 'unsubscribe', lang);
  if (search) {
    const s = deleteSearchSql(search.id);
    await db.query(s.text, s.values);
  }
  return { search };
}

/** Every search of an address (admins answering a personal-data request). */
export async function searchesOfAddress(db: Db, email: string): Promise<SavedSearchRow[]> {
  const s = searchesByEmailSql(email.trim());
  return db.query<SavedSearchRow>(s.text, s.values);
}

/** Deletes one search; undefined when there is none with that id. */
export async function deleteSavedSearch(q: Queryable, id: string) {
  const s = deleteSearchSql(id);
  const [row] = await q.query<{ id: string; email: string }>(s.text, s.values);
  return row;
}
