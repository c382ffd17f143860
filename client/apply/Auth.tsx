import { useEffect, useId, useRef, useState } from 'react';
import { isBusinessId } from '../../shared/business-id.ts';
import { api, isApiError } from './api.ts';
import { FromCardNote } from './FromCard.tsx';
import type { Lang, T } from './i18n.ts';

const REGISTER_FIELDS = ['organisation', 'businessId', 'email', 'password'] as const;
type Field = (typeof REGISTER_FIELDS)[number];

/** Every problem of the registration form at once, as the server's codes (the server checks again). */
function registerProblems(b: Record<string, string>): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const org = (b.organisation ?? '').trim();
  if (!org || org.length > 200) out.organisation = 'organisation_required';
  if (!isBusinessId((b.businessId ?? '').trim())) out.businessId = 'invalid_business_id';
  const email = (b.email ?? '').trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) out.email = 'invalid_email';
  const pw = b.password ?? '';
  if (!pw) out.password = 'password_required';
  else if ([...pw].length < 12) out.password = 'password_too_short';
  return out;
}

/** The field a server error code is about, so it shows there too. */
const FIELD_OF_CODE: Record<string, Field> = {
  organisation_required: 'organisation',
  invalid_business_id: 'businessId',
  invalid_email: 'email',
  password_required: 'password',
  password_too_short: 'password',
  password_too_long: 'password',
  password_breached: 'password',
};

interface Props {
  t: T;
  lang: Lang;
  onDone(): void;
  errorText(e: unknown): string;
}

/** Sign in (applicants and handlers) or register a company as an applicant. */
export function Auth({ t, lang, onDone, errorText }: Props) {
  const [mode, setMode] = useState<'login' | 'register'>(
    new URLSearchParams(location.search).get('plot') ? 'register' : 'login',
  );
  // The failure itself, worded at render time so that it follows a language switch.
  const [failure, setError] = useState<unknown>(null);
  const error = failure == null ? '' : errorText(failure);
  const [busy, setBusy] = useState(false);
  // After registering: the address the link went to (the form turns to signing in).
  const [sentTo, setSentTo] = useState<string | null>(null);
  // The registration form's problems by field, all at once, with a summary that takes focus.
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [summaryTick, setSummaryTick] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (summaryTick) summary.current?.focus();
  }, [summaryTick]);
  const id = useId();
  const problemText = (code: string) => errorText({ status: 400, code, message: '', details: {} });
  const field = (name: string, label: string, type = 'text', extra: Record<string, string> = {}) => {
    const problem = mode === 'register' ? problems[name as Field] : undefined;
    const describedBy = [extra.hint && `${id}-${name}-hint`, problem && `${id}-${name}-err`]
      .filter(Boolean)
      .join(' ');
    return (
      <div className={problem ? 'field invalid' : 'field'}>
        <label htmlFor={`${id}-${name}`}>{label}</label>
        {extra.hint && (
          <span className="hint" id={`${id}-${name}-hint`}>
            {extra.hint}
          </span>
        )}
        {problem && (
          <span className="field-error" id={`${id}-${name}-err`}>
            {problemText(problem)}
          </span>
        )}
        <input
          id={`${id}-${name}`}
          name={name}
          type={type}
          required
          autoComplete={extra.autoComplete}
          defaultValue={extra.value}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy || undefined}
        />
      </div>
    );
  };
  const labels: Record<Field, string> = {
    organisation: t('organisation'),
    businessId: t('businessId'),
    email: t('email'),
    password: t('password'),
  };

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = Object.fromEntries([...f.entries()].map(([k, v]) => [k, String(v)]));
    setError(null);
    if (mode === 'register') {
      const found = registerProblems(body);
      setProblems(found);
      if (Object.keys(found).length) return setSummaryTick((n) => n + 1);
    }
    setBusy(true);
    try {
      if (mode === 'login') {
        await api('POST', '/api/auth/login', { email: body.email, password: body.password });
        onDone();
      } else {
        // The answer is the same whether or not the address had an account: the mail tells.
        const r = await api<{ email: string }>('POST', '/api/applications/register', { ...body, lang });
        setSentTo(r.email);
        setMode('login');
      }
    } catch (err) {
      const f = isApiError(err) && mode === 'register' ? FIELD_OF_CODE[err.code] : undefined;
      if (f) {
        setProblems({ [f]: (err as { code: string }).code });
        setSummaryTick((n) => n + 1);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="auth" aria-labelledby={`${id}-h`}>
      {mode === 'login' ? (
        <form key="login" onSubmit={submit} className="card">
          <h1 id={`${id}-h`}>{t('loginHeading')}</h1>
          {sentTo && (
            <div role="status" className="notice verify-notice">
              <h2>{t('checkMailHeading')}</h2>
              <p>{t('checkMailBody', { email: sentTo })}</p>
            </div>
          )}
          {field('email', t('email'), 'email', { autoComplete: 'username', value: sentTo ?? '' })}
          {field('password', t('password'), 'password', { autoComplete: 'current-password' })}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('login')}
          </button>
          <p>
            {t('noAccount')}{' '}
            <button type="button" className="link" onClick={() => (setMode('register'), setError(null))}>
              {t('register')}
            </button>
          </p>
        </form>
      ) : (
        <form key="register" onSubmit={submit} className="card" noValidate>
          <h1 id={`${id}-h`}>{t('registerHeading')}</h1>
          <FromCardNote t={t} lang={lang} />
          <p>{t('registerIntro')}</p>
          {Object.keys(problems).length > 0 && (
            <div
              className="error-summary"
              ref={summary}
              tabIndex={-1}
              role="alert"
              aria-labelledby={`${id}-sum`}
            >
              <h2 id={`${id}-sum`}>{t('errorSummary')}</h2>
              <ul>
                {REGISTER_FIELDS.filter((f) => problems[f]).map((f) => (
                  <li key={f}>
                    <a
                      href={`#${id}-${f}`}
                      onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(`${id}-${f}`)?.focus();
                      }}
                    >
                      {labels[f]}: {problemText(problems[f]!)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {field('organisation', t('organisation'), 'text', { autoComplete: 'organization' })}
          {field('businessId', t('businessId'), 'text', { hint: t('businessIdHint') })}
          {field('email', t('email'), 'email', { autoComplete: 'email' })}
          {field('password', t('password'), 'password', {
            autoComplete: 'new-password',
            hint: t('passwordHint'),
          })}
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('register')}
          </button>
          <p>
            {t('haveAccount')}{' '}
            <button
              type="button"
              className="link"
              onClick={() => (setMode('login'), setError(null), setProblems({}))}
            >
              {t('login')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
