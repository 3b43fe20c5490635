/**
 * The application store: one immutable snapshot of the loaded matrix, its check and the
 * selection, replaced (never mutated) by every command. Plain TypeScript, no DOM, so it
 * runs and is tested in Node; elements get it through @lit/context (see context.ts).
 *
 * Every change goes through `dispatch(command)`. Commands are plain data and `apply` is a
 * pure function of (snapshot, command). Edits (`{ type: 'edit' }`) are planned into exact
 * patches (src/model/edit/); the snapshot keeps the undo and redo stacks and the change
 * history, so undo survives anything the elements do (sorting, re-rendering, moving the grid).
 * Only what an edit touched is re-checked (see recheck.ts); loading resets the history.
 */
import { checkMatrix, type MatrixCheck } from '../model/check/check.ts';
import { planEdit, type Change, type EditCommand, type EditContext, type EditPlan, type EditRefusal } from '../model/edit/commands.ts';
import type { HistoryEntry } from '../model/edit/history.ts';
import { indexMatrix, updateIndex, type MatrixIndex } from '../model/edit/matrix-index.ts';
import { applyPatch, isStructural, type MatrixPatch } from '../model/edit/patch.ts';
import { recheck } from '../model/edit/recheck.ts';
import { applyContentPatch, textsChangedBy, type SourceFile } from '../model/edit/source-content.ts';
import type { MatrixBundle } from '../model/format/read.ts';
import type { RowLocator } from '../model/format/table.ts';
import { locatorFor, type TextMap } from '../model/sources/text-map.ts';
import { asOfDay } from '../model/time/as-of.ts';
import { pairsOf, shownEntries, shownView, updateShown, type ShownView } from '../model/time/shown.ts';
import { cellKey, splitEntryKey, type Citation, type Matrix, type Problem } from '../model/types.ts';
import type { Dataset } from '../model/dataset/dataset.ts';

/** One undoable edit: its patch and the exact inverse. */
export interface UndoStep {
  readonly label: string;
  readonly changes: readonly Change[];
  readonly patch: MatrixPatch;
  readonly inverse: MatrixPatch;
  /** Load problems about the files of sources this edit gave new contents (no longer true after it; back with undo). */
  readonly stale?: readonly Problem[];
}

/** Edits since the matrix was loaded. */
export interface EditState {
  /** Undoable edits, oldest first (at most UNDO_LIMIT). */
  readonly undo: readonly UndoStep[];
  /** Undone edits that can be redone, the next one last. */
  readonly redo: readonly UndoStep[];
  /** Every edit, undo and redo, oldest first. */
  readonly history: readonly HistoryEntry[];
  /** Number of changes since the load (0 = the matrix as loaded or restored). */
  readonly version: number;
  /**
   * What the last change touched: the pairs' keys (`cellKey`: whichever period was edited),
   * the entries' keys (`entryKey`), and whether rows or columns changed.
   */
  readonly last?: { readonly keys: ReadonlySet<string>; readonly entries: ReadonlySet<string>; readonly structural: boolean };
}

/** How many edits can be undone. */
export const UNDO_LIMIT = 1000;

const NO_EDITS: EditState = Object.freeze({ undo: [], redo: [], history: [], version: 0 });

/** Where the store is in loading a matrix. */
export type LoadStatus = 'empty' | 'loading' | 'ready' | 'failed';

/** What the store holds. Frozen; a new object after every change. */
export interface Snapshot {
  readonly status: LoadStatus;
  /** What is being / was loaded (e.g. the matrix folder URL), for display. */
  readonly origin: string;
  readonly matrix: Matrix | undefined;
  /** Problems found while loading (file, line, column, message). */
  readonly problems: readonly Problem[];
  /** Citations anchored in their sources, cell statuses and coverage; undefined before a load. */
  readonly check: MatrixCheck | undefined;
  /** Plain text of each source, by source id. */
  readonly sourceTexts: ReadonlyMap<string, string>;
  /** The table of each dataset source, by source id (row citations and computed cells read them). */
  readonly datasets: ReadonlyMap<string, Dataset>;
  /** Each source's text map (pages with printed labels, headings), by source id: citations' locators come from it. */
  readonly sourceMaps: ReadonlyMap<string, TextMap>;
  /**
   * The sources' other files (originals, map files) by path relative to the
   * matrix folder, as loaded or added: an export and a draft keep them.
   */
  readonly sourceFiles: ReadonlyMap<string, SourceFile>;
  /** The selected cell's key (`cellKey(dimension, jurisdiction)`), if any. */
  readonly selection: string | undefined;
  /** Where each loaded row came from (file, line, column), so checks can point at it. */
  readonly locations: WeakMap<object, RowLocator>;
  /** Fast look-ups into the matrix (cell by entry key, periods, dimensions, scales), kept up to date by edits. */
  readonly index: MatrixIndex | undefined;
  /**
   * The matrix as the views show it: one entry per pair, as of `view.asOf` (undefined: the
   * latest period of each pair). Read cells, statuses and citations by pair key through it
   * (`view.cells`, `view.checks`, `view.citations`); `check` and `index` are by entry key.
   */
  readonly view: ShownView | undefined;
  /** Undo, redo and the change history. */
  readonly edits: EditState;
}

/**
 * Everything that can change the store. To add a command: add a member here and a case
 * in `apply` (the `never` check there makes the compiler ask for it).
 */
export type Command =
  | { readonly type: 'load-start'; readonly origin: string }
  /** `check`, `index`: the bundle's check and index when computed already (e.g. by a load in a worker); else the store computes them. */
  | { readonly type: 'load'; readonly bundle: MatrixBundle; readonly origin?: string; readonly history?: readonly HistoryEntry[]; readonly check?: MatrixCheck; readonly index?: MatrixIndex }
  | { readonly type: 'load-failed'; readonly problem: Problem; readonly origin?: string }
  | { readonly type: 'select'; readonly cell: string | undefined }
  /** Show the matrix as of a date (`YYYY[-MM[-DD]]`), or its latest periods (undefined). Not an edit: no undo, no history. */
  | { readonly type: 'set-as-of'; readonly asOf: string | undefined }
  /** Change the matrix; `at` (ms since the epoch) is when, for the history; `by`, who (a shared matrix). */
  | { readonly type: 'edit'; readonly edit: EditCommand; readonly at: number; readonly by?: string }
  | { readonly type: 'undo'; readonly at: number }
  | { readonly type: 'redo'; readonly at: number }
  /**
   * A change that did not start as an edit here: another analyst's, the folder on disk, or
   * one's own undo or redo made through a shared matrix (src/sync/). It is not put on the undo
   * stack; `step` moves the top of the undo (or redo) stack to the other one, for one's own
   * undo (redo). `patch` changes rows as an edit does; `matrix` replaces the whole matrix
   * (a change to its sources or title), with the sources' texts, maps and files when they changed.
   */
  | {
      readonly type: 'remote-change';
      readonly patch?: MatrixPatch;
      readonly matrix?: Matrix;
      readonly sourceTexts?: ReadonlyMap<string, string>;
      readonly sourceMaps?: ReadonlyMap<string, TextMap>;
      readonly sourceFiles?: ReadonlyMap<string, SourceFile>;
      readonly entries: readonly Omit<HistoryEntry, 'id'>[];
      readonly step?: 'undo' | 'redo';
    };

export type CommandType = Command['type'];

export type Listener = (snapshot: Snapshot, previous: Snapshot, command: Command) => void;

const EMPTY_TEXTS: ReadonlyMap<string, string> = new Map();
const NO_DATASETS: ReadonlyMap<string, Dataset> = new Map();
const EMPTY_MAPS: ReadonlyMap<string, TextMap> = new Map();
const EMPTY_FILES: ReadonlyMap<string, SourceFile> = new Map();

export const emptySnapshot: Snapshot = Object.freeze({
  status: 'empty',
  origin: '',
  matrix: undefined,
  problems: Object.freeze([]) as readonly Problem[],
  check: undefined,
  sourceTexts: EMPTY_TEXTS,
  datasets: NO_DATASETS,
  sourceMaps: EMPTY_MAPS,
  sourceFiles: EMPTY_FILES,
  selection: undefined,
  locations: new WeakMap<object, RowLocator>(),
  index: undefined,
  view: undefined,
  edits: NO_EDITS,
});

/** Whether `key` names a (dimension, jurisdiction) pair of the matrix. */
export function isCellOf(matrix: Matrix | undefined, key: string): boolean {
  if (!matrix) return false;
  const [dimension, jurisdiction] = key.split('\u0000');
  return (
    key === cellKey(dimension ?? '', jurisdiction ?? '') &&
    matrix.dimensions.some((d) => d.id === dimension) &&
    matrix.jurisdictions.some((j) => j.id === jurisdiction)
  );
}

const freeze = (s: Snapshot): Snapshot => Object.freeze(s);

/** Whether `key` names a cell of the snapshot's matrix (O(1) with the index). */
function isCellIn(snapshot: Pick<Snapshot, 'matrix' | 'index'>, key: string): boolean {
  const { index } = snapshot;
  if (!index) return isCellOf(snapshot.matrix, key);
  const [dimension, jurisdiction] = key.split('\u0000');
  return key === cellKey(dimension ?? '', jurisdiction ?? '') && index.dimensions.has(dimension) && index.jurisdictions.has(jurisdiction);
}

/** What planning an edit needs from a snapshot; undefined before a matrix is loaded. */
export function editContext(snapshot: Snapshot): EditContext | undefined {
  const { matrix, index, check, view, sourceMaps, sourceFiles } = snapshot;
  if (!matrix || !index || !check) return undefined;
  return {
    matrix,
    index,
    datasets: snapshot.datasets,
    citationsOf: (key: string): readonly Citation[] => (check.citations.get(key) ?? []).map((c) => c.citation),
    // An edit that names no period is of the entry the views show.
    shownPeriod: (dimension, jurisdiction) => {
      const key = view?.keyOf(cellKey(dimension, jurisdiction));
      return key === undefined ? undefined : splitEntryKey(key).period;
    },
    locatorOf: (source, range) => {
      const map = sourceMaps.get(source);
      return map ? locatorFor(map, range) : '';
    },
    sourcePathTaken: (path) => sourceFiles.has(path),
  };
}

/** Whether `asOf` is a date the views can be shown as of (or undefined: the latest). */
export const isAsOfDate = (asOf: string | undefined): boolean => asOf === undefined || asOfDay(asOf) !== undefined;

/** Whether a load problem is about the files of one of `sources` (unreadable, changed, a bad map). */
const aboutSources = (p: Problem, sources: ReadonlySet<string>) => p.target?.kind === 'source' && sources.has(p.target.id);

/** Plan an edit on a snapshot: the patch it makes, or why it is refused. */
export function planOn(snapshot: Snapshot, edit: EditCommand): EditPlan | EditRefusal {
  const ctx = editContext(snapshot);
  return ctx ? planEdit(ctx, edit) : { ok: false, message: 'no matrix is loaded' };
}

/**
 * The snapshot after `patch`; only what it touched is re-indexed and re-checked. `problems`:
 * the load problems after it (an edit that gives sources new contents drops those about their
 * old files; undo brings them back).
 */
function patched(
  snapshot: Snapshot,
  patch: MatrixPatch,
  edits: (inverse: MatrixPatch) => Omit<EditState, 'version' | 'last'>,
  problems: readonly Problem[] = snapshot.problems,
): Snapshot {
  const { matrix: before, index, check } = snapshot;
  if (!before || !index || !check) return snapshot;
  const { matrix, inverse: tableInverse } = applyPatch(before, patch);
  let content = { texts: snapshot.sourceTexts, maps: snapshot.sourceMaps, files: snapshot.sourceFiles };
  let inverse: MatrixPatch = tableInverse;
  if (patch.content) {
    const applied = applyContentPatch(content, patch.content);
    content = applied.content;
    inverse = { ...tableInverse, content: applied.inverse };
  }
  const nextIndex = updateIndex(index, patch, matrix);
  const changed = textsChangedBy(patch.content);
  const rechecked = recheck(check, patch, nextIndex, {
    sourceTexts: content.texts, locations: snapshot.locations, datasets: snapshot.datasets, computed: matrix.computed,
    ...(changed.size ? { textsChanged: { sources: changed, citations: matrix.citations } } : {}),
  });
  const pairs = pairsOf(rechecked.keys);
  const shown = snapshot.view ? updateShown(snapshot.view, nextIndex, pairs) : shownEntries(nextIndex);
  const next = { ...snapshot, matrix, index: nextIndex };
  return freeze({
    ...next,
    problems: problems === snapshot.problems ? problems : Object.freeze([...problems]),
    sourceTexts: content.texts,
    sourceMaps: content.maps,
    sourceFiles: content.files,
    check: rechecked.check,
    view: shownView(shown, nextIndex, rechecked.check),
    selection: snapshot.selection !== undefined && isCellIn(next, snapshot.selection) ? snapshot.selection : undefined,
    edits: Object.freeze({ ...edits(inverse), version: snapshot.edits.version + 1, last: { keys: pairs, entries: rechecked.keys, structural: isStructural(patch) } }),
  });
}

const nextId = (history: readonly HistoryEntry[]) => (history.length ? history[history.length - 1].id + 1 : 1);

const reversed = (changes: readonly Change[]): Change[] => changes.map((c) => ({ ...c, old: c.new, new: c.old }));

/** The undo and redo stacks after a remote change: one's own undo or redo moves a step across. */
function stacksAfter(edits: EditState, step: 'undo' | 'redo' | undefined): Pick<EditState, 'undo' | 'redo'> {
  const from = step === 'undo' ? edits.undo : step === 'redo' ? edits.redo : undefined;
  const top = from?.[from.length - 1];
  if (!top) return { undo: edits.undo, redo: edits.redo };
  return step === 'undo'
    ? { undo: edits.undo.slice(0, -1), redo: [...edits.redo, top] }
    : { undo: [...edits.undo, top], redo: edits.redo.slice(0, -1) };
}

function remoteChange(snapshot: Snapshot, command: Extract<Command, { type: 'remote-change' }>): Snapshot {
  const { edits } = snapshot;
  if (!snapshot.matrix) return snapshot;
  let id = nextId(edits.history);
  const history = command.entries.length ? [...edits.history, ...command.entries.map((e) => ({ ...e, id: id++ }))] : edits.history;
  const stacks = stacksAfter(edits, command.step);
  if (command.matrix) {
    const matrix = command.matrix;
    const sourceTexts = command.sourceTexts ?? snapshot.sourceTexts;
    const index = indexMatrix(matrix);
    const check = checkMatrix(matrix, sourceTexts, { locations: snapshot.locations });
    // Shown as of the date chosen here, as a load keeps it.
    const view = shownView(shownEntries(index, snapshot.view?.asOf), index, check);
    const sourceMaps = command.sourceMaps ?? snapshot.sourceMaps;
    const sourceFiles = command.sourceFiles ?? snapshot.sourceFiles;
    const next = { ...snapshot, matrix, index, sourceTexts, sourceMaps, sourceFiles, check, view };
    return freeze({
      ...next,
      selection: snapshot.selection !== undefined && isCellIn(next, snapshot.selection) ? snapshot.selection : undefined,
      edits: Object.freeze({ ...stacks, history, version: edits.version + 1, last: { keys: new Set<string>(), entries: new Set<string>(), structural: true } }),
    });
  }
  if (command.patch) return patched(snapshot, command.patch, () => ({ ...stacks, history }));
  if (history === edits.history && stacks.undo === edits.undo) return snapshot;
  return freeze({ ...snapshot, edits: Object.freeze({ ...edits, ...stacks, history }) });
}

/**
 * The next snapshot after `command`, or the same object when nothing changes.
 * Pure: does not touch its arguments.
 */
export function apply(snapshot: Snapshot, command: Command): Snapshot {
  switch (command.type) {
    case 'load-start':
      return freeze({ ...emptySnapshot, status: 'loading', origin: command.origin });
    case 'load': {
      const { matrix, problems, sourceTexts, locations } = command.bundle;
      const texts: ReadonlyMap<string, string> = new Map(sourceTexts);
      const datasets: ReadonlyMap<string, Dataset> = command.bundle.datasets ?? NO_DATASETS;
      const sourceMaps: ReadonlyMap<string, TextMap> = new Map(command.bundle.sourceMaps ?? []);
      const sourceFiles: ReadonlyMap<string, SourceFile> = new Map(command.bundle.sourceFiles ?? []);
      const check = command.check ?? checkMatrix(matrix, texts, { locations, pairs: command.bundle.pairs, datasets });
      // Keep the selection when the reloaded matrix still has that cell.
      const selection =
        snapshot.selection !== undefined && isCellOf(matrix, snapshot.selection) ? snapshot.selection : undefined;
      const index = command.index ?? indexMatrix(matrix);
      // A date chosen before is kept (the same matrix reloaded is shown as of the same date).
      const view = shownView(shownEntries(index, snapshot.view?.asOf), index, check);
      return freeze({
        status: 'ready',
        origin: command.origin ?? snapshot.origin,
        matrix,
        problems: Object.freeze([...problems]),
        check,
        sourceTexts: texts,
        datasets,
        sourceMaps,
        sourceFiles,
        selection,
        locations,
        index,
        view,
        edits: command.history?.length ? Object.freeze({ ...NO_EDITS, history: [...command.history] }) : NO_EDITS,
      });
    }
    case 'load-failed':
      return freeze({
        ...emptySnapshot,
        status: 'failed',
        origin: command.origin ?? snapshot.origin,
        problems: Object.freeze([command.problem]),
      });
    case 'select': {
      const cell = command.cell !== undefined && isCellOf(snapshot.matrix, command.cell) ? command.cell : undefined;
      return cell === snapshot.selection ? snapshot : freeze({ ...snapshot, selection: cell });
    }
    case 'set-as-of': {
      const asOf = command.asOf === undefined || command.asOf.trim() === '' ? undefined : command.asOf.trim();
      const { index, check } = snapshot;
      if (!index || !check || !isAsOfDate(asOf) || asOf === snapshot.view?.asOf) return snapshot;
      return freeze({ ...snapshot, view: shownView(shownEntries(index, asOf), index, check) });
    }
    case 'edit': {
      const plan = planOn(snapshot, command.edit);
      if (!plan.ok) return snapshot;
      const { edits } = snapshot;
      // Sources given new contents: what the load said about their files no longer holds.
      const renewed = textsChangedBy(plan.patch.content);
      const stale = renewed.size ? snapshot.problems.filter((p) => aboutSources(p, renewed)) : [];
      const problems = stale.length ? snapshot.problems.filter((p) => !stale.includes(p)) : snapshot.problems;
      return patched(snapshot, plan.patch, (inverse) => ({
        undo: [...edits.undo.slice(-(UNDO_LIMIT - 1)), { label: plan.label, changes: plan.changes, patch: plan.patch, inverse, ...(stale.length ? { stale } : {}) }],
        redo: [],
        history: [...edits.history, { id: nextId(edits.history), at: command.at, action: 'edit', label: plan.label, changes: plan.changes, ...(command.by !== undefined ? { by: command.by } : {}) }],
      }), problems);
    }
    case 'undo': {
      const { edits } = snapshot;
      const step = edits.undo[edits.undo.length - 1];
      if (!step || !snapshot.matrix) return snapshot;
      return patched(snapshot, step.inverse, () => ({
        undo: edits.undo.slice(0, -1),
        redo: [...edits.redo, step],
        history: [...edits.history, { id: nextId(edits.history), at: command.at, action: 'undo', label: `Undo: ${step.label}`, changes: reversed(step.changes) }],
      }), step.stale?.length ? [...snapshot.problems, ...step.stale] : snapshot.problems);
    }
    case 'redo': {
      const { edits } = snapshot;
      const step = edits.redo[edits.redo.length - 1];
      if (!step || !snapshot.matrix) return snapshot;
      return patched(snapshot, step.patch, () => ({
        undo: [...edits.undo, step],
        redo: edits.redo.slice(0, -1),
        history: [...edits.history, { id: nextId(edits.history), at: command.at, action: 'redo', label: `Redo: ${step.label}`, changes: step.changes }],
      }), step.stale?.length ? snapshot.problems.filter((p) => !step.stale!.includes(p)) : snapshot.problems);
    }
    case 'remote-change':
      return remoteChange(snapshot, command);
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** Undo and redo made elsewhere than in the store (a shared matrix's own undo manager). */
export interface UndoHandler {
  undo(at: number): boolean;
  redo(at: number): boolean;
}

/** The one store of an application (or of a standalone `<policy-matrix>`). */
export class MatrixStore {
  private current: Snapshot;
  private readonly listeners = new Set<Listener>();
  private undoHandler: UndoHandler | undefined;
  /** Who edits here, when the matrix is shared: named in the history of each edit. */
  user: string | undefined;

  constructor(initial: Snapshot = emptySnapshot) {
    this.current = initial;
  }

  /** The current snapshot (immutable; compare by identity to detect changes). */
  get snapshot(): Snapshot {
    return this.current;
  }

  /**
   * Call `listener` after every change (not for commands that change nothing).
   * Returns a function that unsubscribes.
   */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Apply a command; listeners are told when the snapshot changed. */
  dispatch(command: Command): void {
    const previous = this.current;
    const next = apply(previous, command);
    if (next === previous) return;
    this.current = next;
    for (const listener of [...this.listeners]) {
      try {
        listener(next, previous, command);
      } catch (error) {
        // One faulty subscriber must not keep the others stale.
        console.error('policy-matrix store listener failed', error);
      }
    }
  }

  /** Start loading (clears the previous matrix). */
  loading(origin: string): void {
    this.dispatch({ type: 'load-start', origin });
  }

  /**
   * Replace the matrix by a freshly read bundle; its check and index are computed here unless
   * given in `precomputed` (they must be those of this bundle, as `loadMatrixInWorker` gives them).
   */
  load(bundle: MatrixBundle, origin?: string, history?: readonly HistoryEntry[], precomputed: { check?: MatrixCheck; index?: MatrixIndex } = {}): void {
    const { check, index } = precomputed;
    this.dispatch({ type: 'load', bundle, origin, ...(history ? { history } : {}), ...(check ? { check } : {}), ...(index ? { index } : {}) });
  }

  /** Record that a matrix could not be read at all. */
  fail(problem: Problem, origin?: string): void {
    this.dispatch({ type: 'load-failed', problem, origin });
  }

  /** Select a cell by key, or clear the selection with undefined. Unknown keys clear it. */
  select(cell: string | undefined): void {
    this.dispatch({ type: 'select', cell });
  }

  /**
   * Show the matrix as of a date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), or its latest periods
   * (undefined or ''). Refused, with a message, when the date is not one of the format.
   */
  setAsOf(asOf: string | undefined): { ok: true } | { ok: false; message: string } {
    const date = asOf?.trim() || undefined;
    if (!isAsOfDate(date)) return { ok: false, message: `"${asOf}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)` };
    if (!this.current.matrix) return { ok: false, message: 'no matrix is loaded' };
    this.dispatch({ type: 'set-as-of', asOf: date });
    return { ok: true };
  }

  /**
   * Edit the matrix. Resolves what happened: `{ ok: true }`, or `{ ok: false, message }` when
   * the edit is refused (invalid input: nothing is stored) or changes nothing (`noop`).
   */
  edit(edit: EditCommand, at: number = Date.now()): { ok: true } | EditRefusal {
    const before = this.current;
    this.dispatch({ type: 'edit', edit, at, ...(this.user !== undefined ? { by: this.user } : {}) });
    if (this.current !== before) return { ok: true };
    const plan = planOn(before, edit);
    return plan.ok ? { ok: false, message: 'the edit could not be applied' } : plan;
  }

  /**
   * While a handler is set (a matrix shared with others), `undo` and `redo` go through it: it
   * undoes one's own last edit only, and tells the store with a `remote-change` (src/sync/).
   */
  setUndoHandler(handler: UndoHandler | undefined): void {
    this.undoHandler = handler;
  }

  /** Undo the last edit; false when there is none. */
  undo(at: number = Date.now()): boolean {
    if (this.undoHandler) return this.undoHandler.undo(at);
    const before = this.current;
    this.dispatch({ type: 'undo', at });
    return this.current !== before;
  }

  /** Redo the last undone edit; false when there is none. */
  redo(at: number = Date.now()): boolean {
    if (this.undoHandler) return this.undoHandler.redo(at);
    const before = this.current;
    this.dispatch({ type: 'redo', at });
    return this.current !== before;
  }

  get canUndo(): boolean {
    return this.current.edits.undo.length > 0;
  }

  get canRedo(): boolean {
    return this.current.edits.redo.length > 0;
  }
}
