import { isBusinessId } from '../../../shared/business-id.ts';
import type { OidcConfig } from './client.ts';

/** A company a person may act for. */
export interface Company {
  businessId: string;
  name: string;
}

/** What the person signed in as: the ID token's claims (and userinfo's) and their access token. */
export interface SignedIn {
  claims: Record<string, unknown>;
  accessToken: string;
}

/** Says whom a signed-in person may represent. Entries without a valid business ID are dropped. */
export interface MandatesSource {
  companies(who: SignedIn): Promise<Company[]>;
}

export class MandatesError extends Error {
  override name = 'MandatesError';
}

/** Valid and distinct, the first name of each business ID kept; at most 100. */
export function cleanCompanies(raw: unknown): Company[] {
  const out = new Map<string, Company>();
  for (const c of Array.isArray(raw) ? raw : []) {
    const entry = typeof c === 'string' ? { businessId: c, name: '' } : (c as Partial<Company> | null);
    const id = typeof entry?.businessId === 'string' ? entry.businessId.trim() : '';
    if (!isBusinessId(id) || out.has(id)) continue;
    const name = typeof entry?.name === 'string' && entry.name.trim() ? entry.name.trim().slice(0, 200) : id;
    out.set(id, { businessId: id, name });
    if (out.size >= 100) break;
  }
  return [...out.values()];
}

/**
 * A claim of the ID token or userinfo: a list of business IDs, or of { businessId, name }
 * (a Keycloak mapper can give either).
 */
export function claimMandates(claim: string): MandatesSource {
  return { companies: async ({ claims }) => cleanCompanies(claims[claim]) };
}

/**
 * An endpoint answering like Suomi.fi Mandates' "who may represent whom": asked with the person's
 * access token, it answers [{ businessId, name }]. Anything else fails the sign-in (MandatesError):
 * a person must not lose their companies silently.
 */
export function httpMandates(url: string, fetchFn: typeof fetch = fetch): MandatesSource {
  return {
    async companies({ accessToken }) {
      let res: Response;
      try {
        res = await fetchFn(url, {
          headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
          signal: AbortSignal.timeout(10_000),
        });
      } catch (err) {
        throw new MandatesError(`mandates endpoint unreachable: ${String(err)}`);
      }
      if (!res.ok) throw new MandatesError(`mandates endpoint answered ${res.status}`);
      const body: unknown = await res.json().catch(() => null);
      if (!Array.isArray(body)) throw new MandatesError('mandates endpoint did not answer a list');
      return cleanCompanies(body);
    },
  };
}

export function mandatesOf(c: OidcConfig): MandatesSource {
  return c.oidcMandates === 'http' && c.oidcMandatesUrl
    ? httpMandates(c.oidcMandatesUrl)
    : claimMandates(c.oidcMandatesClaim);
}
