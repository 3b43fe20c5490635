/**
 * The application store: one immutable snapshot of the loaded matrix, its check and the
 * selection, replaced (never mutated) by every command. Plain TypeScript, no DOM, so it
 * runs and is tested in Node; elements get it through @lit/context (see context.ts).
 *
 * Every change goes through `dispatch(command)`. Commands are plain data and `apply` is a
 * pure function of (snapshot, command), so undo/redo, autosave and history can later be
 * added around `dispatch` without touching the elements.
 */
import { checkMatrix, type MatrixCheck } from '../model/check.ts';
import type { MatrixBundle } from '../model/read.ts';
import type { RowLocator } from '../model/table.ts';
import { cellKey, type Matrix, type Problem } from '../model/types.ts';

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
  /** The selected cell's key (`cellKey(dimension, jurisdiction)`), if any. */
  readonly selection: string | undefined;
  /** Where each loaded row came from (file, line, column), so checks can point at it. */
  readonly locations: WeakMap<object, RowLocator>;
}

/**
 * Everything that can change the store. To add a command: add a member here and a case
 * in `apply` (the `never` check there makes the compiler ask for it).
 */
export type Command =
  | { readonly type: 'load-start'; readonly origin: string }
  | { readonly type: 'load'; readonly bundle: MatrixBundle; readonly origin?: string }
  | { readonly type: 'load-failed'; readonly problem: Problem; readonly origin?: string }
  | { readonly type: 'select'; readonly cell: string | undefined };

export type CommandType = Command['type'];

export type Listener = (snapshot: Snapshot, previous: Snapshot, command: Command) => void;

const EMPTY_TEXTS: ReadonlyMap<string, string> = new Map();

export const emptySnapshot: Snapshot = Object.freeze({
  status: 'empty',
  origin: '',
  matrix: undefined,
  problems: Object.freeze([]) as readonly Problem[],
  check: undefined,
  sourceTexts: EMPTY_TEXTS,
  selection: undefined,
  locations: new WeakMap<object, RowLocator>(),
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
      const check = checkMatrix(matrix, texts, { locations });
      // Keep the selection when the reloaded matrix still has that cell.
      const selection =
        snapshot.selection !== undefined && isCellOf(matrix, snapshot.selection) ? snapshot.selection : undefined;
      return freeze({
        status: 'ready',
        origin: command.origin ?? snapshot.origin,
        matrix,
        problems: Object.freeze([...problems]),
        check,
        sourceTexts: texts,
        selection,
        locations,
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
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

/** The one store of an application (or of a standalone `<policy-matrix>`). */
export class MatrixStore {
  private current: Snapshot;
  private readonly listeners = new Set<Listener>();

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

  /** Replace the matrix by a freshly read bundle; the check is computed here. */
  load(bundle: MatrixBundle, origin?: string): void {
    this.dispatch({ type: 'load', bundle, origin });
  }

  /** Record that a matrix could not be read at all. */
  fail(problem: Problem, origin?: string): void {
    this.dispatch({ type: 'load-failed', problem, origin });
  }

  /** Select a cell by key, or clear the selection with undefined. Unknown keys clear it. */
  select(cell: string | undefined): void {
    this.dispatch({ type: 'select', cell });
  }
}
