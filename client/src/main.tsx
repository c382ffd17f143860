import { createRoot } from 'react-dom/client';
import { api } from './api/client.ts';
import type { AppConfig } from './api/types.ts';
import { App } from './app/App.tsx';
import './app/styles.css';

/** Reads /api/config, then renders the app; without config the app still opens with defaults. */
async function main() {
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
