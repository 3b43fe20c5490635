// Dev server for the app (`npm start`): TypeScript through esbuild, papaparse (CommonJS)
// through the rollup CommonJS plugin. The same plugins serve the browser tests.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';

const commonjs = fromRollup(rollupCommonjs);

export const plugins = [
  // Explicit target: Chromium must not receive untransformed decorators.
  esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
  commonjs({ include: ['**/node_modules/papaparse/**'], ignore: ['stream'] }),
];

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

export default {
  nodeResolve: true,
  middleware: [strictPolicy, docsIndex],
  appIndex: 'index.html',
  port: 8000,
  plugins,
};
