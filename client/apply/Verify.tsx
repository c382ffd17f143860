import { useEffect, useId, useRef, useState } from 'react';
import { api, isApiError } from './api.ts';
import type { T } from './i18n.ts';

type State = { kind: 'busy' } | { kind: 'done'; email: string } | { kind: 'failed'; error: unknown };

/**
 * Where the link of the verification mail lands: the token is posted from here (a GET confirms
 * nothing, so mail scanners that open links do not), and the result is shown.
 */
export function VerifyPage({
  t,
  token,
  errorText,
  onVerified,
}: {
  t: T;
  token: string;
  errorText(e: unknown): string;
  onVerified(): void;
}) {
  const [state, setState] = useState<State>({ kind: 'busy' });
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    let live = true;
    api<{ email: string }>('POST', '/api/applications/verify', { token }).then(
      (r) => {
        if (!live) return;
        setState({ kind: 'done', email: r.email });
        onVerified();
      },
      (error) => live && setState({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, [token, onVerified]);
  useEffect(() => heading.current?.focus(), [state.kind]);
  const next = () => {
    const url = new URL(location.href);
    url.searchParams.delete('verify');
    location.assign(url.toString());
  };
  return (
    <section className="card verify" aria-labelledby={`${id}-h`} aria-busy={state.kind === 'busy'}>
      <h1 id={`${id}-h`} ref={heading} tabIndex={-1}>
        {state.kind === 'done'
          ? t('verifiedHeading')
          : state.kind === 'failed'
            ? t('verifyFailedHeading')
            : t('verifyHeading')}
      </h1>
      {state.kind === 'busy' && <p>{t('loading')}</p>}
      {state.kind === 'done' && <p role="status">{t('verifiedBody', { email: state.email })}</p>}
      {state.kind === 'failed' && <p role="alert">{errorText(state.error)}</p>}
      {state.kind !== 'busy' && (
        <button type="button" className="primary" onClick={next}>
          {t('verifyContinue')}
        </button>
      )}
    </section>
  );
}

/** For a signed-in applicant whose address is not confirmed yet: why, and the link again. */
export function VerifyNotice({
  t,
  email,
  errorText,
  onVerified,
}: {
  t: T;
  email: string;
  errorText(e: unknown): string;
  onVerified(): void;
}) {
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const resend = async () => {
    setBusy(true);
    try {
      await api('POST', '/api/applications/verification');
      setResult({ ok: true });
    } catch (error) {
      if (isApiError(error) && error.code === 'already_verified') onVerified();
      else setResult({ ok: false, error });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="notice verify-notice" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('unverifiedHeading')}</h2>
      <p>{t('unverifiedBody', { email })}</p>
      <button type="button" onClick={resend} disabled={busy}>
        {t('resendLink')}
      </button>
      <p role="status" className={result && !result.ok ? 'error' : undefined}>
        {result ? (result.ok ? t('linkResent', { email }) : errorText(result.error)) : ''}
      </p>
    </section>
  );
}
