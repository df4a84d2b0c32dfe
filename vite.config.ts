// Builds the browser backtester page (web/) into web/dist: `npm run web:build`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The headers that make a page cross-origin isolated, so the Web Workers share memory (docs/browser.md). */
const crossOriginIsolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('./web'),
  base: './', // relative URLs: web/dist can be served from any folder
  // The page imports 'sizewise' as a user's page does; here it is this repository's sources.
  resolve: { alias: { sizewise: here('./src/index.ts') } },
  // The worker bundle is generated without an output folder, so its source map's sources would
  // be relative to ./dist of the working directory: name the real one.
  worker: { format: 'es', rolldownOptions: { output: { dir: here('./web/dist') } } },
  // vega-embed (with Vega and Vega-Lite) is one chunk of about 1 MB, loaded by the first run only.
  build: { outDir: here('./web/dist'), emptyOutDir: true, sourcemap: true, target: 'es2022', chunkSizeWarningLimit: 1200 },
  server: { headers: crossOriginIsolation },
  preview: { headers: crossOriginIsolation },
});
