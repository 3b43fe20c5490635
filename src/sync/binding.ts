/**
 * Binds the one store (src/state/store.ts) to a matrix's shared document (doc/):
 *
 *  - an edit made here (a command planned into a patch) becomes one transaction of the
 *    document, with this side's origin, and an entry of the shared history saying who;
 *  - a transaction made elsewhere (another analyst, the server, one's own undo) becomes one
 *    `remote-change` command: the rows it touched are read back from the document through
 *    the format's reader, so the store changes exactly as if the rows had been loaded, and
 *    nothing enters the local undo stack;
 *  - undo and redo go through a Y.UndoManager that tracks only this side's origin, so undo
 *    undoes one's own edits, never another analyst's (and never overwrites a later edit of
 *    theirs);
 *  - after every merge the rules a merge can break are resolved (doc/resolve.ts) before the
 *    store sees the matrix; with `resolveInDoc` (the server) the resolution is written into
 *    the document and the history, and so is any field two analysts changed at once.
 */
import * as Y from 'yjs';
import type { Change } from '../model/edit/commands.ts';
import type { MatrixPatch, TablePatch } from '../model/edit/patch.ts';
import type { SourceContentPatch } from '../model/edit/source-content.ts';
import { csvLine } from '../model/format/csv/write-csv.ts';
import { datasetDataFile } from '../model/dataset/read-dataset.ts';
import { readMatrix, type FileReader } from '../model/format/read.ts';
import { RowLocations } from '../model/format/row-locations.ts';
import { TABLE_NAMES, type Matrix, type TableName } from '../model/types.ts';
import type { Command, MatrixStore, Snapshot } from '../state/store.ts';
import { docHeader, readMatrixDoc } from './doc/convert.ts';
import { DocRows, parseRecord, type DocRow } from './doc/doc-rows.ts';
import { LAYOUTS, SEP, blocksName, fieldsName, newRowId, rowKeyOf, rowsName, splitFieldKey } from './doc/layout.ts';
import { DocMirror, type MirrorRow } from './doc/mirror.ts';
import { insertedValues } from './list-inserts.ts';
import { OWNER_ORDER, resolve, type Dropped, type Resolution } from './doc/resolve.ts';
import { readEntries, toStored, type SharedEntry } from './doc/shared-history.ts';
import { MATRIX_ARRAY, fieldsOf, headerOf, objectsOf, type RowObject } from './doc/table-rows.ts';

export interface BindOptions {
  /** Who edits on this side: named in the shared history. */
  readonly user: string;
  /** Reads a file of the matrix folder (a source's text) by its path in the folder. */
  readonly readSource?: FileReader;
  /** Write the resolution of merges (and fields changed at once) into the document and its history: the server does. */
  readonly resolveInDoc?: boolean;
  /** Where the store says the matrix came from. */
  readonly origin?: string;
  /**
   * Merge others' changes a moment after they come in (the next turn of the event loop),
   * several at a time, instead of one by one: under many edits a second on a large matrix,
   * each merge copying the store's big tables once per batch is what keeps up. A number
   * waits that many milliseconds (the server, which shows no one its store, merges a few
   * times a second rather than at every turn).
   */
  readonly batch?: boolean | number;
}

/** Rows indexed per turn of the event loop after a load (a few tens of milliseconds). */
const INDEX_SLICE = 20_000;

/** The property of a patch (and of a matrix) that holds a table's rows (scales.csv's rows are `levels`). */
type PatchKey = (typeof MATRIX_ARRAY)[TableName];

/** The value of `column` in fields laid out by `header`. */
const valueIn = (header: readonly string[], fields: readonly string[], column: string): string => {
  const i = header.indexOf(column);
  return i < 0 ? '' : (fields[i] ?? '');
};

/** The text of every row of a (small) table's column, as the document has it now. */
function columnValues(rows: DocRows, table: TableName, column: string): string[] {
  const header = docHeader(rows, table);
  const out: string[] = [];
  const keys = new Set<string>();
  for (const block of rows.blocks(table).keys()) for (const r of rows.blockRows(table, block)) keys.add(r.rowKey);
  for (const key of rows.rows(table).keys()) keys.add(key);
  for (const key of keys) {
    const row = rows.row(table, key);
    if (row) out.push(valueIn(header, row.fields, column));
  }
  return out;
}

/** A reader over the matrix's files in memory, then the sources' files the document holds, then those read from the server. */
const memoryReader = (texts: Record<string, string | undefined>, files: Y.Map<string | Uint8Array>, sources: ReadonlyMap<string, string | Uint8Array>): FileReader =>
  async (path) => texts[path] ?? files.get(path) ?? sources.get(path);

/**
 * The files (text, original, map; a dataset's data file) of the sources a document names,
 * read once (a file already read, or held by the document, is not read again).
 */
async function readSources(rows: DocRows, read: FileReader | undefined, known: Map<string, string | Uint8Array>): Promise<void> {
  if (!read) return;
  const readAll = (paths: readonly string[]) =>
    Promise.all([...new Set(paths)].filter((p) => p !== '' && !known.has(p) && !rows.files.has(p)).map(async (path) => {
      try {
        const content = await read(path);
        if (content !== undefined) known.set(path, content);
      } catch {
        // Not readable: the load reports the source's text as missing.
      }
    }));
  const paths = columnValues(rows, 'sources', 'path');
  await readAll(['original', 'map'].flatMap((column) => columnValues(rows, 'sources', column)).concat(paths.map((p) => p.replace(/#.*$/, ''))));
  // A dataset given by its descriptor: the data file the descriptor names, read after it.
  const kinds = columnValues(rows, 'sources', 'kind');
  const dataFiles = paths.flatMap((path, i) => {
    const descriptor = kinds[i] === 'dataset' && /\.json(#|$)/i.test(path) ? (known.get(path.replace(/#.*$/, '')) ?? rows.files.get(path.replace(/#.*$/, ''))) : undefined;
    if (descriptor === undefined) return [];
    const file = datasetDataFile(path, typeof descriptor === 'string' ? descriptor : new TextDecoder().decode(descriptor));
    return file ? [file] : [];
  });
  await readAll(dataFiles);
}

/**
 * Load the document's matrix into the store (rows in the document's order, merge rules
 * resolved), with the shared history; resolves when the store holds it. The document is read
 * in one go after the sources' texts are in, so no change can come in between.
 */
async function loadInto(doc: Y.Doc, store: MatrixStore, options: BindOptions, sources: Map<string, string | Uint8Array>): Promise<{ mirror: DocMirror; resolution: Resolution }> {
  const rows = new DocRows(doc);
  await readSources(rows, options.readSource, sources);
  // From here on only promises already settled are awaited: no message can come in meanwhile.
  // A client leaves the big tables' rows to be made when first needed (ReadOptions.defer);
  // the server reads every row now, as it resolves and writes what it finds.
  const { texts, mirror, order, fed, resolution } = readMatrixDoc(doc, { defer: !options.resolveInDoc });
  const name = JSON.parse(texts['datapackage.json'] ?? '{}').name ?? 'matrix';
  const bundle = await readMatrix(memoryReader(texts, rows.files, sources), name);
  for (const table of TABLE_NAMES) {
    const objects = (bundle.matrix[MATRIX_ARRAY[table]] ?? []) as readonly RowObject[];
    if (fed.has(table)) mirror.attachFed(table, objects);
    else mirror.attachLater(order[table], objects);
  }
  const history = readEntries(rows.history.toArray()).map((e, i) => ({ ...e, id: i + 1 }));
  store.load(bundle, options.origin ?? store.snapshot.origin, history);
  return { mirror, resolution };
}

/** A field's winner and the value that lost to it, when two analysts set it at once. */
interface Conflict {
  readonly table: TableName;
  readonly rowKey: string;
  readonly column: string;
  readonly kept: string;
  readonly lost: string;
}

/** Items of a Y.Map key made in this transaction that lost to a concurrent write (same left origin as the winner). */
function concurrentLosers(map: Y.Map<string>, key: string, tr: Y.Transaction): { winner: Y.Item; losers: Y.Item[] } | undefined {
  const winner = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
  if (!winner) return undefined;
  const sameOrigin = (a: Y.Item, b: Y.Item) => (a.origin === null ? b.origin === null : b.origin !== null && Y.compareIDs(a.origin, b.origin));
  const isNew = (item: Y.Item) => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
  const losers: Y.Item[] = [];
  for (let item = winner.left as Y.Item | null; item; item = item.left as Y.Item | null) {
    if (item.deleted && sameOrigin(item, winner) && (isNew(item) || isNew(winner))) losers.push(item);
  }
  return losers.length ? { winner, losers } : undefined;
}

const itemValue = (item: Y.Item): string | undefined => {
  const content = item.content as unknown as { getContent?: () => unknown[] };
  const v = content.getContent?.()[0];
  return typeof v === 'string' ? v : undefined;
};

export class Binding {
  readonly origin: object = { binding: true };
  readonly undoManager: Y.UndoManager;
  readonly rows: DocRows;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any type of the document
  private readonly types = new Map<Y.AbstractType<any>, { kind: 'blocks' | 'rows' | 'fields'; table: TableName } | { kind: 'meta' } | { kind: 'history' } | { kind: 'files' }>();
  /** Entries others added to the shared history in the transaction being handled, in the array's order. */
  private added: SharedEntry[] = [];
  private pendingStep: { step: 'undo' | 'redo'; entry: SharedEntry } | undefined;
  private queued: { changed: Map<TableName, Set<string>>; entries: SharedEntry[]; conflicts: Conflict[]; full: boolean } | undefined;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private indexTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;
  private loading = false;
  private rebuilding: Promise<void> | undefined;
  private waiting: { entries: SharedEntry[] } | undefined;
  /** Others' history entries a failed rebuild could not give the store: the next one does. */
  private readonly unmerged: SharedEntry[] = [];
  private destroyed = false;
  /**
   * Rows of the document left out of the store because the row they belong to was removed
   * (resolve.ts), by table: the server removes them from the document too, but until it has
   * (or when it never saw the owner gone: a remove and its undo merged together) they are
   * still there, and come back if their owner does (another's redo).
   */
  private readonly hidden = new Map<TableName, Set<string>>();
  /**
   * Rows this side moved to another place (two rows added at once in one place, resolve.ts)
   * while the document still has them in the first, by table: the rows this was decided
   * against may go again before the server has written the move (an undo merged with the
   * add), and then the document's place is the right one again.
   */
  private readonly shifted = new Map<TableName, Set<string>>();
  /** Called after each change merged from elsewhere, with what was resolved (for reports and tests). */
  onMerge: ((info: { resolution: Resolution; conflicts: readonly Conflict[] }) => void) | undefined;
  /**
   * Why the shared document could not be read again as a matrix (a change from elsewhere left
   * it holding what no client writes); undefined while it can. The store keeps the matrix as
   * last read meanwhile: nothing of it is lost, and nothing of what could not be read reaches it.
   */
  unreadable: string | undefined;
  /** Called when `unreadable` changes. */
  onUnreadable: ((reason: string | undefined) => void) | undefined;

  private constructor(
    readonly doc: Y.Doc,
    readonly store: MatrixStore,
    private mirror: DocMirror,
    private readonly options: BindOptions,
    private readonly sources: Map<string, string | Uint8Array>,
  ) {
    this.rows = new DocRows(doc);
    const scope: Y.AbstractType<any>[] = [this.rows.meta, this.rows.files];
    for (const table of TABLE_NAMES) {
      this.types.set(this.rows.blocks(table), { kind: 'blocks', table });
      this.types.set(this.rows.rows(table), { kind: 'rows', table });
      this.types.set(this.rows.fields(table), { kind: 'fields', table });
      scope.push(this.rows.rows(table), this.rows.fields(table));
    }
    this.types.set(this.rows.meta, { kind: 'meta' });
    this.types.set(this.rows.files, { kind: 'files' });
    this.types.set(this.rows.history, { kind: 'history' });
    this.rows.history.observe(this.onHistory);
    this.undoManager = new Y.UndoManager(scope, { trackedOrigins: new Set([this.origin]), captureTimeout: 0 });
    this.unsubscribe = store.subscribe(this.onStore);
    doc.on('afterTransaction', this.onTransaction);
    store.setUndoHandler(this);
    store.user = options.user;
    // A document whose rows are not what the join took them for (block-feed.ts): its
    // matrix is read again the long way, as when the server rebuilds the document.
    mirror.onInconsistent = () => setTimeout(() => {
      if (this.destroyed || this.mirror !== mirror) return;
      // (A document the long way cannot read either leaves the matrix as loaded: see rebuild.)
      this.rebuild([], undefined);
    }, 0);
  }

  private readonly onHistory = (event: Y.YArrayEvent<unknown>, tr: Y.Transaction): void => {
    if (tr.origin === this.origin) return;
    // One entry pushed (an edit): read without walking the whole history (list-inserts.ts).
    const pushed = insertedValues(this.rows.history, tr);
    if (pushed) {
      if (pushed.length) this.added.push(...readEntries(pushed));
      return;
    }
    for (const part of event.delta) if (part.insert) this.added.push(...readEntries(part.insert as unknown[]));
  };

  /**
   * Load the document's matrix into the store and bind the two. With `resolveInDoc`, what the
   * load had to resolve is written into the document.
   */
  static async open(doc: Y.Doc, store: MatrixStore, options: BindOptions): Promise<Binding> {
    const sources = new Map<string, string | Uint8Array>();
    const { mirror, resolution } = await loadInto(doc, store, options, sources);
    const binding = new Binding(doc, store, mirror, options, sources);
    binding.indexSoon();
    binding.hide(resolution);
    if (options.resolveInDoc) binding.writeResolution(resolution, []);
    return binding;
  }

  /**
   * Index the mirror's rows (by key, by object) a slice at a time after a load, so that the
   * matrix is shown without waiting for it, and the first change (ours or another's) finds it
   * done; a change that comes sooner indexes the rest at once.
   */
  private indexSoon(): void {
    clearTimeout(this.indexTimer);
    // The server (which merges everyone's edits) also makes, in the same slices, what its
    // first merge would otherwise make in one run of a second or more: the mirror's rows by
    // list, and the check's rows by object (the store's locations).
    const ahead = this.options.resolveInDoc === true;
    const slice = () => {
      this.indexTimer = undefined;
      if (this.destroyed) return;
      const locations = this.store.snapshot.locations;
      const more = this.mirror.indexSome(INDEX_SLICE, ahead) || (ahead && locations instanceof RowLocations && locations.indexSome(INDEX_SLICE));
      if (more) this.indexTimer = setTimeout(slice, 0);
    };
    this.indexTimer = setTimeout(slice, 0);
  }

  /** Stop: the store keeps the matrix as it is, with its own undo again (from an empty stack). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearTimeout(this.flushTimer);
    clearTimeout(this.indexTimer);
    this.unsubscribe();
    this.doc.off('afterTransaction', this.onTransaction);
    this.rows.history.unobserve(this.onHistory);
    this.undoManager.destroy();
    this.store.setUndoHandler(undefined);
    this.store.user = undefined;
  }

  get canUndo(): boolean {
    return this.undoManager.canUndo();
  }

  get canRedo(): boolean {
    return this.undoManager.canRedo();
  }

  /** Undo one's own last edit (the store's undo while bound). */
  undo(at: number = Date.now()): boolean {
    return this.step('undo', at);
  }

  redo(at: number = Date.now()): boolean {
    return this.step('redo', at);
  }

  private step(step: 'undo' | 'redo', at: number): boolean {
    const { edits } = this.store.snapshot;
    const top = step === 'undo' ? edits.undo.at(-1) : edits.redo.at(-1);
    if (!(step === 'undo' ? this.undoManager.canUndo() : this.undoManager.canRedo()) || !top) return false;
    const changes: Change[] = step === 'undo' ? top.changes.map((c) => ({ ...c, old: c.new, new: c.old })) : [...top.changes];
    const entry: SharedEntry = { at, action: step, label: `${step === 'undo' ? 'Undo' : 'Redo'}: ${top.label}`, changes, by: this.options.user };
    this.pendingStep = { step, entry };
    if (step === 'undo') this.undoManager.undo();
    else this.undoManager.redo();
    // Nothing of it was left to change (others changed every field since): the stacks still move.
    if (this.pendingStep) {
      this.pendingStep = undefined;
      this.store.dispatch({ type: 'remote-change', entries: [entry], step });
    }
    this.doc.transact(() => this.rows.history.push([toStored(entry)]), this.origin);
    return true;
  }

  // ——— edits made here → the document ———

  private readonly onStore = (next: Snapshot, previous: Snapshot, command: Command): void => {
    if (this.destroyed || this.loading) return;
    if (command.type === 'edit') {
      const step = next.edits.undo.at(-1);
      const entry = next.edits.history.at(-1);
      if (step && entry && previous.matrix && next.matrix) this.writeLocal(previous.matrix, next.matrix, step.patch, { ...entry, by: entry.by ?? this.options.user });
    } else if (command.type === 'load-start' || command.type === 'load' || command.type === 'load-failed') {
      // Another matrix was opened in this store: this one is no longer shown here.
      this.destroy();
    }
  };

  private writeLocal(matrix: Matrix, after: Matrix, patch: MatrixPatch, entry: SharedEntry): void {
    const { rows, mirror } = this;
    this.doc.transact(() => {
      for (const table of TABLE_NAMES) {
        const p = patch[MATRIX_ARRAY[table]] as TablePatch<RowObject> | undefined;
        if (!p) continue;
        const layout = LAYOUTS[table];
        const header = docHeader(rows, table);
        const ours = headerOf(matrix, table);
        const values = (object: RowObject) => {
          const f = fieldsOf(matrix, table, object);
          return header.map((c) => valueIn(ours, f, c));
        };
        const identity = (fields: readonly string[]) => layout.identity.map((c) => valueIn(header, fields, c));
        const positions = (fields: readonly string[]) => layout.positions.map((c) => valueIn(header, fields, c));
        const insert = (object: RowObject) => {
          const fields = values(object);
          const rowId = newRowId(this.doc.clientID);
          const row = DocMirror.row(table, rowKeyOf(layout, identity(fields), rowId), rowId, positions(fields));
          rows.makeRow(table, row.rowKey, rowId, fields);
          row.record = csvLine(fields);
          mirror.tables[table].add(row);
          mirror.attach(row, object);
        };
        const remove = (object: RowObject) => {
          const row = mirror.of(object);
          if (!row) return;
          rows.removeRow(table, row.rowKey);
          mirror.tables[table].remove(row.rowKey);
        };
        for (const [from, to] of p.replace ?? []) {
          const row = mirror.of(from);
          const before = row?.record !== undefined ? header.map((_, i) => parseRecord(row.record!)[i] ?? '') : values(from);
          const after = values(to);
          if (!row || JSON.stringify(identity(after)) !== JSON.stringify(row.identity)) {
            remove(from);
            insert(to);
            continue;
          }
          header.forEach((column, i) => {
            if (before[i] !== after[i]) rows.setField(table, row.rowKey, row.rowId, column, after[i]);
          });
          const moved = positions(after);
          if (JSON.stringify(moved) !== JSON.stringify(row.positions)) mirror.tables[table].move(row, moved);
          row.record = csvLine(after);
          mirror.attach(row, to);
        }
        for (const object of p.remove ?? []) remove(object);
        for (const [, object] of p.insert ?? []) insert(object);
      }
      if (patch.content) this.writeContent(matrix, after, patch.content);
      rows.history.push([toStored(entry)]);
    }, this.origin);
  }

  /**
   * The files an edit gave a source (adding one, a new version): into the document's files,
   * by their path in the folder (a text by its source's path), for the others and the server.
   */
  private writeContent(before: Matrix, after: Matrix, content: SourceContentPatch): void {
    const files = this.rows.files;
    const put = (path: string | undefined, data: string | Uint8Array | undefined) => {
      if (!path) return;
      if (data === undefined) files.delete(path);
      else files.set(path, data);
    };
    const pathOf = (id: string) => (after.sources.find((s) => s.id === id) ?? before.sources.find((s) => s.id === id))?.path;
    for (const [id, text] of content.texts ?? []) put(pathOf(id), text);
    for (const [path, data] of content.files ?? []) put(path, data);
  }

  // ——— changes made elsewhere → the store ———

  private readonly onTransaction = (tr: Y.Transaction): void => {
    if (this.destroyed || tr.origin === this.origin) return;
    const changed = new Map<TableName, Set<string>>();
    let full = false;
    const fieldKeys: { table: TableName; key: string }[] = [];
    for (const [type, keys] of tr.changed) {
      const what = this.types.get(type as Y.AbstractType<any>);
      if (!what) continue;
      if (what.kind === 'history') continue;
      // A source's row (its text is read with it), the title, or blocks rewritten: the whole matrix is read again.
      if (what.kind === 'meta' || what.kind === 'blocks' || what.kind === 'files' || what.table === 'sources') {
        full = true;
        continue;
      }
      const table = what.table;
      let set = changed.get(table);
      if (!set) changed.set(table, (set = new Set()));
      for (const key of keys) {
        if (key === null) continue;
        if (what.kind === 'rows') set.add(key);
        else {
          set.add(splitFieldKey(key).rowKey);
          fieldKeys.push({ table, key });
        }
      }
    }
    const entries: SharedEntry[] = this.added;
    this.added = [];
    const own = tr.origin === this.undoManager ? this.pendingStep : undefined;
    if (own) {
      this.pendingStep = undefined;
      entries.push(own.entry);
    }
    const conflicts = this.options.resolveInDoc ? this.conflicts(fieldKeys, tr) : [];
    // Gather what came in; one's own undo is shown at once, others' changes a moment later,
    // several transactions at a time (each merge copies the store's big tables once).
    const q = (this.queued ??= { changed: new Map<TableName, Set<string>>(), entries: [] as SharedEntry[], conflicts: [] as Conflict[], full: false });
    for (const [table, keys] of changed) {
      const set = q.changed.get(table);
      if (set) for (const k of keys) set.add(k);
      else q.changed.set(table, keys);
    }
    q.entries.push(...entries);
    q.conflicts.push(...conflicts);
    q.full ||= full;
    if (own || !this.options.batch) this.flush(own?.step);
    else this.flushTimer ??= setTimeout(() => this.flush(undefined), typeof this.options.batch === 'number' ? this.options.batch : 0);
  };

  /** Merge what came in since the last flush into the store. */
  private flush(step: 'undo' | 'redo' | undefined): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const q = this.queued;
    this.queued = undefined;
    if (!q || this.destroyed) return;
    if (q.full || this.rebuilding) {
      this.rebuild(q.entries, step);
      return;
    }
    if (q.changed.size === 0 && q.entries.length === 0 && !step) return;
    let resolution: Resolution;
    try {
      resolution = this.merge(q.changed, q.entries, step);
    } catch (e) {
      // A row of a block that is not one (see rebuild): the store stays as it is, and says why.
      this.unmerged.push(...q.entries);
      this.setUnreadable((e as Error)?.message || String(e));
      return;
    }
    if (this.options.resolveInDoc) this.writeResolution(resolution, q.conflicts);
    this.onMerge?.({ resolution, conflicts: q.conflicts });
  }

  /** Apply rows changed in the document to the mirror and the store (one remote-change). */
  private merge(changed: Map<TableName, Set<string>>, entries: SharedEntry[], step: 'undo' | 'redo' | undefined): Resolution {
    const { rows, mirror, store } = this;
    const matrix = store.snapshot.matrix;
    if (!matrix) return { dropped: [], moved: [] };
    // Rows left out because their owner was gone are looked at again when their owner's table changed (it may be back).
    for (const table of OWNER_ORDER) {
      const keys = this.hidden.get(table);
      if (!keys?.size || !LAYOUTS[table].owners.some((o) => changed.has(o.table))) continue;
      let set = changed.get(table);
      if (!set) changed.set(table, (set = new Set()));
      for (const key of keys) set.add(key);
      keys.clear();
    }
    // Rows moved here but not in the document are read again whenever their table changed: the place resolve.ts gives them is decided anew.
    for (const [table, keys] of this.shifted) {
      const set = changed.get(table);
      if (!keys.size || !set) continue;
      for (const key of keys) set.add(key);
      keys.clear();
    }
    const removed = new Map<TableName, Set<string>>();
    /** Rows whose object must be (re)made from the document, with their fields. */
    const pending = new Map<MirrorRow, { table: TableName; fields: string[]; old?: RowObject }>();
    const gone: { table: TableName; object: RowObject }[] = [];
    for (const [table, keys] of changed) {
      const layout = LAYOUTS[table];
      const header = docHeader(rows, table);
      const tm = mirror.tables[table];
      for (const rowKey of keys) {
        const now: DocRow | undefined = rows.row(table, rowKey);
        const was = tm.rows.get(rowKey);
        if (!now) {
          if (!was) continue;
          tm.remove(rowKey);
          if (was.object) gone.push({ table, object: was.object });
          let set = removed.get(table);
          if (!set) removed.set(table, (set = new Set()));
          set.add(rowKey);
          continue;
        }
        const positions = layout.positions.map((c) => valueIn(header, now.fields, c));
        if (was && was.rowId === now.rowId) {
          if (JSON.stringify(positions) !== JSON.stringify(was.positions)) tm.move(was, positions);
          pending.set(was, { table, fields: now.fields, old: was.object });
        } else {
          const row = DocMirror.row(table, rowKey, now.rowId, positions);
          tm.add(row);
          pending.set(row, { table, fields: now.fields, old: was?.object });
        }
      }
    }
    const resolution = resolve(mirror, rows, { changed, removed });
    this.hide(resolution);
    for (const d of resolution.dropped) {
      mirror.tables[d.table].remove(d.row.rowKey);
      const p = pending.get(d.row);
      pending.delete(d.row);
      const object = p ? p.old : d.row.object;
      if (object) gone.push({ table: d.table, object });
    }
    for (const m of resolution.moved) {
      mirror.tables[m.table].move(m.row, m.to);
      const header = docHeader(rows, m.table);
      let p = pending.get(m.row);
      if (!p) {
        const now = rows.row(m.table, m.row.rowKey);
        if (!now) continue;
        p = { table: m.table, fields: now.fields, old: m.row.object };
        pending.set(m.row, p);
      }
      LAYOUTS[m.table].positions.forEach((c, i) => {
        const at = header.indexOf(c);
        if (at >= 0) p!.fields[at] = m.to[i];
      });
    }

    // New objects, through the format's reader, one batch per table.
    const patch: Partial<Record<PatchKey, { replace: [RowObject, RowObject][]; remove: RowObject[]; insert: [number, RowObject][] }>> = {};
    const tablePatch = (table: TableName) => (patch[MATRIX_ARRAY[table]] ??= { replace: [], remove: [], insert: [] });
    for (const { table, object } of gone) tablePatch(table).remove.push(object);
    const byTable = new Map<TableName, [MirrorRow, { fields: string[]; old?: RowObject }][]>();
    for (const [row, p] of pending) {
      const list = byTable.get(p.table);
      if (list) list.push([row, p]);
      else byTable.set(p.table, [[row, p]]);
    }
    const inserts = new Map<TableName, RowObject[]>();
    for (const [table, list] of byTable) {
      const header = docHeader(rows, table);
      const ours = headerOf(matrix, table);
      // A row whose fields are what the store has already keeps its object.
      const todo = list.filter(([row, p]) => {
        const record = csvLine(header.map((_, i) => p.fields[i] ?? ''));
        const same = p.old !== undefined && (row.record !== undefined
          ? row.record === record
          : header.every((c, i) => valueIn(ours, fieldsOf(matrix, table, p.old!), c) === (p.fields[i] ?? '')));
        row.record = record;
        if (same) mirror.attach(row, p.old!);
        return !same;
      });
      if (todo.length === 0) continue;
      const { objects } = objectsOf(table, header, todo.map(([, p]) => p.fields));
      todo.forEach(([row, p], i) => {
        const object = objects[i];
        mirror.attach(row, object);
        if (p.old) tablePatch(table).replace.push([p.old, object]);
        else {
          let list = inserts.get(table);
          if (!list) inserts.set(table, (list = []));
          list.push(object);
        }
      });
    }
    for (const [table, objects] of inserts) {
      const tp = tablePatch(table);
      const base = ((matrix[MATRIX_ARRAY[table]] ?? []) as readonly RowObject[]).length - tp.remove.length;
      objects.forEach((object, i) => tp.insert.push([base + i, object]));
    }
    const matrixPatch: Record<string, TablePatch<RowObject>> = {};
    for (const [table, tp] of Object.entries(patch)) {
      if (!tp) continue;
      const out: { replace?: [RowObject, RowObject][]; remove?: RowObject[]; insert?: [number, RowObject][] } = {};
      if (tp.replace.length) out.replace = tp.replace;
      if (tp.remove.length) out.remove = tp.remove;
      if (tp.insert.length) out.insert = tp.insert;
      if (out.replace || out.remove || out.insert) matrixPatch[table] = out;
    }
    const hasPatch = Object.keys(matrixPatch).length > 0;
    if (hasPatch || entries.length || step) {
      this.store.dispatch({ type: 'remote-change', ...(hasPatch ? { patch: matrixPatch as MatrixPatch } : {}), entries, ...(step ? { step } : {}) });
    }
    return resolution;
  }

  /**
   * Re-read the whole matrix from the document (its scales, sources or title changed, or the
   * server rebuilt it): the store gets it as one remote-change. Changes coming in meanwhile
   * wait for it (it reads the document as it then is).
   */
  private rebuild(entries: SharedEntry[], step: 'undo' | 'redo' | undefined): void {
    if (this.waiting) {
      this.waiting.entries.push(...entries);
      return;
    }
    // (With the history entries a rebuild that failed could not give the store.)
    const waiting = (this.waiting = { entries: [...this.unmerged.splice(0), ...entries] });
    this.rebuilding = (async () => {
      await readSources(this.rows, this.options.readSource, this.sources);
      if (this.destroyed) return;
      this.waiting = undefined;
      const { texts, order, mirror, resolution } = readMatrixDoc(this.doc);
      const name = this.store.snapshot.matrix?.name ?? 'matrix';
      const bundle = await readMatrix(memoryReader(texts, this.rows.files, this.sources), name);
      for (const table of TABLE_NAMES) mirror.attachLater(order[table], (bundle.matrix[MATRIX_ARRAY[table]] ?? []) as readonly RowObject[]);
      this.mirror = mirror;
      this.indexSoon();
      this.hidden.clear();
      this.shifted.clear();
      this.hide(resolution);
      this.store.dispatch({ type: 'remote-change', matrix: bundle.matrix, sourceTexts: bundle.sourceTexts, ...(bundle.sourceMaps ? { sourceMaps: bundle.sourceMaps } : {}), ...(bundle.sourceFiles ? { sourceFiles: bundle.sourceFiles } : {}), entries: waiting.entries, ...(step ? { step } : {}) });
      if (this.options.resolveInDoc) this.writeResolution(resolution, []);
      this.setUnreadable(undefined);
      this.onMerge?.({ resolution, conflicts: [] });
    })()
      // Untrusted: a document that cannot be read (a block that is not one) leaves the store
      // as it is, and says why; the next change read again whole tries again.
      .catch((e: unknown) => {
        if (this.waiting === waiting) this.waiting = undefined;
        this.unmerged.push(...waiting.entries);
        this.setUnreadable((e as Error)?.message || String(e));
      })
      .finally(() => {
        this.rebuilding = undefined;
      });
  }

  private setUnreadable(reason: string | undefined): void {
    if (reason === this.unreadable) return;
    this.unreadable = reason;
    this.onUnreadable?.(reason);
  }

  private hide(resolution: Resolution): void {
    for (const d of resolution.dropped) {
      let set = this.hidden.get(d.table);
      if (!set) this.hidden.set(d.table, (set = new Set()));
      set.add(d.row.rowKey);
    }
    for (const m of resolution.moved) {
      let set = this.shifted.get(m.table);
      if (!set) this.shifted.set(m.table, (set = new Set()));
      set.add(m.row.rowKey);
    }
  }

  /** The document row with this full primary key (as the mirror of this side has it). */
  rowByKey(table: TableName, fullKey: string): MirrorRow | undefined {
    return this.mirror.tables[table].byKey(fullKey);
  }

  /** Merge now what came in and waits for a batch (see BindOptions.batch). */
  flushNow(): void {
    if (this.queued) this.flush(undefined);
  }

  /** Resolves once everything that came in is in the store (a waiting batch, a re-read of the whole matrix). */
  async settled(): Promise<void> {
    this.flushNow();
    while (this.rebuilding) await this.rebuilding;
  }

  /** Fields two analysts set at once in this transaction: the value kept and the one that lost. */
  private conflicts(fieldKeys: readonly { table: TableName; key: string }[], tr: Y.Transaction): Conflict[] {
    const out: Conflict[] = [];
    for (const { table, key } of fieldKeys) {
      const found = concurrentLosers(this.rows.fields(table), key, tr);
      if (!found) continue;
      const { rowKey, column } = splitFieldKey(key);
      const kept = itemValue(found.winner);
      for (const loser of found.losers) {
        const lost = itemValue(loser);
        if (kept === undefined || lost === undefined) continue;
        const value = (s: string) => s.slice(s.indexOf(SEP) + 1);
        if (value(kept) !== value(lost)) out.push({ table, rowKey, column, kept: value(kept), lost: value(lost) });
      }
    }
    return out;
  }

  /** Write what a merge resolved (and the fields set at once) into the document and its history (the server). */
  private writeResolution(resolution: Resolution, conflicts: readonly Conflict[]): void {
    if (resolution.dropped.length === 0 && resolution.moved.length === 0 && conflicts.length === 0) return;
    // A row in words: its identity, then its places named (`period 2, seq 3`).
    const words = (table: TableName, identity: readonly string[], positions: readonly string[] = []) =>
      `${table.replace(/s$/, '')} (${[...identity, ...positions.map((p, i) => `${LAYOUTS[table].positions[i]} ${p}`)].join(', ')})`;
    const ownerWords = (owner: Dropped['owner']) => {
      const layout = LAYOUTS[owner.table];
      return words(owner.table, layout.identity.map((c) => owner.key[layout.key.indexOf(c)]), layout.positions.map((c) => owner.key[layout.key.indexOf(c)]));
    };
    /** A cell's or citation's target, from a row's identity and places (period left out for 1, as edits name it). */
    const periodPart = (p: string | undefined) => (p && p !== '1' && /^\d+$/.test(p) ? { period: Number(p) } : {});
    const lines: string[] = [];
    const changes: Change[] = [];
    let entry: SharedEntry | undefined;
    this.doc.transact(() => {
      for (const d of resolution.dropped) {
        this.rows.removeRow(d.table, d.row.rowKey);
        lines.push(`${words(d.table, d.row.identity, d.row.positions)} removed: its ${ownerWords(d.owner)} was removed at the same time`);
      }
      for (const m of resolution.moved) {
        const header = docHeader(this.rows, m.table);
        const layout = LAYOUTS[m.table];
        layout.positions.forEach((c, i) => {
          if (m.from[i] !== m.to[i] && header.includes(c)) this.rows.setField(m.table, m.row.rowKey, m.row.rowId, c, m.to[i]);
        });
        const last = layout.positions.at(-1) ?? '';
        lines.push(`${words(m.table, m.row.identity, m.from)} was added twice at once: one is now ${last} ${m.to.at(-1)}`);
        const [dimension, jurisdiction] = m.row.identity;
        if (m.table === 'citations' && jurisdiction !== undefined) {
          changes.push({ target: { kind: 'citation', dimension, jurisdiction, seq: Number(m.to.at(-1)), ...periodPart(m.to[0]) }, field: 'seq', old: m.from.at(-1) ?? '', new: m.to.at(-1) ?? '' });
        } else if (m.table === 'cells' && jurisdiction !== undefined) {
          changes.push({ target: { kind: 'cell', dimension, jurisdiction, ...periodPart(m.to[0]) }, field: 'period', old: m.from[0] ?? '', new: m.to[0] ?? '' });
        }
      }
      for (const c of conflicts) {
        const row = this.mirror.tables[c.table].rows.get(c.rowKey);
        const identity = row?.identity ?? [];
        lines.push(`${words(c.table, identity, row?.positions)} ${c.column}: changed by two people at once; kept "${c.kept}", the other value was "${c.lost}"`);
        const [dimension, jurisdiction] = identity;
        if ((c.table === 'cells' || c.table === 'citations') && jurisdiction !== undefined) {
          const target = c.table === 'cells'
            ? { kind: 'cell' as const, dimension, jurisdiction, ...periodPart(row?.positions[0]) }
            : { kind: 'citation' as const, dimension, jurisdiction, seq: Number(row?.positions[1]), ...periodPart(row?.positions[0]) };
          changes.push({ target, field: c.column, old: c.lost, new: c.kept });
        }
      }
      entry = { at: Date.now(), action: 'merge', label: `Merged: ${lines.join('; ')}`, changes, by: this.options.user };
      this.rows.history.push([toStored(entry)]);
    }, this.origin);
    // The entry is this side's: the store gets it too.
    if (entry) this.store.dispatch({ type: 'remote-change', entries: [entry] });
  }
}

export { blocksName, fieldsName, rowsName };
