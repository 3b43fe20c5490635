/**
 * Load a matrix off the main thread: a module worker (src/worker/load.worker.ts) reads,
 * parses, validates and anchors it; this side receives it in chunks and puts the bundle and
 * its check together in short tasks (a few ms each), so the page stays responsive while a
 * large matrix loads. Where workers are not available (or the worker script cannot start),
 * the same load runs on the main thread, and the console says so (`console.warn`).
 *
 *   const { bundle, check, index } = await loadMatrixInWorker(folderUrl, { onProgress });
 *   store.load(bundle, origin, undefined, { check, index });   // the store does not check again
 */
import { SourceIndex } from '../model/anchor/source-index.ts';
import { CheckBuilder, checkMatrix, computedChecks, sharedSourceIndexCache, type MatrixCheck } from '../model/check/check.ts';
import type { CellWarningsAhead } from '../model/check/cell-warnings-ahead.ts';
import { installDatasetEngine } from '../model/dataset/engine-hook.ts';
import { indexMatrix, type MatrixIndex } from '../model/edit/matrix-index.ts';
import { csvLocator, parseCsv } from '../model/format/csv/parse-csv.ts';
import { decodeText } from '../model/format/decode.ts';
import type { MatrixBundle } from '../model/format/read.ts';
import { RowLocations } from '../model/format/row-locations.ts';
import type { RowLocator } from '../model/format/table.ts';
import type { Cell, Citation, Matrix } from '../model/types.ts';
import {
  CHUNK_ROWS, progressOf, unpackAnchor, unpackCells, unpackCitations,
  type CitationsMessage, type DoneMessage, type LoadProgress, type LoadRequest, type TableKey,
  type IndexMessage, type PickedFile, type SentIndexParts, type TableLocation, type WorkerMessage,
} from '../worker/load-protocol.ts';

export type { LoadProgress, LoadPhase, PickedFile } from '../worker/load-protocol.ts';

export interface LoadedMatrix {
  bundle: MatrixBundle;
  /** The check of the bundle (anchored in the worker) and its index: give both to the store with the bundle. */
  check: MatrixCheck;
  index: MatrixIndex;
  /** Whether the worker did the work (false: it ran on the main thread). */
  inWorker: boolean;
  /** Remarks on how picked files were read (see `loadFilesInWorker`). */
  notes: string[];
}

export interface WorkerLoadOptions {
  /** Name of the matrix (default: the folder's name). */
  name?: string;
  /** Called as the load goes on (at most every ~50 ms). */
  onProgress?: (progress: LoadProgress) => void;
  /** Stops the load (the promise rejects with an AbortError). */
  signal?: AbortSignal;
  /** Makes the worker; return undefined to load on the main thread. Default: `createLoadWorker`. */
  worker?: () => Worker | undefined;
  /** Longest stretch (ms) of main-thread work before giving the page a turn (default 8). */
  slice?: number;
}

/**
 * A module worker for loading, or undefined (said with a warning) where none can be made.
 *
 * The worker is named in the one form bundlers recognise and rewrite (Vite, webpack 5,
 * Parcel; our esbuild bundle through scripts/bundle.mjs): `new Worker(new URL('<relative
 * path>', import.meta.url), { type: 'module' })`, literally, in one expression. The path is
 * the worker's module beside this one in dist/esm; the dev server serves the `.ts` source.
 */
export function createLoadWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') {
    warnMainThread('cannot run here (no Worker)');
    return undefined;
  }
  try {
    return new Worker(new URL('../worker/load.worker.js', import.meta.url), { type: 'module', name: 'policy-matrix load' });
  } catch (error) {
    warnMainThread(`could not be created (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
}

/** Say that a load runs on the main thread, and why: a page must not slow down silently. */
function warnMainThread(reason: string): void {
  console.warn(
    `policy-matrix: the load worker ${reason}; the matrix is loaded on the main thread instead (slower for large matrices). ` +
      'A bundler must keep `new Worker(new URL(…, import.meta.url))` of policy-matrix/dist/esm/state/load-worker.js ' +
      'and emit the worker file; a Content Security Policy must allow worker-src \'self\' (see the README, "Embedding").',
  );
}

/**
 * One idle load worker kept for the next load: its script is compiled and its code optimised
 * already, so a second load runs about a fifth faster than in a new worker. A worker is kept
 * only once its load is over (indexes sent), and ended after `IDLE_MS` unused.
 */
const IDLE_MS = 30_000;
let idle: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined;

function takeLoadWorker(): Worker | undefined {
  if (!idle) return createLoadWorker();
  clearTimeout(idle.timer);
  const { worker } = idle;
  idle = undefined;
  return worker;
}

/** End the load worker kept for the next load, if any (its memory is freed now; the next load starts a new one). */
export function endKeptLoadWorker(): void {
  if (!idle) return;
  clearTimeout(idle.timer);
  idle.worker.terminate();
  idle = undefined;
}

function keepLoadWorker(worker: Worker): void {
  worker.onmessage = null;
  worker.onerror = null;
  if (idle) {
    worker.terminate();
    return;
  }
  const timer = setTimeout(() => {
    if (idle?.worker !== worker) return;
    idle = undefined;
    worker.terminate();
  }, IDLE_MS);
  idle = { worker, timer };
}

const folderName = (url: string) => decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '') || 'matrix';

function abortError(): Error {
  return typeof DOMException === 'function' ? new DOMException('the load was aborted', 'AbortError') : new Error('the load was aborted');
}

/** Longest stretch (ms) of the work done between the worker's messages (see LoadAssembler.warnCellsAhead). */
const AHEAD_SLICE = 8;

/** Give the page a turn (input, rendering) between slices of work. */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Run `step` (which returns true when done) in slices of about `slice` ms, yielding between them. */
async function sliced(step: () => boolean, slice: number, signal: AbortSignal | undefined): Promise<void> {
  for (;;) {
    if (signal?.aborted) throw abortError();
    const start = performance.now();
    let done = false;
    while (!done && performance.now() - start < slice) done = step();
    if (done) return;
    await yieldToPage();
  }
}

/**
 * Line and column of a field of a row of one file read in the worker (the same answers
 * `TableRow.locate` gives there); the file's bytes are decoded on the first look-up.
 */
class TableLocator {
  private readonly columns: Map<string, number>;
  private locate: ((row: number, fieldIndex: number) => { line: number; column: number }) | undefined;

  constructor(readonly file: string, private readonly location: TableLocation) {
    this.columns = new Map(location.columns);
  }

  /**
   * Decode the file now if its offsets came with it (the page will locate rows of it); true
   * when it did. A file sent without offsets is left as it is: it is parsed again only if a
   * row of it is ever located.
   */
  prepare(): boolean {
    if (this.locate || !this.location.rowOffsets || !this.location.lineStarts) return false;
    this.locate = this.locator();
    return true;
  }

  at(row: number, column: string): { line: number; column: number } {
    const i = this.columns.get(column);
    this.locate ??= this.locator();
    const at = this.locate(row, i ?? 0);
    return { line: at.line, column: i === undefined ? 0 : at.column };
  }

  /** The text decoded as the worker decoded it; the offsets as sent, or found here as the worker finds them. */
  private locator(): (row: number, fieldIndex: number) => { line: number; column: number } {
    const { bytes, rowOffsets, lineStarts } = this.location;
    const text = decodeText(bytes, this.file, []) ?? '';
    return csvLocator(rowOffsets && lineStarts ? { text, rowOffsets, lineStarts } : parseCsv(text, this.file).location());
  }
}

class SentRow implements RowLocator {
  constructor(private readonly table: TableLocator, private readonly row: number) {}
  get file(): string {
    return this.table.file;
  }
  locate(column: string): { line: number; column: number } {
    return this.table.at(this.row, column);
  }
}

/** Put an index built in the worker into the page's shared cache, for the text of `source`. */
function installIndex(sourceTexts: ReadonlyMap<string, string>, source: string, parts: SentIndexParts): void {
  const cache = sharedSourceIndexCache();
  const original = sourceTexts.get(source);
  if (original === undefined || cache.has(original)) return;
  cache.set(SourceIndex.fromParts({ ...parts, folded: new TextDecoder('utf-8', { ignoreBOM: true }).decode(parts.folded), original }));
}

export class LoadAssembler {
  private readonly cells: Cell[] = [];
  private readonly citations: Citation[] = [];
  private readonly anchorChunks: CitationsMessage['anchors'][] = [];
  private readonly sourceTexts = new Map<string, string>();
  private done: DoneMessage | undefined;
  /** The check, built as the citations arrive (while the worker anchors the next ones). */
  private builder: CheckBuilder | undefined;
  private matrix: Matrix | undefined;
  /** Tables whose location came ahead of `done` (see LocationMessage), and their locators. */
  private readonly ahead = new Map<TableKey, { location: TableLocation; locator: TableLocator }>();
  /** The cells' codebook warnings, made while the worker anchors (see `warnCellsAhead`). */
  private cellWarnings: CellWarningsAhead | undefined;
  private stopped = false;

  /** Stop the work this side does between messages (the load failed or was aborted). */
  stop(): void {
    this.stopped = true;
  }

  /** Sources whose index comes after `done` (see `DoneMessage.indexing`). */
  get indexing(): readonly string[] {
    return this.done?.indexing ?? [];
  }

  /** Keep a message; true when the last one of the load (`done`) has arrived. Throws on an `error` message. */
  receive(message: WorkerMessage): boolean {
    switch (message.type) {
      case 'meta': {
        const matrix: Matrix = { ...message.matrix, cells: this.cells, citations: this.citations };
        this.matrix = matrix;
        const chunks = this.anchorChunks;
        // The worker's packed anchors, copied as they are (see AnchorColumns).
        this.builder = new CheckBuilder(matrix, (_, i, anchors) => {
          const chunk = chunks[Math.floor(i / CHUNK_ROWS)];
          const k = i % CHUNK_ROWS;
          if (chunk.status[k] === 0) anchors.found(i, chunk.start[k], chunk.end[k]);
          else anchors.set(i, unpackAnchor(chunk, k));
        });
        return false;
      }
      case 'texts': {
        // The texts, decoded now, while the citations are still to come (ignoreBOM: the text
        // is kept exactly). A text of 10 MB decodes in about 10 ms.
        const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
        for (const [id, bytes] of message.sourceTexts) this.sourceTexts.set(id, decoder.decode(bytes));
        if (this.matrix) this.matrix.extraColumns = message.extraColumns;
        return false;
      }
      case 'cells': {
        const cells = unpackCells(message.rows);
        for (const cell of cells) this.cells.push(cell);
        return false;
      }
      case 'citations':
        for (const citation of unpackCitations(message.rows)) this.citations.push(citation);
        this.anchorChunks.push(message.anchors);
        this.builder?.takeCitations();
        return false;
      case 'location': {
        const locator = new TableLocator(message.location.file, message.location);
        this.ahead.set(message.key, { location: message.location, locator });
        if (message.key === 'cells') this.warnCellsAhead(locator);
        return false;
      }
      case 'done':
        this.done = message;
        return true;
      case 'error':
        this.stop();
        throw new Error(message.message);
      default:
        return false;
    }
  }

  /**
   * Every cell is in (cells.csv's location comes after them): make their codebook warnings
   * that need no citation now, in slices between the messages, while the worker parses and
   * anchors the citations (112,382 in the largest bench matrix: made at the end of the load,
   * they and their garbage took 160–330 ms). They are made unplaced: the check places each in
   * cells.csv, through the locations it is given (this file's, as sent: `assemble`), when it
   * is first read (see unplaced-warnings.ts). The file is decoded now all the same, so that
   * placing them, or the check's other problems in it, finds it ready.
   */
  private warnCellsAhead(locator: TableLocator): void {
    const { builder } = this;
    if (!builder) return;
    const warnings = (this.cellWarnings = builder.warnCellsAhead());
    void (async () => {
      // The file decoded in a task of its own, then the warnings a few hundred at a time.
      await yieldToPage();
      if (this.stopped) return;
      locator.prepare();
      await yieldToPage();
      while (!this.stopped && this.done === undefined) {
        const start = performance.now();
        let finished = false;
        while (!finished && performance.now() - start < AHEAD_SLICE) finished = warnings.step(200);
        if (finished) return;
        await yieldToPage();
      }
    })().catch(() => {});
  }

  /**
   * The cells' warnings not made ahead yet, made now in slices (a function of its own: a
   * closure of `assemble` that the loaded bundle keeps, its locations', would keep them).
   */
  private async finishCellWarnings(slice: number, signal: AbortSignal | undefined): Promise<void> {
    const warnings = this.cellWarnings;
    if (warnings) await sliced(() => warnings.step(200), slice, signal);
  }

  /** The bundle and its check, built in slices of about `slice` ms. */
  async assemble(options: { slice?: number; signal?: AbortSignal; onProgress?: (p: LoadProgress) => void } = {}): Promise<Omit<LoadedMatrix, 'inWorker'>> {
    const { matrix, done, builder } = this;
    if (!matrix || !done || !builder) throw new Error('the load worker stopped before sending the whole matrix');
    const slice = options.slice ?? 8;
    const turn = async () => {
      await yieldToPage();
      if (options.signal?.aborted) throw abortError();
    };
    // Decoded as they came (see receive).
    const { sourceTexts } = this;

    // Source indexes built in the worker serve later anchoring (edits) on this thread.
    for (const { source, parts } of done.indexes) {
      installIndex(sourceTexts, source, parts);
      await turn();
    }

    // Where each row came from, for problems found later (edits, the problems panel).
    const locations = new RowLocations();
    const locators: TableLocator[] = [];
    const tables = [
      ['jurisdictions', matrix.jurisdictions], ['dimensions', matrix.dimensions], ['levels', matrix.levels],
      ['sources', matrix.sources], ['cells', matrix.cells], ['citations', matrix.citations],
    ] as [TableKey, readonly object[]][];
    for (const [key, items] of tables) {
      const ahead = this.ahead.get(key);
      const location = ahead?.location ?? done.locations[key];
      if (!location) continue;
      const locator = ahead?.locator ?? new TableLocator(location.file, location);
      locators.push(locator);
      locations.addTable(key, items, (i) => (location.rows[i] >= 0 ? new SentRow(locator, location.rows[i]) : undefined));
    }
    const total = matrix.cells.length + 1;
    let progressed = 0;
    const report = () => options.onProgress?.(progressOf('assembling', progressed, total));

    // The check, from the worker's anchors (no citation is anchored again): its citations are
    // in already (see receive); the cells now. Each step below that takes a pass over a whole
    // table runs in a task of its own, so that no task takes two of them (a page task over
    // 100 ms is what a user feels).
    builder.locations = locations;
    // The files the worker sent offsets for will be pointed into (problems of the files, the
    // codebook's warnings): decoded now, each in a task of its own, not in a slice of cells.
    for (const locator of locators) {
      if (locator.prepare()) await turn();
    }
    // Cells computed from datasets: their rules run here on the datasets the worker read, a
    // few at a time (a rule over tens of thousands of rows takes a few ms), before the cells
    // are checked (each decides its cell's flag).
    const datasets = new Map((done.datasets ?? []).map((d) => [d.source, d]));
    if (datasets.size) {
      // The dataset code comes with the first dataset (see engine-hook.ts).
      const { engine } = await import('../model/dataset/engine.ts');
      installDatasetEngine(engine);
      if (matrix.computed?.length) {
        const computed = engine.newChecker(matrix.computed, engine.contextOf(matrix, datasets, locations));
        await sliced(() => computed.step(2), slice, options.signal);
        builder.computed = computed;
      }
    } else if (matrix.computed?.length) builder.computed = computedChecks(matrix, datasets, locations);
    // The cells' warnings made ahead: the rest of them now, before the cells are checked.
    await this.finishCellWarnings(slice, options.signal);
    builder.listAllCitations();
    await turn();
    let steps = 0;
    await sliced(() => {
      const finished = builder.step(250);
      progressed += 250;
      if ((++steps & 63) === 0) report();
      return finished;
    }, slice, options.signal);
    // The store's look-ups (the cells by key: from what checking them found out).
    await yieldToPage();
    const index = indexMatrix(matrix, builder.cellsByKey());
    progressed = total;
    report();
    // What the worker sent is not needed any more (the texts' bytes, the packed anchors).
    this.done = undefined;
    this.anchorChunks.length = 0;
    this.ahead.clear();
    this.cellWarnings = undefined;
    // The caller's next step (the store taking the matrix, a grid showing it) in a task of its own.
    await turn();
    return {
      bundle: { matrix, problems: done.problems, locations, sourceTexts, sourceMaps: new Map(done.sourceMaps ?? []), sourceFiles: new Map(done.sourceFiles ?? []), ...(datasets.size ? { datasets } : {}) },
      check: builder.result(), index, notes: done.notes ?? [],
    };
  }
}

/** Load on the main thread, as `<policy-matrix>` did before workers (and where there are none). */
async function loadHere(request: LoadRequest, options: WorkerLoadOptions): Promise<LoadedMatrix> {
  options.onProgress?.(progressOf('reading', 0, 1));
  // The reading code, which the worker has, is fetched for the page only when it is needed here.
  const { fetchReader, readMatrix } = await import('../model/format/read.ts');
  let bundle: MatrixBundle;
  let notes: string[] = [];
  if (request.files) {
    const [{ openFileSet }, { expandZips }] = await Promise.all([import('../model/format/file-set.ts'), import('../model/export/zip.ts')]);
    const entries = request.files.map(({ path, size, blob }) => ({ path, size, read: async () => new Uint8Array(await blob.arrayBuffer()) }));
    ({ bundle, notes } = await openFileSet(await expandZips(entries), request.name));
  } else bundle = await readMatrix(fetchReader(request.url), request.name);
  if (options.signal?.aborted) throw abortError();
  options.onProgress?.(progressOf('anchoring', 0, 1));
  // Let the page paint the progress before the long synchronous check.
  await yieldToPage();
  const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
  const index = indexMatrix(bundle.matrix);
  options.onProgress?.(progressOf('assembling', 1, 1));
  return { bundle, check, index, inWorker: false, notes };
}

/**
 * Read and check the matrix folder at `url` (absolute, or relative to the page) in a worker.
 * Resolves with the bundle and its check; rejects when the folder cannot be read at all
 * (as `readMatrix` does) or when aborted.
 */
export function loadMatrixInWorker(url: string, options: WorkerLoadOptions = {}): Promise<LoadedMatrix> {
  const base = new URL(url, globalThis.location?.href ?? 'http://localhost/');
  const href = base.href.endsWith('/') ? base.href : `${base.href}/`;
  return loadInWorker({ type: 'load', url: href, name: options.name ?? folderName(href) }, options);
}

/**
 * Read and check the matrix among files a user picked or dropped (a folder's files, loose
 * files, a zip) in a worker, as `openFileSet` reads them: however large or damaged they are,
 * the page's main thread only takes the result in, in short tasks. `options.name`: the
 * matrix's name when the files do not give one. Rejects when no matrix is among them (or a
 * zip is refused whole), with the reason.
 */
export function loadFilesInWorker(files: PickedFile[], options: WorkerLoadOptions = {}): Promise<LoadedMatrix> {
  return loadInWorker({ type: 'load', url: '', name: options.name ?? 'matrix', files }, options);
}

function loadInWorker(request: LoadRequest, options: WorkerLoadOptions): Promise<LoadedMatrix> {
  if (options.signal?.aborted) return Promise.reject(abortError());
  // A worker of the caller's is ended after its load; one of ours may serve the next load.
  const worker = options.worker ? options.worker() : takeLoadWorker();
  if (!worker) return loadHere(request, options);
  // Once its part is over (the load sent, the indexes in), the worker is ours no more:
  // kept for the next load, or ended. A failed or aborted load ends it.
  let released = false;
  const release = (end = false) => {
    if (released) return;
    released = true;
    if (options.worker || end) worker.terminate();
    else keepLoadWorker(worker);
  };
  return new Promise<LoadedMatrix>((resolve, reject) => {
    const assembler = new LoadAssembler();
    let heard = false;
    let settled = false;
    // Indexes the worker builds after the load: installed once the load's source texts are
    // here; the worker is released when the last one is in (or ended when the load fails).
    let texts: ReadonlyMap<string, string> | undefined;
    let awaited = 0;
    const late: IndexMessage[] = [];
    const installLate = () => {
      if (texts) for (const m of late.splice(0)) installIndex(texts, m.source, m.parts);
      if (awaited === 0) release();
    };
    const finish = (error: unknown, value?: LoadedMatrix) => {
      if (settled) return;
      settled = true;
      if (error) {
        assembler.stop();
        awaited = 0;
        release(true);
      } else {
        texts = value!.bundle.sourceTexts;
        installLate();
      }
      options.signal?.removeEventListener('abort', abort);
      if (error) reject(error);
      else resolve(value!);
    };
    const abort = () => finish(abortError());
    options.signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      heard = true;
      const message = event.data;
      if (message.type === 'index') {
        if (awaited === 0) return;
        awaited--;
        late.push(message);
        if (settled) installLate();
        return;
      }
      if (settled) return;
      try {
        if (message.type === 'progress') {
          options.onProgress?.(message.progress);
          return;
        }
        if (!assembler.receive(message)) return;
      } catch (error) {
        finish(error);
        return;
      }
      awaited = assembler.indexing.length;
      if (awaited === 0) release();
      assembler.assemble({ slice: options.slice, signal: options.signal, onProgress: options.onProgress }).then(
        (loaded) => finish(undefined, { ...loaded, inWorker: true }),
        (error: unknown) => finish(error),
      );
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (settled) return;
      if (heard) {
        finish(new Error(`the load worker failed: ${event.message || 'unknown error'}`));
        return;
      }
      // The worker script could not start (not served, refused by a policy…): load here instead.
      warnMainThread(`did not start${event.message ? ` (${event.message})` : ''}`);
      settled = true;
      release(true);
      options.signal?.removeEventListener('abort', abort);
      loadHere(request, options).then(resolve, reject);
    };
    worker.postMessage(request);
  });
}
