import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** Initial JavaScript (entry chunk + its static imports), gzipped, that the app holds itself to. */
// maplibre-gl alone is ~295 kB of it, React ~60 kB; the app's own code must fit in the rest.
export const INITIAL_JS_BUDGET_KB = 400;

/**
 * Prints the gzipped size of the JavaScript a first visit downloads before the map can start
 * (the entry chunk and what it imports statically; lazy chunks and the map worker are listed
 * apart) and whether it stays inside the budget.
 */
function initialJsReport(): Plugin {
  return {
    name: 'tonttiluukku-initial-js',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      // The public app's entry (the staff pages are a second input with their own budget).
      const entry =
        chunks.find((c) => c.isEntry && c.facadeModuleId?.endsWith('/client/index.html')) ??
        chunks.find((c) => c.isEntry && c.name === 'main') ??
        chunks.find((c) => c.isEntry);
      if (!entry) return;
      const initial = new Set<string>();
      const walk = (name: string) => {
        if (initial.has(name)) return;
        initial.add(name);
        const c = bundle[name];
        if (c?.type === 'chunk') c.imports.forEach(walk);
      };
      walk(entry.fileName);
      const gz = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length;
      let total = 0;
      const lines: string[] = [];
      for (const name of initial) {
        const c = bundle[name];
        if (c?.type !== 'chunk') continue;
        const size = gz(c.code);
        total += size;
        lines.push(`  ${name}  ${(size / 1024).toFixed(1)} kB gzip`);
      }
      const lazy = chunks.filter((c) => !initial.has(c.fileName));
      for (const c of lazy)
        lines.push(
          `  (${c.isEntry ? 'other page' : 'lazy'}) ${c.fileName}  ${(gz(c.code) / 1024).toFixed(1)} kB gzip`,
        );
      for (const a of Object.values(bundle))
        if (a.type === 'asset' && /\.(mjs|js)$/.test(a.fileName))
          lines.push(`  (worker) ${a.fileName}  ${(gz(a.source) / 1024).toFixed(1)} kB gzip`);
      const kb = total / 1024;
      const verdict = kb <= INITIAL_JS_BUDGET_KB ? 'within' : 'OVER';
      console.log(
        `\nInitial JS: ${kb.toFixed(1)} kB gzip (budget ${INITIAL_JS_BUDGET_KB} kB: ${verdict})\n${lines.join('\n')}`,
      );
    },
  };
}

export default defineConfig({
  root: 'client',
  plugins: [react(), initialJsReport()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        main: new URL('./client/index.html', import.meta.url).pathname,
        staff: new URL('./client/staff.html', import.meta.url).pathname,
        apply: new URL('./client/apply.html', import.meta.url).pathname,
        statistics: new URL('./client/statistics.html', import.meta.url).pathname,
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:3000',
      '/tiles': 'http://localhost:3000',
      '/ogc': 'http://localhost:3000',
      '/basemap': 'http://localhost:3000',
    },
  },
});
