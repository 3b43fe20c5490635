/**
 * Damaged CSV picked in the app (docs/security.md, "Limits"; docs/format.md, "Reading a
 * damaged file"), in Chromium: the bundled matrix's files with 20,000 lines of stray quotes
 * added to citations.csv, or with its line endings mixed. Every row is kept, each problem
 * located, and the page stays responsive: the files are read, parsed and checked in the load
 * worker, and the problems are listed a page at a time. (6,000 such lines once froze the page
 * for 8 s; 2,000 took 13 s after the load, listing their problems.)
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyFileMenu } from '../../src/components/policy-file-menu/policy-file-menu.component.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { REAL_MATRIX, shadow, squash } from './helpers.ts';

const SOURCE = 'security-in-the-americas.txt';

/** The bundled matrix's files and its source text, as picked files (a folder pick: paths inside it). */
async function bundledFiles(edit: Record<string, (text: string) => string> = {}): Promise<File[]> {
  const files: File[] = [];
  const add = async (url: string, path: string, name: string) => {
    let text = await (await fetch(url)).text();
    if (edit[name]) text = edit[name](text);
    const file = new File([text], name, { type: 'text/csv' });
    Object.defineProperty(file, 'webkitRelativePath', { value: path });
    files.push(file);
  };
  for (const name of MATRIX_FILES) await add(`${REAL_MATRIX}${name}`, `matrices/eu-north-america/${name}`, name);
  await add(`/matrices/sources/${SOURCE}`, `matrices/sources/${SOURCE}`, SOURCE);
  return files;
}

async function showApp() {
  const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src="" style="height: 800px" drafts=${`csv-${Math.random()}`}></policy-matrix-app>`);
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-file-menu')?.shadowRoot?.querySelector('input.open-folder'), 'no file menu');
  const menu = root.querySelector<PolicyFileMenu>('policy-file-menu')!;
  return { app, root, menuRoot: shadow(menu) };
}

function pick(menuRoot: ShadowRoot, files: File[]): void {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  const input = menuRoot.querySelector<HTMLInputElement>('input.open-folder')!;
  input.files = data.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Pick `files` and wait until the menu says it opened them (and the store has them); the main thread's long tasks meanwhile. */
async function measuredPick(app: PolicyMatrixApp, menuRoot: ShadowRoot, files: File[]): Promise<{ message: string; tasks: number[]; ms: number }> {
  // A turn first: a long task of the test's own (making the files) is not counted.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const message = () => squash(menuRoot.querySelector('.message')?.textContent);
  const said = message();
  const shown = app.store.snapshot.matrix;
  const started = performance.now();
  pick(menuRoot, files);
  await waitUntil(() => message() !== said && /^Could not open/.test(message()) || (app.store.snapshot.matrix !== shown && /^Opened/.test(message())), `the menu says: ${message()}`, { timeout: 60000 });
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  return { message: message(), tasks, ms };
}

/** Lines of stray quotes added. */
const N = 20_000;

describe('damaged CSV picked in the app', () => {
  it('20,000 lines of stray quotes: every row kept, each located, shown in the grid with no main-thread task over 100 ms', async function () {
    this.timeout(120000);
    // The longest task is measured, and a machine busy with other work stretches every task:
    // once more before failing (a real regression fails both times).
    this.retries(1);
    const { app, root, menuRoot } = await showApp();
    // The first grid on the page costs its set-up (AG Grid, its theme): the good matrix opened first.
    await measuredPick(app, menuRoot, await bundledFiles());
    expect(app.store.snapshot.check!.coverage.found).to.equal(348);

    const stray = Array.from({ length: N }, (_, i) => `asylum-harmonization,ca,1,${100 + i},security-americas,"unclosed quote ${i},,,,,,,`).join('\n');
    const files = await bundledFiles({ 'citations.csv': (text) => `${text}${stray}\n` });
    const r = await measuredPick(app, menuRoot, files);
    expect(r.message).to.match(/^Opened “.+” from /);
    const { matrix, problems, check } = app.store.snapshot;
    expect(matrix!.citations).to.have.length(348 + N);
    expect(check!.coverage.found).to.equal(348);
    // Each stray quote where it opens (line 350 is the first added line: 1 header + 348 rows).
    const unclosed = problems.filter((p) => p.file === 'citations.csv' && /^unclosed quote/.test(p.message));
    expect(unclosed).to.have.length(N);
    expect(unclosed[0]).to.include({ line: 350, column: 49 });
    // The grid shows the matrix (its rows painted by the time the menu said so).
    const grid = shadow(root.querySelector('policy-matrix'));
    await waitUntil(() => grid.querySelector('.ag-row[row-index="0"] .ag-cell'), 'no grid row painted');
    expect(r.ms).to.be.lessThan(60000);
    // No task of the page's main thread over 100 ms from the pick to the grid showing the
    // matrix (docs/performance.md): the worker reads, parses and anchors; the page takes the
    // result in, in short tasks, and makes the 20,000 problems of the orphaned quotes a few
    // hundred at a time. (In this test on the shared machine: longest 91–120 ms before the
    // problems were made in steps and listed from sorted lists, 68–81 ms since; the page
    // once froze for minutes.)
    const over = r.tasks.filter((ms) => ms > 100);
    expect(over, `long tasks: ${r.tasks.map(Math.round).join(', ')} ms`).to.deep.equal([]);
  });

  it('CR, LF and CRLF mixed, one CRLF line in sources.csv: every citation found, no row joined', async () => {
    const { app, menuRoot } = await showApp();
    const mixed = (text: string) => text.replace(/\n$/, '').split('\n').map((l, i) => l + ['\r', '\n', '\r\n'][i % 3]).join('');
    const r = await measuredPick(app, menuRoot, await bundledFiles({ 'citations.csv': mixed, 'cells.csv': mixed, 'sources.csv': (t) => t.replace('\n', '\r\n') }));
    expect(r.message).to.match(/^Opened “.+” from /);
    const { matrix, problems, check } = app.store.snapshot;
    expect(problems).to.deep.equal([]);
    expect(matrix!.citations).to.have.length(348);
    expect(matrix!.cells).to.have.length(124);
    expect(check!.coverage.found).to.equal(348);
  });
});
