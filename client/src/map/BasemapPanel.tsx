import { useEffect, useRef } from 'react';
import {
  BUILTIN_OVERLAYS,
  OPACITY_STEPS,
  effectiveChoice,
  type BackgroundChoice,
  type ClientBasemap,
} from './background.ts';
import { basemapText, type BasemapLang } from './basemap-messages.ts';

/**
 * The open map-layers panel: background map (radio group), plots' opacity (slider), overlays
 * (checkboxes). Loaded the first time the panel opens (the public map's first download stays
 * small); takes the focus when it appears and gives it back on Escape.
 */
export function BasemapPanel({
  id,
  lang,
  basemaps,
  choice,
  onChange,
  onClose,
}: {
  id: string;
  lang: BasemapLang;
  basemaps: ClientBasemap[];
  choice: BackgroundChoice;
  onChange(c: BackgroundChoice): void;
  onClose(): void;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const t = (k: Parameters<typeof basemapText>[1], p?: Record<string, string>) => basemapText(lang, k, p);
  const current = effectiveChoice(choice, basemaps);
  const backgrounds = basemaps.filter((b) => !b.overlay);
  const overlays = [
    ...Object.keys(BUILTIN_OVERLAYS).map((o) => ({ id: o, name: t(`overlay_${o}` as 'overlay_zones') })),
    ...basemaps
      .filter((b) => b.overlay && b.kind === 'raster')
      .map((b) => ({ id: b.id, name: b.name[lang] })),
  ];
  const set = (c: Partial<BackgroundChoice>) => onChange({ ...current, ...c });

  useEffect(() => {
    panel.current?.querySelector<HTMLInputElement>('input:checked, input')?.focus();
  }, []);

  return (
    <div
      ref={panel}
      id={`${id}-panel`}
      className="basemap-panel"
      role="group"
      aria-labelledby={`${id}-heading`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="basemap-head">
        <h2 id={`${id}-heading`}>{t('heading')}</h2>
        <button type="button" className="icon-btn" onClick={onClose} aria-label={t('close')}>
          ×
        </button>
      </div>
      <fieldset>
        <legend>{t('background')}</legend>
        {backgrounds.map((b) => (
          <label key={b.id} className="basemap-option">
            <input
              type="radio"
              name={`${id}-bg`}
              value={b.id}
              checked={current.bg === b.id}
              onChange={() => set({ bg: b.id })}
            />
            {b.name[lang]}
          </label>
        ))}
      </fieldset>
      {current.bg === 'builtin' && <p className="basemap-coverage">{t('builtinCoverage')}</p>}
      <label className="basemap-opacity">
        <span>
          {t('plotOpacity')} <output>{current.opacity} %</output>
        </span>
        <input
          type="range"
          min={OPACITY_STEPS.min}
          max={OPACITY_STEPS.max}
          step={OPACITY_STEPS.step}
          value={current.opacity}
          aria-valuetext={`${current.opacity} %`}
          onChange={(e) => set({ opacity: Number(e.target.value) })}
        />
      </label>
      <fieldset>
        <legend>{t('overlays')}</legend>
        {overlays.map((o) => (
          <label key={o.id} className="basemap-option">
            <input
              type="checkbox"
              value={o.id}
              checked={current.overlays.includes(o.id)}
              onChange={(e) =>
                set({
                  overlays: e.target.checked
                    ? [...current.overlays, o.id]
                    : current.overlays.filter((x) => x !== o.id),
                })
              }
            />
            {o.name}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
