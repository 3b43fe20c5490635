/**
 * Autosave: every edit of the store is saved at once as a draft (the matrix's canonical files,
 * from saveMatrix, plus the change history), keyed by the matrix's identity and content (its
 * name and a digest of its files as loaded, see matrix-identity.ts) — never by how it was
 * opened, so a draft is restored onto the matrix it was made on and no other. When a matrix is
 * loaded and a draft of it exists, the draft is restored (and can be discarded). Tabs editing
 * the same matrix tell each other of their writes (BroadcastChannel) and every write is
 * compare-and-set on a revision number: a tab whose base revision is stale shows a conflict
 * and does not write until the user takes over or loads the other version. When storage
 * fails (e.g. over quota), the failure is reported and the work stays in memory; while edits
 * are held only in the tab, closing or leaving the page asks first (`beforeunload`).
 *
 * No DOM beyond IndexedDB/BroadcastChannel and the window's `beforeunload` (all optional):
 * elements render `state`.
 */
import { DraftWriter } from '../model/format/draft-writer.ts';
import { loadMatrix } from '../model/format/load.ts';
import type { MatrixBundle } from '../model/format/read.ts';
import type { DraftRecord, DraftStorage } from './draft-storage.ts';
import { draftKey } from './matrix-identity.ts';
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
  /** Where `beforeunload` is listened for (default: the window, where there is one). */
  unloadTarget?: EventTarget;
}

interface Notice {
  /** The draft key. */
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
  /** The draft key of the matrix loaded (see matrix-identity.ts); undefined until it is known. */
  private key: string | undefined;
  /** Counts the loads this editor has seen: work for an earlier one stops. */
  private generation = 0;
  /** `edits.version` of the store as last written (or as loaded): any other version is held only in this tab. */
  private savedVersion = 0;
  private readonly unloadTarget: EventTarget | undefined;
  private guarding = false;
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
    const target = options.unloadTarget ?? (globalThis as { addEventListener?: unknown }).addEventListener;
    this.unloadTarget = options.unloadTarget ?? (typeof target === 'function' ? (globalThis as unknown as EventTarget) : undefined);
    this.unsubscribe = store.subscribe((snapshot, previous, command) => this.changed(snapshot, previous, command));
    if (store.snapshot.status === 'ready') void this.loaded(store.snapshot);
  }

  /** Stop listening; writes already queued still finish (the draft stays stored). */
  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.guard(false);
    void this.busy.then(() => this.channel?.close());
  }

  /** Whether the store holds edits that are not in storage (a write is due or under way, or refused: a conflict, a failure). */
  get unsaved(): boolean {
    const { matrix, edits } = this.store.snapshot;
    return !this.disposed && !!matrix && edits.version !== this.savedVersion;
  }

  /** The key drafts of the loaded matrix are stored under, once known (tests, diagnostics). */
  get draftKey(): string | undefined {
    return this.key;
  }

  private readonly beforeUnload = (event: Event) => {
    if (!this.unsaved) return;
    // Asks the browser to confirm leaving (both ways: the standard's, and the older one some browsers still need).
    event.preventDefault();
    if (typeof BeforeUnloadEvent !== 'undefined' && event instanceof BeforeUnloadEvent) event.returnValue = '';
  };

  /** Listen for `beforeunload` exactly while there are unsaved edits (a listener left on costs the page its back-forward cache in some browsers). */
  private guard(on = this.unsaved): void {
    if (!this.unloadTarget || on === this.guarding) return;
    this.guarding = on;
    if (on) this.unloadTarget.addEventListener('beforeunload', this.beforeUnload);
    else this.unloadTarget.removeEventListener('beforeunload', this.beforeUnload);
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
    this.guard();
    this.options.onChange?.(this.state);
  }

  /** Run `task` after the ones before it (reads and writes never overlap). */
  private queue(task: () => Promise<void>): Promise<void> {
    this.busy = this.busy.then(task).catch((error: unknown) => {
      this.set({ failure: error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error), saving: false });
    });
    return this.busy;
  }

  private changed(snapshot: Snapshot, previous: Snapshot, command: Command): void {
    if (this.disposed) return;
    if (command.type === 'load') {
      if (this.ownLoad) return;
      this.keepLeft(previous);
      void this.loaded(snapshot);
    } else if (command.type === 'load-start' || command.type === 'load-failed') {
      this.keepLeft(previous);
      this.set({ restored: undefined, conflict: undefined, failure: undefined });
    } else if (command.type === 'edit' || command.type === 'undo' || command.type === 'redo') {
      this.guard();
      this.scheduleSave();
    }
  }

  /** A matrix was loaded: restore its draft, if there is one and nothing was edited since. */
  private loaded(snapshot: Snapshot): Promise<void> {
    const generation = ++this.generation;
    const original = bundleOf(snapshot);
    this.original = original;
    this.key = undefined;
    this.savedVersion = snapshot.edits.version;
    this.set({ restored: undefined, conflict: undefined, failure: undefined, savedAt: undefined });
    const current = () => !this.disposed && this.generation === generation;
    return this.queue(async () => {
      // Write the matrix's files in short steps now, so that saving the first edit (or
      // comparing with a stored draft) is quick rather than one long task.
      await idle();
      // (Stopped when this autosave is disposed or another matrix is loaded.)
      // Each step in an idle period of its own: a step never holds up a frame of the
      // matrix being shown (a step run at the next turn delayed its first paint).
      await this.writer.prime(original.matrix, async () => {
        await idle(0);
        return current();
      }, 2000);
      if (!current()) return;
      // The draft is the one of this matrix, by its content as loaded (see matrix-identity.ts).
      const key = await draftKey(original.matrix.name, this.writer.files(original.matrix), () => idle(0));
      if (!current()) return;
      const record = await this.storage.get(key);
      if (!current()) return;
      this.key = key;
      this.base = record?.revision ?? 0;
      // The store as it is now: the user may have edited while the files were written.
      const latest = this.store.snapshot;
      if (!latest.matrix) return;
      if (latest.edits.version !== this.savedVersion) {
        // Edited before the key was known (a matrix just made by New matrix is edited at
        // once): a save scheduled meanwhile found no key and wrote nothing, and a save still
        // pending from the matrix before may have taken the edit's turn. Those edits are
        // written now, as this matrix's draft (over a stored one: the edit wins, same base).
        await this.write(false);
        return;
      }
      if (!record?.files) return;
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
      }, this.store.snapshot.origin, record.history ?? []);
    } finally {
      this.ownLoad = false;
    }
    this.savedVersion = this.store.snapshot.edits.version;
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

  /** The draft record of `snapshot`'s matrix, under `key`. */
  private recordOf(snapshot: Snapshot & { matrix: NonNullable<Snapshot['matrix']> }, key: string, original: MatrixBundle | undefined, savedAt: number): Omit<DraftRecord, 'revision'> {
    // Sources added or given a new version since the load go with the files.
    const sources = {
      texts: changedEntries(snapshot.sourceTexts, original?.sourceTexts),
      maps: changedEntries(snapshot.sourceMaps, original?.sourceMaps),
      files: changedEntries(snapshot.sourceFiles, original?.sourceFiles),
    };
    const hasSources = sources.texts.length + sources.maps.length + sources.files.length > 0;
    return { origin: key, files: this.writer.files(snapshot.matrix), ...(hasSources ? { sources } : {}), history: [...snapshot.edits.history], savedAt, writer: this.id };
  }

  /**
   * Another matrix is being loaded (or made) over one whose last edits are not written yet —
   * its key may still be being worked out, or a save was due: those edits go to the left
   * matrix's own draft, so that opening it again restores them (nothing typed is lost). Not
   * while in conflict: a newer draft by another editor is never overwritten.
   */
  private keepLeft(left: Snapshot): void {
    const original = this.original;
    const matrix = left.matrix;
    if (!matrix || !original || left.edits.version === this.savedVersion || this.state.conflict) return;
    const known = this.key;
    const base = this.base;
    void this.queue(async () => {
      const key = known ?? (await draftKey(original.matrix.name, this.writer.files(original.matrix), () => idle(0)));
      const stored = await this.storage.get(key);
      // The base this editor knew; a draft it wrote itself since (a write under way at the
      // switch), or one never compared (the key was not known: the edits win, as in `loaded`).
      const revision = known === undefined || stored?.writer === this.id ? (stored?.revision ?? 0) : base;
      const result = await this.storage.put(this.recordOf({ ...left, matrix }, key, original, this.now()), revision);
      if (result.ok) this.channel?.postMessage({ origin: key, revision: result.revision, writer: this.id } satisfies Notice);
    });
  }

  /** Write the store's matrix as the draft (unless in conflict, or `force`). */
  private async write(force: boolean): Promise<void> {
    const snapshot = this.store.snapshot;
    const key = this.key;
    const matrix = snapshot.matrix;
    if (!matrix || key === undefined) return;
    if (this.state.conflict && !force) return;
    this.set({ saving: true });
    const savedAt = this.now();
    const result = await this.storage.put(this.recordOf({ ...snapshot, matrix }, key, this.original, savedAt), this.base);
    if (key !== this.key) return;
    if (result.ok) {
      this.base = result.revision;
      this.savedVersion = snapshot.edits.version;
      this.set({ saving: false, savedAt, failure: undefined, conflict: undefined });
      this.channel?.postMessage({ origin: key, revision: result.revision, writer: this.id } satisfies Notice);
    } else {
      this.set({ saving: false, conflict: { savedAt: result.current?.savedAt } });
    }
  }

  /** Another editor wrote a draft. */
  private notice(n: Notice): void {
    const key = this.key;
    if (this.disposed || key === undefined || n.writer === this.id || n.origin !== key || n.revision <= this.base) return;
    void this.queue(async () => {
      const record = await this.storage.get(key);
      if (key === this.key && record && record.revision > this.base) this.set({ conflict: { savedAt: record.savedAt } });
    });
  }

  /** Keep this editor's version: write it over the newer draft. */
  takeOver(): Promise<void> {
    return this.queue(async () => {
      if (this.key === undefined) return;
      const record = await this.storage.get(this.key);
      this.base = record?.revision ?? 0;
      this.set({ conflict: undefined });
      await this.write(true);
    });
  }

  /** Load the newer draft written elsewhere (this editor's unsaved changes are dropped). */
  loadTheirs(): Promise<void> {
    return this.queue(async () => {
      if (this.key === undefined) return;
      const record = await this.storage.get(this.key);
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
      const key = this.key;
      if (key === undefined) return;
      const result = await this.storage.put({ origin: key, savedAt: this.now(), writer: this.id }, this.base);
      if (!result.ok) {
        // Someone wrote meanwhile: take their revision, then discard over it.
        this.base = result.current?.revision ?? 0;
        const again = await this.storage.put({ origin: key, savedAt: this.now(), writer: this.id }, this.base);
        if (!again.ok) throw new Error('the draft changed again while discarding it');
        this.base = again.revision;
      } else this.base = result.revision;
      this.channel?.postMessage({ origin: key, revision: this.base, writer: this.id } satisfies Notice);
      this.reloadOriginal();
      this.set({ restored: undefined, conflict: undefined, failure: undefined, savedAt: undefined });
    });
  }

  private reloadOriginal(): void {
    if (!this.original) return;
    this.ownLoad = true;
    try {
      this.store.load(this.original, this.store.snapshot.origin);
    } finally {
      this.ownLoad = false;
    }
    this.savedVersion = this.store.snapshot.edits.version;
    this.guard();
  }
}
