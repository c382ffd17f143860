import { createRoot } from 'react-dom/client';
import { api } from './api/client.ts';
import type { AppConfig } from './api/types.ts';
import { App } from './app/App.tsx';
import { prefetchJson } from './map/style-load.ts';
import './app/styles.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

// The map's worker script is only requested once the map adds its first source: fetch it now,
// while the configuration and the style load, so the worker starts from the cache.
const prefetch = document.createElement('link');
prefetch.rel = 'modulepreload';
prefetch.href = workerUrl;
document.head.append(prefetch);

/** Reads /api/config, then renders the app; without config the app still opens with defaults. */
async function main() {
  // The default style and the plot TileJSON load alongside the configuration, not after it.
  prefetchJson('/basemap/style.json');
  prefetchJson('/tiles/plots.json');
  let config: AppConfig | null = null;
  let configError: unknown;
  try {
    config = await api.config(AbortSignal.timeout(8000));
  } catch (err) {
    configError = err;
  }
  createRoot(document.getElementById('root')!).render(<App config={config} configError={configError} />);
}

void main();
