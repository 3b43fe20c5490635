/**
 * Zips opened in the app (docs/security.md, "Limits"), in Chromium: a zip is held to its
 * limits before and while it is inflated, only the entries the matrix uses are inflated, and
 * the page stays responsive — each refusal said, located, with every other file loaded.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyFileMenu } from '../../src/components/policy-file-menu/policy-file-menu.component.ts';
import { zipFiles } from '../../src/model/export/zip.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { declare, deflatedRun, rawZipWith } from '../unit/hostile/zip-craft.ts';
import { SMALL_MATRIX, shadow, squash } from './helpers.ts';

const GiB = 1024 ** 3;
/**
 * The longest main-thread task allowed while a zip opens: a protective bound, generous for a
 * shared machine. A zip is opened in the load worker (measured: 0–70 ms, the grid showing
 * the matrix; up to 2 s when zips were inflated on the page).
 */
const LONGEST_TASK = 250;
const MiB = 1024 ** 2;

/** The small fixture matrix's files, as a zip has them (small/…, sources/…). */
async function fixtureFiles(): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  for (const name of MATRIX_FILES) files.set(`small/${name}`, strToU8(await (await fetch(`${SMALL_MATRIX}${name}`)).text()));
  files.set('sources/small-source.txt', strToU8(await (await fetch('/tests/fixtures/matrices/sources/small-source.txt')).text()));
  return files;
}

async function showApp() {
  const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src="" style="height: 800px" drafts=${`zip-${Math.random()}`}></policy-matrix-app>`);
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-file-menu')?.shadowRoot?.querySelector('input.open-files'), 'no file menu');
  const menu = root.querySelector<PolicyFileMenu>('policy-file-menu')!;
  return { app, root, menu, menuRoot: shadow(menu) };
}

/** Pick one zip with the menu's "Open files…" input, as the browser does after the user chose. */
function pickZip(menuRoot: ShadowRoot, bytes: Uint8Array, name = 'small.zip'): void {
  const data = new DataTransfer();
  data.items.add(new File([bytes as BlobPart], name, { type: 'application/zip' }));
  const input = menuRoot.querySelector<HTMLInputElement>('input.open-files')!;
  input.files = data.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Run `open`, then wait for the menu to say it is done; the longest task meanwhile and the heap's growth. */
async function measured(menuRoot: ShadowRoot, open: () => void): Promise<{ message: string; longestTask: number; heapMiB: number; ms: number }> {
  // A turn first: a long task of the test's own (making a zip) is not counted.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  const heap = memory?.usedJSHeapSize ?? 0;
  let longestTask = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longestTask = Math.max(longestTask, entry.duration);
  });
  observer.observe({ entryTypes: ['longtask'] });
  const message = () => squash(menuRoot.querySelector('.message')?.textContent);
  const said = message();
  const started = performance.now();
  open();
  await waitUntil(() => message() !== said && /^(Opened|Could not open)/.test(message()), `the menu says: ${message()}`, { timeout: 20000 });
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return { message: message(), longestTask, heapMiB: ((memory?.usedJSHeapSize ?? 0) - heap) / MiB, ms };
}

const problems = (root: ShadowRoot) => [...root.querySelectorAll('.problems:not(.findings) li code')].map((c) => squash(c.textContent));

describe('a zip opened in the app is held to its limits', () => {
  it('(for comparison) a good zip opens', async () => {
    const { menuRoot } = await showApp();
    const zip = zipFiles(await fixtureFiles());
    const r = await measured(menuRoot, () => pickZip(menuRoot, zip));
    expect(r.message).to.match(/^Opened “.+” from small\.zip/);
  });

  it('an entry the matrix uses declared to inflate to 3.5 GiB: refused by its declaration, located, the rest loaded', async () => {
    const { app, root, menuRoot } = await showApp();
    const zip = declare(zipFiles(await fixtureFiles()), 'small/cells.csv', 3.5 * GiB);
    const r = await measured(menuRoot, () => pickZip(menuRoot, zip));
    expect(r.message).to.match(/^Opened “.+” from small\.zip/);
    await waitUntil(() => problems(root).length > 0, 'no problems listed');
    expect(problems(root)).to.include('cells.csv: the file is 3.5 GiB, over the limit of 128 MiB for one file; it was not read');
    expect(app.store.snapshot.matrix!.dimensions.length).to.be.greaterThan(0);
    expect(r.ms).to.be.lessThan(10000);
    expect(r.longestTask).to.be.lessThan(LONGEST_TASK);
    expect(r.heapMiB).to.be.lessThan(200);
  });

  it('an entry that inflates to 200 MiB while it declares 1 KiB (a bomb): stopped at its declared size, located', async () => {
    const { app, root, menuRoot } = await showApp();
    const files = await fixtureFiles();
    files.delete('small/citations.csv');
    const zip = rawZipWith(files, { name: 'small/citations.csv', data: deflatedRun(200 * MiB), declared: 1024 });
    const r = await measured(menuRoot, () => pickZip(menuRoot, zip));
    expect(r.message).to.match(/^Opened/);
    await waitUntil(() => problems(root).length > 0, 'no problems listed');
    expect(problems(root)).to.include('citations.csv: the entry is damaged or crafted: it inflates to more than the 1 KiB it declares; it was not read');
    expect(app.store.snapshot.matrix!.cells.length).to.be.greaterThan(0);
    expect(r.ms).to.be.lessThan(10000);
    expect(r.longestTask).to.be.lessThan(LONGEST_TASK);
    expect(r.heapMiB).to.be.lessThan(200);
  });

  it('an entry the matrix does not use is never inflated: a damaged one declared as 3.5 GiB beside it changes nothing', async () => {
    const { app, menuRoot } = await showApp();
    const zip = rawZipWith(await fixtureFiles(), { name: 'small/attachments/huge.bin', data: new Uint8Array(64).fill(0xff), declared: 3.5 * GiB });
    const r = await measured(menuRoot, () => pickZip(menuRoot, zip));
    expect(r.message).to.match(/^Opened “.+” from small\.zip/);
    expect(app.store.snapshot.problems.filter((p) => p.severity === 'error' && p.line === 0)).to.deep.equal([]);
    expect(r.heapMiB).to.be.lessThan(200);
  });

  it('a zip of more entries than the limit is refused before any is read, and the matrix shown stays', async () => {
    const { app, menuRoot } = await showApp();
    pickZip(menuRoot, zipFiles(await fixtureFiles()));
    await waitUntil(() => app.store.snapshot.status === 'ready', 'the first zip did not open');
    const before = app.store.snapshot.matrix;
    const junk: Zippable = {};
    for (let i = 0; i < 10_001; i++) junk[`junk/${i}.txt`] = strToU8('x');
    const many = zipSync(junk);
    const r = await measured(menuRoot, () => pickZip(menuRoot, many, 'many.zip'));
    expect(r.message).to.equal('Could not open many.zip: many.zip: the zip has 10,001 entries, over the limit of 10,000; it was not opened.');
    expect(r.longestTask).to.be.lessThan(LONGEST_TASK);
    expect(app.store.snapshot.matrix).to.equal(before);
  });
});

describe('a picked file over the limit is refused by its size, unread', () => {
  it('a source text added for a missing source, 129 MiB: said, and the matrix unchanged', async () => {
    const { app, menuRoot } = await showApp();
    // The matrix without its source text: the menu offers to add it.
    const files = await fixtureFiles();
    files.delete('sources/small-source.txt');
    pickZip(menuRoot, zipFiles(files));
    await waitUntil(() => menuRoot.querySelector('button.add-source'), 'no "Add source text…"');
    const before = app.store.snapshot;
    // 129 MiB made of one MiB repeated: the browser keeps the part once.
    const part = new Blob([new Uint8Array(MiB).fill(0x61)]);
    const huge = new File(Array.from({ length: 129 }, () => part), 'huge.txt', { type: 'text/plain' });
    expect(huge.size).to.equal(129 * MiB);
    menuRoot.querySelector<HTMLButtonElement>('button.add-source')!.click();
    const data = new DataTransfer();
    data.items.add(huge);
    const input = menuRoot.querySelector<HTMLInputElement>('input.add-source')!;
    input.files = data.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const message = () => squash(menuRoot.querySelector('.message')?.textContent);
    await waitUntil(() => message().startsWith('huge.txt'), `the menu says: ${message()}`);
    expect(message()).to.equal('huge.txt was not added: the file is 129 MiB, over the limit of 128 MiB for one file; it was not read.');
    expect(app.store.snapshot).to.equal(before);
  });
});
