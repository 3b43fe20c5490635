/**
 * An application that installs policy-matrix and bundles it with Vite (`vite build`), served
 * as built and opened in Chromium: the grid shows a matrix that the load worker read (a
 * worker file Vite emitted, started from its own URL, not a data: URL), with no warning that
 * the load fell back to the main thread, no failed request, and AG Grid in a chunk of its own.
 * Uses the built package (dist/esm: run `npm run build` first; `npm test` does).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import type { Browser } from 'puppeteer-core';
import { launch, serve, watch } from './support/browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');
let app: string;
let browser: Browser | undefined;
let close: (() => void) | undefined;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist/esm/define.js'))) throw new Error('dist/esm is missing: run `npm run build` first');
  app = mkdtempSync(join(tmpdir(), 'policy-matrix-vite-app-'));
  cpSync(join(ROOT, 'tests/fixtures/vite-consumer'), app, { recursive: true });
  // The package as npm would place it (its "exports" decide what the application can import).
  mkdirSync(join(app, 'node_modules'));
  symlinkSync(ROOT, join(app, 'node_modules', 'policy-matrix'), 'dir');
  await build({
    root: app,
    configFile: false,
    logLevel: 'warn',
    cacheDir: join(app, '.vite'),
    build: { outDir: join(app, 'dist'), emptyOutDir: true },
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  close?.();
  if (app) rmSync(app, { recursive: true, force: true });
});

describe('an application built with Vite', () => {
  it('emits the load worker as a file of its own and AG Grid as a chunk of its own', () => {
    const assets = readdirSync(join(app, 'dist/assets'));
    const scripts = assets.filter((f) => f.endsWith('.js'));
    expect(scripts.some((f) => /load\.worker/.test(f)), scripts.join(', ')).toBe(true);
    expect(scripts.some((f) => /^ag-grid/.test(f)), scripts.join(', ')).toBe(true);
  });

  it('shows the grid of a matrix read by the load worker, with nothing falling back to the main thread', async () => {
    const served = await serve({ '/matrix/': join(ROOT, 'matrices/eu-north-america'), '/sources/': join(ROOT, 'matrices/sources'), '/': join(app, 'dist') });
    close = () => served.server.close();
    browser = await launch();
    const page = await browser.newPage();
    const { workers, messages, failed } = watch(page);
    await page.goto(`${served.origin}/index.html`);
    await page.setViewport({ width: 1200, height: 900 });
    await page
      .waitForFunction(() => (document.getElementById('matrix')?.shadowRoot?.querySelectorAll('.ag-row[row-index]').length ?? 0) >= 3, { timeout: 30_000 })
      .catch((error: unknown) => {
        throw new Error(`no grid: ${String(error)}\n${messages.join('\n')}\n${failed.join('\n')}`);
      });
    const seen = await page.evaluate(() => {
      const root = document.getElementById('matrix')!.shadowRoot!;
      const w = window as unknown as { __loads: { status: string; title: string }[]; __storeIsTheLibrarys: boolean };
      return {
        loads: w.__loads,
        store: w.__storeIsTheLibrarys,
        header: [...root.querySelectorAll('.ag-header-cell-text')].map((h) => h.textContent),
      };
    });
    expect(seen.loads).toEqual([{ status: 'ready', title: expect.stringMatching(/\w/) }]);
    expect(seen.store).toBe(true);
    expect(seen.header).toContain('European Union');
    // The load ran in a worker started from a file of the built application.
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatch(new RegExp(`^${served.origin}/assets/load\\.worker-[\\w-]+\\.js$`));
    expect(messages.filter((m) => /load worker|main thread|error/i.test(m))).toEqual([]);
    expect(failed.filter((u) => !u.endsWith('/favicon.ico'))).toEqual([]);
  }, 60_000);
});
