/**
 * Search across the sources of the open matrix, as an app needs it: the index kept in step
 * with the matrix's sources (each source indexed once, in a worker, so the page never waits
 * for it; again only when its text is replaced), and queries run as the analyst types —
 * after a short pause in typing (`delay`), and again when a source's index arrives — with
 * results only ever for the latest query: an answer for an older query never replaces a
 * newer one.
 *
 *   const search = new SourceSearch({ onChange: (view) => render(view) });
 *   search.sync(matrix.sources.map((s) => ({ id: s.id, text: sourceTexts.get(s.id)! })));
 *   search.query('"safe third country" deten');   // results arrive through onChange
 *
 * Where workers are not available (or the worker cannot start), each source is indexed on the
 * main thread, one per task. No DOM beyond `Worker` and timers.
 */
import { SearchIndex, type SearchResults } from '../model/sources/search/search-index.ts';
import { SourceSearchIndex } from '../model/sources/search/source-search-index.ts';
import type { TextMap } from '../model/sources/text-map.ts';
import type { SearchWorkerReply, SearchWorkerRequest } from '../worker/search-protocol.ts';

/** What the analyst sees: the results of the latest query, and how far indexing is. */
export interface SearchView {
  /** The query the results are for (as typed). */
  readonly query: string;
  readonly results: SearchResults | undefined;
  /** Sources whose index is ready, and all the sources given. */
  readonly indexed: number;
  readonly sources: number;
  /** Sources that could not be indexed, with why. */
  readonly failed: readonly { readonly source: string; readonly message: string }[];
  /** How long the latest query took to run (ms), on the main thread. */
  readonly took: number;
}

export interface SourceSearchOptions {
  /** Called whenever the view changes (results, indexing). */
  onChange?: (view: SearchView) => void;
  /** Pause in typing before a query runs, in ms (default 40: results come within 100 ms of the last key). */
  delay?: number;
  /** Results asked for per query (default 30). */
  limit?: number;
  /** Makes the worker; return undefined to index on the main thread. Default: `createSearchWorker`. */
  worker?: () => Worker | undefined;
  /** Timers (tests); default the global ones. */
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** URL of the worker script: beside this module (TypeScript under the dev server, JavaScript in dist/esm). */
export function searchWorkerUrl(): URL {
  const extension = new URL(import.meta.url).pathname.endsWith('.ts') ? 'ts' : 'js';
  return new URL(`../worker/search.worker.${extension}`, import.meta.url);
}

/** A module worker that indexes sources, or undefined where there are none. */
export function createSearchWorker(): Worker | undefined {
  if (typeof Worker === 'undefined') return undefined;
  try {
    return new Worker(searchWorkerUrl(), { type: 'module', name: 'policy-matrix search' });
  } catch {
    return undefined;
  }
}

/** A source as given to the search: its id, the text citations anchor to, and its map if it has one. */
export interface SearchSourceInput {
  readonly id: string;
  readonly text: string;
  readonly map?: TextMap;
}

interface Job {
  readonly id: number;
  readonly source: SearchSourceInput;
}

export class SourceSearch {
  private readonly index = new SearchIndex();
  private readonly options: SourceSearchOptions;
  /** The sources given last (by id), and the jobs under way for them. */
  private wanted = new Map<string, SearchSourceInput>();
  private readonly jobs = new Map<number, Job>();
  private nextJob = 1;
  private worker: Worker | undefined;
  /** The worker failed to start or died: index on the main thread from now on. */
  private workerBroken = false;
  private current = '';
  private timer: unknown;
  private view: SearchView = { query: '', results: undefined, indexed: 0, sources: 0, failed: [], took: 0 };
  private failed = new Map<string, string>();
  private disposed = false;

  constructor(options: SourceSearchOptions = {}) {
    this.options = options;
  }

  /** What the analyst sees now. */
  get state(): SearchView {
    return this.view;
  }

  /** The query typed last. */
  get typed(): string {
    return this.current;
  }

  /**
   * Keep the index in step with the matrix's sources: index new ones (and replaced texts or
   * maps), drop removed ones. Indexing is done in the worker; results are updated as each
   * source's index arrives.
   */
  sync(sources: Iterable<SearchSourceInput>): void {
    if (this.disposed) return;
    const wanted = new Map<string, SearchSourceInput>();
    for (const s of sources) wanted.set(s.id, s);
    let changed = false;
    for (const id of this.index.ids()) {
      if (!wanted.has(id)) changed = this.index.remove(id) || changed;
    }
    for (const id of this.failed.keys()) if (!wanted.has(id)) this.failed.delete(id);
    // Jobs for a text no longer wanted are forgotten: their answers are dropped.
    for (const [job, { source }] of this.jobs) if (!sameSource(wanted.get(source.id), source)) this.jobs.delete(job);
    this.wanted = wanted;
    for (const source of wanted.values()) {
      const have = this.index.get(source.id);
      if (have && have.text === source.text && (source.map ?? have.map) === have.map) continue;
      if ([...this.jobs.values()].some((j) => sameSource(j.source, source))) continue;
      if (have) changed = this.index.remove(source.id) || changed;
      this.failed.delete(source.id);
      this.start(source);
    }
    if (changed) this.run();
    else this.publish();
  }

  /** The analyst typed: run the query after the pause (a newer query replaces it). */
  query(text: string): void {
    if (this.disposed) return;
    this.current = text;
    this.cancelTimer();
    const run = () => {
      this.timer = undefined;
      this.run();
    };
    this.timer = (this.options.setTimer ?? ((f, ms) => setTimeout(f, ms)))(run, this.options.delay ?? 40);
  }

  /** Run the latest query now (e.g. Enter). */
  flush(): void {
    this.cancelTimer();
    this.run();
  }

  /** Stop: the worker ends, no more changes are reported. */
  dispose(): void {
    this.disposed = true;
    this.cancelTimer();
    this.jobs.clear();
    this.worker?.terminate();
    this.worker = undefined;
  }

  private cancelTimer(): void {
    if (this.timer === undefined) return;
    (this.options.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>)))(this.timer);
    this.timer = undefined;
  }

  /** Run the latest query against the sources indexed so far. */
  private run(): void {
    if (this.disposed) return;
    const query = this.current;
    const started = now();
    const results = query.trim() === '' ? undefined : this.index.search(query, { limit: this.options.limit ?? 30 });
    this.publish({ query, results, took: now() - started });
  }

  private publish(patch: Partial<SearchView> = {}): void {
    const indexed = [...this.wanted.keys()].filter((id) => this.index.has(id)).length;
    this.view = {
      ...this.view,
      ...patch,
      indexed,
      sources: this.wanted.size,
      failed: [...this.failed].map(([source, message]) => ({ source, message })),
    };
    this.options.onChange?.(this.view);
  }

  private start(source: SearchSourceInput): void {
    const job: Job = { id: this.nextJob++, source };
    this.jobs.set(job.id, job);
    const worker = this.workerFor();
    if (worker) {
      const request: SearchWorkerRequest = { type: 'index', job: job.id, source: source.id, text: source.text, ...(source.map ? { map: source.map } : {}) };
      worker.postMessage(request);
    } else {
      // One source per task: the page paints and takes input between them.
      setTimeout(() => this.indexHere(job), 0);
    }
  }

  private workerFor(): Worker | undefined {
    if (this.workerBroken) return undefined;
    if (this.worker) return this.worker;
    const worker = (this.options.worker ?? createSearchWorker)();
    if (!worker) {
      this.workerBroken = true;
      return undefined;
    }
    worker.onmessage = (e: MessageEvent<SearchWorkerReply>) => this.answered(e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      this.workerDied();
    };
    this.worker = worker;
    return worker;
  }

  /** The worker could not run (its script did not load, or it crashed): the jobs under way are done here. */
  private workerDied(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.workerBroken = true;
    for (const job of [...this.jobs.values()]) setTimeout(() => this.indexHere(job), 0);
  }

  private indexHere(job: Job): void {
    if (this.disposed || !this.jobs.has(job.id)) return;
    try {
      this.ready(job, new SourceSearchIndex(job.source));
    } catch (error) {
      this.jobs.delete(job.id);
      this.failed.set(job.source.id, error instanceof Error ? error.message : String(error));
      this.publish();
    }
  }

  private answered(reply: SearchWorkerReply): void {
    const job = this.jobs.get(reply.job);
    if (this.disposed || !job) return;
    if (reply.type === 'failed') {
      this.jobs.delete(job.id);
      this.failed.set(job.source.id, reply.message);
      this.publish();
      return;
    }
    this.ready(job, SourceSearchIndex.fromParts(job.source, reply.parts));
  }

  /** A source's index is ready: kept if its text is still the one wanted; the latest query runs again. */
  private ready(job: Job, index: SourceSearchIndex): void {
    this.jobs.delete(job.id);
    if (!sameSource(this.wanted.get(job.source.id), job.source)) return;
    this.index.setIndex(index);
    this.run();
  }
}

const sameSource = (a: SearchSourceInput | undefined, b: SearchSourceInput | undefined) =>
  !!a && !!b && a.id === b.id && a.text === b.text && a.map === b.map;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
