/**
 * The map's background: which basemap (the built-in one or a configured service), how opaque
 * the plots are, and which overlays show. The choice lives in the URL (bg, opacity, overlays)
 * and in localStorage; `BackgroundController` (background-controller.ts, loaded beside the map's
 * style) puts it on a MapLibre map and falls back to the built-in map when a service fails, so a
 * slow or dead service never hides the plots.
 */
import type { ClientBasemap } from '../../../shared/basemap.ts';

export type { ClientBasemap };

export interface BackgroundChoice {
  bg: string;
  /** Plot opacity in percent, 20-100. */
  opacity: number;
  overlays: string[];
}

export const BUILTIN = 'builtin';
/** Overlays the built-in basemap draws, by the layer ids of its style (server/basemap/style.ts). */
export const BUILTIN_OVERLAYS: Record<string, string[]> = {
  districts: [
    'district-borders',
    'sub-district-borders',
    'district-labels',
    'sub-district-labels',
    'city-border',
  ],
  zones: ['built-up', 'urban-zone-lines'],
};
export const DEFAULT_CHOICE: BackgroundChoice = {
  bg: BUILTIN,
  opacity: 100,
  overlays: ['districts', 'zones'],
};
export const OPACITY_STEPS = { min: 20, max: 100, step: 10 };

const STORAGE_KEY = 'tonttiluukku.background';
const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** bg, opacity and overlays from a query string; bad values are dropped and named. */
export function parseBackgroundParams(params: URLSearchParams): {
  choice?: Partial<BackgroundChoice>;
  problems: string[];
} {
  const choice: Partial<BackgroundChoice> = {};
  const problems: string[] = [];
  const bg = params.get('bg');
  if (bg != null) {
    if (ID.test(bg)) choice.bg = bg;
    else problems.push('bg');
  }
  const opacity = params.get('opacity');
  if (opacity != null) {
    const n = Number(opacity);
    if (/^\d{1,3}$/.test(opacity) && n >= OPACITY_STEPS.min && n <= OPACITY_STEPS.max) choice.opacity = n;
    else problems.push('opacity');
  }
  const overlays = params.get('overlays');
  if (overlays != null) {
    const list = overlays === '' || overlays === 'none' ? [] : overlays.split(',');
    if (list.every((o) => ID.test(o))) choice.overlays = [...new Set(list)];
    else problems.push('overlays');
  }
  return { choice: Object.keys(choice).length ? choice : undefined, problems };
}

/** Writes the parts of a choice that differ from the default (links stay short). */
export function writeBackgroundParams(p: URLSearchParams, c: Partial<BackgroundChoice> | undefined): void {
  if (!c) return;
  if (c.bg && c.bg !== DEFAULT_CHOICE.bg) p.set('bg', c.bg);
  if (c.opacity != null && c.opacity !== DEFAULT_CHOICE.opacity) p.set('opacity', String(c.opacity));
  if (c.overlays && [...c.overlays].sort().join(',') !== [...DEFAULT_CHOICE.overlays].sort().join(','))
    p.set('overlays', c.overlays.length ? c.overlays.join(',') : 'none');
}

/** The choice to open with: the link's, else the remembered one, else the default. */
export function initialChoice(fromUrl?: Partial<BackgroundChoice>): BackgroundChoice {
  let stored: Partial<BackgroundChoice> = {};
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (text) stored = parseBackgroundParams(new URLSearchParams(text)).choice ?? {};
  } catch {
    // storage blocked or unreadable: the default
  }
  return { ...DEFAULT_CHOICE, ...(fromUrl ?? stored) };
}

export function rememberChoice(c: BackgroundChoice): void {
  const p = new URLSearchParams();
  p.set('bg', c.bg);
  p.set('opacity', String(c.opacity));
  p.set('overlays', c.overlays.join(',') || 'none');
  try {
    localStorage.setItem(STORAGE_KEY, p.toString());
  } catch {
    // storage blocked: the URL still carries it
  }
}

/** The choice with anything this server does not offer replaced by the default. */
export function effectiveChoice(c: BackgroundChoice, basemaps: ClientBasemap[]): BackgroundChoice {
  const bg = basemaps.find((b) => b.id === c.bg && !b.overlay) ? c.bg : BUILTIN;
  const known = new Set([
    ...Object.keys(BUILTIN_OVERLAYS),
    ...basemaps.filter((b) => b.overlay).map((b) => b.id),
  ]);
  return { bg, opacity: c.opacity, overlays: c.overlays.filter((o) => known.has(o)) };
}
