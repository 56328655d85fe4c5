import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The public dashboard: web/ → dist/dashboard/, served by the server at / (src/http/dashboard.ts).
 * Hashed file names under /assets/ (cached for a year); index.html is the fallback for deep links.
 */
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Everything from npm, bundled: no CDN, no font host.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    // The generated client builds every operation with `new TypedDocumentString(…)`: pure, so the
    // operations the dashboard does not use are left out of the bundle.
    rolldownOptions: { treeshake: { manualPureFunctions: ['TypedDocumentString'] } },
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
