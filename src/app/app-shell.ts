import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { Coverage } from '../model/check/check.ts';
import { pastLimitOf, uncheckedWhy } from '../model/anchor/limits.ts';
import type { PolicyProblemChooseDetail } from '../components/policy-problems/policy-problems.component.ts';
import { StoreProvider } from '../state/context.ts';
import { MatrixStore } from '../state/store.ts';
import { handleEditKeys } from '../components/common/edit-keys.ts';
import '../components/policy-matrix/policy-matrix.ts';
import '../components/citation-panel/citation-panel.ts';
import '../components/policy-compare/policy-compare.ts';
import '../components/policy-briefing/policy-briefing.ts';
import '../components/policy-file-menu/policy-file-menu.ts';
import '../components/add-source/policy-add-source.ts';
import '../components/add-source/policy-replace-source.ts';
import '../components/policy-problems/policy-problems.ts';
import '../components/source-search/policy-source-search.ts';
import '../components/policy-as-of/policy-as-of.ts';
import '../components/policy-changes/policy-changes.ts';
import '../components/policy-periods/policy-periods.ts';
import '../components/policy-codebook/policy-codebook.ts';

export const DEFAULT_MATRIX = 'matrices/eu-north-america/';

/** The app's views: the grid, regimes side by side, the briefing table, search across the sources, changes over time, values then and now side by side, the codebook. */
export const VIEWS = [
  { id: 'matrix', label: 'Matrix' },
  { id: 'compare', label: 'Compare' },
  { id: 'briefing', label: 'Briefing' },
  { id: 'search', label: 'Search sources' },
  { id: 'changes', label: 'Changes' },
  { id: 'periods', label: 'Then and now' },
  { id: 'codebook', label: 'Codebook' },
] as const;
/** Views shown alone, without the evidence panel beside them. */
const SINGLE: ReadonlySet<ViewId> = new Set(['briefing', 'changes', 'codebook']);
export type ViewId = (typeof VIEWS)[number]['id'];
export const isView = (v: string | null): v is ViewId => VIEWS.some((x) => x.id === v);

/**
 * @summary The policy-matrix application: title, coverage summary, load problems, the
 * matrix grid and the evidence panel side by side, all sharing one store.
 *
 * @csspart header - The title bar.
 */
export class PolicyMatrixApp extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      min-height: 0;
      box-sizing: border-box;
      color: #1f2328;
      background: #f6f7f9;
      font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
      font-size: 14px;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      justify-content: space-between;
      gap: 8px 24px;
      padding: 12px 20px 10px;
      background: #fff;
      border-bottom: 1px solid #d5dbe3;
    }
    .files {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 6px;
    }
    .app-name {
      margin: 0;
      font-size: 11.5px;
      font-weight: 600;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: #0b5cad;
    }
    h1 {
      margin: 2px 0 0;
      font-size: 20px;
      line-height: 1.25;
    }
    .description {
      margin: 2px 0 0;
      max-width: 80ch;
      color: #59636e;
      font-size: 13px;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 18px;
      margin: 0;
    }
    .summary > div {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 4px 10px;
    }
    .summary dt {
      font-size: 11.5px;
      font-weight: 600;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: #59636e;
    }
    .summary dd {
      margin: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .stat {
      display: inline-flex;
      align-items: baseline;
      gap: 4px;
      padding: 2px 8px;
      border: 1px solid #d5dbe3;
      border-radius: 999px;
      background: #fff;
      font-size: 12.5px;
      white-space: nowrap;
    }
    .stat strong {
      font-variant-numeric: tabular-nums;
    }
    .stat.bad strong {
      color: #a40e26;
    }
    .stat.warn strong {
      color: #7a4d00;
    }
    .problems {
      margin: 10px 20px 0;
      padding: 8px 12px;
      border: 1px solid #f3c1bc;
      border-left: 4px solid #cf222e;
      border-radius: 6px;
      background: #fff;
    }
    .problems.findings {
      border-color: #e6d3a3;
      border-left-color: #bf8700;
    }
    .problems h2,
    .problems summary {
      margin: 0;
      font-size: 13.5px;
      font-weight: 600;
    }
    .problems summary {
      cursor: pointer;
    }
    .problem-list {
      margin: 6px 0 0;
      padding: 0;
      list-style: none;
      max-height: 9.5em;
      overflow: auto;
    }
    .problem-list li {
      display: flex;
      gap: 8px;
      align-items: baseline;
      padding: 2px 0;
      font-size: 12.5px;
    }
    .problem-list code {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 12px;
      overflow-wrap: anywhere;
    }
    .sev {
      flex: none;
      min-width: 4.5em;
      font-weight: 600;
      font-size: 11.5px;
    }
    .error .sev {
      color: #a40e26;
    }
    .warning .sev {
      color: #7a4d00;
    }
    .as-of {
      padding: 6px 20px 0;
    }
    [role='tablist'] {
      display: flex;
      gap: 2px;
      padding: 0 20px;
      background: #fff;
      border-bottom: 1px solid #d5dbe3;
    }
    [role='tab'] {
      padding: 8px 14px 7px;
      border: 0;
      border-bottom: 3px solid transparent;
      background: none;
      font: inherit;
      font-weight: 600;
      color: #59636e;
      cursor: pointer;
    }
    [role='tab'][aria-selected='true'] {
      color: #0b5cad;
      border-bottom-color: #0b5cad;
    }
    [role='tab']:focus-visible {
      outline: 2px solid #0b5cad;
      outline-offset: -2px;
    }
    [hidden] {
      display: none !important;
    }
    .view {
      min-height: 0;
      height: 100%;
    }
    .view.scroll {
      overflow: auto;
    }
    main {
      flex: 1 1 auto;
      min-height: 0;
      display: flex;
      flex-direction: column;
    }
    .views {
      flex: 1 1 auto;
      min-height: 0;
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(320px, 31%);
      gap: 14px;
      padding: 12px 20px 16px;
    }
    /* The briefing takes the whole width and scrolls (no evidence panel beside it). */
    .views.single {
      display: block;
      overflow: auto;
    }
    policy-matrix {
      min-height: 0;
      height: 100%;
    }
    aside {
      min-height: 0;
      overflow: auto;
      padding: 12px 16px;
      background: #fff;
      border: 1px solid #d5dbe3;
      border-radius: 6px;
    }
    aside h2 {
      margin: 0 0 8px;
      font-size: 11.5px;
      font-weight: 600;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: #59636e;
    }
    @media (max-width: 900px) {
      .views:not(.single) {
        grid-template-columns: 1fr;
        grid-template-rows: minmax(360px, 60vh) auto;
      }
    }
  `;

  /** URL of the matrix folder to show. */
  @property({ reflect: true }) src = DEFAULT_MATRIX;

  /**
   * Join the matrix at `src` on its team server (`policy-matrix serve`) instead of loading it:
   * analysts edit it together (an editor's token), or watch it (a reader's).
   */
  @property({ type: Boolean, reflect: true }) live = false;

  /** The token for a live matrix on another server (the app the team server serves uses its cookie). */
  @property({ attribute: false }) token = '';

  /** The view shown: `matrix` (grid), `compare` (side by side) or `briefing`. */
  @property({ reflect: true }) view: ViewId = 'matrix';

  /** Views opened so far: they stay rendered (hidden) so switching back keeps their state. */
  private readonly opened = new Set<ViewId>();

  /** The app's one store, provided to the grid and the panel. */
  readonly store = new MatrixStore();

  private readonly provider = new StoreProvider(this, this.store);

  /** IndexedDB database of the grid's autosaved drafts (see `<policy-matrix drafts>`). */
  @property() drafts = 'policy-matrix-drafts';

  constructor() {
    super();
    // Ctrl/Cmd+Z, Ctrl+Shift+Z, Ctrl+Y anywhere in the app (outside text fields) undo and redo.
    this.addEventListener('keydown', (e) => handleEditKeys(e, this.store));
    // Ctrl/Cmd+Shift+F anywhere in the app: search the sources.
    this.addEventListener('keydown', (e) => {
      if (e.defaultPrevented || !(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== 'f') return;
      e.preventDefault();
      void this.searchSources();
    });
    // A new matrix was made (New matrix…): show it in the grid.
    this.addEventListener('policy-new-matrix', () => this.show('matrix'));
  }

  protected override render() {
    const { matrix, check, status } = this.provider.snapshot;
    const title = matrix?.title ?? (status === 'loading' ? 'Loading…' : status === 'failed' ? 'Matrix not loaded' : '');
    return html`
      <header part="header">
        <div>
          <p class="app-name">Policy matrix</p>
          <h1>${title}</h1>
          ${matrix?.description ? html`<p class="description">${matrix.description}</p>` : nothing}
        </div>
        ${check ? this.summary(check.coverage) : nothing}
        <div class="files">
          <policy-file-menu></policy-file-menu>
          <policy-add-source></policy-add-source>
          <policy-replace-source></policy-replace-source>
        </div>
      </header>
      <main>
        <policy-problems @policy-problem-choose=${this.reveal}></policy-problems>
        <policy-problems findings @policy-problem-choose=${this.reveal}></policy-problems>
        <div class="as-of"><policy-as-of></policy-as-of></div>
        <div role="tablist" aria-label="Views" @keydown=${this.onTabKey}>
          ${VIEWS.map(
            (v) => html`<button
              role="tab"
              id="tab-${v.id}"
              aria-controls="view-${v.id}"
              aria-selected=${this.view === v.id ? 'true' : 'false'}
              tabindex=${this.view === v.id ? '0' : '-1'}
              @click=${() => this.show(v.id)}
            >${v.label}</button>`,
          )}
        </div>
        <div class="views ${SINGLE.has(this.view) ? 'single' : ''}">
          <div class="view" role="tabpanel" id="view-matrix" aria-labelledby="tab-matrix" ?hidden=${this.view !== 'matrix'}>
            <!-- The grid loads the matrix into the app's store for every view, so it is always there (hidden in other views). -->
            <policy-matrix .store=${this.store} src=${this.src} drafts=${this.drafts} ?live=${this.live} .token=${this.token} .liveEditing=${true}
              @policy-matrix-open-evidence=${(e: Event) => {
                e.preventDefault();
                this.renderRoot.querySelector('policy-citation-panel')?.focusEvidence();
              }}
              @policy-matrix-cite=${(e: Event) => {
                e.preventDefault();
                void this.renderRoot.querySelector('policy-citation-panel')?.openReader();
              }}></policy-matrix>
          </div>
          <div class="view scroll" role="tabpanel" id="view-compare" aria-labelledby="tab-compare" ?hidden=${this.view !== 'compare'}>
            ${this.opened.has('compare') ? html`<policy-compare src=${this.src} no-panel></policy-compare>` : nothing}
          </div>
          <div class="view scroll" role="tabpanel" id="view-search" aria-labelledby="tab-search" ?hidden=${this.view !== 'search'}>
            ${this.opened.has('search') ? html`<policy-source-search></policy-source-search>` : nothing}
          </div>
          <div class="view scroll" role="tabpanel" id="view-periods" aria-labelledby="tab-periods" ?hidden=${this.view !== 'periods'}>
            ${this.opened.has('periods')
              ? html`<policy-periods @policy-periods-open-evidence=${() => this.renderRoot.querySelector('policy-citation-panel')?.focusEvidence()}></policy-periods>`
              : nothing}
          </div>
          <aside aria-labelledby="evidence-title" ?hidden=${SINGLE.has(this.view)}>
            <h2 id="evidence-title">Evidence</h2>
            <policy-citation-panel @policy-evidence-return=${this.evidenceReturn}></policy-citation-panel>
          </aside>
          ${this.opened.has('briefing')
            ? html`<div class="view" role="tabpanel" id="view-briefing" aria-labelledby="tab-briefing" ?hidden=${this.view !== 'briefing'}>
                <policy-briefing></policy-briefing>
              </div>`
            : nothing}
          ${this.opened.has('changes')
            ? html`<div class="view scroll" role="tabpanel" id="view-changes" aria-labelledby="tab-changes" ?hidden=${this.view !== 'changes'}>
                <policy-changes></policy-changes>
              </div>`
            : nothing}
          ${this.opened.has('codebook')
            ? html`<div class="view scroll" role="tabpanel" id="view-codebook" aria-labelledby="tab-codebook" ?hidden=${this.view !== 'codebook'}>
                <policy-codebook></policy-codebook>
              </div>`
            : nothing}
        </div>
      </main>
    `;
  }

  protected override willUpdate(): void {
    this.opened.add(this.view);
  }

  /** Escape in the evidence panel: back to where the evidence was opened from (a value side by side, or the grid's cell). */
  private readonly evidenceReturn = (): void => {
    if (this.view === 'periods') this.renderRoot.querySelector('policy-periods')?.focusOpened();
    else this.renderRoot.querySelector('policy-matrix')?.focusSelection();
  };

  /** Show a view and record it in the page address (`?view=`), so a link reopens it. */
  show(view: ViewId): void {
    if (view === this.view) return;
    this.view = view;
    const url = new URL(location.href);
    if (view === 'matrix') url.searchParams.delete('view');
    else url.searchParams.set('view', view);
    history.replaceState(history.state, '', url);
  }

  /** Show the Search sources view with its search box focused. */
  async searchSources(): Promise<void> {
    this.show('search');
    await this.updateComplete;
    this.renderRoot.querySelector('policy-source-search')?.focusSearch();
  }

  /** Show what a chosen problem is about: its cell, row or column in the grid. */
  private async reveal(e: CustomEvent<PolicyProblemChooseDetail>): Promise<void> {
    const t = e.detail.target;
    this.show('matrix');
    await this.updateComplete;
    this.renderRoot.querySelector('policy-matrix')?.reveal(
      t.kind === 'dimension' ? { dimension: t.id } : t.kind === 'jurisdiction' ? { jurisdiction: t.id } : 'dimension' in t ? t : {},
    );
  }

  /** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern, automatic activation). */
  private onTabKey(e: KeyboardEvent): void {
    const i = VIEWS.findIndex((v) => v.id === this.view);
    const next =
      e.key === 'ArrowRight' ? (i + 1) % VIEWS.length
      : e.key === 'ArrowLeft' ? (i + VIEWS.length - 1) % VIEWS.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? VIEWS.length - 1
      : -1;
    if (next < 0) return;
    e.preventDefault();
    this.show(VIEWS[next].id);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${VIEWS[next].id}`)?.focus());
  }

  private summary(c: Coverage): TemplateResult {
    const stat = (n: number, label: string, tone = '') =>
      html`<span class="stat ${n > 0 ? tone : ''}"><strong>${n}</strong> ${label}</span>`;
    return html`<dl class="summary" aria-label="Coverage">
      <div>
        <dt>${c.cells} cells</dt>
        <dd>
          ${stat(c.supported, 'supported')} ${stat(c.notInSource, 'not in source')}
          ${c.draft ? stat(c.draft, 'draft', 'warn') : nothing} ${stat(c.flagged, 'flagged', 'bad')}
        </dd>
      </div>
      <div>
        <dt>${c.citations} citations</dt>
        <dd>${stat(c.found, 'found')} ${stat(c.ambiguous, 'ambiguous', 'warn')} ${stat(c.orphaned, 'orphaned', 'bad')}
          ${c.unchecked ? stat(c.unchecked, `unchecked ${uncheckedWhy(c.unchecked, pastLimitOf(c.citations), 'source text not loaded', (n) => `with ${n === 1 ? 'its' : 'their'} source text not loaded`)}`, 'warn') : nothing}</dd>
      </div>
    </dl>`;
  }
}

if (!customElements.get('policy-matrix-app')) customElements.define('policy-matrix-app', PolicyMatrixApp);

declare global {
  interface HTMLElementTagNameMap {
    'policy-matrix-app': PolicyMatrixApp;
  }
}
