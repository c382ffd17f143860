import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApplyContext, errorTextOf, useApply, type Ctx, type View } from './context.ts';
import { api, isApiError, keepCsrfToken, type Me, type StageInfo } from './api.ts';
import { Auth } from './Auth.tsx';
import {
  ActingFor,
  CompanyPicker,
  OidcSignIn,
  useMethods,
  usePicker,
  type CompanySession,
} from './Company.tsx';
import { NewProject, ProjectList, ProjectPage } from './Applicant.tsx';
import { CasePage, Inbox } from './Handler.tsx';
import { KeyProjectsEntry, KeyWorkspace } from './key-projects/Workspace.tsx';
import { VerifyNotice, VerifyPage } from './Verify.tsx';
import { initialLang, LANGS, translator, type Lang } from './i18n.ts';
import { rememberLang } from '../src/i18n/remembered.ts';

function viewFromUrl(): View {
  const q = new URLSearchParams(location.search);
  if (q.get('project')) return { kind: 'project', id: q.get('project')! };
  if (q.get('case')) return { kind: 'case', id: q.get('case')! };
  if (q.get('plot') || q.get('new')) return { kind: 'new' };
  return { kind: 'home' };
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  // The name the identity provider gave (empty after a password sign-in).
  const [displayName, setDisplayName] = useState('');
  const [view, setView] = useState<View>(viewFromUrl);
  // The link of the verification mail: shown whether or not this browser is signed in.
  const [verifyToken] = useState(() => new URLSearchParams(location.search).get('verify'));
  const [stages, setStages] = useState<StageInfo[]>([]);
  const stageName = useCallback(
    (s: string) => stages.find((x) => x.code === s)?.names[lang] ?? s.replace(/_/g, ' '),
    [stages, lang],
  );
  const t = useMemo(() => translator(lang), [lang]);
  const errorText = useCallback((e: unknown) => errorTextOf(t, e), [t]);
  const methods = useMethods();
  const picker = usePicker();
  const takeCompanies = picker.take;

  useEffect(() => {
    rememberLang(lang);
    document.documentElement.lang = lang;
    document.title = t('title');
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url);
  }, [lang, t]);

  useEffect(() => {
    const on = () => setView(viewFromUrl());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);

  const load = useCallback(async () => {
    try {
      const s = await api<{ csrfToken: string; user: { displayName: string } } & CompanySession>(
        'GET',
        '/api/auth/me',
      );
      keepCsrfToken(s.csrfToken);
      setDisplayName(s.user.displayName ?? '');
      takeCompanies(s);
      setMe(await api<Me>('GET', '/api/applications/me'));
    } catch (e) {
      setMe(isApiError(e) && e.status === 403 ? ({ user: { role: 'other' } } as Me) : null);
    }
  }, [takeCompanies]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    api<{ stages: StageInfo[] }>('GET', '/api/applications/stages').then(
      (r) => setStages(r.stages),
      () => {},
    );
  }, []);

  const go = useCallback((v: View) => {
    const url = new URL(location.href);
    for (const k of ['project', 'case', 'new', 'plot', 'activity', 'facts']) url.searchParams.delete(k);
    if (v.kind === 'project') url.searchParams.set('project', v.id);
    if (v.kind === 'case') url.searchParams.set('case', v.id);
    if (v.kind === 'new') url.searchParams.set('new', '1');
    history.pushState(null, '', url);
    setView(v);
    window.scrollTo(0, 0);
  }, []);

  const langSwitch = (
    <nav className="langs" aria-label={t('langNav')}>
      {LANGS.map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
          {l.toUpperCase()}
        </button>
      ))}
    </nav>
  );
  const header = (who?: string) => (
    <header className="topbar">
      <a className="brand" href={`/?lang=${lang}`}>
        {t('toMap')}
      </a>
      <strong>{t('heading')}</strong>
      {who && (
        <div className="account">
          <span className="who">{t('signedInAs', { who })}</span>
          <ActingFor lang={lang} session={picker.session} onSwitch={picker.switchCompany} />
        </div>
      )}
      {langSwitch}
      {who && (
        <button
          type="button"
          onClick={async () => {
            await api('POST', '/api/auth/logout').catch(() => {});
            setMe(null);
          }}
        >
          {t('logout')}
        </button>
      )}
    </header>
  );

  if (verifyToken)
    return (
      <>
        {header()}
        <main className="content">
          <VerifyPage t={t} token={verifyToken} errorText={errorText} onVerified={load} />
        </main>
      </>
    );
  if (me === undefined)
    return (
      <>
        {header()}
        <main className="content" aria-busy="true">
          <p>{t('loading')}</p>
        </main>
      </>
    );
  if (me === null)
    return (
      <>
        {header()}
        <main className="content">
          {methods && !methods.password && (
            <OidcSignIn lang={lang} methods={methods} heading={t('loginHeading')} />
          )}
          {(!methods || methods.password) && <Auth t={t} lang={lang} onDone={load} errorText={errorText} />}
          {methods?.password && <OidcSignIn lang={lang} methods={methods} heading={null} />}
        </main>
      </>
    );
  if (me.user.role !== 'applicant' && me.user.role !== 'handler')
    return (
      <>
        {header()}
        <main className="content">
          <KeyProjectsEntry lang={lang} forbidden={t('forbidden')} />
        </main>
      </>
    );

  const ctx: Ctx = {
    t,
    lang,
    me,
    go,
    errorText,
    stageName,
  };
  const who = whoText(me, displayName, lang);
  return (
    <ApplyContext.Provider value={ctx}>
      {header(who)}
      <main className="content">
        {me.user.role === 'applicant' && picker.picking ? (
          <CompanyPicker lang={lang} session={picker.session} onChosen={load} errorText={errorText} />
        ) : (
          // Keyed by the company acted for: a switch opens every view and live stream afresh,
          // under the new company's access.
          <AppViews key={picker.session.company?.businessId ?? ''} me={me} view={view} onVerified={load} />
        )}
      </main>
    </ApplyContext.Provider>
  );
}

/**
 * Who is signed in, for the header: the provider's name for the person, else their e-mail (not
 * the placeholder address of a provider that gave none); a handler's department, a registered
 * company's name. The company acted for after a provider sign-in is shown beside it (ActingFor).
 */
function whoText(me: Me, displayName: string, lang: Lang): string {
  const email = me.user.email.endsWith('@oidc.invalid') ? '' : me.user.email;
  const person = displayName.trim() || email;
  if (me.user.role === 'handler') return me.department ? `${person} (${me.department.names[lang]})` : person;
  return me.user.organisation ? `${person}, ${me.user.organisation}` : person;
}

/** The signed-in views: the applicant's projects and the handler's inbox, by the URL. */
function AppViews({ me, view, onVerified }: { me: Me; view: View; onVerified(): void }) {
  const { t, errorText, lang } = useApply();
  return (
    <>
      {me.user.role === 'applicant' && !me.user.emailVerified && (
        <VerifyNotice t={t} email={me.user.email} errorText={errorText} onVerified={onVerified} />
      )}
      {me.user.role === 'applicant' && view.kind === 'home' && <ProjectList />}
      {me.user.role === 'applicant' && view.kind === 'new' && <NewProject />}
      {me.user.role === 'applicant' && view.kind === 'project' && <ProjectPage id={view.id} key={view.id} />}
      {me.user.role === 'handler' &&
        (view.kind === 'home' || view.kind === 'new' || view.kind === 'project') && (
          <>
            <Inbox />
            <KeyWorkspace lang={lang} quiet />
          </>
        )}
      {view.kind === 'case' && <CasePage id={view.id} key={view.id} />}
    </>
  );
}
