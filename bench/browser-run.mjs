// Chromium half of `npm run bench` (run by bench/run.mjs; `node bench/browser-run.mjs [case]`
// alone once dist/bench/data exists). Serves the project's bench page and the bench matrices
// on 127.0.0.1, drives headless Chromium with puppeteer-core (real key presses), and writes
// dist/bench/browser-figures.json. The page side is bench/browser-bench.ts.
import { buildPages } from '../scripts/bundle.mjs';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, serveBenchPage } from './bench-page.mjs';

const only = process.argv[2];
const root = process.cwd();
const dataRoot = resolve('dist/bench/data');

// The page: built as the embed bundle is (scripts/bundle.mjs: production, AG Grid on demand),
// with its load worker beside it.
await buildPages({ 'browser-bench': 'bench/browser-bench.ts' }, 'dist/bench/browser');

const { server, origin } = await serveBenchPage(root, dataRoot);
const browser = await launchChromium();
const chromium = await browser.version();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
const ratio = (a, b) => (b > 0 ? (a / b >= 0.1 ? Math.round((a / b) * 100) / 100 : Number((a / b).toPrecision(2))) : null);
const figure = (f) => ({ where: 'chromium', unit: 'ms', ...f, median: round(f.median), baseline: round(f.baseline), ratio: ratio(f.median, f.baseline) });

const CASES = [
  { key: 'small', size: 'small (20×50, 2k citations, 0.1 MB source)', runs: 7, renders: 11, edits: 15 },
  { key: 'medium', size: 'medium (100×200, 40k citations, 2 MB source)', runs: 7, renders: 11, edits: 15 },
  // A render at the largest size takes ~50 ms and moves by ±20 % from one to the next on the bench machine: 21 give a steadier median.
  { key: 'large', size: 'large (200×500, 200k citations, 10 MB source)', runs: 9, renders: 21, edits: 15 },
  { key: 'passport', size: 'passport-index (199×199, real data)', runs: 7, renders: 11, edits: 15 },
].filter((c) => !only || c.key.startsWith(only) || c.size.startsWith(only));

const figures = [];
try {
  for (const c of CASES) {
    if (!existsSync(join(dataRoot, c.key, 'cells.csv'))) throw new Error(`no bench data in ${join(dataRoot, c.key)}: run npm run bench`);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    if (process.env.BENCH_DEBUG) page.on('console', (m) => console.error(`  [page] ${m.text()}`));
    const step = (what) => process.env.BENCH_DEBUG && console.error(`  ${c.key}: ${what}`);
    await page.goto(`${origin}/bench.html`);
    await page.waitForFunction(() => document.title === 'ready', { timeout: 30000 });
    const url = `${origin}/data/${c.key}/`;
    const at = { size: c.size, runs: c.runs };

    // Load: worker vs papaparse; the longest main-thread task of each.
    step('load');
    const l = await page.evaluate((u, n) => window.bench.load(u, n), url, c.runs);
    figures.push(figure({ ...at, name: 'load in a worker (fetch + parse + validate + anchor + hand-over + store; worker kept from the last load)', median: median(l.ours), baseline: median(l.base), baselineName: 'papaparse parsing the same CSV files on the page (fetch + decode + parse)', target: '≤ 2× at large' }));
    figures.push(figure({ ...at, name: 'load in a new worker (a page\'s first load: worker started, code not yet optimised)', median: median(l.fresh), baseline: median(l.base), baselineName: 'papaparse parsing the same CSV files on the page (fetch + decode + parse)' }));
    figures.push(figure({ ...at, name: 'load on the main thread (no worker, for comparison)', median: median(l.mainThread), baseline: median(l.base), baselineName: 'papaparse parsing the same CSV files on the page (fetch + decode + parse)' }));
    figures.push(figure({ ...at, name: 'longest main-thread task during load (worker)', median: median(l.oursLongest), baseline: median(l.baseLongest), baselineName: 'longest task of the papaparse parse', target: '≤ 100 ms', note: `Long Tasks API (tasks ≥ 50 ms; 0 = none); per run: ${l.oursLongest.map(Math.round).join(', ')} ms` }));
    figures.push(figure({ ...at, name: 'longest main-thread task during load (main thread, no worker)', median: median(l.mainThreadLongest), baseline: median(l.baseLongest), baselineName: 'longest task of the papaparse parse' }));

    // First render: our element from nothing to rows painted, against a bare AG Grid of the same rows.
    step('first render');
    const r = await page.evaluate((n) => window.bench.firstRender(n), c.renders);
    figures.push(figure({ ...at, runs: c.renders, name: 'first render of the grid (element + store load of the loaded bundle → rows painted)', median: median(r.ours), baseline: median(r.base), baselineName: 'bare AG Grid createGrid with the same rows (same modules, plain text cells) → painted', target: '≤ 1.3× at large' }));
    figures.push(figure({ ...at, runs: c.renders, name: 'longest main-thread task during first render', median: median(r.oursLongest), baseline: median(r.baseLongest), baselineName: 'the same for the bare AG Grid', note: `per run: ${r.oursLongest.map(Math.round).join(', ')} ms` }));

    // Edit and undo from real key presses (puppeteer keyboard) to the cell's text changed in the DOM.
    step('edits');
    const kinds = await page.evaluate((n) => window.bench.prepareEdits(n), c.edits);
    const edit = { ours: [], bare: [] };
    const editorGone = { ours: [], bare: [] };
    const undo = { ours: [], bare: [] };
    const after = [];
    for (let i = 0; i < c.edits; i++) {
      for (const which of ['bare', 'ours']) {
        const focus = await page.evaluate((w, k) => window.bench.focusCell(w, k), which, i);
        const typed = focus.kind === 'text' ? `e${i}x` : undefined;
        if (typed) await page.keyboard.type(typed);
        else {
          await page.keyboard.press('Enter');
          await new Promise((r) => setTimeout(r, 50));
          await page.keyboard.press(focus.choiceKey);
        }
        await new Promise((r) => setTimeout(r, 50));
        await page.evaluate((w, k, b, x) => window.bench.arm(w, k, 'Enter', b, x), which, i, focus.text, typed);
        await page.keyboard.press('Enter');
        const measured = await page.evaluate(() => window.bench.measured());
        edit[which].push(measured.ms);
        editorGone[which].push(measured.editorGone);
        // What runs after an edit is painted (our autosave writes the draft).
        const longest = await page.evaluate(() => window.bench.longestIn(800));
        if (which === 'ours') after.push(longest);
        const changed = await page.evaluate((w, k) => window.bench.focusCell(w, k), which, i);
        await page.evaluate((w, k, b, x) => window.bench.arm(w, k, 'z', b, x), which, i, changed.text, focus.text);
        await page.keyboard.down('Control');
        await page.keyboard.press('z');
        await page.keyboard.up('Control');
        undo[which].push((await page.evaluate(() => window.bench.measured())).ms);
        await page.evaluate(() => window.bench.longestIn(800));
      }
    }
    const how = kinds[0] === 'text' ? 'typing a text value' : 'choosing a level in the cell editor';
    figures.push(figure({ ...at, runs: c.edits, name: `edit: Enter key press → cell updated in the grid (${how})`, median: median(edit.ours), baseline: median(edit.bare), baselineName: 'bare AG Grid: the same keys with its text editor', target: '≤ 16 ms at large', note: `editor closed at ${round(median(editorGone.ours))} ms (bare: ${round(median(editorGone.bare))} ms)` }));
    figures.push(figure({ ...at, runs: c.edits, name: 'undo: Ctrl+Z key press → cell restored in the grid', median: median(undo.ours), baseline: median(undo.bare), baselineName: 'bare AG Grid: Ctrl+Z with its undoRedoCellEditing' }));
    figures.push(figure({ ...at, runs: c.edits, name: 'longest main-thread task in the 800 ms after an edit (autosave of the draft)', median: median(after), baseline: 0, baselineName: '—', note: `max ${round(Math.max(...after))} ms` }));

    // Export, memory, and the element's own load with its progress bar.
    step('export, element load, memory');
    const e = await page.evaluate((n) => window.bench.exportFigure(n), c.runs);
    figures.push(figure({ ...at, name: 'export canonical CSV', median: median(e.ours), baseline: median(e.base), baselineName: 'papaparse unparse of the same rows' }));
    const el = [];
    for (let i = 0; i < 5; i++) el.push(await page.evaluate((u) => window.bench.elementLoad(u), url));
    const progress = el.map((x) => x.progressAt);
    figures.push(figure({
      ...at, runs: el.length, name: '<policy-matrix src> load → grid painted (worker, progress bar)', median: median(el.map((x) => x.total)), baseline: median(l.base), baselineName: 'papaparse parsing the same CSV files on the page',
      note: `progress bar ${progress.every((p) => p >= 0) ? `shown at ${progress.map((p) => Math.round(p)).join(', ')} ms` : progress.some((p) => p >= 0) ? `shown in ${progress.filter((p) => p >= 0).length} of ${progress.length} loads` : 'not shown'}; longest task ${el.map((x) => Math.round(x.longest)).join(', ')} ms`,
    }));
    figures.push(figure({
      ...at, runs: el.length, name: 'longest main-thread task of the grid\'s set-up (<policy-matrix src>: the task that gives the store the matrix, to the grid with all its rows and columns)', median: median(el.map((x) => x.gridLongest)), baseline: median(r.baseLongest), baselineName: 'longest task of the bare AG Grid first render (createGrid with every row and column)',
      note: `Long Tasks API (tasks ≥ 50 ms; 0 = none); per load: ${el.map((x) => Math.round(x.gridLongest)).join(', ')} ms; of which the task that gave the store the matrix ${el.map((x) => Math.round(x.storeTask)).join(', ')} ms, the longest after it ${el.map((x) => Math.round(x.afterStore)).join(', ')} ms`,
    }));
    if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
    await page.close();
    // Memory in a fresh page: what the loaded matrix (store snapshot, check, source index) holds.
    const fresh = await browser.newPage();
    await fresh.goto(`${origin}/bench.html`);
    await fresh.waitForFunction(() => document.title === 'ready', { timeout: 30000 });
    const m = await fresh.evaluate((u) => window.bench.memory(u), url);
    await fresh.close();
    figures.push(figure({ ...at, runs: 1, unit: 'MB', name: 'page JS heap held after load (matrix, check, index, source index)', median: m.ours, baseline: m.base, baselineName: 'JS heap held by papaparse rows of the same files' }));
    console.error(`  measured ${c.size} (chromium)`);
  }
} finally {
  await browser.close();
  server.close();
}
mkdirSync('dist/bench', { recursive: true });
writeFileSync('dist/bench/browser-figures.json', JSON.stringify(figures, null, 2));
writeFileSync('dist/bench/browser-info.json', JSON.stringify({ chromium }, null, 2));
