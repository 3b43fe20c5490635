import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import { Autosave, type AutosaveState } from '../../state/autosave.ts';
import { StoreProvider, readOnlyContext } from '../../state/context.ts';
import { IndexedDbDraftStorage, type DraftStorage } from '../../state/draft-storage.ts';
import { MatrixStore, type Snapshot } from '../../state/store.ts';
import { loadProgressStyles } from '../load-progress/load-progress.ts';
import { PolicyEventsController } from '../common/events.ts';
import { isUnusable, loadMessage, problemNotice } from '../common/load-message.ts';
import { themeOf, type ThemeName } from '../common/theme.ts';
import { timeWords } from '../common/change-words.ts';
import { editKeyOf, handleEditKeys } from '../common/edit-keys.ts';
import { MatrixGridController } from './grid-controller.ts';
import { LiveMatrixController } from './live-controller.ts';
import { liveBar } from './live-bar.ts';
import type { LiveMatrix } from '../../sync/client.ts';
import { MatrixLoadController, type PolicyMatrixLoadDetail } from './load-controller.ts';
import { styles } from './policy-matrix.styles.ts';

export { DIMENSION_COLUMN, WIDE_MATRIX } from './grid-controller.ts';
export type { PolicyMatrixLoadDetail } from './load-controller.ts';

export interface PolicyMatrixOpenEvidenceDetail {
  /** The cell whose evidence is asked for (`cellKey`). */
  cell: string;
}

declare global {
  interface HTMLElementEventMap {
    'policy-matrix-load': CustomEvent<PolicyMatrixLoadDetail>;
    'policy-matrix-open-evidence': CustomEvent<PolicyMatrixOpenEvidenceDetail>;
    'policy-matrix-cite': CustomEvent<PolicyMatrixOpenEvidenceDetail>;
  }
}

/**
 * @summary A comparative-policy matrix: dimensions (rows) by jurisdictions (columns), every
 * cell with its value, level, citation count and evidence status, shown in AG Grid.
 *
 * Loads the matrix folder at `src` into its store and provides the store to its
 * descendants with @lit/context (`storeContext`, `snapshotContext`). Focusing a cell (click
 * or arrow keys) selects it in the store. Give the element a height; the grid fills it.
 * AG Grid's code is fetched when the first matrix element connects (grid-controller.ts), while
 * its matrix loads in a worker (load-controller.ts).
 *
 * Editing: Enter, F2 or typing edits the focused cell with the editor of its value type
 * (levels of the scale, yes/no, number with unit, date, text over several lines); Enter
 * commits, Escape cancels, Shift+Enter starts a new line of text; invalid input is refused
 * with a message next to the cell. Ctrl/Cmd+Z undoes, Ctrl+Shift+Z
 * or Ctrl+Y redoes; Alt+Enter asks for the cell's evidence (`policy-matrix-open-evidence`).
 * Every edit is saved as a local draft (IndexedDB database `drafts`), restored on reload
 * with a banner that offers to discard it; another tab's newer draft shows a conflict banner.
 * With `read-only`, nothing can be edited (in the grid or in a citation panel inside), and no
 * draft is saved or restored; Enter then asks for the cell's evidence, as Alt+Enter does.
 *
 * Giving a value to a cell marked not in source saves it as a draft, flagged until it cites
 * the source: the editor says so before it is saved (and Tab reaches "Save and cite from
 * source…"), and the edit's message after it offers "Cite from source…" (`policy-matrix-cite`;
 * a slotted citation panel opens its source reader unless the event is cancelled).
 *
 * A matrix that cannot be loaded, or has nothing to show, is said inside the element
 * (role="alert"), with the URL read and the problem; one loaded with errors shows them above
 * the grid — unless the store is the page's (`store`), whose page lists them (as the app does).
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
 * @slot - Content shown after the grid (e.g. a `<policy-citation-panel>`, which then gets the store). Within a height given to the element, it takes the room the grid leaves (at least `--policy-matrix-min-height` is the grid's) and scrolls: it never spills out of the element's box.
 * @fires policy-cell-select - The selected cell changed (`PolicyCellSelectDetail`: the cell with its value, level and status, and the previous one).
 * @fires policy-cell-change - The matrix was edited, undone or redone (`PolicyCellChangeDetail`: the changes and the cells they touched).
 * @fires policy-citation-open - The user asked for a cell's evidence: Alt+Enter (or Enter when read-only) (`PolicyCitationOpenDetail`: the cell and its citations); cancelable.
 * @fires policy-matrix-load - A matrix was read (or failed to be); `detail.snapshot` is the store's snapshot.
 * @fires policy-matrix-open-evidence - Alt+Enter on a cell: show its evidence (a slotted panel gets focus unless the event is cancelled).
 * @fires policy-matrix-cite - "Cite from source…" after a value was given to a cell marked not in source: open the source reader for `detail.cell` (a slotted panel opens its own unless the event is cancelled).
 * @csspart base - The wrapper of messages, grid and edit bar.
 * @csspart grid - The element that holds the AG Grid.
 * @csspart message - The loading or error message (role="alert" for an error).
 * @csspart aside - The box of the slotted content (a citation panel) below the grid; it scrolls when the element's height leaves it less room than its content needs.
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

  /**
   * Join the matrix at `src` on its team server (`policy-matrix serve`; `src` ends in
   * `/matrices/<name>/`) instead of loading it: others' edits appear as they are made.
   * Read-only, unless the page allows editing (`liveEditing`) and the token is an editor's.
   */
  @property({ type: Boolean, reflect: true }) live = false;

  /** The token for a live matrix on another server; left out, the browser signs in with its token link's cookie. */
  @property() token = '';

  /** A live matrix may be edited (by an editor's token): the app sets it; an embed stays read-only. */
  @property({ type: Boolean, attribute: false }) liveEditing = false;

  /** Jurisdiction ids to show as columns, comma-separated; empty = all (in the matrix's order). */
  @property() jurisdictions = '';

  /** Dimension ids to show as rows, comma-separated; empty = all (in the matrix's order). */
  @property() dimensions = '';

  /** Colour theme: `light`, `dark`, `auto` (follows the reader's system), or '' (inherit the page's `--policy-matrix-*` properties). */
  @property({ reflect: true }) theme: ThemeName = '';

  @state() private autosaveState: AutosaveState = { saving: false };
  @state() private editMessage = '';
  /** The cell the edit's message offers to cite (a value given to a cell marked not in source). */
  @state() private citeCell: string | undefined;
  /** Whether the store was given by the page (`store`): the page then shows the load's problems. */
  private storeGiven = false;
  private autosave: Autosave | undefined;

  private readonly provider = new StoreProvider(this, new MatrixStore(), (snapshot, previous) =>
    this.grid.storeChanged(snapshot, previous),
  );

  /** Tells descendants (a slotted citation panel) whether they may edit. */
  private readonly readOnlyProvider = new ContextProvider(this, { context: readOnlyContext, initialValue: false });
  /** policy-cell-select and policy-cell-change, from the store's transitions. */
  private readonly events = new PolicyEventsController(this, () => this.provider.store);
  /** The AG Grid: created after the first render, kept in step with the store, destroyed on disconnect. */
  private readonly grid = new MatrixGridController(
    this,
    (message, cite) => {
      this.editMessage = message;
      this.citeCell = cite;
    },
    (cell) => this.citeFromSource(cell),
  );
  /** `src` → the load worker → the store, with a progress bar. */
  private readonly loader = new MatrixLoadController(this, () => this.provider.store);
  /** `src` with `live`: joined on its team server. */
  private readonly liveMatrix = new LiveMatrixController(this, () => this.provider.store);

  /** The store this element loads into and provides. Set it to share an application's store. */
  @property({ attribute: false })
  get store(): MatrixStore {
    return this.provider.store;
  }
  set store(store: MatrixStore) {
    const old = this.provider.store;
    if (store !== old) this.storeGiven = true;
    this.provider.store = store;
    this.requestUpdate('store', old);
  }

  /** Reload the matrix from `src` (join it again, when live). */
  reload(): Promise<void> {
    return this.live ? this.liveMatrix.join(this.src, this.token) : this.loader.load(this.src);
  }

  /** The joined live matrix (connection, presence, going offline), when `live`. */
  get liveSession(): LiveMatrix | undefined {
    return this.liveMatrix.joined;
  }

  /** Nothing may be edited here: `read-only`, a live embed, or a reader's token. */
  get viewOnly(): boolean {
    if (this.readonly) return true;
    if (!this.live) return false;
    const user = this.liveMatrix.state?.user;
    return !this.liveEditing || user?.role !== 'editor';
  }

  /**
   * Scroll to a cell, a dimension's row or a jurisdiction's column and focus it (focusing a
   * cell selects it). Returns false when the grid has no such row or column.
   */
  reveal(target: { dimension?: string; jurisdiction?: string }): boolean {
    return this.grid.reveal(target);
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
    if (this.hasUpdated) this.startAutosave();
    // Moved in the page: the live matrix left on disconnect is joined again.
    if (this.hasUpdated && this.live && !this.liveMatrix.joined) void this.liveMatrix.join(this.src, this.token);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopAutosave();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme')) themeOf(this.theme, 'policy-matrix');
    if (changed.has('jurisdictions') || changed.has('dimensions')) this.grid.filtersChanged();
    // Autosave listens before a load starts, so that it sees the load and restores a draft.
    if (changed.has('store') || changed.has('drafts') || changed.has('noAutosave') || changed.has('draftStorage') || changed.has('readonly') || changed.has('live')) this.startAutosave();
    // A new src, or another store to load into (or join, when live).
    if (changed.has('src') || changed.has('store') || changed.has('live') || changed.has('token')) {
      if (this.live) {
        void this.loader.load('');
        void this.liveMatrix.join(this.src, this.token);
      } else {
        this.liveMatrix.leave();
        void this.loader.load(this.src);
      }
    }
    // Read-only follows the live matrix's role too (known once joined).
    const viewOnly = this.viewOnly;
    if (viewOnly !== this.shownViewOnly) {
      this.shownViewOnly = viewOnly;
      this.readOnlyProvider.setValue(viewOnly);
      this.grid.readOnlyChanged();
    }
    this.grid.presenceChanged(this.liveMatrix.state?.peers ?? []);
  }

  /** What the grid and panels were last told about editing. */
  private shownViewOnly = false;

  private startAutosave(): void {
    this.stopAutosave();
    // Read-only: a reader must see the matrix as published, never a local draft; a live
    // matrix is kept by its team server (and offline edits by the shared document).
    if (this.noAutosave || this.readonly || this.live || !this.isConnected) return;
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
    this.grid.create();
  }

  protected override updated(): void {
    this.grid.label();
  }

  protected override render() {
    const snapshot = this.provider.snapshot;
    const unusable = isUnusable(snapshot);
    // Loading, failed, nothing to show: said in words, never an empty box.
    const message = snapshot.status === 'empty' && this.src ? nothing : loadMessage(snapshot, this.src || snapshot.origin);
    return html`<div class="frame"><div part="base" class="base">
        ${liveBar(this.liveMatrix.state, snapshot.matrix, this.viewOnly, () => this.liveMatrix.reconnect())}
        ${message === nothing ? nothing : html`<div part="message">${message}</div>`}${this.loader.progress.render()}${this.storeGiven ? nothing : problemNotice(snapshot)}${this.banners()}
        <div class="edit-feedback ${this.citeCell === undefined ? '' : 'notice'}">
          <p class="edit-message" role="status">${this.editMessage}</p>
          ${this.citeCell === undefined ? nothing : html`<button type="button" class="cite-from-source" @click=${() => this.citeFromSource(this.citeCell!)}>Cite from source…</button>`}
        </div>${this.grid.loadError
          ? html`<p class="status error" role="alert">The grid could not be loaded: ${this.grid.loadError}</p>`
          : nothing}
        <div part="grid" class="grid" ?hidden=${!snapshot.matrix || unusable}></div>
        ${snapshot.matrix && !this.viewOnly ? this.editBar(snapshot) : nothing}
      </div>
      <div class="aside" part="aside"><slot></slot></div></div>`;
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

  /** "Cite from source…" for a cell: the page's source reader (policy-matrix-cite), or a slotted panel's. */
  private citeFromSource(cell: string): void {
    this.store.select(cell);
    const event = new CustomEvent<PolicyMatrixOpenEvidenceDetail>('policy-matrix-cite', { detail: { cell }, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(event)) return;
    const panel = this.querySelector<HTMLElement & { openReader?: () => Promise<unknown> }>('policy-citation-panel');
    if (panel?.openReader) void panel.openReader();
    else this.editMessage = 'There is no evidence panel here to cite from: open the cell\'s evidence to add a citation.';
  }

  /** Undo/redo keys, and Alt+Enter for the focused cell's evidence. */
  private onKey(e: KeyboardEvent): void {
    if (editKeyOf(e) && this.grid.editing) {
      // While a cell is being edited, its editor's own keys apply, not the store's undo.
      return;
    }
    if (!this.viewOnly && handleEditKeys(e, this.store)) {
      this.editMessage = '';
      this.citeCell = undefined;
      return;
    }
    // Alt+Enter asks for the evidence; so does Enter when read-only (it edits otherwise).
    if (e.key === 'Enter' && (e.altKey || (this.viewOnly && !e.ctrlKey && !e.metaKey && !e.shiftKey)) && !e.defaultPrevented) {
      const cell = this.provider.snapshot.selection;
      if (cell === undefined || !this.grid.contains(e.composedPath()[0] as Node)) return;
      e.preventDefault();
      const event = new CustomEvent<PolicyMatrixOpenEvidenceDetail>('policy-matrix-open-evidence', { detail: { cell }, bubbles: true, composed: true, cancelable: true });
      const open = this.events.citationOpen(this.provider.snapshot, cell, 'keyboard') && this.dispatchEvent(event);
      if (open) this.querySelector<HTMLElement & { focusEvidence?: () => void }>('policy-citation-panel')?.focusEvidence?.();
    }
  }
}
