import { useEffect, useMemo, useState } from 'react';
import { AccountView } from './AccountView.tsx';
import { api, setCsrf, type Me } from './api.ts';
import { StaffContext, errorTextOf, type StaffCtx } from './context.ts';
import { AuditView } from './AuditView.tsx';
import { initialLang, LANGS, translator, type Lang, type T } from './i18n.ts';
import { ImportView } from './import/ImportView.tsx';
import { PlotsView } from './PlotsView.tsx';
import { ApplicantsView, applicantsTab } from './ApplicantsView.tsx';
import { SavedSearchesView, savedSearchesTab } from './SavedSearchesView.tsx';
import { KeyProjectsView, keyProjectsTab } from './KeyProjectsView.tsx';
import { rememberLang } from '../src/i18n/remembered.ts';

type Tab = 'plots' | 'import' | 'audit' | 'saved-searches' | 'applicants' | 'key-projects' | 'account';

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [tab, setTab] = useState<Tab>(
    () => (new URLSearchParams(location.search).get('tab') as Tab) || 'plots',
  );
  const t = useMemo(() => translator(lang), [lang]);

  useEffect(() => {
    rememberLang(lang);
    document.documentElement.lang = lang;
    document.title = t('title');
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    url.searchParams.set('tab', tab);
    history.replaceState(null, '', url);
  }, [lang, tab, t]);

  useEffect(() => {
    api<Me>('GET', '/api/auth/me').then(
      (m) => {
        setCsrf(m.csrfToken);
        setMe(m);
      },
      () => setMe(null),
    );
  }, []);

  const langSwitch = (
    <nav className="langs" aria-label="Kieli / Språk / Language">
      {LANGS.map((l) => (
        <button key={l} type="button" aria-pressed={l === lang} onClick={() => setLang(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </nav>
  );

  if (me === undefined) return <div className="loading">…</div>;
  if (me === null)
    return (
      <main className="login-page">
        {langSwitch}
        <LoginForm t={t} onDone={(m) => (setCsrf(m.csrfToken), setMe(m))} />
      </main>
    );

  const ctx: StaffCtx = {
    t,
    lang,
    me,
    can: (p) => me.permissions.includes(p),
    errorText: (e) => errorTextOf(t, e),
  };
  const tabs: Array<[Tab, string, boolean]> = [
    ['plots', t('plots'), ctx.can('plots.read')],
    ['import', t('import'), ctx.can('import.prepare')],
    ['audit', t('audit'), ctx.can('audit.read')],
    ['saved-searches', savedSearchesTab(lang), ctx.can('saved_searches.manage')],
    ['applicants', applicantsTab(lang), ctx.can('users.manage')],
    ['key-projects', keyProjectsTab(lang), ctx.can('users.manage')],
    ['account', t('account'), true],
  ];
  const allowed = tabs.filter(([, , ok]) => ok).map(([id]) => id);
  // A link or a role change can name a tab this account may not open: show the first it may.
  const current: Tab = allowed.includes(tab) ? tab : allowed[0]!;
  return (
    <StaffContext.Provider value={ctx}>
      <header className="topbar">
        <h1 className="brand">{t('title')}</h1>
        <nav className="tabs">
          {tabs
            .filter(([, , ok]) => ok)
            .map(([id, label]) => (
              <button
                key={id}
                type="button"
                aria-current={current === id ? 'page' : undefined}
                onClick={() => setTab(id)}
              >
                {label}
              </button>
            ))}
          {/* Handlers work on permit applications, which live in the applications app. */}
          {me.user.role === 'handler' && <a href={`/apply.html?lang=${lang}`}>{t('caseInbox')}</a>}
        </nav>
        <span className="who">
          {me.user.email} · {t(`role.${me.user.role}`)}
        </span>
        {langSwitch}
        <button
          type="button"
          onClick={async () => {
            await api('POST', '/api/auth/logout').catch(() => {});
            setMe(null);
          }}
        >
          {t('logout')}
        </button>
      </header>
      <main className="content">
        {current === 'plots' && <PlotsView />}
        {current === 'import' && <ImportView />}
        {current === 'audit' && <AuditView />}
        {current === 'saved-searches' && <SavedSearchesView />}
        {current === 'applicants' && <ApplicantsView />}
        {current === 'key-projects' && <KeyProjectsView />}
        {current === 'account' && <AccountView />}
      </main>
    </StaffContext.Provider>
  );
}

function LoginForm({ t, onDone }: { t: T; onDone: (m: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="login"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError('');
        try {
          onDone(await api<Me>('POST', '/api/auth/login', { email, password }));
        } catch (err) {
          setError(errorTextOf(t, err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <h1>{t('title')}</h1>
      <label>
        {t('email')}
        <input
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label>
        {t('password')}
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('login')}
      </button>
    </form>
  );
}
