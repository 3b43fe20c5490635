import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query } from 'lit/decorators.js';
import {
  createGrid,
  themeQuartz,
  type CellClassParams,
  type CellFocusedEvent,
  type ColDef,
  type GridApi,
  type GridOptions,
  type ICellRendererParams,
  type IRowNode,
} from 'ag-grid-community';
import { fetchReader, readMatrix } from '../../model/read.ts';
import { StoreProvider } from '../../state/context.ts';
import { MatrixStore, type Snapshot } from '../../state/store.ts';
import { cellTemplate, dimensionTemplate, renderToElement } from './cell-templates.ts';
import { gridModules } from './grid-modules.ts';
import { styles } from './policy-matrix.styles.ts';
import { matrixRows, orderedJurisdictions, type CellView, type MatrixRow } from './rows.ts';

/** Column id of the pinned dimension column (jurisdiction columns use the jurisdiction id). */
export const DIMENSION_COLUMN = '__dimension';

/** AG Grid theme: Quartz, tuned to the app's type and colours (CSS custom properties win). */
const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  spacing: 6,
  foregroundColor: '#1f2328',
  backgroundColor: '#ffffff',
  headerBackgroundColor: '#f3f5f8',
  borderColor: '#d5dbe3',
  accentColor: '#0b5cad',
  wrapperBorderRadius: 6,
  rowHoverColor: 'rgba(11, 92, 173, 0.05)',
});

export interface PolicyMatrixLoadDetail {
  snapshot: Snapshot;
}

declare global {
  interface HTMLElementEventMap {
    'policy-matrix-load': CustomEvent<PolicyMatrixLoadDetail>;
  }
}

const folderName = (url: URL) => decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') || 'matrix';

/**
 * @summary A comparative-policy matrix: dimensions (rows) by jurisdictions (columns), every
 * cell with its value, level, citation count and evidence status, shown in AG Grid.
 *
 * Loads the matrix folder at `src` into its store and provides the store to its
 * descendants with @lit/context (`storeContext`, `snapshotContext`). Focusing a cell (click
 * or arrow keys) selects it in the store. Give the element a height; the grid fills it.
 *
 * @slot - Content shown after the grid (e.g. a `<policy-citation-panel>`, which then gets the store).
 * @event policy-matrix-load - A matrix was read (or failed to be); `detail.snapshot` is the store's snapshot.
 * @csspart base - The wrapper of status line and grid.
 * @csspart grid - The element that holds the AG Grid.
 * @cssproperty --policy-matrix-min-height - Minimum height of the grid (default 320px).
 */
export class PolicyMatrix extends LitElement {
  static override styles = styles;

  /** URL of the matrix folder (e.g. `matrices/eu-north-america/`), relative to the page. */
  @property({ reflect: true }) src = '';

  /** Accessible name of the grid; defaults to the matrix title. */
  @property() label = '';

  private readonly provider = new StoreProvider(this, new MatrixStore(), (snapshot, previous) =>
    this.storeChanged(snapshot, previous),
  );

  @query('.grid', true) private gridElement!: HTMLElement;

  private api: GridApi<MatrixRow> | undefined;
  private loadToken = 0;
  private rowsShown: Snapshot | undefined;

  /** The store this element loads into and provides. Set it to share an application's store. */
  @property({ attribute: false })
  get store(): MatrixStore {
    return this.provider.store;
  }
  set store(store: MatrixStore) {
    const old = this.provider.store;
    this.provider.store = store;
    this.requestUpdate('store', old);
  }

  /** Reload the matrix from `src`. */
  reload(): Promise<void> {
    return this.load(this.src);
  }

  /**
   * Scroll to a cell, a dimension's row or a jurisdiction's column and focus it (focusing a
   * cell selects it). Returns false when the grid has no such row or column.
   */
  reveal(target: { dimension?: string; jurisdiction?: string }): boolean {
    const api = this.api;
    const matrix = this.provider.snapshot.matrix;
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

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a disconnect: firstUpdated will not run again.
    if (this.hasUpdated && !this.api) this.createGrid();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.api?.destroy();
    this.api = undefined;
    this.rowsShown = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new src, or another store to load into.
    if (changed.has('src') || changed.has('store')) void this.load(this.src);
  }

  protected override firstUpdated(): void {
    this.createGrid();
  }

  protected override updated(): void {
    this.labelGrid();
  }

  protected override render() {
    const snapshot = this.provider.snapshot;
    const status =
      snapshot.status === 'loading'
        ? html`<p class="status" role="status">Loading matrix…</p>`
        : snapshot.status === 'failed'
          ? html`<p class="status error" role="alert">The matrix could not be loaded.</p>`
          : snapshot.status === 'empty' && !this.src
            ? html`<p class="status">No matrix: set the <code>src</code> attribute to a matrix folder.</p>`
            : nothing;
    return html`<div part="base" class="base">
        ${status}
        <div part="grid" class="grid" ?hidden=${!snapshot.matrix}></div>
      </div>
      <slot></slot>`;
  }

  private async load(src: string): Promise<void> {
    const token = ++this.loadToken;
    if (!src) return;
    const store = this.store;
    store.loading(src);
    try {
      const base = new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI);
      const bundle = await readMatrix(fetchReader(base.href), folderName(base));
      if (token !== this.loadToken) return;
      store.load(bundle, src);
    } catch (error) {
      if (token !== this.loadToken) return;
      const message = error instanceof Error ? error.message : String(error);
      store.fail({ severity: 'error', file: src, line: 0, column: 0, message: `cannot read the matrix: ${message}` }, src);
    }
    this.dispatchEvent(
      new CustomEvent<PolicyMatrixLoadDetail>('policy-matrix-load', {
        detail: { snapshot: store.snapshot },
        bubbles: true,
      }),
    );
  }

  private createGrid(): void {
    const options: GridOptions<MatrixRow> = {
      theme: gridTheme,
      columnDefs: [],
      rowData: [],
      defaultColDef: {
        sortable: false,
        resizable: true,
        suppressMovable: true,
        suppressHeaderMenuButton: true,
        cellDataType: false,
      },
      ensureDomOrder: true,
      suppressNoRowsOverlay: true,
      onCellFocused: (event) => this.cellFocused(event),
    };
    this.api = createGrid(this.gridElement, options, { modules: gridModules });
    this.showRows(this.provider.snapshot);
  }

  private columnDefs(snapshot: Snapshot): ColDef<MatrixRow>[] {
    const matrix = snapshot.matrix;
    if (!matrix) return [];
    const dimensionColumn: ColDef<MatrixRow> = {
      colId: DIMENSION_COLUMN,
      headerName: 'Dimension',
      pinned: 'left',
      lockPinned: true,
      width: 230,
      minWidth: 160,
      autoHeight: true,
      valueGetter: (p) => p.data?.dimension.label,
      cellRenderer: (p: ICellRendererParams<MatrixRow>) =>
        p.data ? renderToElement(dimensionTemplate(p.data.dimension), 'pm-renderer') : '',
      cellClass: 'pm-dimension',
    };
    const jurisdictionColumns = orderedJurisdictions(matrix).map(
      (j): ColDef<MatrixRow, CellView> => ({
        colId: j.id,
        headerName: j.label || j.id,
        flex: 1,
        minWidth: 150,
        autoHeight: true,
        valueGetter: (p) => p.data?.cells[j.id],
        cellRenderer: (p: ICellRendererParams<MatrixRow, CellView>) =>
          renderToElement(cellTemplate(p.value ?? undefined), 'pm-renderer'),
        cellClass: (p: CellClassParams<MatrixRow, CellView>) => this.cellClass(p),
      }),
    );
    return [dimensionColumn, ...jurisdictionColumns];
  }

  private cellClass(p: CellClassParams<MatrixRow, CellView>): string[] {
    const view = p.value;
    if (!view) return [];
    const classes = [`pm-${view.check ?? 'missing'}`];
    if (view.key === this.provider.snapshot.selection) classes.push('pm-selected');
    return classes;
  }

  private showRows(snapshot: Snapshot): void {
    if (!this.api) return;
    this.rowsShown = snapshot;
    this.api.updateGridOptions({ columnDefs: this.columnDefs(snapshot), rowData: matrixRows(snapshot) });
  }

  private storeChanged(snapshot: Snapshot, previous: Snapshot): void {
    if (!this.api) return;
    const shown = this.rowsShown;
    if (!shown || snapshot.matrix !== shown.matrix || snapshot.check !== shown.check) {
      this.showRows(snapshot);
    } else if (snapshot.selection !== previous.selection) {
      this.refreshSelection([previous.selection, snapshot.selection]);
    }
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
    this.store.select(view?.key);
  }

  private labelGrid(): void {
    const grid = this.gridElement?.querySelector('[role="grid"], [role="treegrid"]');
    const name = this.label || this.provider.snapshot.matrix?.title;
    if (grid && name) grid.setAttribute('aria-label', name);
  }
}
