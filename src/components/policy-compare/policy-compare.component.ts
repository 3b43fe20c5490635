import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
import {
  CONVERGENCES, CONVERGENCE_LABELS, EVIDENCE_LABELS, compareMatrix, countByClass, displayedDimensions, figuresOf,
  groupsOf, notComparableText, orderedJurisdictions, parseSides, parseViewState, positionNote, resolveSides, sortSides,
  themesOf, writeViewState,
  type Comparison, type CompareViewState, type DimensionComparison, type PairFigures, type Position, type Side,
  type SideResolution, type SortOrder,
} from '../../model/compare/index.ts';
import type { MatrixCheck } from '../../model/check/check.ts';
import { fetchReader, readMatrix } from '../../model/format/read.ts';
import { cellKey, type Matrix } from '../../model/types.ts';
import { StoreProvider, readOnlyContext, storeContext } from '../../state/context.ts';
import { MatrixStore, type Snapshot } from '../../state/store.ts';
import { PolicyEventsController } from '../common/events.ts';
import { isUnusable, loadMessage, problemNotice } from '../common/load-message.ts';
import { themeOf, type ThemeName } from '../common/theme.ts';
import { displayValue } from '../policy-matrix/rows.ts';
import { moveInGrid, type Cell } from './grid-nav.ts';
import { CONVERGENCE_STYLE, agreementColour, levelColour, textOn } from './palette.ts';
import { styles } from './policy-compare.styles.ts';

export interface PolicyCompareChangeDetail {
  /** The view's state, as it is written in the page address. */
  state: CompareViewState;
}

declare global {
  interface HTMLElementEventMap {
    'policy-compare-change': CustomEvent<PolicyCompareChangeDetail>;
  }
}

type GridName = 'table' | 'levels' | 'pairs';

const CONVERGENCE_HELP: Record<(typeof CONVERGENCES)[number], string> = {
  same: 'every side with evidence is at the same level',
  adjacent: 'the largest gap between sides is one step on the scale',
  far: 'two or more steps apart on the scale',
  not_comparable: 'fewer than two sides have evidence, or the dimension has no scale',
};

/** Short codes for cells of the level overview that do not count (explained in the legend). */
const EVIDENCE_CODE: Record<string, string> = { not_in_source: '–', draft: 'D', flagged: '⚑', missing: '∅' };

const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
const decimal = (x: number | null) => (x === null ? '—' : x.toFixed(2));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const folderName = (url: URL) => decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') || 'matrix';

/** `a, b ,c` → ['a', 'b', 'c']. */
const commaList = (value: string | null | undefined): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** A pair's figures in one sentence (heatmap tooltips, screen readers, group lines). */
export function pairSentence(aLabel: string, bLabel: string, p: PairFigures | undefined): string {
  if (!p || p.n === 0) return `${aLabel} and ${bLabel}: no dimension on a scale where both have evidence.`;
  return (
    `${aLabel} and ${bLabel}: same level on ${p.same} of ${plural(p.n, 'dimension')} (${percent(p.sameShare)}); ` +
    `one step apart on ${p.adjacent}, far apart on ${p.far}; mean distance ${decimal(p.meanDistance)} steps ` +
    `(${decimal(p.meanNormalisedDistance)} of the scale).`
  );
}

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

  private readonly active: Record<GridName, Cell> = { table: [0, 0], levels: [0, 0], pairs: [0, 1] };
  private readonly provider = new StoreProvider(this, new MatrixStore(), (snapshot, previous) => this.storeChanged(snapshot, previous));
  private loadToken = 0;
  private urlRead = false;
  private pendingCell: string | undefined;
  private memo: { key: unknown[]; value: Comparison } | undefined;
  private scoped: { key: unknown[]; value: Matrix } | undefined;
  private readonly readOnlyProvider = new ContextProvider(this, { context: readOnlyContext, initialValue: false });
  /** policy-cell-select / policy-cell-change from this element's own store (not from a store provided to it). */
  private readonly events = new PolicyEventsController(this, () => this.provider.store, () => !this.external);

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
        this.applyPendingCell();
        if (this.src && store.snapshot.status === 'empty') void this.load(this.src);
      },
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

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.urlRead && !this.noUrlState) {
      this.urlRead = true;
      const fromUrl = parseViewState(location.search);
      this.view = { ...fromUrl, cell: undefined };
      if (fromUrl.cell) this.pendingCell = cellKey(fromUrl.cell.dimension, fromUrl.cell.jurisdiction);
      this.applyPendingCell();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('src') && this.src && (!this.external || this.store.snapshot.status === 'empty')) void this.load(this.src);
    if (changed.has('readonly')) this.readOnlyProvider.setValue(this.readonly);
    if (changed.has('theme')) themeOf(this.theme, 'policy-compare');
  }

  protected override updated(): void {
    this.writeUrl();
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
      const bundle = await readMatrix(fetchReader(base.href), folderName(base));
      if (token !== this.loadToken) return;
      store.load(bundle, src);
    } catch (error) {
      if (token !== this.loadToken) return;
      const message = error instanceof Error ? error.message : String(error);
      store.fail({ severity: 'error', file: src, line: 0, column: 0, message: `cannot read the matrix: ${message}` }, src);
    }
  }

  private storeChanged(snapshot: Snapshot, previous: Snapshot): void {
    if (snapshot.matrix !== previous.matrix) {
      this.applyPendingCell();
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

  /** Select the cell named by the page address once the matrix is there. */
  private applyPendingCell(): void {
    const snapshot = this.provider.snapshot;
    if (this.pendingCell === undefined || snapshot.status !== 'ready') return;
    const key = this.pendingCell;
    this.pendingCell = undefined;
    this.store.select(key);
  }

  private writeUrl(): void {
    if (this.noUrlState || this.provider.snapshot.status !== 'ready' || this.pendingCell !== undefined) return;
    const query = writeViewState(this.viewState, location.search);
    if (query === location.search) return;
    history.replaceState(history.state, '', `${location.pathname}${query}${location.hash}`);
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
    const key = [matrix, check, sides.map((s) => s.key).join('\u0001'), theme];
    if (this.memo && this.memo.key.every((k, i) => k === key[i])) return this.memo.value;
    const value = compareMatrix(matrix, check, sides, { theme });
    this.memo = { key, value };
    return value;
  }

  protected override render() {
    const snapshot = this.provider.snapshot;
    const { matrix, check } = snapshot;
    const unusable = isUnusable(snapshot);
    const showPanel = !this.external && !this.noPanel && !unusable && !!matrix;
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
    const controls = this.controls(matrix, sides, themes, theme, resolution);
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
    return html`<h2 class="title">Compare <span class="matrix-title">${matrix.title}</span></h2>
      ${controls}
      <p class="summary" role="status">${summary}</p>
      ${this.convergenceLegend()}
      <div class="pictures">
        ${this.pairsHeatmap(comparison)} ${this.levelsHeatmap(comparison, rows, snapshot.selection)}
      </div>
      ${this.table(comparison, rows, snapshot.selection)}`;
  }

  // ── Controls ──────────────────────────────────────────────────────────────

  private controls(matrix: Matrix, sides: Side[], themes: string[], theme: string, resolution: SideResolution): TemplateResult {
    const chosen = new Set(sides.map((s) => s.key));
    const groupOf = new Map<string, string>();
    for (const s of sides) if (s.kind === 'group') for (const m of s.members) groupOf.set(m.id, s.label);
    const groups = groupsOf(matrix);
    const warnings = [
      ...resolution.unknown.map((t) => `"${t}" is neither a jurisdiction nor a group of this matrix.`),
      ...resolution.overlapping.map((o) => `${o.side.label} is left out: ${o.jurisdiction.label || o.jurisdiction.id} is already in ${o.earlier.label}.`),
    ];
    return html`<div part="controls" class="controls">
      <fieldset class="sides">
        <legend>Compare</legend>
        <div class="choices" role="group" aria-label="Jurisdictions">
          <span class="choice-heading" aria-hidden="true">Jurisdictions</span>
          ${orderedJurisdictions(matrix).map((j) => {
            const inGroup = groupOf.get(j.id);
            return html`<label class="choice ${inGroup ? 'covered' : ''}">
              <input
                type="checkbox"
                name="jurisdiction"
                .value=${j.id}
                .checked=${chosen.has(`jurisdiction:${j.id}`) || inGroup !== undefined}
                ?disabled=${inGroup !== undefined}
                @change=${(e: Event) => this.toggle(matrix, sides, `jurisdiction:${j.id}`, j.id, (e.target as HTMLInputElement).checked)}
              />
              ${j.label || j.id}${inGroup ? html`<span class="in-group"> (in ${inGroup})</span>` : nothing}
            </label>`;
          })}
        </div>
        ${groups.length
          ? html`<div class="choices" role="group" aria-label="Groups">
              <span class="choice-heading" aria-hidden="true">Groups</span>
              ${groups.map(
                (g) => html`<label class="choice" title=${g.members.map((m) => m.label || m.id).join(', ')}>
                  <input
                    type="checkbox"
                    name="group"
                    .value=${g.name}
                    .checked=${chosen.has(`group:${g.name}`)}
                    @change=${(e: Event) => this.toggle(matrix, sides, `group:${g.name}`, g.name, (e.target as HTMLInputElement).checked)}
                  />
                  ${g.name} <span class="members">(${g.members.map((m) => m.label || m.id).join(', ')})</span>
                </label>`,
              )}
            </div>`
          : nothing}
      </fieldset>
      <div class="filters">
        <label class="field"
          >Theme
          <select
            name="theme"
            @change=${(e: Event) => this.change({ theme: (e.target as HTMLSelectElement).value })}
          >
            <option value="" ?selected=${theme === ''}>All themes</option>
            ${themes.map((t) => html`<option .value=${t} ?selected=${t === theme}>${t}</option>`)}
          </select>
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="only-differences"
            .checked=${this.view.onlyDifferences}
            @change=${(e: Event) => this.change({ onlyDifferences: (e.target as HTMLInputElement).checked })}
          />
          Only differences
        </label>
        <label class="check">
          <input
            type="checkbox"
            name="only-evidence"
            .checked=${this.view.onlyEvidence}
            @change=${(e: Event) => this.change({ onlyEvidence: (e.target as HTMLInputElement).checked })}
          />
          Only dimensions with evidence on every side
        </label>
        <label class="field"
          >Sort
          <select name="sort" @change=${(e: Event) => this.change({ sort: (e.target as HTMLSelectElement).value as SortOrder })}>
            <option value="order" ?selected=${this.view.sort === 'order'}>Matrix order</option>
            <option value="divergence" ?selected=${this.view.sort === 'divergence'}>Most divergent first</option>
          </select>
        </label>
      </div>
      ${warnings.length ? html`<ul class="warnings">${warnings.map((w) => html`<li>${w}</li>`)}</ul>` : nothing}
    </div>`;
  }

  /** Add or remove a side; a group takes the place of its members. Sides are kept in matrix order. */
  private toggle(matrix: Matrix, sides: Side[], key: string, token: string, on: boolean): void {
    let tokens = sides.filter((s) => s.key !== key).map((s) => s.id);
    if (on) {
      const added = resolveSides(matrix, [token]).sides[0];
      if (!added) return;
      const members = new Set(added.members.map((m) => m.id));
      const kept = sides.filter((s) => s.key !== key && !s.members.some((m) => members.has(m.id)));
      tokens = sortSides([...kept, added]).map((s) => s.id);
    }
    this.change({ sides: tokens });
  }

  // ── Legend ────────────────────────────────────────────────────────────────

  private convergenceLegend(): TemplateResult {
    return html`<section class="legend" aria-labelledby="legend-title">
      <h3 id="legend-title" class="legend-title">Convergence</h3>
      <ul class="legend-items">
        ${CONVERGENCES.map(
          (c) => html`<li>${this.badge(c)} <span class="legend-help">${CONVERGENCE_HELP[c]}</span></li>`,
        )}
      </ul>
    </section>`;
  }

  private badge(c: DimensionComparison['convergence'], detail = ''): TemplateResult {
    return html`<span class="badge c-${c}"
      ><span class="swatch" aria-hidden="true">${CONVERGENCE_STYLE[c].symbol}</span>${CONVERGENCE_LABELS[c]}${detail
        ? html`<span class="badge-detail"> · ${detail}</span>`
        : nothing}</span
    >`;
  }

  // ── Pairwise heatmap ──────────────────────────────────────────────────────

  private pairsHeatmap(comparison: Comparison): TemplateResult {
    const js = comparison.jurisdictions;
    const groupPairs = comparison.sides.some((s) => s.kind === 'group') ? comparison.sidePairs : [];
    const labelOfSide = new Map(comparison.sides.map((s) => [s.key, s.label]));
    const [ar, ac] = this.clampActive('pairs', js.length, js.length);
    return html`<section class="figure pairs" aria-labelledby="pairs-title">
      <h3 id="pairs-title">Agreement between jurisdictions</h3>
      <p class="figure-help">
        Share of dimensions at the same level, over the dimensions on a scale where both have evidence (n).
        ${comparison.theme ? html`Theme ${comparison.theme} only.` : nothing}
      </p>
      <table class="heatmap" role="grid" aria-labelledby="pairs-title" @keydown=${(e: KeyboardEvent) => this.gridKey(e, 'pairs', js.length, js.length)}>
        <thead>
          <tr>
            <td></td>
            ${js.map((j) => html`<th scope="col" class="col-head">${j.label || j.id}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${js.map(
            (row, r) => html`<tr>
              <th scope="row" class="row-head">${row.label || row.id}</th>
              ${js.map((col, c) => {
                const focus = r === ar && c === ac ? 0 : -1;
                const common = { r, c, focus };
                if (r === c) {
                  return this.pairCell(common, '—', `${row.label || row.id}: itself`, 'diagonal', undefined);
                }
                const p = figuresOf(comparison.jurisdictionPairs, `jurisdiction:${row.id}`, `jurisdiction:${col.id}`);
                const sentence = pairSentence(row.label || row.id, col.label || col.id, p);
                if (!p || p.n === 0) return this.pairCell(common, 'n=0', sentence, 'empty', undefined);
                return this.pairCell(common, percent(p.sameShare), sentence, '', agreementColour(p.sameShare ?? 0), `n=${p.n}`);
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="scale-legend" aria-hidden="true">
        <span>0%</span>
        ${[0, 0.25, 0.5, 0.75, 1].map((t) => html`<span class="scale-step" style="background:${agreementColour(t)}"></span>`)}
        <span>100% same level</span>
        <span class="scale-step empty"></span><span>no dimension in common</span>
      </div>
      ${groupPairs.length
        ? html`<ul class="group-pairs" aria-label="Between the chosen sides">
            ${groupPairs.map(
              (p) => html`<li>${pairSentence(labelOfSide.get(p.a) ?? p.a, labelOfSide.get(p.b) ?? p.b, p)}</li>`,
            )}
          </ul>
          <p class="figure-help">A group counts as the set of its members' levels: the distance between two sides is
            the largest between a level of one and a level of the other.</p>`
        : nothing}
    </section>`;
  }

  private pairCell(
    at: { r: number; c: number; focus: number },
    text: string,
    label: string,
    kind: string,
    background: string | undefined,
    small = '',
  ): TemplateResult {
    const style = background ? `background:${background};color:${textOn(background)}` : '';
    return html`<td
      role="gridcell"
      class="hm-cell ${kind}"
      data-grid="pairs"
      data-r=${at.r}
      data-c=${at.c}
      tabindex=${at.focus}
      style=${style}
      title=${label}
      aria-label=${label}
      @click=${() => this.activate('pairs', at.r, at.c)}
    >
      <span class="hm-main">${text}</span>${small ? html` <span class="hm-small">${small}</span>` : nothing}
    </td>`;
  }

  // ── Levels overview heatmap ───────────────────────────────────────────────

  private levelsHeatmap(comparison: Comparison, rows: DimensionComparison[], selection: string | undefined): TemplateResult {
    const js = comparison.jurisdictions;
    const [ar, ac] = this.clampActive('levels', rows.length, js.length);
    return html`<section class="figure levels" aria-labelledby="levels-title">
      <h3 id="levels-title">Levels at a glance</h3>
      <p class="figure-help">Each cell: the level's position on its dimension's scale (1 = lowest). Enter or click shows the evidence.</p>
      <table class="heatmap" role="grid" aria-labelledby="levels-title" @keydown=${(e: KeyboardEvent) => this.gridKey(e, 'levels', rows.length, js.length)}>
        <thead>
          <tr>
            <td></td>
            ${js.map((j) => html`<th scope="col" class="col-head">${j.label || j.id}</th>`)}
            <th scope="col" class="col-head"><span class="visually-hidden">Convergence</span></th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((d, r) => {
            const positions = d.sides.flatMap((s) => s.positions);
            return html`<tr>
              <th scope="row" class="row-head dim-head">${d.dimension.label || d.dimension.id}</th>
              ${positions.map((p, c) => this.levelCell(d, p, r, c, r === ar && c === ac, p.key === selection))}
              <td class="conv-mark c-${d.convergence}" title=${CONVERGENCE_LABELS[d.convergence]}>
                <span aria-hidden="true">${CONVERGENCE_STYLE[d.convergence].symbol}</span>
                <span class="visually-hidden">${CONVERGENCE_LABELS[d.convergence]}</span>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      <div class="scale-legend" aria-hidden="true">
        <span>lowest level</span>
        ${[0, 0.25, 0.5, 0.75, 1].map((t) => html`<span class="scale-step" style="background:${levelColour(t)}"></span>`)}
        <span>highest</span>
      </div>
      <div class="scale-legend codes" aria-hidden="true">
        <span><span class="scale-step empty">–</span> not in source</span>
        <span><span class="scale-step empty">D</span> draft</span>
        <span><span class="scale-step empty">⚑</span> flagged</span>
        <span><span class="scale-step empty">∅</span> no entry</span>
        <span><span class="scale-step noscale">·</span> no scale (value in the table)</span>
      </div>
    </section>`;
  }

  private levelCell(d: DimensionComparison, p: Position, r: number, c: number, active: boolean, selected: boolean): TemplateResult {
    const who = `${d.dimension.label || d.dimension.id}, ${p.jurisdiction.label || p.jurisdiction.id}`;
    let text: string;
    let label: string;
    let kind = '';
    let style = '';
    if (p.step !== undefined && p.level) {
      const t = d.scale.length > 1 ? p.step / (d.scale.length - 1) : 0;
      const bg = levelColour(t);
      style = `background:${bg};color:${textOn(bg)}`;
      text = String(p.step + 1);
      label = `${who}: ${p.level.label}, level ${p.step + 1} of ${d.scale.length}`;
    } else if (p.supported && d.scale.length === 0) {
      kind = 'noscale';
      text = '·';
      label = `${who}: ${displayValue(d.dimension, p.cell?.value ?? '')} (no scale)`;
    } else {
      kind = 'empty';
      text = EVIDENCE_CODE[p.evidence] ?? '?';
      label = `${who}: ${positionNote(p, d) ?? EVIDENCE_LABELS[p.evidence]}`;
    }
    return html`<td
      role="gridcell"
      class="hm-cell lvl ${kind} ${selected ? 'selected' : ''}"
      data-grid="levels"
      data-r=${r}
      data-c=${c}
      data-key=${p.key}
      tabindex=${active ? 0 : -1}
      aria-selected=${selected ? 'true' : 'false'}
      style=${style}
      title=${label}
      aria-label=${label}
      @click=${() => this.activate('levels', r, c, p.key, 'pointer')}
    >
      ${text}
    </td>`;
  }

  // ── Side-by-side table ────────────────────────────────────────────────────

  private table(comparison: Comparison, rows: DimensionComparison[], selection: string | undefined): TemplateResult {
    const columns = comparison.jurisdictions.length;
    const grouped = comparison.sides.some((s) => s.kind === 'group');
    const [ar, ac] = this.clampActive('table', rows.length, columns);
    return html`<section class="side-by-side" aria-labelledby="table-title">
      <h3 id="table-title">Side by side</h3>
      ${rows.length === 0
        ? html`<p class="status">No dimension matches the filters.</p>`
        : html`<div class="table-scroll">
            <table part="table" class="compare-table" role="grid" aria-labelledby="table-title" @keydown=${(e: KeyboardEvent) => this.gridKey(e, 'table', rows.length, columns)}>
              <thead>
                ${grouped
                  ? html`<tr>
                      <td></td>
                      ${comparison.sides.map((s) => html`<th scope="colgroup" colspan=${s.members.length} class="side-head">${s.label}</th>`)}
                      <td></td>
                    </tr>`
                  : nothing}
                <tr>
                  <th scope="col">Dimension</th>
                  ${comparison.sides.flatMap((s) => s.members.map((j) => html`<th scope="col">${j.label || j.id}</th>`))}
                  <th scope="col">Convergence</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map((d, r) => {
                  const positions = d.sides.flatMap((s) => s.positions);
                  return html`<tr class="row c-${d.convergence}" data-dimension=${d.dimension.id}>
                    <th scope="row" class="dimension">
                      ${d.dimension.theme ? html`<span class="theme">${d.dimension.theme}</span>` : nothing}
                      <span class="dimension-label">${d.dimension.label || d.dimension.id}</span>
                    </th>
                    ${positions.map((p, c) => this.valueCell(d, p, r, c, r === ar && c === ac, p.key === selection))}
                    <td class="convergence">${this.convergenceCell(d, comparison.sides.length)}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  private valueCell(d: DimensionComparison, p: Position, r: number, c: number, active: boolean, selected: boolean): TemplateResult {
    const value = p.cell?.value ? displayValue(d.dimension, p.cell.value) : '';
    const note = positionNote(p, d);
    const swatch = p.step !== undefined ? levelColour(d.scale.length > 1 ? p.step / (d.scale.length - 1) : 0) : undefined;
    return html`<td
      role="gridcell"
      class="value-cell ${p.supported ? '' : 'no-evidence'} ${selected ? 'selected' : ''}"
      data-grid="table"
      data-r=${r}
      data-c=${c}
      data-key=${p.key}
      tabindex=${active ? 0 : -1}
      aria-selected=${selected ? 'true' : 'false'}
      @click=${() => this.activate('table', r, c, p.key, 'pointer')}
    >
      ${value ? html`<span class="value">${value}</span>` : nothing}
      ${p.level
        ? html`<span class="level"
            >${swatch ? html`<span class="level-swatch" style="background:${swatch}" aria-hidden="true"></span>` : nothing}${p.level.label}
            · ${d.scale.indexOf(p.level) + 1} of ${d.scale.length}</span
          >`
        : nothing}
      ${note ? html`<span class="evidence e-${p.evidence}">${p.evidence === 'flagged' ? '⚑ ' : ''}${note}</span>` : nothing}
    </td>`;
  }

  private convergenceCell(d: DimensionComparison, sides: number): TemplateResult {
    if (d.convergence === 'not_comparable') return html`${this.badge(d.convergence)} <span class="why">${notComparableText(d)}</span>`;
    const steps = d.gap === 1 ? '' : d.convergence === 'far' ? plural(d.gap ?? 0, 'step') : '';
    const partial = d.comparedSides < sides ? `${d.comparedSides} of ${sides} sides with evidence` : '';
    return html`${this.badge(d.convergence, steps)}${partial ? html` <span class="why">${partial}</span>` : nothing}`;
  }

  // ── Keyboard and selection ────────────────────────────────────────────────

  private clampActive(grid: GridName, rows: number, columns: number): Cell {
    const [r, c] = this.active[grid];
    const clamped: Cell = [Math.max(0, Math.min(rows - 1, r)), Math.max(0, Math.min(columns - 1, c))];
    this.active[grid] = clamped;
    return clamped;
  }

  private gridKey(event: KeyboardEvent, grid: GridName, rows: number, columns: number): void {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-grid]');
    if (!target || target.dataset.grid !== grid) return;
    const at: Cell = [Number(target.dataset.r), Number(target.dataset.c)];
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.activate(grid, at[0], at[1], target.dataset.key, 'keyboard');
      return;
    }
    const next = moveInGrid(event.key, at, rows, columns, event.ctrlKey || event.metaKey);
    if (!next) return;
    event.preventDefault();
    void this.focusCell(grid, next);
  }

  private async focusCell(grid: GridName, [r, c]: Cell): Promise<void> {
    this.active[grid] = [r, c];
    this.requestUpdate();
    await this.updateComplete;
    const cell = this.renderRoot.querySelector<HTMLElement>(`[data-grid="${grid}"][data-r="${r}"][data-c="${c}"]`);
    cell?.focus();
    // As in the grid: moving to a cell of the table or the level overview shows its evidence.
    if (cell?.dataset.key !== undefined) this.activate(grid, r, c, cell.dataset.key);
  }

  /**
   * A cell was clicked or chosen with Enter / Space (or focus moved to it): make it the grid's
   * active cell and show its evidence. `trigger` is given when the user asked for the cell
   * (click, Enter, Space), not when focus merely moved there: only then is
   * `policy-citation-open` fired.
   */
  private activate(grid: GridName, r: number, c: number, key?: string, trigger?: 'keyboard' | 'pointer'): void {
    this.active[grid] = [r, c];
    this.requestUpdate();
    if (key === undefined) return;
    this.store.select(key);
    this.dispatchEvent(new CustomEvent<PolicyCompareChangeDetail>('policy-compare-change', { detail: { state: this.viewState }, bubbles: true, composed: true }));
    if (trigger) this.events.citationOpen(this.provider.snapshot, key, trigger);
  }
}
