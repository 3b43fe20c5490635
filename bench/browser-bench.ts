/**
 * Chromium half of `npm run bench` (the page side; bench/browser-run.mjs drives it with
 * puppeteer-core and real key presses). Each function measures ours and a bare baseline on
 * the same bytes in the same page, alternately, and returns the raw times; the driver takes
 * medians. Bundled for production as the embed bundle is (scripts/bundle.mjs), with the load worker.
 */
import Papa from 'papaparse';
import { createGrid, UndoRedoEditModule, TextEditorModule, type ColDef, type GridApi } from 'ag-grid-community';
import '../src/components/policy-matrix/policy-matrix.ts';
import type { PolicyMatrix } from '../src/components/policy-matrix/policy-matrix.component.ts';
import { gridModules } from '../src/components/policy-matrix/grid-modules.ts';
import { orderedDimensions, orderedJurisdictions } from '../src/components/policy-matrix/rows.ts';
import { checkMatrix, SourceIndexCache } from '../src/model/check/check.ts';
import { fetchReader, MATRIX_FILES, readMatrix } from '../src/model/format/read.ts';
import { saveMatrix } from '../src/model/format/save.ts';
import { cellKey } from '../src/model/types.ts';
import { createLoadWorker, loadMatrixInWorker, type LoadedMatrix } from '../src/state/load-worker.ts';
import { indexMatrix } from '../src/model/edit/matrix-index.ts';
import { MatrixStore } from '../src/state/store.ts';

const now = () => performance.now();
const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
const settle = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Longest main-thread task (ms, from the Long Tasks API: ≥ 50 ms) while `run` runs; 0 when none. */
async function withLongestTask<T>(run: () => Promise<T>): Promise<{ value: T; longest: number; tasks: number; entries: PerformanceEntry[] }> {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: false });
  const start = now();
  const value = await run();
  const end = now();
  // Long-task entries are delivered after the task: give them a moment.
  await settle(50);
  observer.disconnect();
  const within = entries.filter((e) => e.startTime + e.duration > start && e.startTime < end);
  return { value, longest: Math.max(0, ...within.map((e) => e.duration)), tasks: within.length, entries: within };
}

let loaded: LoadedMatrix | undefined;
let dataUrl = '';

/**
 * Load: ours in the worker (fetch + parse + validate + anchor + hand-over + store) against
 * papaparse on the same files. `ours` runs in the worker kept from the run before (as a
 * page's second load does: its code is compiled and optimised, as the page's papaparse is
 * after the warm-up); `fresh` in a new worker each time (a page's first load).
 */
async function load(url: string, runs: number) {
  dataUrl = url;
  const csvFiles = MATRIX_FILES.filter((f) => f.endsWith('.csv'));
  const ours: number[] = [];
  const fresh: number[] = [];
  const oursLongest: number[] = [];
  const mainThread: number[] = [];
  const mainThreadLongest: number[] = [];
  const base: number[] = [];
  const baseLongest: number[] = [];
  const papaparse = async () => {
    for (const file of csvFiles) {
      const bytes = await (await fetch(new URL(file, url))).arrayBuffer();
      Papa.parse(new TextDecoder().decode(bytes), { skipEmptyLines: true });
    }
  };
  const worker = async (options: { worker?: () => Worker | undefined } = {}) => {
    const result = await loadMatrixInWorker(url, options);
    if (!result.inWorker) throw new Error('the load did not run in a worker');
    new MatrixStore().load(result.bundle, url, undefined, { check: result.check, index: result.index });
    return result;
  };
  const here = async () => {
    const bundle = await readMatrix(fetchReader(url), 'bench');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache(), locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
    new MatrixStore().load(bundle, url, undefined, { check, index: indexMatrix(bundle.matrix) });
  };
  // One warm-up of each (JIT, HTTP and worker script caches), then alternate.
  await papaparse();
  loaded = await worker();
  await here();
  for (let i = 0; i < runs; i++) {
    let t = now();
    const b = await withLongestTask(papaparse);
    base.push(now() - t);
    baseLongest.push(b.longest);
    await settle(100);
    t = now();
    const o = await withLongestTask(() => worker());
    ours.push(now() - t);
    oursLongest.push(o.longest);
    loaded = o.value;
    await settle(100);
    t = now();
    await worker({ worker: createLoadWorker });
    fresh.push(now() - t);
    await settle(100);
    t = now();
    const m = await withLongestTask(here);
    mainThread.push(now() - t);
    mainThreadLongest.push(m.longest);
    await settle(100);
  }
  const coverage = loaded.check.coverage;
  return { ours, fresh, oursLongest, mainThread, mainThreadLongest, base, baseLongest, coverage };
}

/** The rows a bare AG Grid shows: dimension label and plain cell values, no code of ours. */
function bareRows() {
  const matrix = loaded!.bundle.matrix;
  const jurisdictions = orderedJurisdictions(matrix);
  const cells = new Map(matrix.cells.map((c) => [cellKey(c.dimension, c.jurisdiction), c]));
  const rows = orderedDimensions(matrix).map((d) => {
    const row: Record<string, string> = { __id: d.id, __dimension: d.label };
    for (const j of jurisdictions) row[j.id] = cells.get(cellKey(d.id, j.id))?.value ?? '';
    return row;
  });
  const columns: ColDef[] = [
    { colId: '__dimension', field: '__dimension', headerName: 'Dimension', pinned: 'left', width: 230 },
    ...jurisdictions.map((j): ColDef => ({ colId: j.id, field: j.id, headerName: j.label || j.id, width: 150, editable: true })),
  ];
  return { rows, columns };
}

let bareCache: ReturnType<typeof bareRows> | undefined;
const host = () => document.getElementById('host')!;

/**
 * Resolves once row 0 has been painted with its dimension label and its first jurisdiction's
 * cell (`filled`: that cell's content is in place).
 *
 * "Painted" is the end of the first rendering update that lays the row out: a ResizeObserver's
 * first notification comes in that update, after layout and just before paint, and a message
 * posted from it runs once the update, paint included, is over. Both grids are measured to
 * the same point. (Waiting a fixed number of frames after the row appears would not be: AG
 * Grid writes plain text cells at once, in `createGrid`, but fills cell renderers (ours) in
 * its first animation frame, so the same wait ends one frame later for ours, though both are
 * painted in that first frame.)
 */
function painted(root: ParentNode, column: string, filled: (cell: Element) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const firstCell = () => root.querySelector(`.ag-row[row-index="0"] .ag-cell[col-id="${CSS.escape(column)}"]`);
    const shown = () => {
      const cell = firstCell();
      return (root.querySelector('.ag-row[row-index="0"] .ag-cell[col-id="__dimension"]')?.textContent ?? '').trim() !== '' && cell !== null && filled(cell);
    };
    const afterPaint = new MessageChannel();
    afterPaint.port1.onmessage = () => {
      afterPaint.port1.close();
      resolve();
    };
    const laidOut = new ResizeObserver(() => {
      laidOut.disconnect();
      afterPaint.port2.postMessage(undefined);
    });
    const done = () => {
      observer.disconnect();
      laidOut.observe(firstCell()!);
    };
    const observer = new MutationObserver(() => shown() && done());
    observer.observe(root, { childList: true, subtree: true, characterData: true });
    if (shown()) done();
  });
}

/**
 * Resolves once a grid tells assistive technology it has all its rows and columns (a wide
 * grid of ours gets them over a few tasks after its first rows are painted), and two frames
 * have followed: the end of its set-up, whose tasks the longest-task figures include.
 */
async function setUpDone(root: ParentNode, rows: number, columns: number): Promise<void> {
  const complete = () => {
    const grid = root.querySelector('[role="grid"], [role="treegrid"]');
    return Number(grid?.getAttribute('aria-rowcount')) === rows + 1 && Number(grid?.getAttribute('aria-colcount')) === columns + 1;
  };
  const start = now();
  while (!complete()) {
    if (now() - start > 10_000) throw new Error('the grid did not get all its rows and columns within 10 s');
    await frame();
  }
  await frame();
  await frame();
}

/** Rows and columns of the loaded matrix's grid (dimensions; jurisdictions and no more). */
const gridSize = () => ({ rows: loaded!.bundle.matrix.dimensions.length, columns: loaded!.bundle.matrix.jurisdictions.length });

/** Our cell renderer's content is in the cell. */
const oursFilled = (cell: Element) => cell.querySelector('.pm-renderer') !== null;

/**
 * The size of our grid and of its rows and header, as last rendered: the bare grid gets the
 * same, so that both render the same rows in view (the bare grid's own row height would fit
 * a quarter more rows into the same height, and a grid twice as tall as ours twice as many).
 */
let oursLayout: { height: number; rowHeight: number; headerHeight: number } | undefined;

let element: PolicyMatrix | undefined;
let bare: { api: GridApi; div: HTMLElement } | undefined;
const pageStarted = Date.now();

/**
 * Our element, from nothing to rows painted: create it, give it the loaded bundle (with its
 * check). Then (`setUp`) waits for the rest of its set-up, whose tasks the longest-task figure counts.
 */
async function renderOurs(setUp = true): Promise<number> {
  const t = now();
  const el = document.createElement('policy-matrix') as PolicyMatrix;
  // One drafts database for the page, as a returning user has (no draft is in it: nothing is edited yet).
  el.drafts = `bench-drafts-${pageStarted}`;
  // The grid fills the element's height (less its edit bar), as on a page that gives it one.
  el.style.cssText = 'height: 700px; width: 1200px';
  el.store = new MatrixStore();
  host().append(el);
  await el.updateComplete;
  const first = orderedJurisdictions(loaded!.bundle.matrix)[0].id;
  const done = painted(el.shadowRoot!, first, oursFilled);
  el.store.load(loaded!.bundle, dataUrl, undefined, { check: loaded!.check, index: loaded!.index });
  await done;
  const ms = now() - t;
  // Where a trace of this render (bench/render-profile.mjs) stops counting.
  performance.mark('first-render-painted');
  element = el;
  const root = el.shadowRoot!;
  oursLayout = {
    height: root.querySelector<HTMLElement>('.grid')!.clientHeight,
    rowHeight: root.querySelector<HTMLElement>('.ag-row[row-index="0"]')!.offsetHeight,
    headerHeight: root.querySelector<HTMLElement>('.ag-header')!.offsetHeight,
  };
  if (setUp) await setUpDone(el.shadowRoot!, gridSize().rows, gridSize().columns);
  return ms;
}

/**
 * A bare AG Grid, from nothing to the same rows painted (same modules, plain text cells; the
 * height, row height and header height of our grid's last render).
 */
async function renderBare(data: ReturnType<typeof bareRows>, setUp = true): Promise<number> {
  const t = now();
  const div = document.createElement('div');
  div.style.cssText = `height: ${oursLayout?.height ?? 700}px; width: 1200px`;
  host().append(div);
  // A plain text cell is written with the cell itself.
  const done = painted(div, data.columns[1].colId!, () => true);
  const api = createGrid(div, {
    columnDefs: data.columns,
    rowData: data.rows,
    getRowId: (p) => p.data.__id,
    rowHeight: oursLayout?.rowHeight,
    headerHeight: oursLayout?.headerHeight,
    undoRedoCellEditing: true,
  }, { modules: [...gridModules, TextEditorModule, UndoRedoEditModule] });
  await done;
  const ms = now() - t;
  performance.mark('first-render-painted');
  bare = { api, div };
  if (setUp) await setUpDone(div, data.rows.length, data.columns.length - 1);
  return ms;
}

function clear() {
  element?.remove();
  element = undefined;
  bare?.api.destroy();
  bare?.div.remove();
  bare = undefined;
  host().replaceChildren();
}

/** First render, alternately, `runs` times; leaves both grids in the page for the edit figures. */
async function firstRender(runs: number) {
  const data = bareRows();
  const ours: number[] = [];
  const base: number[] = [];
  const oursLongest: number[] = [];
  const baseLongest: number[] = [];
  // Ours first: the bare grid takes its size from it.
  await renderOurs();
  clear();
  await renderBare(data);
  clear();
  for (let i = 0; i < runs; i++) {
    await settle(200);
    const b = await withLongestTask(() => renderBare(data));
    base.push(b.value);
    baseLongest.push(b.longest);
    clear();
    await settle(200);
    const o = await withLongestTask(renderOurs);
    ours.push(o.value);
    oursLongest.push(o.longest);
    if (i < runs - 1) clear();
  }
  // Keep ours, and put a bare grid beside it for the edit figures.
  await renderBare(data);
  return { ours, base, oursLongest, baseLongest };
}

/**
 * The cells the edit figures use: supported cells near the top left, of a text dimension
 * (typing a value) or else of an ordinal one (choosing the next level); the bare grid edits
 * the same places.
 */
function editTargets(count: number) {
  const matrix = loaded!.bundle.matrix;
  const dims = orderedDimensions(matrix);
  const jurs = orderedJurisdictions(matrix).slice(0, 6);
  const cells = new Map(matrix.cells.map((c) => [cellKey(c.dimension, c.jurisdiction), c]));
  const ranks = new Map(matrix.levels.map((l) => [`${l.scale}\u0000${l.id}`, l.rank]));
  const kind = dims.some((d) => d.valueType === 'text') ? 'text' : 'ordinal';
  const out: { dimension: string; jurisdiction: string; row: number; kind: 'text' | 'choice'; choiceKey: string }[] = [];
  for (let row = 0; row < dims.length && out.length < count; row++) {
    const d = dims[row];
    if (d.valueType !== kind) continue;
    for (const j of jurs) {
      const cell = cells.get(cellKey(d.id, j.id));
      if (!cell || cell.status !== 'supported' || (kind === 'ordinal' && cell.level === '')) continue;
      const rank = ranks.get(`${d.scale}\u0000${cell.level}`) ?? 1;
      out.push({ dimension: d.id, jurisdiction: j.id, row, kind: kind === 'text' ? 'text' : 'choice', choiceKey: rank > 1 ? 'ArrowUp' : 'ArrowDown' });
      if (out.length === count) break;
    }
  }
  return out;
}

let targets: ReturnType<typeof editTargets> = [];

function cellText(which: 'ours' | 'bare', row: number, column: string): string {
  const root: ParentNode = which === 'ours' ? element!.shadowRoot! : bare!.div;
  return (root.querySelector(`.ag-row[row-index="${row}"] .ag-cell[col-id="${CSS.escape(column)}"]`)?.textContent ?? '').trim();
}

/** Focus the target cell of edit `i` in one grid (no timing). */
async function focusCell(which: 'ours' | 'bare', i: number) {
  const t = targets[i];
  if (which === 'ours') {
    element!.reveal({ dimension: t.dimension, jurisdiction: t.jurisdiction });
  } else {
    bare!.api.ensureIndexVisible(t.row);
    bare!.api.ensureColumnVisible(t.jurisdiction);
    bare!.api.setFocusedCell(t.row, t.jurisdiction);
  }
  await frame();
  await frame();
  return { kind: which === 'ours' ? t.kind : 'text', choiceKey: t.choiceKey, text: cellText(which, t.row, t.jurisdiction) };
}

let armed: Promise<{ ms: number; editorGone: number }> | undefined;

/**
 * Arm the measurement of edit (or undo) `i`: from the next keydown of `key` (its event time,
 * i.e. when the browser received the key press) to the moment the cell shows the new text in
 * the DOM (a MutationObserver): the text `expected`, or any text but `before`. Also notes when
 * the cell editor (ours: a popup) is gone.
 */
function arm(which: 'ours' | 'bare', i: number, key: string, before: string, expected?: string) {
  const t = targets[i];
  const root: ParentNode & Node = which === 'ours' ? element!.shadowRoot! : bare!.div;
  const editing = () => root.querySelector('.ag-cell-inline-editing, .ag-popup-editor') !== null;
  armed = new Promise((resolve, reject) => {
    let start = -1;
    let shown = -1;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === key && start < 0) start = e.timeStamp;
    };
    const check = () => {
      if (start < 0) return;
      const text = cellText(which, t.row, t.jurisdiction);
      const cell = root.querySelector(`.ag-row[row-index="${t.row}"] .ag-cell[col-id="${CSS.escape(t.jurisdiction)}"]`);
      const updated = (expected !== undefined ? text.includes(expected) : text !== before) && !cell?.classList.contains('ag-cell-inline-editing');
      if (updated && shown < 0) shown = now();
      if (shown >= 0 && !editing()) {
        const gone = now();
        observer.disconnect();
        window.removeEventListener('keydown', onKey, true);
        clearTimeout(timer);
        resolve({ ms: shown - start, editorGone: gone - start });
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class'] });
    window.addEventListener('keydown', onKey, true);
    const timer = setTimeout(() => {
      observer.disconnect();
      window.removeEventListener('keydown', onKey, true);
      reject(new Error(`${which}: the cell did not change after ${key} (still "${cellText(which, t.row, t.jurisdiction)}")`));
    }, 5000);
  });
}

async function measured(): Promise<{ ms: number; editorGone: number }> {
  const result = await armed!;
  armed = undefined;
  return result;
}

/** Longest main-thread task in the next `ms` (e.g. the autosave's write after an edit). */
async function longestIn(ms: number) {
  const r = await withLongestTask(() => settle(ms));
  return r.longest;
}

function exportFigure(runs: number) {
  const matrix = loaded!.bundle.matrix;
  const rows = matrix.cells.map((x) => [x.dimension, x.jurisdiction, String(x.period), x.value, x.level, x.inForceFrom, x.inForceUntil, x.observed, x.status, x.confidence, x.relative ? 'yes' : 'no', x.note]);
  const citationRows = matrix.citations.map((x) => [x.dimension, x.jurisdiction, String(x.period), String(x.seq), x.source, x.quote, x.prefix, x.suffix, x.locator, x.support, x.attribution]);
  const ours: number[] = [];
  const base: number[] = [];
  saveMatrix(matrix);
  Papa.unparse(rows);
  for (let i = 0; i < runs; i++) {
    let t = now();
    Papa.unparse(rows);
    Papa.unparse(citationRows);
    base.push(now() - t);
    t = now();
    saveMatrix(matrix);
    ours.push(now() - t);
  }
  return { ours, base };
}

/** JS heap of the page (after a full GC when exposed) in MB. */
function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6;
}

/** Heap held by the loaded matrix (our store's snapshot) against papaparse's rows of the same files. */
async function memory(url: string) {
  const empty = heapMB();
  const kept: unknown[] = [];
  for (const file of MATRIX_FILES.filter((f) => f.endsWith('.csv'))) {
    const text = await (await fetch(new URL(file, url))).text();
    kept.push(Papa.parse(text, { skipEmptyLines: true }).data);
  }
  const base = heapMB() - empty;
  kept.length = 0;
  const before = heapMB();
  const result = await loadMatrixInWorker(url);
  const store = new MatrixStore();
  store.load(result.bundle, url, undefined, { check: result.check, index: result.index });
  const ours = heapMB() - before;
  void store.snapshot;
  return { ours, base };
}

/** Our element loading from its `src` (worker, progress bar, grid): when the progress bar showed, and the longest task. */
async function elementLoad(url: string) {
  clear();
  const el = document.createElement('policy-matrix') as PolicyMatrix;
  el.noAutosave = true;
  el.style.cssText = 'height: 700px; width: 1200px';
  host().append(el);
  await el.updateComplete;
  let progressAt = -1;
  let maxValue = -1;
  const root = el.shadowRoot!;
  const watch = new MutationObserver(() => {
    const bar = root.querySelector('[role="progressbar"]');
    if (bar) {
      if (progressAt < 0) progressAt = now() - t;
      maxValue = Math.max(maxValue, Number(bar.getAttribute('aria-valuenow')));
    }
  });
  watch.observe(root, { childList: true, subtree: true, attributes: true });
  const t = now();
  let total = 0;
  let inStore = 0;
  const r = await withLongestTask(async () => {
    const first = new Promise<void>((resolve) => el.addEventListener('policy-matrix-load', () => resolve(), { once: true }));
    el.src = url;
    await first;
    // The event comes in the task that gave the store the matrix.
    inStore = now();
    const matrix = el.store.snapshot.matrix!;
    await painted(root, orderedJurisdictions(matrix)[0].id, oursFilled);
    total = now() - t;
    await setUpDone(root, matrix.dimensions.length, matrix.jurisdictions.length);
  });
  watch.disconnect();
  el.remove();
  // The grid's set-up and first frames: the task that gave the store the matrix (which set the
  // whole grid up, before the set-up was split) and every task after it.
  const gridLongest = Math.max(0, ...r.entries.filter((e) => e.startTime + e.duration >= inStore).map((e) => e.duration));
  // Of those, the load's last task (ours since the split: the store's load, the page's update)
  // and the longest of the tasks after it (the grid's set-up steps and first frames).
  const storeTask = Math.max(0, ...r.entries.filter((e) => e.startTime <= inStore && e.startTime + e.duration >= inStore).map((e) => e.duration));
  const afterStore = Math.max(0, ...r.entries.filter((e) => e.startTime > inStore).map((e) => e.duration));
  return { total, longest: r.longest, gridLongest, storeTask, afterStore, progressAt, maxValue };
}

declare global {
  interface Window {
    bench: Record<string, (...args: never[]) => unknown>;
  }
}

window.bench = {
  load, firstRender, exportFigure, memory, elementLoad, clear, longestIn,
  // One render of either grid, for profiling a render on its own.
  renderOurs, renderBareOnce: (setUp?: boolean) => renderBare(bareCache ??= bareRows(), setUp),
  prepareEdits: (count: number) => {
    targets = editTargets(count);
    return targets.map((t) => t.kind);
  },
  focusCell, arm, measured, cellText,
} as unknown as Window['bench'];
document.title = 'ready';
