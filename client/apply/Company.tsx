import { useCallback, useEffect, useId, useState } from 'react';
import { api, isApiError } from './api.ts';
import { companyTexts, oidcErrorText } from './company-i18n.ts';
import type { Lang } from './i18n.ts';

/** Which sign-in methods the server has on (GET /api/auth/methods). */
export interface Methods {
  password: boolean;
  oidc: boolean;
  oidcStaff: boolean;
}
export interface Company {
  businessId: string;
  name: string;
}
/** What /api/auth/me tells of companies: those the mandates source offered, and the one chosen. */
export interface CompanySession {
  companies: Company[];
  company: Company | null;
}

/** Until the answer comes, password sign-in only (what the server does when nothing is configured). */
export function useMethods(): Methods | null {
  const [m, setM] = useState<Methods | null>(null);
  useEffect(() => {
    api<Methods>('GET', '/api/auth/methods').then(setM, () =>
      setM({ password: true, oidc: false, oidcStaff: false }),
    );
  }, []);
  return m;
}

// Acting as oneself is the session's state too (company null), like not having chosen yet; this
// keeps the picker from coming back on every page load after the person chose "myself".
const SELF_KEY = 'apply.actingAsSelf';

/**
 * Whether the company picker is up: after an OpenID Connect sign-in that offered companies and
 * until one (or "myself") is chosen, and again when the person asks to switch.
 */
export function usePicker() {
  const [session, setSession] = useState<CompanySession>({ companies: [], company: null });
  const [picking, setPicking] = useState(false);
  const take = useCallback((s: Partial<CompanySession>) => {
    const next = { companies: s.companies ?? [], company: s.company ?? null };
    setSession(next);
    setPicking(next.companies.length > 0 && next.company === null && !sessionStorage.getItem(SELF_KEY));
  }, []);
  return { session, picking, take, switchCompany: () => setPicking(true) };
}

const label = (c: Company) =>
  c.name && c.name !== c.businessId ? `${c.name} (${c.businessId})` : c.businessId;

/** The city's identification, and the message of a sign-in that came back refused (?oidc_error=). */
export function OidcSignIn({
  lang,
  methods,
  heading,
}: {
  lang: Lang;
  methods: Methods;
  heading: string | null;
}) {
  const ct = companyTexts(lang);
  const id = useId();
  const code = new URLSearchParams(location.search).get('oidc_error');
  if (!methods.oidc && !code) return null;
  return (
    <section className="card oidc-signin" aria-labelledby={heading ? `${id}-h` : undefined}>
      {heading ? <h1 id={`${id}-h`}>{heading}</h1> : null}
      {code && (
        <p role="alert" className="error">
          {oidcErrorText(ct, code)}
        </p>
      )}
      {methods.oidc && (
        <>
          <p>{ct('oidcIntro')}</p>
          <a className="button primary" href={startUrl()}>
            {ct('oidcSignIn')}
          </a>
        </>
      )}
    </section>
  );
}

/** The sign-in comes back to this page with its query (a plot card's plot, activity and facts). */
function startUrl(): string {
  const q = new URLSearchParams(location.search);
  q.delete('oidc_error');
  const here = q.size ? `/apply.html?${q}` : '/apply.html';
  return `/auth/oidc/start?return=${encodeURIComponent(here)}`;
}

/** Chooses the company to act for (one the mandates source offered) or oneself. */
export function CompanyPicker(props: {
  lang: Lang;
  session: CompanySession;
  onChosen(): void;
  errorText(e: unknown): string;
}) {
  const ct = companyTexts(props.lang);
  const id = useId();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const current = props.session.company?.businessId ?? '';
  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = String(new FormData(e.currentTarget).get('company') ?? '');
    setBusy(true);
    setFailure(null);
    try {
      await api('POST', '/api/auth/company', { businessId: v || null });
      if (v) sessionStorage.removeItem(SELF_KEY);
      else sessionStorage.setItem(SELF_KEY, '1');
      props.onChosen();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  const error =
    failure == null
      ? ''
      : isApiError(failure) && failure.code === 'company_not_mandated'
        ? oidcErrorText(ct, failure.code)
        : props.errorText(failure);
  return (
    <section className="card company-picker" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{ct('pickerHeading')}</h1>
      <p>{ct('pickerIntro')}</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{ct('pickerLegend')}</legend>
          {props.session.companies.map((c) => (
            <label key={c.businessId} className="choice">
              <input
                type="radio"
                name="company"
                value={c.businessId}
                defaultChecked={c.businessId === current}
              />{' '}
              {label(c)}
            </label>
          ))}
          <label className="choice">
            <input type="radio" name="company" value="" defaultChecked={current === ''} /> {ct('asMyself')}
          </label>
        </fieldset>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {ct('choose')}
        </button>
      </form>
    </section>
  );
}

/** In the header: whom the person acts for, and a way to switch (only when there is a choice). */
export function ActingFor({
  lang,
  session,
  onSwitch,
}: {
  lang: Lang;
  session: CompanySession;
  onSwitch(): void;
}) {
  if (!session.companies.length) return null;
  const ct = companyTexts(lang);
  return (
    <span className="acting-for">
      {session.company ? ct('actingFor', { company: label(session.company) }) : ct('actingAsSelf')}{' '}
      <button type="button" className="link" onClick={onSwitch}>
        {ct('switchCompany')}
      </button>
    </span>
  );
}
