import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { computedOf } from '../../model/check/check.ts';
import type { EditCommand } from '../../model/edit/commands.ts';
import type { Matrix } from '../../model/types.ts';
import { readOnlyContext } from '../../state/context.ts';
import { type ThemeName } from '../common/theme.ts';
import { CHECK_LABELS, cellViewOf, displayValue, plural, type CellView } from '../policy-matrix/rows.ts';
import { EditFeedback } from '../common/edit-feedback.ts';
import { handleEditKeys } from '../common/edit-keys.ts';
import { showReaderDialog } from '../common/reader-dialog.ts';
import { StoreConsumer } from '../common/store-consumer.ts';
import type { PolicySourceReader } from '../source-reader/source-reader.component.ts';
import { styles } from './citation-panel.styles.ts';
import { cellForm } from './cell-form.ts';
import { cellHistoryDetails } from './cell-history.ts';
import { addForm } from './citation-forms.ts';
import { citationItem } from './citation-item.ts';
import { ComputedEvidenceController } from './computed-evidence.ts';
import type { RuleFormController } from './rule-form.ts';
import type { EditTarget } from './edit-target.ts';
import { ABSENCE_WORDS } from '../../model/time/as-of.ts';

/**
 * @summary The evidence of the selected cell: its value, level, status and note, and each
 * citation highlighted in its passage of the source text — and where they are edited: the
 * cell's value, level, as-of date, status and note; its citations (add, edit, reorder,
 * remove, or cite a passage selected in the source reader); the cell's change history.
 * Every change is an edit of the store (undoable, re-checked at once).
 *
 * Reads the store from @lit/context (`storeContext`, `snapshotContext`), so it must be inside
 * an element that provides it (`<policy-matrix>` or `<policy-matrix-app>`). Renders text only.
 *
 * Keys: Ctrl/Cmd+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes; Escape asks to go back to the grid.
 *
 * Inside `<policy-matrix read-only>` (`readOnlyContext`), it shows the evidence without its
 * editing tools, and the undo keys do nothing.
 *
 * @attr context - Characters of source text shown on each side of a quote (default 280).
 * @attr theme - Colour theme: `light`, `dark` or `auto`; unset, inherited from the element it is in.
 * @fires policy-evidence-return - Escape in the panel: the grid (an ancestor `<policy-matrix>`, or the app) focuses the cell again.
 * @csspart base - The panel's wrapper.
 * @cssprop --policy-citation-panel-mark - Background of the highlighted quote (default: `--policy-matrix-mark-color`).
 * @cssprop --policy-matrix-font-family - Font of the panel (default: the system UI font).
 * @cssprop --policy-matrix-font-size - Base font size (default 14px).
 * @cssprop --policy-matrix-color - Text colour.
 * @cssprop --policy-matrix-background - Background of forms and dialogs.
 * @cssprop --policy-matrix-muted-color - Secondary text.
 * @cssprop --policy-matrix-border-color - Borders.
 * @cssprop --policy-matrix-accent-color - Buttons, focus rings.
 * @cssprop --policy-matrix-danger-color - Orphaned citations, flagged cells, refused edits.
 * @cssprop --policy-matrix-warning-color - Ambiguous citations, drafts.
 * @cssprop --policy-matrix-success-color - Found citations.
 * @cssprop --policy-matrix-mark-color - Highlight of a quote in its passage.
 */
export class PolicyCitationPanel extends StoreConsumer {
  static override styles = styles;

  /** Characters of source text shown on each side of a quote. */
  @property({ type: Number }) context = 280;

  /** Provided by a `read-only` ancestor: show, do not edit. */
  @consume({ context: readOnlyContext, subscribe: true })
  @state()
  private readOnly = false;

  /** Colour theme: `light`, `dark`, `auto`, or '' (inherit the colours of the element it is in). */
  @property({ reflect: true }) theme: ThemeName = '';

  /** Whether the editing tools are shown: a store to edit, and no read-only ancestor. */
  private get editable(): boolean {
    return !!this.store && !this.readOnly;
  }

  /** The cell's edit form is shown. */
  @state() private editing = false;
  /** The citation (seq) whose fields are shown for editing. */
  @state() private editingCitation: number | undefined;
  /** The form for a citation typed by hand is shown. */
  @state() private adding = false;
  @state() private readerOpen = false;
  /** Refused edits said next to their fields; what the last edit did, for the live region. */
  private readonly feedback = new EditFeedback(this);
  /** A computed cell's rule, figures and rows (the rows on demand). */
  private readonly computedEvidence = new ComputedEvidenceController(this);
  /** The form that computes the cell from a dataset (its code comes when first opened: a page showing only evidence never needs it). */
  private ruleForm: RuleFormController | undefined;
  /** The rule form is shown. */
  @state() private computing = false;

  @query('dialog.reader-dialog') private readerDialog!: HTMLDialogElement;

  constructor() {
    super();
    this.addEventListener('keydown', (e) => {
      if (!this.readOnly && handleEditKeys(e, this.store)) return;
      // Escape (outside a field or dialog) goes back to the cell in the grid.
      const target = e.composedPath()[0];
      if (e.key === 'Escape' && !e.defaultPrevented && !(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) && !this.readerDialog?.open) {
        e.preventDefault();
        this.dispatchEvent(new CustomEvent('policy-evidence-return', { bubbles: true, composed: true }));
      }
    });
  }

  /** Move keyboard focus to the selected cell's evidence (its title). */
  focusEvidence(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.title, .hint')?.focus());
  }

  /** Open the source reader to cite a passage for the selected cell. */
  async openReader(): Promise<PolicySourceReader | undefined> {
    if (this.snapshot.selection === undefined) return undefined;
    // The reader's code comes when first needed: most readers of a matrix never cite.
    await import('../source-reader/policy-source-reader.ts');
    this.readerOpen = true;
    return showReaderDialog(this);
  }

  private closeReader(): void {
    if (this.readerDialog?.open) this.readerDialog.close();
    this.readerOpen = false;
  }

  /** What the forms edit through: the store, with refusals said next to their fields. */
  private readonly forms: EditTarget = {
    feedback: this.feedback,
    apply: (field: string, edit: EditCommand) => this.feedback.apply(this.store, field, edit),
  };

  protected override render() {
    const { matrix, selection, status } = this.snapshot;
    let body: TemplateResult;
    if (!matrix) {
      body = html`<p class="hint">
        ${status === 'loading' ? 'Loading the matrix…' : status === 'failed' ? 'The matrix could not be loaded.' : 'No matrix loaded.'}
      </p>`;
    }
    else if (selection === undefined) {
      body = html`<p class="hint">Select a cell of the matrix (click it, or move to it with the arrow keys) to see its evidence.</p>
        <h3 class="legend-heading">In the matrix</h3>
        <dl class="legend">
          <dt><span class="sample-count">3</span></dt>
          <dd>number of citations of the cell</dd>
          <dt><span class="badge status-flagged"><span aria-hidden="true">⚑</span> Flagged</span></dt>
          <dd>a value without a citation found in the source, or a status that contradicts the value</dd>
          <dt><span class="badge ambiguous"><span aria-hidden="true">⚠</span></span></dt>
          <dd>a citation is orphaned (not found in the source) or ambiguous (found in several places)</dd>
          <dt><span class="muted"><i>Not in source</i></span></dt>
          <dd>the source does not address this cell</dd>
        </dl>`;
    } else {
      const view = cellViewOf(this.snapshot, selection);
      body = view ? this.cellDetails(matrix, view) : html`<p class="hint">The selected cell is not in this matrix.</p>`;
    }
    // A group, not a landmark: the page places the panel (the app in its "Evidence" aside), and
    // two panels on one page would otherwise be two landmarks of the same name.
    return html`<div part="base" class="base" role="group" aria-label="Evidence">${body}</div>
      ${this.feedback.status()}`;
  }

  protected override willUpdate(): void {
    // Another cell: its own forms start closed and without old messages.
    const key = this.snapshot.selection;
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.editingCitation = undefined;
      this.adding = false;
      this.computing = false;
      this.feedback.clear();
      if (this.readerOpen && key === undefined) this.closeReader();
    }
  }

  private shownKey: string | undefined;

  /** A computed cell's evidence: its rule and the rows that decide it (of the period shown). */
  private computedPart(matrix: Matrix, view: CellView): TemplateResult | typeof nothing {
    const computed = computedOf(this.snapshot.check, view.dimension.id, view.jurisdiction.id, view.cell?.period ?? 1);
    if (!computed) return nothing;
    const source = matrix.sources.find((s) => s.id === computed.rule.source);
    return this.computedEvidence.render(view.key, computed, this.snapshot.datasets.get(computed.rule.source), source);
  }

  private async toggleRuleForm(): Promise<void> {
    if (!this.ruleForm) {
      const { RuleFormController } = await import('./rule-form.ts');
      this.ruleForm ??= new RuleFormController(this);
    }
    this.computing = !this.computing;
  }

  /** The toggle and form that compute the cell from a dataset. */
  private rulePart(matrix: Matrix, view: CellView): TemplateResult {
    // The rule of the period shown (as of the app's date): a pair in time has one per period.
    const period = view.cell?.period ?? 1;
    const existing = (matrix.computed ?? []).find((r) => r.dimension === view.dimension.id && r.jurisdiction === view.jurisdiction.id && r.period === period);
    return html`<button type="button" class="toggle compute-cell" aria-expanded=${this.computing ? 'true' : 'false'} aria-controls="rule-form"
        @click=${() => void this.toggleRuleForm()}>${this.computing ? 'Done' : existing ? 'Edit the rule…' : 'Compute from data…'}</button>
      ${this.computing && this.ruleForm
        ? this.ruleForm.render({
            key: view.key, matrix, dimension: view.dimension, scale: this.snapshot.index?.scales.get(view.dimension.scale) ?? [],
            datasets: this.snapshot.datasets, existing, period,
            host: {
              apply: (field, edit) => this.forms.apply(field, edit),
              message: (field) => this.feedback.message(field),
              done: () => {
                this.computing = false;
                void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.compute-cell')?.focus());
              },
            },
          })
        : nothing}`;
  }

  private cellDetails(matrix: Matrix, view: CellView): TemplateResult {
    const { dimension, jurisdiction, cell } = view;
    const periods = this.snapshot.view?.entries(view.key).length ?? 1;
    const checks = (this.snapshot.view?.citations ?? this.snapshot.check?.citations)?.get(view.key) ?? [];
    const status = view.check ?? cell?.status;
    const statusLabel = status ? CHECK_LABELS[status] : view.absence ? ABSENCE_WORDS[view.absence] : 'No entry';
    return html`
      <header>
        ${dimension.theme ? html`<p class="eyebrow">${dimension.theme}</p>` : nothing}
        <h2 class="title" tabindex="-1">${dimension.label || dimension.id} <span class="sep">—</span> ${jurisdiction.label || jurisdiction.id}</h2>
        ${dimension.definition ? html`<p class="definition">${dimension.definition}</p>` : nothing}
      </header>
      <dl class="facts">
        <dt>Value</dt>
        <dd class="value">
          ${cell && cell.value !== ''
            ? displayValue(dimension, cell.value)
            : html`<span class="muted">${cell?.status === 'not_in_source' ? 'Not in source' : 'None'}</span>`}
        </dd>
        ${dimension.valueType === 'ordinal'
          ? html`<dt>Level</dt>
              <dd class="level">
                ${view.level
                  ? html`${view.level.label}${view.levels ? ` (${view.level.rank} of ${view.levels})` : ''}${view.level.definition
                      ? html`<span class="level-def">${view.level.definition}</span>`
                      : nothing}`
                  : html`<span class="muted">${cell?.level || 'None'}</span>`}
              </dd>`
          : nothing}
        <dt>Status</dt>
        <dd class="status">
          <span class="badge status-${status ?? 'missing'}">${status === 'flagged' ? html`<span aria-hidden="true">⚑</span> ` : nothing}${statusLabel}</span>
          ${view.flag ? html`<span class="flag-reason">This cell ${view.flag}.</span>` : nothing}
        </dd>
        ${cell?.observed ? html`<dt>Observed</dt><dd>${cell.observed}</dd>` : nothing}
        ${cell?.inForceFrom || cell?.inForceUntil ? html`<dt>In force</dt><dd>${cell.inForceFrom || '…'} – ${cell.inForceUntil || 'still, as far as the source says'}</dd>` : nothing}
        ${cell?.confidence ? html`<dt>Confidence</dt><dd>${cell.confidence}${cell.relative ? '; graded only by comparison (relative)' : ''}</dd>` : nothing}
        ${cell && periods > 1 ? html`<dt>Period</dt><dd>${cell.period} of ${periods}</dd>` : nothing}
        ${cell?.note ? html`<dt>Note</dt><dd class="note">${cell.note}</dd>` : nothing}
      </dl>
      ${this.computedPart(matrix, view)}
      ${this.editable && matrix.sources.some((s) => s.kind === 'dataset') ? this.rulePart(matrix, view) : nothing}
      ${this.editable
        ? html`<button type="button" class="toggle edit-cell" aria-expanded=${this.editing ? 'true' : 'false'} aria-controls="cell-form"
              @click=${() => (this.editing = !this.editing)}>${this.editing ? 'Done editing' : 'Edit value, status and note'}</button>
            ${this.editing ? cellForm(this.forms, view, periods, this.snapshot.index?.scales.get(dimension.scale) ?? []) : nothing}`
        : nothing}
      <div class="citations-head">
        <h3 class="citations-heading">${checks.length ? plural(checks.length, 'citation') : 'No citations'}</h3>
        ${this.editable
          ? html`<span class="citation-actions">
              <button type="button" class="cite-from-source" ?disabled=${this.snapshot.sourceTexts.size === 0} @click=${() => void this.openReader()}>Cite from source…</button>
              <button type="button" class="toggle add-by-hand" aria-expanded=${this.adding ? 'true' : 'false'} @click=${() => (this.adding = !this.adding)}>Add by hand</button>
            </span>`
          : nothing}
      </div>
      ${this.adding && this.editable ? addForm(this.forms, matrix, view, () => (this.adding = false)) : nothing}
      ${checks.length
        ? html`<ol class="citations">
            ${checks.map((check, position) => citationItem({
              matrix, check, view, position, count: checks.length, context: this.context, editable: this.editable, target: this.forms,
              sourceText: this.snapshot.sourceTexts.get(check.citation.source), sourceMap: this.snapshot.sourceMaps.get(check.citation.source),
              dataset: this.snapshot.datasets.get(check.citation.source),
              editing: this.editingCitation === check.citation.seq,
              toggleEditing: () => (this.editingCitation = this.editingCitation === check.citation.seq ? undefined : check.citation.seq),
            }))}
          </ol>`
        : nothing}
      ${cellHistoryDetails(this.snapshot.edits.history, view.key)}
      ${this.readerOpen
        ? html`<dialog class="reader-dialog" aria-labelledby="reader-title" @close=${() => (this.readerOpen = false)}
            @policy-source-attach=${(e: CustomEvent) => this.feedback.say(`Citation ${e.detail.seq} attached: ${e.detail.status}.`)}>
            <div class="dialog-head">
              <h2 id="reader-title">Cite from the source — ${dimension.label || dimension.id}, ${jurisdiction.label || jurisdiction.id}</h2>
              <button type="button" class="close-reader" @click=${() => this.closeReader()}>Close</button>
            </div>
            <policy-source-reader .cell=${view.key}></policy-source-reader>
          </dialog>`
        : nothing}
    `;
  }

}
