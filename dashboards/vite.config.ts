import { defineConfig } from 'vite';

/**
 * The dashboards are a static bundle that the API serves from dashboards/dist under a strict
 * Content-Security-Policy (script-src 'self', style-src 'self', no eval): Vite emits one module
 * script and one stylesheet, nothing inline.
 *
 * JSX is compiled by Vite's built-in Oxc transform into Preact calls, so no framework plugin is
 * needed (there is no hot-reload state to preserve worth a plugin and a Babel dependency).
 */
// This file runs in Node; the dashboards' tsconfig has DOM types only, so name the one global used.
declare const process: { env: Record<string, string | undefined> };

const root = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would only matter for browsers without modulepreload; all current ones have it.
    modulePreload: { polyfill: false },
    // Never turn assets into data: URIs inside CSS or JS; keep every file same-origin and cacheable.
    assetsInlineLimit: 0,
    sourcemap: true,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npx vite --config dashboards/vite.config.ts` while the API runs on PORT (default 3000).
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
