import { lazy, Suspense, useId, useRef, useState } from 'react';
import type { BackgroundChoice, ClientBasemap } from './background.ts';
import { basemapText, type BasemapLang } from './basemap-messages.ts';
import './basemaps.css';

const loadPanel = () => import('./BasemapPanel.tsx');
const BasemapPanel = lazy(() => loadPanel().then((m) => ({ default: m.BasemapPanel })));

/**
 * The map-layers control of the public and the staff maps: a disclosure button opening the
 * panel (BasemapPanel.tsx), and the note shown when a chosen service fell back to the built-in
 * map. Escape in the panel closes it and gives the focus back to the button.
 */
export function BasemapSwitcher({
  lang,
  basemaps,
  choice,
  onChange,
  fallback,
  onRetry,
}: {
  lang: BasemapLang;
  basemaps: ClientBasemap[];
  choice: BackgroundChoice;
  onChange(c: BackgroundChoice): void;
  /** The service that failed, when the map fell back. */
  fallback: ClientBasemap | null;
  onRetry(): void;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const t = (k: Parameters<typeof basemapText>[1], p?: Record<string, string>) => basemapText(lang, k, p);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="basemap-switcher">
      <button
        ref={button}
        type="button"
        className="basemap-toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
      >
        <span aria-hidden="true" className="basemap-icon">
          ◫
        </span>
        {t('button')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <BasemapPanel
            id={id}
            lang={lang}
            basemaps={basemaps}
            choice={choice}
            onChange={onChange}
            onClose={close}
          />
        </Suspense>
      )}
      <div role="status" className="basemap-status">
        {fallback && (
          <p className="basemap-fallback" data-testid="basemap-fallback">
            {t(fallback.overlay ? 'fallbackOverlay' : 'fallback', { name: fallback.name[lang] })}{' '}
            <button type="button" onClick={onRetry}>
              {t('retry')}
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
