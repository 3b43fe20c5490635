/**
 * The same application as vite-consumer.test.ts, served by Vite's dev server (`vite`) with the
 * configuration the README gives (the package excluded from dependency pre-bundling) and opened in
 * Chromium: the load worker starts from its module file and reads the matrix, with no fallback to
 * the main thread and no failed request (Vite's pre-bundling once made the worker ask for
 * `/node_modules/.vite/deps/undefined`; without the dependencies named, Vite answers "504 Outdated
 * Optimize Dep" to the worker's first imports). Uses the built package (dist/esm: `npm test` builds it).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import type { Browser } from 'puppeteer-core';
import { launch, watch } from './support/browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let app: string;
let server: ViteDevServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/esm/define.js'))) throw new Error('dist/esm is missing: run `npm run build` first');
  app = mkdtempSync(join(tmpdir(), 'policy-matrix-vite-dev-'));
  cpSync(join(ROOT, 'tests/fixtures/vite-consumer'), app, { recursive: true });
  // The matrix and its sources as the application's static files (`src="matrix/"`, `../sources/`).
  cpSync(join(ROOT, 'matrices/eu-north-america'), join(app, 'public/matrix'), { recursive: true });
  cpSync(join(ROOT, 'matrices/sources'), join(app, 'public/sources'), { recursive: true });
  // The package installed as npm installs it: a folder of its own under node_modules (a linked
  // package is never pre-bundled by Vite, so a link would hide what an installed copy meets), its
  // dependencies beside it.
  const installed = join(app, 'node_modules', 'policy-matrix');
  mkdirSync(installed, { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(installed, 'package.json'));
  cpSync(join(ROOT, 'dist/esm'), join(installed, 'dist/esm'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; peerDependencies: Record<string, string> };
  for (const name of [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]) {
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  }
  server = await createServer({
    root: app,
    configFile: false,
    logLevel: 'warn',
    cacheDir: join(app, '.vite'),
    // What the README tells an application to set for `vite` (the dev server).
    optimizeDeps: {
      exclude: ['policy-matrix'],
      include: ['papaparse', 'fflate', 'approx-string-match', 'ag-grid-community', 'lit', 'lit/decorators.js',
        'lit/directive.js', 'lit/directives/live.js', 'lit/directives/repeat.js', '@lit/context']
        .map((dependency) => `policy-matrix > ${dependency}`),
    },
    // The dependencies are linked to this checkout's node_modules, outside the application: let Vite serve them.
    server: { host: '127.0.0.1', port: 0, strictPort: false, fs: { allow: [app, join(ROOT, 'node_modules')] } },
  });
  await server.listen();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('an application served by the Vite dev server', () => {
  it('shows the grid of a matrix read by the load worker, with nothing falling back to the main thread', async () => {
    const origin = server!.resolvedUrls!.local[0]!.replace(/\/$/, '');
    browser = await launch();
    const page = await browser.newPage();
    const { workers, messages, failed } = watch(page);
    await page.setViewport({ width: 1200, height: 900 });
    await page.goto(`${origin}/index.html`);
    await page
      .waitForFunction(() => (document.getElementById('matrix')?.shadowRoot?.querySelectorAll('.ag-row[row-index]').length ?? 0) >= 3, { timeout: 60_000 })
      .catch((error: unknown) => {
        throw new Error(`no grid: ${String(error)}\n${messages.join('\n')}\n${failed.join('\n')}`);
      });
    const loads = await page.evaluate(() => (window as unknown as { __loads: { status: string }[] }).__loads);
    expect(loads.map((l) => l.status)).toEqual(['ready']);
    // The load ran in a worker started from the package's own worker module, not pre-bundled deps.
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatch(/\/worker\/load\.worker\.js(\?.*)?$/);
    expect(workers[0]).not.toContain('/.vite/deps/');
    expect({ messages: messages.filter((m) => /load worker|main thread|error/i.test(m)), failed: failed.filter((u) => !u.endsWith('/favicon.ico')) }).toEqual({ messages: [], failed: [] });
  }, 120_000);
});
