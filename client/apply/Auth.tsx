import { useId, useState } from 'react';
import { api } from './api.ts';
import type { Lang, T } from './i18n.ts';

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
  const id = useId();
  const field = (name: string, label: string, type = 'text', extra: Record<string, string> = {}) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {extra.hint && (
        <span className="hint" id={`${id}-${name}-hint`}>
          {extra.hint}
        </span>
      )}
      <input
        id={`${id}-${name}`}
        name={name}
        type={type}
        required
        autoComplete={extra.autoComplete}
        defaultValue={extra.value}
        aria-describedby={extra.hint ? `${id}-${name}-hint` : undefined}
      />
    </div>
  );

  const submit = async (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = Object.fromEntries([...f.entries()].map(([k, v]) => [k, String(v)]));
    setBusy(true);
    setError(null);
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
      setError(err);
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
        <form key="register" onSubmit={submit} className="card">
          <h1 id={`${id}-h`}>{t('registerHeading')}</h1>
          <p>{t('registerIntro')}</p>
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
            <button type="button" className="link" onClick={() => (setMode('login'), setError(null))}>
              {t('login')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
