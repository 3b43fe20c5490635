// Dev server for the app (`npm start`): TypeScript through esbuild, the CommonJS packages
// (papaparse; for sources: Readability, mammoth's one-file browser build, and boolbase, which
// linkedom's CSS selectors use) through the rollup CommonJS plugin. The same plugins serve the
// browser tests. The embed bundle (/dist/…) and /custom-elements.json are built from the
// sources on request (scripts/serve-built.mjs), so the embedding guide at /docs/ works without
// `npm run build`.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveBuilt } from './scripts/serve-built.mjs';

const commonjs = fromRollup(rollupCommonjs);

/** Serve `.cjs` files as JavaScript (linkedom imports its optional canvas shim from one). */
const cjsAsJavaScript = {
  name: 'cjs-as-javascript',
  resolveMimeType(context) {
    return context.path.endsWith('.cjs') ? 'js' : undefined;
  },
};

export const plugins = [
  // Explicit target: Chromium must not receive untransformed decorators.
  esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  commonjs({
    include: [
      '**/node_modules/papaparse/**',
      '**/node_modules/@mozilla/readability/**',
      '**/node_modules/mammoth/mammoth.browser.js',
      '**/node_modules/boolbase/**',
      '**/node_modules/linkedom/commonjs/**',
    ],
    // Left as require() calls: `stream` is papaparse's Node-only path; `canvas` is the native
    // package linkedom tries first, and its own shim takes over when require fails.
    ignore: ['stream', 'canvas'],
  }),
  cjsAsJavaScript,
];

/**
 * The sources name the load worker as built code does, `new URL('../worker/load.worker.js',
 * import.meta.url)` (the form bundlers rewrite): a request for a `.js` file under /src/ that
 * does not exist is served the `.ts` file beside it (which the esbuild plugin compiles).
 */
export function sourcesAsJs(ctx, next) {
  if (ctx.path.startsWith('/src/') && ctx.path.endsWith('.js')) {
    const ts = ctx.path.replace(/\.js$/, '.ts');
    const root = process.cwd();
    if (!existsSync(join(root, ctx.path)) && existsSync(join(root, ts))) ctx.path = ts;
  }
  return next();
}

/** `/docs/` is the embedding guide (docs/index.html), not the app that `appIndex` serves elsewhere. */
function docsIndex(ctx, next) {
  if (ctx.path === '/docs') return ctx.redirect('/docs/');
  if (ctx.path === '/docs/') ctx.path = '/docs/index.html';
  return next();
}

/**
 * The strict Content Security Policy of docs/security.md, sent with any page asked for with
 * `?csp=strict` (the browser tests open the app, the bundle and /docs/ under it; so can you:
 * http://127.0.0.1:8000/?csp=strict).
 */
export const STRICT_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

export async function strictPolicy(ctx, next) {
  await next();
  if (ctx.query.csp === 'strict' && ctx.response.is('html')) ctx.set('Content-Security-Policy', STRICT_POLICY);
}

/**
 * The app's pages run the sources in development mode: each HTML page that runs a script from
 * /src/ gets AG Grid's ValidationModule first (readable grid errors; src/dev/grid-validation.ts).
 * Pages that use the embed bundle (/docs/, a host page) get the bundle as it ships.
 */
const gridValidation = {
  name: 'grid-validation',
  transform(context) {
    const runsSources = /<script[^>]*\ssrc=["']\/src\/|\bimport\s*["']\/src\//;
    if (!context.response.is('html') || typeof context.body !== 'string' || !runsSources.test(context.body)) return undefined;
    const at = context.body.indexOf('<script');
    if (at < 0) return undefined;
    return context.body.slice(0, at) + '<script type="module" src="/src/dev/grid-validation.ts"></script>\n    ' + context.body.slice(at);
  },
};

export default {
  nodeResolve: true,
  middleware: [strictPolicy, docsIndex, sourcesAsJs, serveBuilt()],
  appIndex: 'index.html',
  port: 8000,
  plugins: [...plugins, gridValidation],
};
