import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
import {
  compareMatrix, countByClass, displayedDimensions, orderedJurisdictions, parseSides, parseViewState, resolveSides,
  sortSides, themesOf,
  type Comparison, type CompareViewState, type Side,
} from '../../model/compare/index.ts';
import type { MatrixCheck } from '../../model/check/check.ts';
import type { Matrix } from '../../model/types.ts';
import { StoreProvider, readOnlyContext, storeContext } from '../../state/context.ts';
import { MatrixStore, type Snapshot } from '../../state/store.ts';
import { PolicyEventsController } from '../common/events.ts';
import { isUnusable, loadMessage, problemNotice } from '../common/load-message.ts';
import { themeOf, type ThemeName } from '../common/theme.ts';
import { compareControls } from './compare-controls.ts';
import { plural } from './compare-words.ts';
import { convergenceLegend } from './convergence-badge.ts';
import { styles } from './policy-compare.styles.ts';
import type { CompareCellChooseDetail } from './roving-grid.ts';
import { CompareUrlStateController } from './url-state.ts';

export interface PolicyCompareChangeDetail {
  /** The view's state, as it is written in the page address. */
  state: CompareViewState;
}

declare global {
  interface HTMLElementEventMap {
    'policy-compare-change': CustomEvent<PolicyCompareChangeDetail>;
  }
}

const folderName = (url: URL) => decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') || 'matrix';

/** `a, b ,c` → ['a', 'b', 'c']. */
const commaList = (value: string | null | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The reading code (the load worker and its page side), imported with the first matrix the element reads
 * itself: an element given its store by an application never needs it. (At module level:
 * tsc rewrites the `.ts` of a dynamic import in a decorated class's method only sometimes.)
 */
const readingCode = () => import('../../state/load-worker.ts');
let citationPanel: Promise<unknown> | undefined;
const citationPanelCode = () => (citationPanel ??= import('../citation-panel/citation-panel.ts'));

/**
 * @summary Compare jurisdictions, or groups of them, side by side: each dimension's values
 * with its convergence (same level, one step apart, far apart, not comparable), agreement
 * figures per pair of jurisdictions as a heatmap, and an overview heatmap of levels.
 *
 * Standalone, it loads the matrix folder at `src` into its own store and shows the
 * evidence of the chosen cell in a `<policy-citation-panel>` beside the comparison. Inside
 * an element that provides a store (`storeContext`, e.g. the app), it uses that store
 * instead: choosing a cell selects it there, and the page's own citation panel shows it.
 *
 * The view's state (sides, theme, filters, sort, selected cell) is read from the page
 * address on load and written back with `history.replaceState` (see docs/compare.md),
 * unless `no-url-state` is set. Everything from the matrix is rendered as text.
 *
 * A matrix that cannot be loaded, or has nothing to show, is said inside the element
 * (role="alert"), with the URL read and the problem.
 *
 * @attr src - URL of the matrix folder, relative to the page.
 * @attr jurisdictions - Sides to compare: jurisdiction ids or group names, comma-separated (default: all jurisdictions).
 * @attr dimensions - Dimension ids to compare, comma-separated (default: all); the figures are computed over them.
 * @attr theme - Colour theme: `light`, `dark` or `auto` (the reader's system setting); unset, the colours are inherited.
 * @attr read-only - The evidence panel shows the evidence without its editing tools.
 * @attr no-url-state - Neither read nor write the view's state in the page address.
 * @attr no-panel - No evidence panel, even when standalone.
 *
 * @fires policy-compare-change - The user changed the view; `detail.state` is its state (`PolicyCompareChangeDetail`).
 * @fires policy-cell-select - The selected cell changed (`PolicyCellSelectDetail`: the cell, with its value, level and status). Standalone only: inside another element, that element reports it.
 * @fires policy-cell-change - The matrix was edited in the evidence panel (`PolicyCellChangeDetail`). Standalone only.
 * @fires policy-citation-open - A value cell was activated (click, Enter, Space) to see its evidence (`PolicyCitationOpenDetail`); cancelable.
 *
 * @csspart base - The wrapper of the comparison and the evidence panel.
 * @csspart controls - The choice of sides and the filters.
 * @csspart table - The side-by-side table.
 * @csspart panel - The evidence panel (standalone only).
 * @csspart message - The loading or error message (role="alert" for an error).
 *
 * @cssprop --policy-compare-panel-width - Width of the evidence panel (default 340px).
 * @cssprop --policy-matrix-font-family - Font of the element (default: the system UI font).
 * @cssprop --policy-matrix-font-size - Base font size (default 14px).
 * @cssprop --policy-matrix-line-height - Base line height (default 1.45).
 * @cssprop --policy-matrix-color - Text colour.
 * @cssprop --policy-matrix-background - Background of the element and its panels.
 * @cssprop --policy-matrix-muted-color - Secondary text (hints, help, notes).
 * @cssprop --policy-matrix-surface - Background of headers and quiet areas.
 * @cssprop --policy-matrix-border-color - Borders and rules.
 * @cssprop --policy-matrix-control-border-color - Borders of buttons and fields.
 * @cssprop --policy-matrix-accent-color - Selection, focus rings, primary buttons, links.
 * @cssprop --policy-matrix-on-accent-color - Text on the accent colour.
 * @cssprop --policy-matrix-danger-color - Errors and flagged cells.
 * @cssprop --policy-matrix-warning-color - Drafts and warnings.
 * @cssprop --policy-matrix-success-color - Confirmations and found citations.
 * @cssprop --policy-matrix-mark-color - Highlight of a quote in its passage.
 * @cssprop --policy-matrix-radius - Corner radius of panels (default 6px).
 * @cssprop --policy-matrix-color-scheme - `light` or `dark`: the colour scheme of native controls and scrollbars.
 */
export class PolicyCompare extends LitElement {
  static override styles = styles;

  /** URL of the matrix folder (e.g. `matrices/eu-north-america/`), relative to the page. */
  @property({ reflect: true }) src = '';

  /**
   * Sides to compare, comma-separated: jurisdiction ids or group names (e.g.
   * `EU,North America`). Empty: every jurisdiction. The page address, when it names
   * sides, wins.
   */
  @property() jurisdictions = '';

  /** Do not read or write the view's state in the page address (for embedding). */
  @property({ type: Boolean, attribute: 'no-url-state' }) noUrlState = false;

  /** Do not show the evidence panel even when standalone. */
  @property({ type: Boolean, attribute: 'no-panel' }) noPanel = false;

  /** Dimensions to compare, as a comma-separated list of ids; empty = all. Unknown ids are ignored with a warning. */
  @property() dimensions = '';

  /** Colour theme: `light`, `dark`, `auto` (follows the reader's system), or '' (inherit the page's `--policy-matrix-*` properties). */
  @property({ reflect: true }) theme: ThemeName = '';

  /** Show the evidence without editing tools (in the standalone evidence panel); attribute `read-only`, property `readonly` as on `<policy-matrix>`. */
  @property({ type: Boolean, reflect: true, attribute: 'read-only' }) readonly = false;

  @state() private view: CompareViewState = parseViewState('');
  @state() private external = false;

  private readonly provider = new StoreProvider(this, new MatrixStore(), (snapshot, previous) => this.storeChanged(snapshot, previous));
  private loadToken = 0;
  private memo: { key: unknown[]; value: Comparison } | undefined;
  private scoped: { key: unknown[]; value: Matrix } | undefined;
  private readonly readOnlyProvider = new ContextProvider(this, { context: readOnlyContext, initialValue: false });
  /** policy-cell-select / policy-cell-change from this element's own store (not from a store provided to it). */
  private readonly events = new PolicyEventsController(this, () => this.provider.store, () => !this.external);
  private readonly urlState: CompareUrlStateController;

  constructor() {
    super();
    // A store provided by an ancestor (the app) wins over this element's own.
    new ContextConsumer(this, {
      context: storeContext,
      subscribe: true,
      callback: (store) => {
        if (!store || store === this.provider.store) return;
        this.external = true;
        this.provider.store = store;
        this.urlState.applyPendingCell();
        if (this.src && store.snapshot.status === 'empty') void this.load(this.src);
      },
    });
    this.urlState = new CompareUrlStateController(this, {
      snapshot: () => this.provider.snapshot,
      select: (key) => this.store.select(key),
      restore: (view) => (this.view = view),
    });
  }

  /** The store this element shows (its own, or the one provided to it). Set it to share a store. */
  @property({ attribute: false })
  get store(): MatrixStore {
    return this.provider.store;
  }
  set store(store: MatrixStore) {
    const old = this.provider.store;
    if (store === old) return;
    this.external = true;
    this.provider.store = store;
    this.requestUpdate('store', old);
  }

  /** The view's current state (sides as tokens, filters, sort, selected cell). */
  get viewState(): CompareViewState {
    const selection = this.provider.snapshot.selection;
    const [dimension, jurisdiction] = selection?.split('\u0000') ?? [];
    return { ...this.view, cell: selection ? { dimension, jurisdiction } : this.view.cell };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.src && (!this.external || this.store.snapshot.status === 'empty')) void this.load(this.src);
    if (changed.has('readonly')) this.readOnlyProvider.setValue(this.readonly);
    if (changed.has('theme')) themeOf(this.theme, 'policy-compare');
  }

  /** Reload the matrix from `src`. */
  reload(): Promise<void> {
    return this.load(this.src);
  }

  private async load(src: string): Promise<void> {
    const token = ++this.loadToken;
    if (!src) return;
    const store = this.store;
    store.loading(src);
    try {
      const base = new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI);
      // Read, parsed and checked in the load worker, as the grid's matrix is: a large or
      // hostile matrix never holds up the page (docs/security.md, "Limits").
      const { loadMatrixInWorker } = await readingCode();
      const { bundle, check, index } = await loadMatrixInWorker(base.href, { name: folderName(base) });
      if (token !== this.loadToken) return;
      store.load(bundle, src, undefined, { check, index });
    } catch (error) {
      if (token !== this.loadToken) return;
      const message = error instanceof Error ? error.message : String(error);
      store.fail({ severity: 'error', file: src, line: 0, column: 0, message: `cannot read the matrix: ${message}` }, src);
    }
  }

  private storeChanged(snapshot: Snapshot, previous: Snapshot): void {
    if (snapshot.matrix !== previous.matrix) {
      this.urlState.applyPendingCell();
      if (snapshot.matrix) this.warnUnknownDimensions(snapshot.matrix);
    }
  }

  /** The matrix limited to the `dimensions` attribute (the same object while nothing changes). */
  private scopedMatrix(matrix: Matrix): Matrix {
    const ids = commaList(this.dimensions);
    if (!ids.length) return matrix;
    const key = [matrix, this.dimensions];
    if (this.scoped && this.scoped.key.every((k, i) => k === key[i])) return this.scoped.value;
    const wanted = new Set(ids);
    const value = { ...matrix, dimensions: matrix.dimensions.filter((d) => wanted.has(d.id)) };
    this.scoped = { key, value };
    return value;
  }

  private warnUnknownDimensions(matrix: Matrix): void {
    const unknown = commaList(this.dimensions).filter((id) => !matrix.dimensions.some((d) => d.id === id));
    if (unknown.length) console.warn(`<policy-compare>: no dimension ${unknown.join(', ')} in matrix "${matrix.name}" (ignored)`);
  }

  private change(view: Partial<CompareViewState>): void {
    this.view = { ...this.view, ...view };
    this.dispatchEvent(new CustomEvent<PolicyCompareChangeDetail>('policy-compare-change', { detail: { state: this.viewState }, bubbles: true, composed: true }));
  }

  /** Tokens of the sides asked for: the page address, else the attribute, else every jurisdiction. */
  private tokens(matrix: Matrix): string[] {
    if (this.view.sides) return this.view.sides;
    const fromAttribute = parseSides(this.jurisdictions ?? '');
    return fromAttribute.length ? fromAttribute : orderedJurisdictions(matrix).map((j) => j.id);
  }

  private comparison(matrix: Matrix, check: MatrixCheck, sides: Side[], theme: string): Comparison {
    // As of the store's date (the app's "As of" control): each pair's entry shown then.
    const asOf = this.provider.snapshot.view?.asOf;
    const key = [matrix, check, sides.map((s) => s.key).join('\u0001'), theme, asOf ?? ''];
    if (this.memo && this.memo.key.every((k, i) => k === key[i])) return this.memo.value;
    const value = compareMatrix(matrix, check, sides, { theme, asOf });
    this.memo = { key, value };
    return value;
  }

  protected override render() {
    const snapshot = this.provider.snapshot;
    const { matrix, check } = snapshot;
    const unusable = isUnusable(snapshot);
    const showPanel = !this.external && !this.noPanel && !unusable && !!matrix;
    // The evidence panel's code comes with the first matrix shown (a page with only a comparison
    // loads less at first); the element upgrades when it arrives.
    if (showPanel) citationPanelCode();
    let body: TemplateResult;
    if (!matrix || !check || unusable) {
      body = html`<div part="message">${loadMessage(snapshot, this.src || snapshot.origin)}</div>`;
    } else {
      body = html`${this.external ? nothing : problemNotice(snapshot)}${this.comparisonView(this.scopedMatrix(matrix), check, snapshot)}`;
    }
    return html`<div part="base" class="base ${showPanel ? 'with-panel' : ''}">
      <div class="main">${body}</div>
      ${showPanel
        ? html`<aside part="panel" class="panel" aria-labelledby="evidence-title">
            <h2 id="evidence-title" class="panel-title">Evidence</h2>
            <policy-citation-panel></policy-citation-panel>
          </aside>`
        : nothing}
    </div>`;
  }

  private comparisonView(matrix: Matrix, check: MatrixCheck, snapshot: Snapshot): TemplateResult {
    const resolution = resolveSides(matrix, this.tokens(matrix));
    const sides = sortSides(resolution.sides);
    const themes = themesOf(matrix);
    const theme = themes.includes(this.view.theme) ? this.view.theme : '';
    const controls = compareControls({ matrix, sides, themes, theme, resolution, view: this.view, change: (view) => this.change(view) });
    if (sides.length < 2) {
      return html`<h2 class="title">Compare <span class="matrix-title">${matrix.title}</span></h2>
        ${controls}
        <p class="status" role="status">Choose at least two jurisdictions or groups to compare.</p>`;
    }
    const comparison = this.comparison(matrix, check, sides, theme);
    const rows = displayedDimensions(comparison.dimensions, this.view);
    const counts = countByClass(comparison.dimensions);
    const summary =
      `${rows.length} of ${plural(comparison.dimensions.length, 'dimension')} shown${theme ? ` (theme ${theme})` : ''}: ` +
      `${counts.far} far apart, ${counts.adjacent} one step apart, ${counts.same} at the same level, ${counts.not_comparable} not comparable.`;
    const choose = (e: CustomEvent<CompareCellChooseDetail>) => this.choose(e.detail);
    return html`<h2 class="title">Compare <span class="matrix-title">${matrix.title}</span></h2>
      ${controls}
      <p class="summary" role="status">${summary}</p>
      ${convergenceLegend()}
      <div class="pictures">
        <policy-pair-heatmap .comparison=${comparison}></policy-pair-heatmap>
        <policy-level-heatmap .comparison=${comparison} .rows=${rows} .selection=${snapshot.selection}
          @policy-compare-cell-choose=${choose}></policy-level-heatmap>
      </div>
      <policy-compare-table .comparison=${comparison} .rows=${rows} .selection=${snapshot.selection}
        @policy-compare-cell-choose=${choose}></policy-compare-table>`;
  }

  /**
   * A cell of the table or the level overview was chosen (or focus moved to it): select it and
   * show its evidence. `policy-citation-open` is fired only when the user asked for the cell
   * (click, Enter, Space), not when focus merely moved there.
   */
  private choose({ key, trigger }: CompareCellChooseDetail): void {
    this.store.select(key);
    this.dispatchEvent(new CustomEvent<PolicyCompareChangeDetail>('policy-compare-change', { detail: { state: this.viewState }, bubbles: true, composed: true }));
    if (trigger) this.events.citationOpen(this.provider.snapshot, key, trigger);
  }
}
