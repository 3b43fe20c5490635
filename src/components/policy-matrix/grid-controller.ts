/**
 * The AG Grid of `<policy-matrix>`: created once the element has rendered its `.grid`
 * container into its shadow root and a matrix is there (then AG Grid puts its theme's styles
 * into that shadow root), kept in step with the store (an edit updates only its rows), and
 * destroyed when the element leaves the page (created again if it comes back).
 *
 * AG Grid's code is imported dynamically (ag-grid.ts) when the first matrix element connects,
 * in parallel with its matrix load; until it is in, the grid waits for it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  CellClassParams, CellFocusedEvent, ColDef, GridApi, GridOptions, ICellRendererParams, IRowNode, SuppressKeyboardEventParams,
} from 'ag-grid-community';
import type { CellFields } from '../../model/edit/commands.ts';
import { planOn, type MatrixStore, type Snapshot } from '../../state/store.ts';
import { isolateGridVariables, scrollbarWidthIn } from '../common/grid-isolation.ts';
import { GridStyles } from '../common/grid-styles.ts';
import { isUnusable } from '../common/load-message.ts';
import { editKeyOf } from '../common/edit-keys.ts';
import { PolicyCellEditor, editedFields, notInSourceGivenValue, type CellEditorParams } from './cell-editor.ts';
import { cellElement, dimensionElement, withPresence } from './cell-elements.ts';
import { orderedJurisdictions, type CellView, type MatrixRow } from './rows.ts';
import { lazyMatrixRow, lazyMatrixRows } from './lazy-rows.ts';
import { AFTER_PAINT, SetUpSteps } from './set-up-steps.ts';

/** More jurisdictions than this: fixed-width, fixed-height cells (see `columnDefs`). */
export const WIDE_MATRIX = 12;
/** Row height (px) of such wide matrices: two lines of text in each cell. */
const WIDE_ROW_HEIGHT = 52;
/** Width (px) of a jurisdiction column of a wide matrix, and of the pinned dimension column. */
const WIDE_COLUMN_WIDTH = 150;
const DIMENSION_WIDTH = 230;

/** Column id of the pinned dimension column (jurisdiction columns use the jurisdiction id). */
export const DIMENSION_COLUMN = '__dimension';

type AgGrid = typeof import('./ag-grid.ts');

/** AG Grid's code once imported (shared by every matrix element of the page). */
let agGrid: AgGrid | undefined;
let agGridImport: Promise<AgGrid> | undefined;

function importAgGrid(): Promise<AgGrid> {
  agGridImport ??= import('./ag-grid.ts').then(
    (module) => (agGrid = module),
    (error: unknown) => {
      // Tried again by the next element that needs it (e.g. after a network failure).
      agGridImport = undefined;
      throw error;
    },
  );
  return agGridImport;
}

/** What the controller needs of its element. */
export interface MatrixGridHost extends ReactiveControllerHost, HTMLElement {
  readonly store: MatrixStore;
  /** Nothing may be edited (read-only, a live embed, a reader's token). */
  readonly viewOnly: boolean;
  readonly jurisdictions: string;
  readonly dimensions: string;
  readonly label: string;
  readonly renderRoot: HTMLElement | DocumentFragment;
  readonly hasUpdated: boolean;
}

export class MatrixGridController implements ReactiveController {
  private api: GridApi<MatrixRow> | undefined;
  /** The grid's theme CSS as adopted stylesheets (no <style> element: see grid-styles.ts). */
  private gridStyles: GridStyles | undefined;
  /** The snapshot whose rows the grid shows. */
  private rowsShown: Snapshot | undefined;
  /** The (matrix, attributes) the last unknown-id warning was about. */
  private warned = '';
  /** Others on a live matrix, by the cell each has selected (presence). */
  private presence = new Map<string, { name: string; colour: string }[]>();
  /** Why AG Grid's code could not be loaded, if it could not. */
  loadError: string | undefined;
  /** A wide grid's set-up still under way (see `create`). */
  private setUp: SetUpSteps | undefined;

  /**
   * @param onEdit called after each edit the grid asked for, with the store's refusal in
   *   words ('' when it was stored), or what the edit made of a cell marked not in source
   *   and, when it is flagged until cited, the cell to offer to cite.
   * @param onCite called to cite a cell from its source (the editor's "Save and cite from source…").
   */
  constructor(
    private readonly host: MatrixGridHost,
    private readonly onEdit: (message: string, cite?: string) => void,
    private readonly onCite: (cell: string) => void = () => {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Fetch AG Grid while the matrix loads (a no-op once it is in).
    if (!agGrid) importAgGrid().catch(() => {});
    // Re-attached after a disconnect: firstUpdated will not run again.
    if (this.host.hasUpdated && !this.api) this.create();
  }

  hostDisconnected(): void {
    this.cancelSetUp();
    this.api?.destroy();
    this.api = undefined;
    this.gridStyles?.disconnect();
    this.gridStyles = undefined;
    this.rowsShown = undefined;
  }

  private get grid(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.grid');
  }

  /** Whether a cell is being edited in the grid (its editor's keys then apply). */
  get editing(): boolean {
    return !!this.api?.getEditingCells().length;
  }

  /** Whether `node` is in the grid. */
  contains(node: Node): boolean {
    return !!this.grid?.contains(node);
  }

  /** `read-only` was set: an edit under way is cancelled. */
  readOnlyChanged(): void {
    if (this.host.viewOnly) this.api?.stopEditing(true);
  }

  /** `jurisdictions` or `dimensions` changed: show the columns and rows they ask for. */
  filtersChanged(): void {
    if (this.rowsShown) this.showRows(this.host.store.snapshot);
  }

  /**
   * Scroll to a cell, a dimension's row or a jurisdiction's column and focus it (focusing a
   * cell selects it). Returns false when the grid has no such row or column.
   */
  reveal(target: { dimension?: string; jurisdiction?: string }): boolean {
    this.finishSetUp();
    const api = this.api;
    const matrix = this.host.store.snapshot.matrix;
    if (!api || !matrix) return false;
    let rowIndex = -1;
    if (target.dimension !== undefined) {
      api.forEachNode((node) => {
        if (rowIndex < 0 && node.data?.dimension.id === target.dimension && node.rowIndex !== null) rowIndex = node.rowIndex;
      });
    }
    const column = target.jurisdiction !== undefined && matrix.jurisdictions.some((j) => j.id === target.jurisdiction) ? target.jurisdiction : undefined;
    if (rowIndex >= 0) api.ensureIndexVisible(rowIndex, 'middle');
    if (column) api.ensureColumnVisible(column, 'middle');
    if (rowIndex >= 0) api.setFocusedCell(rowIndex, column ?? DIMENSION_COLUMN);
    else if (column) api.setFocusedHeader(column);
    return rowIndex >= 0 || column !== undefined;
  }

  /**
   * Create the grid, if there is none yet, once the element has rendered and a matrix is
   * there, with its columns and rows: creating it empty and then giving it a matrix lays it
   * out twice (a third of a wide grid's first render). Waits for AG Grid's code if needed.
   *
   * A wide grid (more than WIDE_MATRIX jurisdictions) is set up in four tasks, so that no
   * task of the page lasts long (AG Grid's `createGrid` with 200 columns and the rows in view
   * took 100–280 ms in one): the grid with the columns in view and no rows, then the rows in
   * view, then the others (AG Grid renders a few more below the view), then the rest of the
   * columns (outside the view, so nothing shown is laid out again); those two after the rows
   * in view are painted.
   * The first task comes after the one that loaded the matrix (which has its own work). Each
   * task reads the store as it then is; whatever needs the whole grid sooner (an edit, a
   * cell revealed) finishes the set-up at once.
   */
  create(): void {
    const snapshot = this.host.store.snapshot;
    const grid = this.grid;
    if (this.api || this.setUp || !snapshot.matrix || !this.host.hasUpdated || !this.host.isConnected || !grid) return;
    if (!agGrid) {
      importAgGrid().then(
        () => this.create(),
        (error: unknown) => {
          this.loadError = error instanceof Error ? error.message : String(error);
          this.host.requestUpdate();
        },
      );
      return;
    }
    this.loadError = undefined;
    if (this.shownJurisdictions(snapshot.matrix).length <= WIDE_MATRIX) {
      this.createGrid(grid, this.gridData(snapshot, grid));
      return;
    }
    let data: GridData | undefined;
    let rowsInView = 0;
    this.setUp = new SetUpSteps(
      [
        () => {
          const grid = this.grid;
          const snapshot = this.host.store.snapshot;
          if (!grid || !snapshot.matrix || !this.host.isConnected) return this.cancelSetUp();
          data = this.gridData(snapshot, grid);
          const inView = columnsInView(grid.clientWidth);
          rowsInView = grid.clientHeight > 0 ? Math.ceil(grid.clientHeight / WIDE_ROW_HEIGHT) : Infinity;
          this.createGrid(grid, { ...data, columnDefs: data.columnDefs.slice(0, inView), rowData: [] });
          if (data.columnDefs.length <= inView) data.columnDefs = [];
        },
        // The rows in view, painted; then all (AG Grid keeps the rows it has: getRowId).
        () => data && this.api?.setGridOption('rowData', data.rowData.slice(0, rowsInView)),
        AFTER_PAINT,
        () => data && data.rowData.length > rowsInView && this.api?.setGridOption('rowData', data.rowData),
        () => data?.columnDefs.length && this.api?.setGridOption('columnDefs', data.columnDefs),
      ],
      () => (this.setUp = undefined),
    );
  }

  /** Run what is left of a wide grid's set-up now. */
  private finishSetUp(): void {
    this.setUp?.finish();
  }

  private cancelSetUp(): void {
    this.setUp?.cancel();
    this.setUp = undefined;
  }

  private createGrid(grid: HTMLElement, data: GridData): void {
    const root = this.host.renderRoot as ShadowRoot;
    const options: GridOptions<MatrixRow> = {
      theme: agGrid!.gridTheme,
      ...data,
      defaultColDef: {
        sortable: false,
        resizable: true,
        suppressMovable: true,
        suppressHeaderMenuButton: true,
        cellDataType: false,
      },
      ensureDomOrder: true,
      suppressNoRowsOverlay: true,
      // Rows are dimensions: updating one row after an edit keeps the others (and the focus).
      getRowId: (p) => p.data.dimension.id,
      // The store is the one source of truth: the grid asks, the store decides. The grid asks
      // through the columns' valueSetter, which AG Grid calls as the edit ends (its
      // cellEditRequest event comes a task later, after a frame: 15–30 ms slower). The
      // valueSetter never writes the row; the store's change updates it.
      invalidEditValueMode: 'block',
      stopEditingWhenCellsLoseFocus: true,
      // The grid is one Tab stop (the ARIA grid pattern): arrow keys move between its cells,
      // Tab goes on to the controls after it instead of through every cell. While a cell is
      // edited, Tab keeps AG Grid's behaviour (the editor's own fields, then the next cell).
      tabToNextCell: (p) => (p.editing ? p.nextCellPosition ?? false : false),
      tabToNextHeader: () => false,
      onCellFocused: (event) => this.cellFocused(event),
      // Measured here, not by AG Grid in the page's body (where the page's styles apply).
      scrollbarWidth: scrollbarWidthIn(root),
      // A strict Content Security Policy refuses the theme's <style> elements: see grid-styles.ts.
      themeStyleContainer: (this.gridStyles ??= new GridStyles(root)).container,
    };
    // The host page's --ag-* properties must not restyle this grid: shut out before the grid is
    // created (it measures its row height then), with the names the theme's CSS gives (set
    // after it, they make the browser style the whole grid again).
    isolateGridVariables(root, '.grid', agGrid!.themeParamsCss());
    this.api = agGrid!.createGrid(grid, options, { modules: agGrid!.gridModules });
    this.gridStyles!.sync();
    isolateGridVariables(root, '.grid');
    // Created after the element's last update (AG Grid's code came later): name it now.
    this.label();
  }

  /** Give the grid its accessible name (the `label` attribute, else the matrix title). */
  label(): void {
    const grid = this.grid?.querySelector('[role="grid"], [role="treegrid"]');
    const name = this.host.label || this.host.store.snapshot.matrix?.title;
    if (grid && name) grid.setAttribute('aria-label', name);
  }

  /** The store changed: update the rows an edit touched, or show the new matrix. */
  storeChanged(snapshot: Snapshot, previous: Snapshot): void {
    if (!this.api) {
      if (snapshot.matrix && this.host.hasUpdated && this.host.isConnected) this.create();
      return;
    }
    const shown = this.rowsShown;
    const last = snapshot.edits.last;
    const edit = !!shown && !!last && !last.structural && !!shown.matrix && !!snapshot.matrix &&
      snapshot.edits.version === shown.edits.version + 1 && shown.matrix.dimensions === snapshot.matrix.dimensions;
    const showAll = !edit && (!shown || snapshot.matrix !== shown.matrix || snapshot.check !== shown.check || snapshot.view !== shown.view);
    // An edit or a selection needs the grid's rows in place (the edit then updates its rows);
    // a new matrix replaces them all.
    if (!showAll) this.finishSetUp();
    if (edit) {
      // An edit of some cells: update only their rows (O(rows edited), not O(matrix)).
      this.rowsShown = snapshot;
      const dimensions = new Set([...last.keys].map((k) => k.split('\u0000')[0]));
      for (const id of dimensions) {
        const row = lazyMatrixRow(snapshot, id);
        const node = this.api.getRowNode(id);
        if (row && node) node.setData(row);
      }
      if (snapshot.selection !== previous.selection) this.refreshSelection([previous.selection, snapshot.selection]);
    } else if (showAll) {
      this.showRows(snapshot);
    } else if (snapshot.selection !== previous.selection) {
      this.refreshSelection([previous.selection, snapshot.selection]);
    }
  }

  /** The jurisdictions shown as columns (all, or those of the `jurisdictions` attribute), in order. */
  private shownJurisdictions(matrix: NonNullable<Snapshot['matrix']>) {
    const shown = idFilter(this.host.jurisdictions);
    return orderedJurisdictions(matrix).filter((j) => !shown || shown.has(j.id));
  }

  private columnDefs(snapshot: Snapshot): ColDef<MatrixRow>[] {
    const matrix = snapshot.matrix;
    if (!matrix) return [];
    const jurisdictions = this.shownJurisdictions(matrix);
    // Many jurisdictions: fixed widths and row heights (WIDE_ROW_HEIGHT: one line each of
    // label and theme, of value and level). AG Grid renders every auto-height column,
    // measures each auto-height cell and re-measures flex columns: with 200 columns that made
    // the first render take seconds. Fixed columns are rendered only when scrolled into view.
    const wide = jurisdictions.length > WIDE_MATRIX;
    const dimensionColumn: ColDef<MatrixRow> = {
      colId: DIMENSION_COLUMN,
      headerName: 'Dimension',
      pinned: 'left',
      lockPinned: true,
      width: DIMENSION_WIDTH,
      minWidth: 160,
      ...(wide ? {} : { autoHeight: true }),
      valueGetter: (p) => p.data?.dimension.label,
      cellRenderer: (p: ICellRendererParams<MatrixRow>) =>
        p.data ? dimensionElement(p.data.dimension, 'pm-renderer') : '',
      cellClass: wide ? ['pm-dimension', 'pm-one-line'] : 'pm-dimension',
    };
    const jurisdictionColumns = jurisdictions.map(
      (j): ColDef<MatrixRow, CellView> => ({
        colId: j.id,
        headerName: j.label || j.id,
        ...(wide ? { width: WIDE_COLUMN_WIDTH } : { flex: 1, minWidth: 150, autoHeight: true }),
        valueGetter: (p) => p.data?.cells[j.id],
        cellRenderer: (p: ICellRendererParams<MatrixRow, CellView>) =>
          withPresence(cellElement(p.value ?? undefined, 'pm-renderer', p.eGridCell), p.value ? this.presence.get(p.value.key) : undefined, p.eGridCell),
        cellClass: (p: CellClassParams<MatrixRow, CellView>) => (wide ? [...this.cellClass(p), 'pm-one-line'] : this.cellClass(p)),
        editable: () => !this.host.viewOnly,
        cellEditor: PolicyCellEditor,
        cellEditorPopup: true,
        cellEditorParams: this.editorParams,
        valueSetter: (p) => {
          this.editRequested(p.data, p.column.getColId(), editedFields(p.newValue));
          return false;
        },
        suppressKeyboardEvent: (p: SuppressKeyboardEventParams<MatrixRow, CellView>) =>
          !p.editing && ((p.event.key === 'Enter' && (p.event.altKey || this.host.viewOnly)) || editKeyOf(p.event) !== undefined),
      }),
    );
    return [dimensionColumn, ...jurisdictionColumns];
  }

  private cellClass(p: CellClassParams<MatrixRow, CellView>): string[] {
    const view = p.value;
    if (!view) return [];
    const classes = [`pm-${view.check ?? 'missing'}`];
    if (view.key === this.host.store.snapshot.selection) classes.push('pm-selected');
    if (this.presence.has(view.key)) classes.push('pm-peer');
    return classes;
  }

  /** The grid's columns and rows for a snapshot (and marks it shown). */
  private gridData(snapshot: Snapshot, grid: HTMLElement): GridData {
    this.rowsShown = snapshot;
    this.warnUnknownIds(snapshot);
    const shown = idFilter(this.host.dimensions);
    // Cell views are built as AG Grid renders cells (lazy-rows.ts), not for the whole matrix.
    const rows = lazyMatrixRows(snapshot);
    const columnDefs = this.columnDefs(snapshot);
    const wide = columnDefs.length > 1 && !columnDefs.some((c) => c.autoHeight);
    // A wide grid is shown before it gets its rows (render() would show it a moment later):
    // hidden, it has no width, and AG Grid would render every column of the rows in view.
    if (wide && !isUnusable(snapshot)) grid.hidden = false;
    return { columnDefs, rowData: shown ? rows.filter((r) => shown.has(r.dimension.id)) : rows, rowHeight: wide ? WIDE_ROW_HEIGHT : undefined };
  }

  private showRows(snapshot: Snapshot): void {
    const grid = this.grid;
    if (this.api && grid) {
      // All of it at once: what a set-up under way had left to do is replaced.
      this.cancelSetUp();
      this.api.updateGridOptions(this.gridData(snapshot, grid));
    } else if (this.host.hasUpdated && this.host.isConnected) this.create();
  }

  /** Warn (once per matrix and attribute values) about ids in `dimensions` / `jurisdictions` that the matrix lacks. */
  private warnUnknownIds(snapshot: Snapshot): void {
    const matrix = snapshot.matrix;
    const key = `${snapshot.origin}\u0001${this.host.dimensions}\u0001${this.host.jurisdictions}`;
    if (!matrix || snapshot.status !== 'ready' || key === this.warned) return;
    this.warned = key;
    const dims = [...(idFilter(this.host.dimensions) ?? [])].filter((id) => !matrix.dimensions.some((d) => d.id === id));
    const juris = [...(idFilter(this.host.jurisdictions) ?? [])].filter((id) => !matrix.jurisdictions.some((j) => j.id === id));
    if (dims.length) console.warn(`<policy-matrix>: no dimension ${dims.join(', ')} in matrix "${matrix.name}" (ignored)`);
    if (juris.length) console.warn(`<policy-matrix>: no jurisdiction ${juris.join(', ')} in matrix "${matrix.name}" (ignored)`);
  }

  /** What the editor needs: the store's verdict on a value (the same rules as the store's). */
  private readonly editorParams: CellEditorParams = {
    problem: (key, fields) => {
      const [dimension, jurisdiction] = key.split('\u0000');
      const plan = planOn(this.host.store.snapshot, { type: 'set-cell', dimension, jurisdiction, set: fields });
      return plan.ok || plan.noop ? undefined : plan.message;
    },
    levelsOf: (scale) => this.host.store.snapshot.index?.scales.get(scale) ?? [],
    cite: (key) => this.onCite(key),
  };

  /** The grid committed an edit (the column's valueSetter): ask the store. */
  private editRequested(data: MatrixRow | undefined, colId: string, fields: CellFields): void {
    const view = data?.cells[colId];
    if (!view || this.host.viewOnly) return;
    const [dimension, jurisdiction] = view.key.split('\u0000');
    const result = this.host.store.edit({ type: 'set-cell', dimension, jurisdiction, set: fields });
    // A value given to a cell marked not in source: said now, with the way to cite it.
    const outcome = result.ok ? notInSourceGivenValue(view, fields) : undefined;
    if (!outcome) {
      this.onEdit(result.ok || result.noop ? '' : `Not saved: ${result.message}.`);
      return;
    }
    const name = `${view.dimension.label || view.dimension.id} — ${view.jurisdiction.label || view.jurisdiction.id}`;
    if (outcome === 'flagged') {
      this.onEdit(`Saved as a draft: ${name} was marked not in source, and it is flagged until a citation from the source backs its value (validate reports it as an error until then).`, view.key);
    } else this.onEdit(`Saved as a draft: ${name} was marked not in source; its status is draft until you set it.`);
  }

  /** Who else is on which cell (a live matrix): their names are shown on those cells. */
  presenceChanged(peers: readonly { name: string; colour: string; cell?: string }[]): void {
    const next = new Map<string, { name: string; colour: string }[]>();
    for (const p of peers) if (p.cell) next.set(p.cell, [...(next.get(p.cell) ?? []), { name: p.name, colour: p.colour }]);
    const same = next.size === this.presence.size && [...next].every(([k, v]) => JSON.stringify(this.presence.get(k)) === JSON.stringify(v));
    if (same) return;
    const keys = [...this.presence.keys(), ...next.keys()];
    this.presence = next;
    this.refreshSelection(keys);
  }

  /** Re-apply the selection class on the rows of the given cells. */
  private refreshSelection(keys: (string | undefined)[]): void {
    const api = this.api;
    if (!api) return;
    const dimensions = new Set(keys.filter((k) => k !== undefined).map((k) => k.split('\u0000')[0]));
    const rowNodes: IRowNode<MatrixRow>[] = [];
    api.forEachNode((node) => {
      if (node.data && dimensions.has(node.data.dimension.id)) rowNodes.push(node);
    });
    api.refreshCells({ rowNodes, force: true });
  }

  /** A cell got focus (click or keyboard): select it, or clear the selection on the dimension column. */
  private cellFocused(event: CellFocusedEvent<MatrixRow>): void {
    if (event.rowIndex === null || event.rowPinned || !this.api) return;
    const colId = typeof event.column === 'string' ? event.column : event.column?.getColId();
    const row = this.api.getDisplayedRowAtIndex(event.rowIndex)?.data;
    if (!row || !colId) return;
    const view = row.cells[colId];
    this.host.store.select(view?.key);
  }
}

/** The grid's columns and rows for a snapshot. */
interface GridData {
  columnDefs: ColDef<MatrixRow>[];
  rowData: MatrixRow[];
  rowHeight: number | undefined;
}

/**
 * How many of a wide grid's first columns fill a grid `width` px wide (the pinned dimension
 * column, the jurisdiction columns in view and one more); all of them when the width is not
 * known yet.
 */
function columnsInView(width: number): number {
  return width > 0 ? 2 + Math.ceil(Math.max(0, width - DIMENSION_WIDTH) / WIDE_COLUMN_WIDTH) : Infinity;
}

/** The ids of a comma-separated attribute, or undefined for all. */
function idFilter(list: string | null | undefined): Set<string> | undefined {
  const ids = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return ids.length ? new Set(ids) : undefined;
}
