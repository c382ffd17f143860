import type { ComponentProps } from 'react';
import { useI18n } from '../i18n/context.ts';
import { i18n } from '../i18n/format.ts';
import { LANGS, type Lang } from '../i18n/messages.ts';
import { SearchBox } from '../search/SearchBox.tsx';

/** The top bar: the name, the search and the language switch. */
export function Header({
  lang,
  onLang,
  onChoose,
}: {
  lang: Lang;
  onLang: (l: Lang) => void;
  onChoose: ComponentProps<typeof SearchBox>['onChoose'];
}) {
  const t = useI18n();
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t.t('appName')}</span>
        <span className="brand-tag">{t.t('tagline')}</span>
      </div>
      <SearchBox onChoose={onChoose} />
      <nav className="lang-switch" aria-label={t.t('language')}>
        {LANGS.map((l) => (
          <button
            key={l}
            type="button"
            lang={l}
            aria-pressed={l === lang}
            className={l === lang ? 'active' : ''}
            onClick={() => onLang(l)}
            title={i18n(l).t('langName')}
          >
            {l.toUpperCase()}
          </button>
        ))}
      </nav>
    </header>
  );
}
