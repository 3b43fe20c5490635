import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import {
  colorSchemeLight,
  createGrid,
  themeQuartz,
  type CellClassParams,
  type CellFocusedEvent,
  type ColDef,
  type GridApi,
  type GridOptions,
  type ICellRendererParams,
  type IRowNode,
  type SuppressKeyboardEventParams,
} from 'ag-grid-community';
import type { CellFields } from '../../model/edit/commands.ts';
import { Autosave, type AutosaveState } from '../../state/autosave.ts';
import { ContextProvider } from '@lit/context';
import { StoreProvider, readOnlyContext } from '../../state/context.ts';
import { IndexedDbDraftStorage, type DraftStorage } from '../../state/draft-storage.ts';
import { MatrixStore, planOn, type Snapshot } from '../../state/store.ts';
import { loadMatrixInWorker } from '../../state/load-worker.ts';
import { LoadProgressController, loadProgressStyles } from '../load-progress/load-progress.ts';
import { PolicyEventsController } from '../common/events.ts';
import { isolateGridVariables, scrollbarWidthIn } from '../common/grid-isolation.ts';
import { GridStyles } from '../common/grid-styles.ts';
import { isUnusable, loadMessage, problemNotice } from '../common/load-message.ts';
import { themeOf, type ThemeName } from '../common/theme.ts';
import { timeWords } from '../common/change-words.ts';
import { editKeyOf, handleEditKeys } from '../common/edit-keys.ts';
import { PolicyCellEditor, type CellEditorParams } from './cell-editor.ts';
import { cellElement, dimensionElement } from './cell-elements.ts';
import { gridModules } from './grid-modules.ts';
import { styles } from './policy-matrix.styles.ts';
import { orderedJurisdictions, type CellView, type MatrixRow } from './rows.ts';
import { lazyMatrixRow, lazyMatrixRows } from './lazy-rows.ts';

/** More jurisdictions than this: fixed-width, fixed-height cells (see `columnDefs`). */
export const WIDE_MATRIX = 12;
/** Row height (px) of such wide matrices: two lines of text in each cell. */
const WIDE_ROW_HEIGHT = 52;

/** Column id of the pinned dimension column (jurisdiction columns use the jurisdiction id). */
export const DIMENSION_COLUMN = '__dimension';

/**
 * AG Grid theme: Quartz, with the element's theme tokens (common/theme.ts) as its colours and
 * type, so `theme="dark"` and the `--policy-matrix-*` properties reach the grid too. The light
 * colour scheme replaces Quartz's variable one, which would follow a `data-ag-theme-mode`
 * attribute on the host page's body.
 */
const gridTheme = themeQuartz.withPart(colorSchemeLight).withParams({
  fontFamily: 'inherit',
  fontSize: 'calc(var(--pm-font-size) - 1px)',
  headerFontSize: 'calc(var(--pm-font-size) - 1px)',
  headerFontWeight: 600,
  spacing: 6,
  foregroundColor: 'var(--pm-color)',
  backgroundColor: 'var(--pm-background)',
  headerBackgroundColor: 'var(--pm-surface)',
  borderColor: 'var(--pm-border)',
  accentColor: 'var(--pm-accent)',
  browserColorScheme: 'inherit',
  wrapperBorderRadius: 'var(--pm-radius)',
  rowHoverColor: 'var(--pm-accent-faint)',
});

export interface PolicyMatrixLoadDetail {
  snapshot: Snapshot;
}

export interface PolicyMatrixOpenEvidenceDetail {
  /** The cell whose evidence is asked for (`cellKey`). */
  cell: string;
}

declare global {
  interface HTMLElementEventMap {
    'policy-matrix-load': CustomEvent<PolicyMatrixLoadDetail>;
    'policy-matrix-open-evidence': CustomEvent<PolicyMatrixOpenEvidenceDetail>;
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
 * Editing: Enter, F2 or typing edits the focused cell with the editor of its value type
 * (levels of the scale, yes/no, number with unit, date, text); Enter commits, Escape cancels;
 * invalid input is refused with a message next to the cell. Ctrl/Cmd+Z undoes, Ctrl+Shift+Z
 * or Ctrl+Y redoes; Alt+Enter asks for the cell's evidence (`policy-matrix-open-evidence`).
 * Every edit is saved as a local draft (IndexedDB database `drafts`), restored on reload
 * with a banner that offers to discard it; another tab's newer draft shows a conflict banner.
 * With `read-only`, nothing can be edited (in the grid or in a citation panel inside), and no
 * draft is saved or restored; Enter then asks for the cell's evidence, as Alt+Enter does.
 *
 * A matrix that cannot be loaded, or has nothing to show, is said inside the element
 * (role="alert"), with the URL read and the problem; one loaded with errors shows them above
 * the grid.
 *
 * @attr src - URL of the matrix folder (e.g. `matrices/eu-north-america/`), relative to the page.
 * @attr jurisdictions - Jurisdiction ids to show as columns, comma-separated (default: all); unknown ids are ignored with a warning.
 * @attr dimensions - Dimension ids to show as rows, comma-separated (default: all); unknown ids are ignored with a warning.
 * @attr read-only - No editing (grid, citation panel, undo keys) and no local drafts.
 * @attr theme - Colour theme: `light`, `dark` or `auto` (the reader's system setting); unset, the colours are inherited from the page's `--policy-matrix-*` properties (light by default).
 * @attr label - Accessible name of the grid (default: the matrix title).
 * @attr no-autosave - Do not save edits as local drafts (nor restore them).
 * @attr drafts - Name of the IndexedDB database that keeps drafts.
 *
 * @slot - Content shown after the grid (e.g. a `<policy-citation-panel>`, which then gets the store).
 * @fires policy-cell-select - The selected cell changed (`PolicyCellSelectDetail`: the cell with its value, level and status, and the previous one).
 * @fires policy-cell-change - The matrix was edited, undone or redone (`PolicyCellChangeDetail`: the changes and the cells they touched).
 * @fires policy-citation-open - The user asked for a cell's evidence: Alt+Enter (or Enter when read-only) (`PolicyCitationOpenDetail`: the cell and its citations); cancelable.
 * @fires policy-matrix-load - A matrix was read (or failed to be); `detail.snapshot` is the store's snapshot.
 * @fires policy-matrix-open-evidence - Alt+Enter on a cell: show its evidence (a slotted panel gets focus unless the event is cancelled).
 * @csspart base - The wrapper of messages, grid and edit bar.
 * @csspart grid - The element that holds the AG Grid.
 * @csspart message - The loading or error message (role="alert" for an error).
 * @cssprop --policy-matrix-min-height - Minimum height of the grid (default 320px).
 * @cssprop --policy-matrix-font-family - Font of the element (default: the system UI font).
 * @cssprop --policy-matrix-font-size - Base font size (default 14px; the grid is 1px smaller).
 * @cssprop --policy-matrix-line-height - Base line height (default 1.45).
 * @cssprop --policy-matrix-color - Text colour.
 * @cssprop --policy-matrix-background - Background of the grid and panels.
 * @cssprop --policy-matrix-muted-color - Secondary text (themes, notes, hints).
 * @cssprop --policy-matrix-surface - Background of the header row and the dimension column.
 * @cssprop --policy-matrix-border-color - Grid lines and borders.
 * @cssprop --policy-matrix-control-border-color - Borders of buttons and fields.
 * @cssprop --policy-matrix-accent-color - Selected cell, focus rings, primary buttons.
 * @cssprop --policy-matrix-on-accent-color - Text on the accent colour.
 * @cssprop --policy-matrix-danger-color - Flagged cells and errors.
 * @cssprop --policy-matrix-warning-color - Drafts and warnings.
 * @cssprop --policy-matrix-success-color - Found citations and confirmations.
 * @cssprop --policy-matrix-mark-color - Highlight of a quote in its passage.
 * @cssprop --policy-matrix-radius - Corner radius of the grid and panels (default 6px).
 * @cssprop --policy-matrix-color-scheme - `light` or `dark`: the colour scheme of native controls and scrollbars.
 */
export class PolicyMatrix extends LitElement {
  static override styles = [styles, loadProgressStyles];

  /** URL of the matrix folder (e.g. `matrices/eu-north-america/`), relative to the page. */
  @property({ reflect: true }) src = '';

  /** Accessible name of the grid; defaults to the matrix title. */
  @property() label = '';

  /** Name of the IndexedDB database that keeps drafts (one per app; tests use their own). */
  @property() drafts = 'policy-matrix-drafts';

  /** Do not save drafts (nor restore them). */
  @property({ type: Boolean, attribute: 'no-autosave' }) noAutosave = false;

  /** Where drafts are kept; by default IndexedDB (database `drafts`). */
  @property({ attribute: false }) draftStorage: DraftStorage | undefined;

  /** No editing: the grid, a citation panel inside and the undo keys only show (attribute `read-only`). */
  @property({ type: Boolean, reflect: true, attribute: 'read-only' }) readonly = false;

  /** Jurisdiction ids to show as columns, comma-separated; empty = all (in the matrix's order). */
  @property() jurisdictions = '';

  /** Dimension ids to show as rows, comma-separated; empty = all (in the matrix's order). */
  @property() dimensions = '';

  /** Colour theme: `light`, `dark`, `auto` (follows the reader's system), or '' (inherit the page's `--policy-matrix-*` properties). */
  @property({ reflect: true }) theme: ThemeName = '';

  @state() private autosaveState: AutosaveState = { saving: false };
  @state() private editMessage = '';
  private autosave: Autosave | undefined;

  private readonly provider = new StoreProvider(this, new MatrixStore(), (snapshot, previous) =>
    this.storeChanged(snapshot, previous),
  );

  @query('.grid', true) private gridElement!: HTMLElement;

  /** Tells descendants (a slotted citation panel) whether they may edit. */
  private readonly readOnlyProvider = new ContextProvider(this, { context: readOnlyContext, initialValue: false });
  /** policy-cell-select and policy-cell-change, from the store's transitions. */
  private readonly events = new PolicyEventsController(this, () => this.provider.store);
  /** The (matrix, attributes) the last unknown-id warning was about. */
  private warned = '';

  private api: GridApi<MatrixRow> | undefined;
  /** The grid's theme CSS as adopted stylesheets (no <style> element: see grid-styles.ts). */
  private gridStyles: GridStyles | undefined;
  private loadToken = 0;
  private loadAbort: AbortController | undefined;
  /** Progress bar for loads longer than 300 ms (the load runs in a worker: see load-worker.ts). */
  private readonly loadProgress = new LoadProgressController(this);
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

  /** The autosave of this element's store (undefined with `no-autosave`). */
  get drafting(): Autosave | undefined {
    return this.autosave;
  }

  constructor() {
    super();
    this.addEventListener('keydown', (e) => this.onKey(e));
    // A slotted evidence panel asks to go back to the grid.
    this.addEventListener('policy-evidence-return', (e) => {
      e.stopPropagation();
      this.focusSelection();
    });
  }

  /** Focus the selected cell in the grid (e.g. coming back from the evidence panel). */
  focusSelection(): boolean {
    const key = this.provider.snapshot.selection;
    if (key === undefined) return false;
    const [dimension, jurisdiction] = key.split('\u0000');
    return this.reveal({ dimension, jurisdiction });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Re-attached after a disconnect: firstUpdated will not run again.
    if (this.hasUpdated && !this.api) this.createGrid();
    if (this.hasUpdated) this.startAutosave();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.api?.destroy();
    this.api = undefined;
    this.gridStyles?.disconnect();
    this.gridStyles = undefined;
    this.rowsShown = undefined;
    this.stopAutosave();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('readonly')) {
      this.readOnlyProvider.setValue(this.readonly);
      if (this.readonly) this.api?.stopEditing(true);
    }
    if (changed.has('theme')) themeOf(this.theme, 'policy-matrix');
    if ((changed.has('jurisdictions') || changed.has('dimensions')) && this.rowsShown) this.showRows(this.provider.snapshot);
    // Autosave listens before a load starts, so that it sees the load and restores a draft.
    if (changed.has('store') || changed.has('drafts') || changed.has('noAutosave') || changed.has('draftStorage') || changed.has('readonly')) this.startAutosave();
    // A new src, or another store to load into.
    if (changed.has('src') || changed.has('store')) void this.load(this.src);
  }

  private startAutosave(): void {
    this.stopAutosave();
    // Read-only: a reader must see the matrix as published, never a local draft.
    if (this.noAutosave || this.readonly || !this.isConnected) return;
    const storage = this.draftStorage ?? (typeof indexedDB === 'undefined' ? undefined : new IndexedDbDraftStorage(this.drafts));
    if (!storage) return;
    this.autosave = new Autosave(this.store, {
      storage,
      channel: `policy-matrix-drafts:${this.drafts}`,
      onChange: (s) => (this.autosaveState = s),
    });
    this.autosaveState = this.autosave.state;
  }

  private stopAutosave(): void {
    this.autosave?.dispose();
    this.autosave = undefined;
  }

  protected override firstUpdated(): void {
    this.createGrid();
  }

  protected override updated(): void {
    this.labelGrid();
  }

  protected override render() {
    const snapshot = this.provider.snapshot;
    const unusable = isUnusable(snapshot);
    // Loading, failed, nothing to show: said in words, never an empty box.
    const message = snapshot.status === 'empty' && this.src ? nothing : loadMessage(snapshot, this.src || snapshot.origin);
    return html`<div part="base" class="base">
        ${message === nothing ? nothing : html`<div part="message">${message}</div>`}${this.loadProgress.render()}${problemNotice(snapshot)}${this.banners()}
        <p class="edit-message" role="status">${this.editMessage}</p>
        <div part="grid" class="grid" ?hidden=${!snapshot.matrix || unusable}></div>
        ${snapshot.matrix && !this.readonly ? this.editBar(snapshot) : nothing}
      </div>
      <slot></slot>`;
  }

  private editBar(snapshot: Snapshot): TemplateResult {
    const a = this.autosaveState;
    const edited = snapshot.edits.version > 0 || a.savedAt !== undefined;
    const saved = !this.autosave
      ? (edited ? 'Edits are kept in this tab only (autosave is off).' : '')
      : a.failure ? 'Not saved in this browser.'
      : a.conflict ? 'Not saved: changed in another tab.'
      : a.saving ? 'Saving…'
      : a.savedAt !== undefined ? `Saved in this browser at ${timeWords(a.savedAt)}.`
      : '';
    return html`<policy-edit-bar saved=${saved} ?saved-warning=${!!(a.failure || a.conflict)}></policy-edit-bar>`;
  }

  /** Draft restored, conflict with another tab, storage failure: said in words, with what to do. */
  private banners(): TemplateResult | typeof nothing {
    const a = this.autosaveState;
    const autosave = this.autosave;
    if (!autosave) return nothing;
    return html`${a.restored
      ? html`<div class="banner draft" role="status">
          <span>Restored your unsaved draft from ${timeWords(a.restored.savedAt)}.</span>
          <button type="button" class="discard-draft" @click=${() => autosave.discard()}>Discard draft</button>
        </div>`
      : nothing}${a.conflict
      ? html`<div class="banner conflict" role="alert">
          <span>This matrix was changed in another tab or window${a.conflict.savedAt ? ` (at ${timeWords(a.conflict.savedAt)})` : ''}. Your changes here are no longer saved.</span>
          <button type="button" class="take-over" @click=${() => autosave.takeOver()}>Keep mine (take over)</button>
          <button type="button" class="load-theirs" @click=${() => autosave.loadTheirs()}>Load the other version</button>
        </div>`
      : nothing}${a.failure
      ? html`<div class="banner failure" role="alert">
          <span>Your edits could not be saved in this browser (${a.failure}). They are kept in this tab: export the matrix to keep them.</span>
        </div>`
      : nothing}`;
  }

  /** Undo/redo keys, and Alt+Enter for the focused cell's evidence. */
  private onKey(e: KeyboardEvent): void {
    if (editKeyOf(e) && this.api?.getEditingCells().length) {
      // While a cell is being edited, its editor's own keys apply, not the store's undo.
      return;
    }
    if (!this.readonly && handleEditKeys(e, this.store)) {
      this.editMessage = '';
      return;
    }
    // Alt+Enter asks for the evidence; so does Enter when read-only (it edits otherwise).
    if (e.key === 'Enter' && (e.altKey || (this.readonly && !e.ctrlKey && !e.metaKey && !e.shiftKey)) && !e.defaultPrevented) {
      const cell = this.provider.snapshot.selection;
      if (cell === undefined || !this.gridElement?.contains(e.composedPath()[0] as Node)) return;
      e.preventDefault();
      const event = new CustomEvent<PolicyMatrixOpenEvidenceDetail>('policy-matrix-open-evidence', { detail: { cell }, bubbles: true, composed: true, cancelable: true });
      const open = this.events.citationOpen(this.provider.snapshot, cell, 'keyboard') && this.dispatchEvent(event);
      if (open) this.querySelector<HTMLElement & { focusEvidence?: () => void }>('policy-citation-panel')?.focusEvidence?.();
    }
  }

  private async load(src: string): Promise<void> {
    const token = ++this.loadToken;
    this.loadAbort?.abort();
    this.loadAbort = undefined;
    this.loadProgress.finish();
    if (!src) return;
    const store = this.store;
    store.loading(src);
    const abort = (this.loadAbort = new AbortController());
    this.loadProgress.start();
    try {
      // Read, parse and anchor in a worker; the store takes the check as computed there.
      const base = new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI);
      const { bundle, check, index } = await loadMatrixInWorker(base.href, {
        name: folderName(base),
        signal: abort.signal,
        onProgress: (progress) => this.loadProgress.update(progress),
      });
      if (token !== this.loadToken) return;
      this.loadProgress.finish();
      store.load(bundle, src, undefined, { check, index });
    } catch (error) {
      if (token !== this.loadToken) return;
      this.loadProgress.finish();
      const message = error instanceof Error ? error.message : String(error);
      store.fail({ severity: 'error', file: src, line: 0, column: 0, message: `cannot read the matrix: ${message}` }, src);
    }
    this.dispatchEvent(
      new CustomEvent<PolicyMatrixLoadDetail>('policy-matrix-load', {
        detail: { snapshot: store.snapshot },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /**
   * The grid is created when the first matrix arrives, with its columns and rows: creating it
   * empty and then giving it a matrix lays it out twice (a third of a wide grid's first render).
   */
  private createGrid(): void {
    const snapshot = this.provider.snapshot;
    if (this.api || !snapshot.matrix) return;
    const options: GridOptions<MatrixRow> = {
      theme: gridTheme,
      ...this.gridData(snapshot),
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
      onCellFocused: (event) => this.cellFocused(event),
      // Measured here, not by AG Grid in the page's body (where the page's styles apply).
      scrollbarWidth: scrollbarWidthIn(this.renderRoot as ShadowRoot),
      // A strict Content Security Policy refuses the theme's <style> elements: see grid-styles.ts.
      themeStyleContainer: (this.gridStyles ??= new GridStyles(this.renderRoot as ShadowRoot)).container,
    };
    // The host page's --ag-* properties must not restyle this grid. The names come from the CSS
    // AG Grid puts in the shadow root: known once a grid exists on the page, and then set before
    // this grid is created (set after it, they make the browser style the whole grid again).
    isolateGridVariables(this.renderRoot as ShadowRoot, '.grid');
    this.api = createGrid(this.gridElement, options, { modules: gridModules });
    this.gridStyles!.sync();
    isolateGridVariables(this.renderRoot as ShadowRoot, '.grid');
  }

  private columnDefs(snapshot: Snapshot): ColDef<MatrixRow>[] {
    const matrix = snapshot.matrix;
    if (!matrix) return [];
    const shown = this.idFilter(this.jurisdictions);
    const jurisdictions = orderedJurisdictions(matrix).filter((j) => !shown || shown.has(j.id));
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
      width: 230,
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
        ...(wide ? { width: 150 } : { flex: 1, minWidth: 150, autoHeight: true }),
        valueGetter: (p) => p.data?.cells[j.id],
        cellRenderer: (p: ICellRendererParams<MatrixRow, CellView>) =>
          cellElement(p.value ?? undefined, 'pm-renderer', p.eGridCell),
        cellClass: (p: CellClassParams<MatrixRow, CellView>) => (wide ? [...this.cellClass(p), 'pm-one-line'] : this.cellClass(p)),
        editable: () => !this.readonly,
        cellEditor: PolicyCellEditor,
        cellEditorPopup: true,
        cellEditorParams: this.editorParams,
        valueSetter: (p) => {
          this.editRequested(p.data, p.column.getColId(), p.newValue);
          return false;
        },
        suppressKeyboardEvent: (p: SuppressKeyboardEventParams<MatrixRow, CellView>) =>
          !p.editing && ((p.event.key === 'Enter' && (p.event.altKey || this.readonly)) || editKeyOf(p.event) !== undefined),
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

  /** The grid's columns and rows for a snapshot (and marks it shown). */
  private gridData(snapshot: Snapshot): Pick<GridOptions<MatrixRow>, 'columnDefs' | 'rowData' | 'rowHeight'> {
    this.rowsShown = snapshot;
    this.warnUnknownIds(snapshot);
    const shown = this.idFilter(this.dimensions);
    // Cell views are built as AG Grid renders cells (lazy-rows.ts), not for the whole matrix.
    const rows = lazyMatrixRows(snapshot);
    const columnDefs = this.columnDefs(snapshot);
    const wide = columnDefs.length > 1 && !columnDefs.some((c) => c.autoHeight);
    // A wide grid is shown before it gets its rows (render() would show it a moment later):
    // hidden, it has no width, and AG Grid would render every column of the rows in view.
    if (wide && !isUnusable(snapshot)) this.gridElement.hidden = false;
    return { columnDefs, rowData: shown ? rows.filter((r) => shown.has(r.dimension.id)) : rows, rowHeight: wide ? WIDE_ROW_HEIGHT : undefined };
  }

  private showRows(snapshot: Snapshot): void {
    if (this.api) this.api.updateGridOptions(this.gridData(snapshot));
    else if (this.hasUpdated && this.isConnected) this.createGrid();
  }

  /** The ids of a comma-separated attribute, or undefined for all. */
  private idFilter(list: string | null | undefined): Set<string> | undefined {
    const ids = (list ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return ids.length ? new Set(ids) : undefined;
  }

  /** Warn (once per matrix and attribute values) about ids in `dimensions` / `jurisdictions` that the matrix lacks. */
  private warnUnknownIds(snapshot: Snapshot): void {
    const matrix = snapshot.matrix;
    const key = `${snapshot.origin}\u0001${this.dimensions}\u0001${this.jurisdictions}`;
    if (!matrix || snapshot.status !== 'ready' || key === this.warned) return;
    this.warned = key;
    const dims = [...(this.idFilter(this.dimensions) ?? [])].filter((id) => !matrix.dimensions.some((d) => d.id === id));
    const juris = [...(this.idFilter(this.jurisdictions) ?? [])].filter((id) => !matrix.jurisdictions.some((j) => j.id === id));
    if (dims.length) console.warn(`<policy-matrix>: no dimension ${dims.join(', ')} in matrix "${matrix.name}" (ignored)`);
    if (juris.length) console.warn(`<policy-matrix>: no jurisdiction ${juris.join(', ')} in matrix "${matrix.name}" (ignored)`);
  }

  /** What the editor needs: the store's verdict on a value (the same rules as the store's). */
  private readonly editorParams: CellEditorParams = {
    problem: (key, fields) => {
      const [dimension, jurisdiction] = key.split('\u0000');
      const plan = planOn(this.store.snapshot, { type: 'set-cell', dimension, jurisdiction, set: fields });
      return plan.ok || plan.noop ? undefined : plan.message;
    },
    levelsOf: (scale) => this.store.snapshot.index?.scales.get(scale) ?? [],
  };

  /** The grid committed an edit (the column's valueSetter): ask the store. */
  private editRequested(data: MatrixRow | undefined, colId: string, newValue: unknown): void {
    const view = data?.cells[colId];
    if (!view || this.readonly) return;
    // The editor gives the fields to set; a cleared cell (Delete) gives nothing.
    const fields: CellFields = (newValue as CellFields | null | undefined) ?? { value: '', level: '' };
    const [dimension, jurisdiction] = view.key.split('\u0000');
    const result = this.store.edit({ type: 'set-cell', dimension, jurisdiction, set: fields });
    this.editMessage = result.ok || result.noop ? '' : `Not saved: ${result.message}.`;
  }

  private storeChanged(snapshot: Snapshot, previous: Snapshot): void {
    if (!this.api) {
      if (snapshot.matrix && this.hasUpdated && this.isConnected) this.createGrid();
      return;
    }
    const shown = this.rowsShown;
    const last = snapshot.edits.last;
    if (
      shown && last && !last.structural && shown.matrix && snapshot.matrix &&
      snapshot.edits.version === shown.edits.version + 1 && shown.matrix.dimensions === snapshot.matrix.dimensions
    ) {
      // An edit of some cells: update only their rows (O(rows edited), not O(matrix)).
      this.rowsShown = snapshot;
      const dimensions = new Set([...last.keys].map((k) => k.split('\u0000')[0]));
      for (const id of dimensions) {
        const row = lazyMatrixRow(snapshot, id);
        const node = this.api.getRowNode(id);
        if (row && node) node.setData(row);
      }
      if (snapshot.selection !== previous.selection) this.refreshSelection([previous.selection, snapshot.selection]);
    } else if (!shown || snapshot.matrix !== shown.matrix || snapshot.check !== shown.check) {
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
