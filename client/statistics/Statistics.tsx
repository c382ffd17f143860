import { useEffect, useState } from 'react';
import { LANGS, type Lang } from '../../shared/i18n.ts';
import { ProcessingTimes, type TimeGroup } from '../charts/ProcessingTimes.tsx';
import { rememberLang } from '../src/i18n/remembered.ts';
import { initialLang, st, type StatsKey } from './i18n.ts';

interface Stats {
  minGroup: number;
  windowMonths: number;
  groups: TimeGroup[];
  includesDemo: boolean;
}

/**
 * The public processing-time statistics (GET /api/statistics/processing-times), open to anyone:
 * the table first, the chart after it, loaded on demand. No sign-in, no personal data.
 */
export function Statistics() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [stats, setStats] = useState<Stats | null | 'failed'>(null);
  const t = (k: StatsKey, vars?: Record<string, string | number>) => st(lang, k, vars);
  useEffect(() => {
    rememberLang(lang);
    document.documentElement.lang = lang;
    document.title = st(lang, 'title');
    const url = new URL(location.href);
    url.searchParams.set('lang', lang);
    history.replaceState(history.state, '', url);
  }, [lang]);
  useEffect(() => {
    fetch('/api/statistics/processing-times', { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<Stats>) : Promise.reject(new Error(String(r.status)))))
      .then(setStats, () => setStats('failed'));
  }, []);
  return (
    <>
      <header className="topbar">
        <a className="brand" href={`/?lang=${lang}`}>
          {t('toMap')}
        </a>
        <strong>{t('brand')}</strong>
        <nav className="langs" aria-label={t('langNav')}>
          {LANGS.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
              {l.toUpperCase()}
            </button>
          ))}
        </nav>
      </header>
      <main className="content statistics">
        <h1>{t('heading')}</h1>
        {stats === null && (
          <p role="status" aria-busy="true">
            {t('loading')}
          </p>
        )}
        {stats === 'failed' && <p role="alert">{t('failed')}</p>}
        {stats && stats !== 'failed' && (
          <>
            {stats.includesDemo && (
              <p className="demo-note" role="note">
                {t('demo')}
              </p>
            )}
            <p>{t('intro', { months: stats.windowMonths })}</p>
            <p>{t('explain', { n: stats.minGroup })}</p>
            <ProcessingTimes lang={lang} groups={stats.groups} caption={t('caption')} />
          </>
        )}
      </main>
    </>
  );
}
