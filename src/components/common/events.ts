/**
 * The events a host page listens to, the same from every element: a cell was selected, cells
 * were changed, a cell's evidence was opened. Select and change events are made in one place,
 * `PolicyEventsController`, from the store's transitions (snapshot, previous, command), so
 * every element that owns a store reports them alike, whatever the user did (click, keys, a
 * form in the citation panel, undo). All bubble and are composed, so a listener on `document`
 * hears them from inside any shadow root.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Change } from '../../model/edit/commands.ts';
import type { CellCheck, CellStatus, CitationStatus } from '../../model/types.ts';
import type { Command, MatrixStore, Snapshot } from '../../state/store.ts';
import { cellViewOf } from '../policy-matrix/rows.ts';

/** A cell of the matrix, as events describe it. */
export interface PolicyCellInfo {
  /** The store's key of the cell (`dimension + "\u0000" + jurisdiction`). */
  key: string;
  dimension: string;
  jurisdiction: string;
  dimensionLabel: string;
  jurisdictionLabel: string;
  /** The value as written in cells.csv ('' when none). */
  value: string;
  /** The level id, for ordinal dimensions ('' when none). */
  level: string;
  /** The status written in cells.csv (undefined when the file has no row for the cell). */
  status: CellStatus | undefined;
  /** The status after checking the citations (`flagged` when a value has no citation found). */
  check: CellCheck | undefined;
  /** Number of citations of the cell. */
  citations: number;
}

/** `policy-cell-select`: the selected cell changed (click, arrow keys, a comparison cell, the API). */
export interface PolicyCellSelectDetail {
  /** The cell now selected; undefined when the selection was cleared. */
  cell: PolicyCellInfo | undefined;
  /** The cell selected before, if any. */
  previous: PolicyCellInfo | undefined;
}

/** `policy-cell-change`: the matrix was edited (an edit, an undo or a redo). */
export interface PolicyCellChangeDetail {
  action: 'edit' | 'undo' | 'redo';
  /** What was done, in words (e.g. "Edit Detention — Canada"). */
  label: string;
  /** Every field changed: old → new. */
  changes: readonly Change[];
  /** The cells whose value, level, status, note or citations changed (or were re-checked). */
  cells: { key: string; dimension: string; jurisdiction: string }[];
  /** Rows or columns were added, removed, renamed or moved. */
  structural: boolean;
  /** Changes since the matrix was loaded (as the store counts them). */
  version: number;
}

/** One citation of a cell, as `policy-citation-open` gives it. */
export interface PolicyCitationInfo {
  seq: number;
  source: string;
  sourceTitle: string;
  quote: string;
  locator: string;
  /** found (one place in the source), ambiguous (several), orphaned (none) or unchecked (the source's text is not loaded). */
  status: CitationStatus;
  /** Character range of the quote in the source text, when found. */
  range: { start: number; end: number } | undefined;
}

/** `policy-citation-open`: the user asked for a cell's evidence (cancelable: the element then does not show it). */
export interface PolicyCitationOpenDetail {
  cell: PolicyCellInfo;
  citations: PolicyCitationInfo[];
  /** How it was asked for. */
  trigger: 'keyboard' | 'pointer';
}

declare global {
  interface HTMLElementEventMap {
    'policy-cell-select': CustomEvent<PolicyCellSelectDetail>;
    'policy-cell-change': CustomEvent<PolicyCellChangeDetail>;
    'policy-citation-open': CustomEvent<PolicyCitationOpenDetail>;
  }
  interface GlobalEventHandlersEventMap {
    'policy-cell-select': CustomEvent<PolicyCellSelectDetail>;
    'policy-cell-change': CustomEvent<PolicyCellChangeDetail>;
    'policy-citation-open': CustomEvent<PolicyCitationOpenDetail>;
  }
}

const splitKey = (key: string) => {
  const [dimension = '', jurisdiction = ''] = key.split('\u0000');
  return { key, dimension, jurisdiction };
};

/** A cell of a snapshot as events describe it (undefined for no key, or a key not in the matrix). */
export function cellInfo(snapshot: Snapshot, key: string | undefined): PolicyCellInfo | undefined {
  if (key === undefined) return undefined;
  const view = cellViewOf(snapshot, key);
  if (!view) return undefined;
  return {
    ...splitKey(key),
    dimensionLabel: view.dimension.label || view.dimension.id,
    jurisdictionLabel: view.jurisdiction.label || view.jurisdiction.id,
    value: view.cell?.value ?? '',
    level: view.cell?.level ?? '',
    status: view.cell?.status,
    check: view.check,
    citations: view.citations,
  };
}

/** The citations of a cell with their check status. */
export function citationInfo(snapshot: Snapshot, key: string): PolicyCitationInfo[] {
  const sources = snapshot.matrix?.sources ?? [];
  return ((snapshot.view?.citations ?? snapshot.check?.citations)?.get(key) ?? []).map(({ citation, anchor }) => ({
    seq: citation.seq,
    source: citation.source,
    sourceTitle: sources.find((s) => s.id === citation.source)?.title ?? '',
    quote: citation.quote,
    locator: citation.locator,
    status: anchor.status,
    range: anchor.range ? { start: anchor.range.start, end: anchor.range.end } : undefined,
  }));
}

const EDITS = new Set<Command['type']>(['edit', 'undo', 'redo']);

/**
 * Emits `policy-cell-select` and `policy-cell-change` from the host for every transition of
 * its store, while `owns()` says the host owns that store (an element that only shows a store
 * provided by an ancestor stays quiet: the ancestor reports). Events are dispatched in a
 * microtask, after the store has told all its listeners, so a page's handler may use the
 * store again. `citationOpen` emits `policy-citation-open` at once (it is cancelable).
 */
export class PolicyEventsController implements ReactiveController {
  private subscribed: MatrixStore | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly storeOf: () => MatrixStore | undefined,
    private readonly owns: () => boolean = () => true,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.follow();
  }

  /** The host's store may have been replaced: follow it. */
  hostUpdate(): void {
    if (this.host.isConnected) this.follow();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.subscribed = undefined;
  }

  private follow(): void {
    const store = this.storeOf();
    if (store === this.subscribed) return;
    this.unsubscribe?.();
    this.subscribed = store;
    this.unsubscribe = store?.subscribe((snapshot, previous, command) => this.changed(snapshot, previous, command));
  }

  private changed(snapshot: Snapshot, previous: Snapshot, command: Command): void {
    if (!this.owns()) return;
    const events: CustomEvent[] = [];
    if (EDITS.has(command.type) && snapshot.edits !== previous.edits) {
      const last = snapshot.edits.history[snapshot.edits.history.length - 1];
      events.push(
        new CustomEvent<PolicyCellChangeDetail>('policy-cell-change', {
          detail: {
            action: command.type as PolicyCellChangeDetail['action'],
            label: last?.label ?? '',
            changes: last?.changes ?? [],
            cells: [...(snapshot.edits.last?.keys ?? [])].map(splitKey),
            structural: snapshot.edits.last?.structural ?? false,
            version: snapshot.edits.version,
          },
          bubbles: true,
          composed: true,
        }),
      );
    }
    if (snapshot.selection !== previous.selection) {
      events.push(
        new CustomEvent<PolicyCellSelectDetail>('policy-cell-select', {
          detail: { cell: cellInfo(snapshot, snapshot.selection), previous: cellInfo(previous, previous.selection) },
          bubbles: true,
          composed: true,
        }),
      );
    }
    if (events.length) queueMicrotask(() => events.forEach((e) => this.host.dispatchEvent(e)));
  }

  /**
   * Tell the page that the user asked for the evidence of `key`. Returns false when a
   * listener cancelled the event (the element then does not show the evidence itself).
   */
  citationOpen(snapshot: Snapshot, key: string, trigger: PolicyCitationOpenDetail['trigger']): boolean {
    const cell = cellInfo(snapshot, key);
    if (!cell) return true;
    return this.host.dispatchEvent(
      new CustomEvent<PolicyCitationOpenDetail>('policy-citation-open', {
        detail: { cell, citations: citationInfo(snapshot, key), trigger },
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
  }
}
