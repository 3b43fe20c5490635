/**
 * One matrix shared on the server: its document, kept in the server's store (every update
 * stored before it is acknowledged), a store of the matrix bound to it (which resolves merges
 * and gives the canonical files), and its folder on disk, kept the source of truth for git:
 *
 *  - the edited matrix is written back in canonical form, a moment after the last edit, each
 *    file atomically (never a half-written file);
 *  - a folder changed on disk (a `git pull`) comes in as a new version: the changes made on
 *    disk since the version last seen or written, as one transaction recorded in the history
 *    ("Changed on disk"); the server's own writes are not taken for one.
 */
import { watch, type FSWatcher } from 'node:fs';
import * as Y from 'yjs';
import { MATRIX_FILES } from '../../model/format/read.ts';
import { DraftWriter } from '../../model/format/draft-writer.ts';
import type { TableName } from '../../model/types.ts';
import { MatrixStore } from '../../state/store.ts';
import { Binding } from '../binding.ts';
import { writeMatrixDoc } from '../doc/convert.ts';
import { DocRows } from '../doc/doc-rows.ts';
import { applyFolderVersion, versionWords } from '../doc/folder-version.ts';
import { toStored } from '../doc/shared-history.ts';
import { writeInMatrix } from './confined-write.ts';
import { canonicalTexts, folderStamp, readFolderTexts, sameTexts, sourceReader, stampChanges } from './folder.ts';
import type { Persistence } from './persistence.ts';

export interface RoomOptions {
  readonly name: string;
  readonly folder: string;
  /** The folder the server serves: sources are read inside it (see sourceReader). */
  readonly root: string;
  readonly persistence: Persistence;
  /** Wait this long after the last change before writing the folder (ms). */
  readonly writeDelay: number;
  /** Look at the folder this often for changes a file watcher missed (ms). */
  readonly pollInterval: number;
  readonly log: (line: string) => void;
}

/** Origins of the server's own transactions. */
export const STORED = Symbol('stored');
export const DISK = Symbol('disk');

export class Room {
  readonly store = new MatrixStore();
  /** The canonical files, written again only where edits changed them (exactly saveMatrix's). */
  private readonly writer = new DraftWriter();
  binding!: Binding;
  private base = new Map<string, string | undefined>();
  private stamp = '';
  private watcher: FSWatcher | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private writeTimer: ReturnType<typeof setTimeout> | undefined;
  private firstPending = 0;
  /** Sources' files written from the document, by path (the value written). */
  private readonly written = new Map<string, unknown>();
  private busy: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly persist = (update: Uint8Array, origin: unknown) => {
    if (origin !== STORED) this.options.persistence.appendUpdate(this.options.name, update);
  };

  private constructor(readonly doc: Y.Doc, private readonly options: RoomOptions) {}

  /** Load (or first make) the shared document of a matrix folder into `doc`, and start keeping the two in step. */
  static async open(doc: Y.Doc, options: RoomOptions): Promise<Room> {
    const room = new Room(doc, options);
    await room.start();
    return room;
  }

  private async start(): Promise<void> {
    const { name, folder, persistence } = this.options;
    const disk = await readFolderTexts(folder);
    this.stamp = await folderStamp(folder);
    const stored = persistence.loadDocument(name);
    if (stored) {
      for (const update of stored) Y.applyUpdate(this.doc, update, STORED);
      this.base = persistence.loadBase(name);
      if (this.base.size === 0) this.setBase(disk);
    } else {
      writeMatrixDoc(this.doc, name, canonicalTexts(name, disk), STORED);
      persistence.compact(name, Y.encodeStateAsUpdate(this.doc));
      this.setBase(disk);
    }
    this.doc.on('update', this.persist);
    this.binding = await Binding.open(this.doc, this.store, { user: 'server', readSource: sourceReader(folder), resolveInDoc: true, origin: name, batch: 100 });
    this.binding.onUnreadable = (reason) =>
      this.options.log(reason ? `${name}: the shared document cannot be read as a matrix (${reason}); the folder keeps the matrix as last read` : `${name}: the shared document is read as a matrix again`);
    this.store.subscribe(() => this.scheduleWrite());
    // Changed on disk while the server was away?
    if (!sameTexts(disk, this.base)) this.takeVersion(disk);
    if (!sameTexts(disk, this.canonical())) this.scheduleWrite();
    this.watcher = watch(folder, { persistent: false }, () => this.scheduleCheck());
    this.watcher.on('error', () => {});
    this.poll = setInterval(() => this.scheduleCheck(), this.options.pollInterval);
    this.poll.unref?.();
  }

  private setBase(texts: ReadonlyMap<string, string | undefined>, files: readonly string[] = MATRIX_FILES): void {
    const changed = new Map<string, string | undefined>();
    for (const f of files) {
      this.base.set(f, texts.get(f));
      changed.set(f, texts.get(f));
    }
    this.options.persistence.saveBase(this.options.name, changed);
  }

  /** The canonical files of the matrix as the document now holds it. */
  canonical(): Map<string, string | undefined> {
    this.binding.flushNow();
    const saved = this.writer.files(this.store.snapshot.matrix!);
    return new Map(MATRIX_FILES.map((f) => [f, saved[f]]));
  }

  /** Bring a version of the folder into the document (the changes since the base), and make it the base. */
  private takeVersion(disk: ReadonlyMap<string, string | undefined>): void {
    const { name } = this.options;
    const base = canonicalTexts(name, this.base);
    const next = canonicalTexts(name, disk);
    const rows = new DocRows(this.doc);
    // The rows as the document has them now (a batch of others' changes merged first).
    this.binding.flushNow();
    this.doc.transact(() => {
      const version = applyFolderVersion(rows, (t: TableName, key) => this.binding.rowByKey(t, key), base, next, this.doc.clientID);
      rows.history.push([toStored({ at: Date.now(), action: 'disk', label: versionWords(version), changes: version.changes, by: 'disk' })]);
      this.options.log(`${name}: ${versionWords(version)}`);
    }, DISK);
    this.setBase(disk);
  }

  /** One thing at a time: checking the folder and writing it never overlap. */
  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.busy.then(task, task).catch((e) => this.options.log(`${this.options.name}: ${(e as Error).message}`));
    this.busy = run;
    return run;
  }

  /**
   * The folder's matrix files as they are on disk, or undefined when one cannot be read (a
   * link put in the place of a file, a file grown past the limits): that is said in the log,
   * nothing of it is taken, and the next write puts the shared matrix's files in their place
   * (never writing through a link: confined-write.ts).
   */
  private async readFolder(): Promise<Map<string, string | undefined> | undefined> {
    try {
      return await readFolderTexts(this.options.folder);
    } catch (e) {
      this.options.log(`${this.options.name}: the folder on disk was not read (${(e as Error).message}); the shared matrix will be written in its place`);
      return undefined;
    }
  }

  private scheduleCheck(): void {
    if (this.closed) return;
    void this.serial(() => this.check());
  }

  /** Has the folder changed on disk (not by us)? Then take that version. */
  private async check(): Promise<void> {
    if (this.closed) return;
    const stamp = await folderStamp(this.options.folder);
    if (stamp === this.stamp) return;
    const disk = await this.readFolder();
    this.stamp = stamp;
    if (!disk || sameTexts(disk, this.base)) return;
    this.takeVersion(disk);
  }

  private scheduleWrite(): void {
    if (this.closed) return;
    const now = Date.now();
    if (!this.writeTimer) this.firstPending = now;
    clearTimeout(this.writeTimer);
    // Under a steady stream of edits the folder is still written at least every few delays.
    const wait = Math.max(0, Math.min(this.options.writeDelay, this.firstPending + 5 * this.options.writeDelay - now));
    this.writeTimer = setTimeout(() => {
      this.writeTimer = undefined;
      void this.serial(() => this.write());
    }, wait);
  }

  /** Write the canonical files that differ from the folder (after taking any change made on disk). */
  private async write(): Promise<void> {
    const { folder } = this.options;
    const stamp = await folderStamp(folder);
    if (stamp !== this.stamp) {
      const disk = await this.readFolder();
      this.stamp = stamp;
      if (disk && !sameTexts(disk, this.base)) {
        // Someone changed the folder since we last looked: take their version first (the write follows).
        this.takeVersion(disk);
        return;
      }
    }
    await this.binding.settled();
    const started = performance.now();
    const files = this.canonical();
    await this.writeSourceFiles();
    const changed = MATRIX_FILES.filter((f) => files.get(f) !== this.base.get(f) && files.get(f) !== undefined);
    if (changed.length === 0) return;
    // The files first, then the base: a server killed in between finds on restart a folder
    // that differs from its base only by its own edits (taken again, the same values), never
    // an older folder taken for a newer version (which would undo acknowledged edits). A
    // watcher that fires meanwhile waits: checking and writing never overlap (serial).
    for (const f of changed) await writeInMatrix(folder, f, files.get(f)!);
    this.setBase(files, changed);
    const took = performance.now() - started;
    this.stamp = await folderStamp(folder);
    this.options.log(`${this.options.name}: wrote ${changed.join(', ')} in ${Math.round(took)} ms`);
    // A file changed on disk while we were writing (a pull between our rename and the stamp)
    // would hide behind the new stamp: look at the texts once — of the files written (the
    // others' stamps tell whether they changed meanwhile; on the largest matrix an edit of a
    // note writes the 4 MB cells.csv, and reading the 30 MB citations.csv again each time
    // held the server while analysts edited).
    const others = stampChanges(stamp, this.stamp).filter((f) => !changed.includes(f));
    const written = others.length ? undefined : await readFolderTexts(folder, changed);
    const disk = written && changed.every((f) => written.get(f) === this.base.get(f)) ? this.base : await readFolderTexts(folder);
    if (!sameTexts(disk, this.base)) this.takeVersion(disk);
  }

  /**
   * The files of sources added or given a new version in the app (texts, originals, maps),
   * each where sources.csv names it, inside the matrix folder or ../sources/ (confined-write.ts);
   * written before the tables that name them. A file refused is said in the log, and stays
   * in the shared document.
   */
  private async writeSourceFiles(): Promise<void> {
    for (const [path, data] of this.binding.rows.files) {
      if (this.written.get(path) === data) continue;
      try {
        await writeInMatrix(this.options.folder, path, data);
        this.written.set(path, data);
        this.options.log(`${this.options.name}: wrote ${path}`);
      } catch (e) {
        this.written.set(path, data);
        this.options.log(`${this.options.name}: ${(e as Error).message}`);
      }
    }
  }

  /** Write what is pending now (e.g. before the server stops). */
  async flush(): Promise<void> {
    if (this.writeTimer) {
      clearTimeout(this.writeTimer);
      this.writeTimer = undefined;
      await this.serial(() => this.write());
    }
    await this.busy;
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    this.watcher?.close();
    clearInterval(this.poll);
    this.binding.destroy();
    this.doc.off('update', this.persist);
  }
}
