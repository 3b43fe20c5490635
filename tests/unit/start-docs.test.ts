/**
 * `npm start` in a clone where nothing is built: the dev server (web-dev-server.config.mjs)
 * builds the embed bundle and custom-elements.json from the sources on request, so the
 * embedding guide at /docs/ loads the bundle as it ships and every live example renders.
 * The dev server runs from a copy of the project without dist/ or custom-elements.json,
 * on 127.0.0.1, and Chromium opens the guide.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { launch } from './support/browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PARTS = ['src', 'docs', 'matrices', 'scripts', 'index.html', 'compare.html', 'package.json', 'tsconfig.json', 'web-dev-server.config.mjs', 'custom-elements-manifest.config.mjs'];

let clone: string | undefined;
let server: ChildProcess | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  server?.kill();
  if (clone) rmSync(clone, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startDevServer(cwd: string): Promise<string> {
  const port = await freePort();
  // As `npm start` runs it: the project's web-dev-server.config.mjs, from the project folder.
  server = spawn(process.execPath, [join(cwd, 'node_modules/@web/dev-server/dist/bin.js'), '--port', String(port), '--hostname', '::ffff:127.0.0.1'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    const ok = await fetch(`${origin}/docs/`).then((r) => r.ok, () => false);
    if (ok) return origin;
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the dev server did not start:\n${output}`);
}

describe('npm start in a clone with nothing built', () => {
  it('serves the embedding guide with its live examples, the bundle and the reference built from the sources', async () => {
    clone = mkdtempSync(join(tmpdir(), 'policy-matrix-start-'));
    for (const part of PARTS) cpSync(join(ROOT, part), join(clone, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
    expect(existsSync(join(clone, 'dist')) || existsSync(join(clone, 'custom-elements.json'))).toBe(false);
    const origin = await startDevServer(clone);

    browser = await launch();
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 1000 });
    const failed: string[] = [];
    const errors: string[] = [];
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}/docs/`);
    const waitFor = (what: string, fn: string) =>
      page.waitForFunction(fn, { timeout: 60_000 }).catch((error: unknown) => {
        throw new Error(`${what}: ${String(error)}\n${failed.join('\n')}\n${errors.join('\n')}`);
      });
    await waitFor('the guide did not load the bundle', `document.getElementById('loaded')?.textContent.startsWith('Using the built bundle')`);
    const live = (name: string) => `document.querySelector('.live[data-example="${name}"]')`;
    await waitFor('no grid in the matrix example', `(${live('matrix')}?.querySelector('policy-matrix')?.shadowRoot?.querySelectorAll('.ag-row[row-index]').length ?? 0) >= 5`);
    await waitFor('no comparison example', `!!${live('compare')}?.querySelector('policy-compare')?.shadowRoot?.querySelector('.compare-table')`);
    await waitFor('no briefing example', `!!${live('briefing')}?.querySelector('policy-briefing')?.shadowRoot?.querySelector('.briefing table')`);
    await waitFor('no reference tables (custom-elements.json)', `document.querySelectorAll('table.ref').length >= 8`);
    // The bundle came from /dist/ (the one a host page uses), built just now: the guide says so,
    // and the clone still has no dist/ on disk.
    const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
    expect(scripts).toContain('/dist/policy-matrix.js');
    expect(scripts.some((p) => p.startsWith('/dist/chunks/ag-grid-'))).toBe(true);
    // No code from the sources (the guide's icon may come from there), no development module.
    expect(scripts.filter((p) => p.startsWith('/src/') && /\.(ts|js)$/.test(p))).toEqual([]);
    expect(existsSync(join(clone, 'dist'))).toBe(false);
    // Nothing missing but the example of a missing matrix.
    expect(failed.filter((f) => !f.includes('/matrices/no-such-matrix/'))).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
