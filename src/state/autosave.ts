/**
 * Autosave: every edit of the store is saved at once as a draft (the matrix's canonical files,
 * from saveMatrix, plus the change history), keyed by the matrix origin. When a matrix is
 * loaded and a draft of it exists, the draft is restored (and can be discarded). Tabs editing
 * the same origin tell each other of their writes (BroadcastChannel) and every write is
 * compare-and-set on a revision number: a tab whose base revision is stale shows a conflict
 * and does not write until the user takes over or loads the other version. When storage
 * fails (e.g. over quota), the failure is reported and the work stays in memory.
 *
 * No DOM beyond IndexedDB/BroadcastChannel (both optional): elements render `state`.
 */
import { DraftWriter } from '../model/format/draft-writer.ts';
import { loadMatrix } from '../model/format/load.ts';
import type { MatrixBundle } from '../model/format/read.ts';
import type { DraftRecord, DraftStorage } from './draft-storage.ts';
import type { Command, MatrixStore, Snapshot } from './store.ts';

export interface AutosaveState {
  /** The draft restored at load, until it is discarded or the matrix reloaded. */
  restored?: { savedAt: number };
  /** Another editor wrote a newer draft of this matrix: this one no longer saves. */
  conflict?: { savedAt?: number };
  /** The last write failed (e.g. storage full); the edits are still in memory. */
  failure?: string;
  /** When the last draft was written by this editor. */
  savedAt?: number;
  /** A write is under way. */
  saving: boolean;
}

export interface AutosaveOptions {
  storage: DraftStorage;
  /** BroadcastChannel name shared by the editors of one storage; none = no live notices. */
  channel?: string;
  /** This editor's id (unique per tab and element). */
  id?: string;
  now?: () => number;
  /** Called whenever `state` changes. */
  onChange?: (state: AutosaveState) => void;
}

interface Notice {
  origin: string;
  revision: number;
  writer: string;
}

let instances = 0;

const sameFiles = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

/** Wait until the page is idle (a matrix just loaded is first rendered), at most a second; `orAfter` ms where there is no idle callback. */
const idle = (orAfter = 200) =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 1000 });
    else setTimeout(resolve, orAfter);
  });

const bundleOf = (s: Snapshot): MatrixBundle => ({
  matrix: s.matrix!, problems: [...s.problems], locations: s.locations, sourceTexts: new Map(s.sourceTexts),
  sourceMaps: new Map(s.sourceMaps), sourceFiles: new Map(s.sourceFiles),
});

/** Entries of `now` that `loaded` does not have as they are (by identity: contents are never changed in place). */
const changedEntries = <V>(now: ReadonlyMap<string, V>, loaded: ReadonlyMap<string, V> | undefined): [string, V][] =>
  [...now].filter(([key, value]) => loaded?.get(key) !== value);

/** The loaded contents with the draft's over them. */
const merged = <V>(loaded: ReadonlyMap<string, V> | undefined, draft: readonly [string, V][] | undefined): Map<string, V> =>
  new Map([...(loaded ?? []), ...(draft ?? [])]);

export class Autosave {
  state: AutosaveState = { saving: false };
  private readonly storage: DraftStorage;
  private readonly id: string;
  private readonly now: () => number;
  private readonly channel: BroadcastChannel | undefined;
  private readonly unsubscribe: () => void;
  /** The storage revision this editor's matrix is based on. */
  private base = 0;
  /** The origin whose revision `base` is (drafts are per origin). */
  private origin = '';
  /** The matrix as loaded, before any draft was restored over it (for "Discard draft"). */
  private original: MatrixBundle | undefined;
  private pending = false;
  private busy: Promise<void> = Promise.resolve();
  /** Loads this controller makes itself (restoring a draft) are not new loads. */
  private ownLoad = false;
  private disposed = false;
  private readonly writer = new DraftWriter();

  constructor(private readonly store: MatrixStore, private readonly options: AutosaveOptions) {
    this.storage = options.storage;
    this.id = options.id ?? `editor-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${++instances}`;
    this.now = options.now ?? Date.now;
    if (options.channel && typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(options.channel);
      this.channel.onmessage = (e: MessageEvent<Notice>) => this.notice(e.data);
    }
    this.unsubscribe = store.subscribe((snapshot, _previous, command) => this.changed(snapshot, command));
    if (store.snapshot.status === 'ready') void this.loaded(store.snapshot);
  }

  /** Stop listening; writes already queued still finish (the draft stays stored). */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    void this.busy.then(() => this.channel?.close());
  }

  /** Wait until queued reads and writes are done (tests). */
  async settled(): Promise<void> {
    let last: Promise<void> | undefined;
    while (last !== this.busy) {
      last = this.busy;
      await last;
    }
  }

  private set(patch: Partial<AutosaveState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onChange?.(this.state);
  }

  /** Run `task` after the ones before it (reads and writes never overlap). */
  private queue(task: () => Promise<void>): Promise<void> {
    this.busy = this.busy.then(task).catch((error: unknown) => {
      this.set({ failure: error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error), saving: false });
    });
    return this.busy;
  }

  private changed(snapshot: Snapshot, command: Command): void {
    if (this.disposed) return;
    if (command.type === 'load') {
      if (this.ownLoad) return;
      void this.loaded(snapshot);
    } else if (command.type === 'load-start' || command.type === 'load-failed') {
      this.set({ restored: undefined, conflict: undefined, failure: undefined });
    } else if (command.type === 'edit' || command.type === 'undo' || command.type === 'redo') {
      this.scheduleSave();
    }
  }

  /** A matrix was loaded: restore its draft, if there is one and nothing was edited since. */
  private loaded(snapshot: Snapshot): Promise<void> {
    const origin = snapshot.origin;
    this.original = bundleOf(snapshot);
    this.origin = origin;
    this.set({ restored: undefined, conflict: undefined, failure: undefined, savedAt: undefined });
    return this.queue(async () => {
      const record = await this.storage.get(origin);
      if (this.disposed || this.store.snapshot.origin !== origin) return;
      this.base = record?.revision ?? 0;
      const current = this.store.snapshot;
      if (!current.matrix) return;
      // Write the matrix's files in short steps now, so that saving the first edit (or
      // comparing with a stored draft) is quick rather than one long task.
      await idle();
      // (Stopped when this autosave is disposed or another matrix is loaded.)
      // Each step in an idle period of its own: a step never holds up a frame of the
      // matrix being shown (a step run at the next turn delayed its first paint).
      await this.writer.prime(current.matrix, async () => {
        await idle(0);
        return !this.disposed && this.store.snapshot.origin === origin;
      }, 2000);
      // The store as it is now: the user may have edited while the files were written.
      const latest = this.store.snapshot;
      if (this.disposed || latest.origin !== origin || !latest.matrix) return;
      if (!record?.files) return;
      if (latest.edits.version > 0) {
        // Edited before the draft was read: saving will replace the draft (same base).
        return;
      }
      if (sameFiles(record.files, this.writer.files(latest.matrix))) return;
      this.restore(record);
    });
  }

  /** Load a stored draft into the store, over the original matrix's source texts. */
  private restore(record: DraftRecord): void {
    const original = this.original;
    if (!record.files || !original) return;
    const loaded = loadMatrix(original.matrix.name, record.files);
    const sources = record.sources;
    this.ownLoad = true;
    try {
      this.store.load({
        ...loaded,
        sourceTexts: merged(original.sourceTexts, sources?.texts),
        sourceMaps: merged(original.sourceMaps, sources?.maps),
        sourceFiles: merged(original.sourceFiles, sources?.files),
      }, this.origin, record.history ?? []);
    } finally {
      this.ownLoad = false;
    }
    this.base = record.revision;
    this.set({ restored: { savedAt: record.savedAt }, conflict: undefined, failure: undefined });
  }

  private scheduleSave(): void {
    if (this.pending) return;
    this.pending = true;
    // After the edit is painted (writing a large matrix takes a moment); edits made
    // meanwhile are saved by the same write.
    // (A hidden tab gets no animation frames: the timeout still saves it.)
    const later = (run: () => void) => {
      let done = false;
      const go = () => {
        if (done) return;
        done = true;
        setTimeout(run, 0);
      };
      if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go);
      setTimeout(go, 100);
    };
    const start = new Promise<void>((resolve) => later(resolve));
    void this.queue(async () => {
      await start;
      this.pending = false;
      await this.write(false);
    });
  }

  /** Write the store's matrix as the draft (unless in conflict, or `force`). */
  private async write(force: boolean): Promise<void> {
    const snapshot = this.store.snapshot;
    if (!snapshot.matrix || snapshot.origin !== this.origin) return;
    if (this.state.conflict && !force) return;
    this.set({ saving: true });
    const savedAt = this.now();
    // Sources added or given a new version since the load go with the files.
    const original = this.original;
    const sources = {
      texts: changedEntries(snapshot.sourceTexts, original?.sourceTexts),
      maps: changedEntries(snapshot.sourceMaps, original?.sourceMaps),
      files: changedEntries(snapshot.sourceFiles, original?.sourceFiles),
    };
    const hasSources = sources.texts.length + sources.maps.length + sources.files.length > 0;
    const result = await this.storage.put(
      { origin: this.origin, files: this.writer.files(snapshot.matrix), ...(hasSources ? { sources } : {}), history: [...snapshot.edits.history], savedAt, writer: this.id },
      this.base,
    );
    if (result.ok) {
      this.base = result.revision;
      this.set({ saving: false, savedAt, failure: undefined, conflict: undefined });
      this.channel?.postMessage({ origin: this.origin, revision: result.revision, writer: this.id } satisfies Notice);
    } else {
      this.set({ saving: false, conflict: { savedAt: result.current?.savedAt } });
    }
  }

  /** Another editor wrote a draft. */
  private notice(n: Notice): void {
    if (this.disposed || n.writer === this.id || n.origin !== this.origin || n.revision <= this.base) return;
    void this.queue(async () => {
      const record = await this.storage.get(this.origin);
      if (record && record.revision > this.base) this.set({ conflict: { savedAt: record.savedAt } });
    });
  }

  /** Keep this editor's version: write it over the newer draft. */
  takeOver(): Promise<void> {
    return this.queue(async () => {
      const record = await this.storage.get(this.origin);
      this.base = record?.revision ?? 0;
      this.set({ conflict: undefined });
      await this.write(true);
    });
  }

  /** Load the newer draft written elsewhere (this editor's unsaved changes are dropped). */
  loadTheirs(): Promise<void> {
    return this.queue(async () => {
      const record = await this.storage.get(this.origin);
      this.set({ conflict: undefined });
      if (record?.files) {
        this.restore(record);
        this.set({ restored: undefined });
      } else if (this.original) {
        this.base = record?.revision ?? 0;
        this.reloadOriginal();
      }
    });
  }

  /** Drop the draft and show the matrix as loaded. */
  discard(): Promise<void> {
    return this.queue(async () => {
      const result = await this.storage.put({ origin: this.origin, savedAt: this.now(), writer: this.id }, this.base);
      if (!result.ok) {
        // Someone wrote meanwhile: take their revision, then discard over it.
        this.base = result.current?.revision ?? 0;
        const again = await this.storage.put({ origin: this.origin, savedAt: this.now(), writer: this.id }, this.base);
        if (!again.ok) throw new Error('the draft changed again while discarding it');
        this.base = again.revision;
      } else this.base = result.revision;
      this.channel?.postMessage({ origin: this.origin, revision: this.base, writer: this.id } satisfies Notice);
      this.reloadOriginal();
      this.set({ restored: undefined, conflict: undefined, failure: undefined, savedAt: undefined });
    });
  }

  private reloadOriginal(): void {
    if (!this.original) return;
    this.ownLoad = true;
    try {
      this.store.load(this.original, this.origin);
    } finally {
      this.ownLoad = false;
    }
  }
}
