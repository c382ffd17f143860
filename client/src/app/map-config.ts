/** What the map is given from the app's configuration and state. */
import type { PlotFilter } from '../../../shared/filter.ts';
import type { AppConfig } from '../api/types.ts';
import type { Lang } from '../i18n/messages.ts';
import { polygons } from '../search/outline.ts';

/** The chosen area's outline and a drawn "within" shape, drawn over the plots. */
export function drawnOverlay(filter: PlotFilter, outline: GeoJSON.Feature | null): GeoJSON.FeatureCollection {
  const features: GeoJSON.Feature[] = outline ? polygons(outline) : [];
  if (filter.within)
    features.push({ type: 'Feature', properties: {}, geometry: filter.within as GeoJSON.Geometry });
  return { type: 'FeatureCollection', features };
}

/** The built-in basemap in the page's language (Finnish is its default); other styles as given. */
export function basemapStyleUrl(config: AppConfig | null, lang: Lang): string {
  const url = config?.basemapStyleUrl ?? '/basemap/style.json';
  return url === '/basemap/style.json' && lang !== 'fi' ? `${url}?lang=${lang}` : url;
}

/** The data licences as attribution lines (HTML, escaped; links open apart). */
export function licenceLines(config: AppConfig | null): string[] {
  if (!config?.licences) return [];
  return config.licences
    .map((l) => {
      if (typeof l === 'string') return l;
      const name = l.attribution ?? l.title ?? l.name ?? '';
      const lic = l.licence ?? l.license ?? '';
      const text = [name, lic].filter(Boolean).join(', ');
      return l.url
        ? `<a href="${encodeURI(l.url)}" target="_blank" rel="noopener">${escapeHtml(text)}</a>`
        : escapeHtml(text);
    })
    .filter(Boolean);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
