import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { consume } from '@lit/context';
import { computedOf, type CitationCheck } from '../../model/check/check.ts';
import { isPastLimit, MAX_CITATIONS } from '../../model/anchor/limits.ts';
import type { CellFields, CitationFields, EditCommand } from '../../model/edit/commands.ts';
import { cellHistory, type HistoryEntry } from '../../model/edit/history.ts';
import { passageAround } from '../../model/check/passage.ts';
import { CELL_STATUSES, CONFIDENCES, SUPPORTS, type Citation, type Confidence, type Matrix, type Source, type Support, type TextRange } from '../../model/types.ts';
import { readOnlyContext, snapshotContext, storeContext } from '../../state/context.ts';
import { emptySnapshot, type MatrixStore, type Snapshot } from '../../state/store.ts';
import { type ThemeName } from '../common/theme.ts';
import { CHECK_LABELS, cellViewOf, displayValue, plural, type CellView } from '../policy-matrix/rows.ts';
import { EditFeedback } from '../common/edit-feedback.ts';
import { handleEditKeys } from '../common/edit-keys.ts';
import { changeWords, timeWords } from '../common/change-words.ts';
import type { PolicySourceReader } from '../source-reader/source-reader.component.ts';
import { styles } from './citation-panel.styles.ts';
import { ComputedEvidenceController } from './computed-evidence.ts';
import { rowCitationEvidence } from './row-evidence.ts';
import type { RuleFormController } from './rule-form.ts';
import { citationLocator } from '../../model/check/locator.ts';

const STATUS_LABELS: Record<(typeof CELL_STATUSES)[number], string> = {
  supported: 'Supported',
  not_in_source: 'Not in source',
  draft: 'Draft',
};

/** How many ambiguous places are shown in full (the count is always given). */
const MAX_CANDIDATES = 3;

const STATUS_TEXT = {
  found: 'Found',
  ambiguous: 'Ambiguous',
  orphaned: 'Orphaned',
  unchecked: 'Unchecked',
} as const;

/** A reason in words as a sentence: capital first letter, final full stop. */
const sentence = (text: string) => {
  const t = text.trim();
  return t.charAt(0).toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
};

const STATUS_ICON = { found: '✓', ambiguous: '?', orphaned: '✕', unchecked: '○' } as const;

const SUPPORT_WORDS: Record<Support, string> = { states: 'States the fact', reports: 'Reports a claim', infers: 'Analyst\'s inference' };

/** The kind of support a citation gives its value, in words ("Reported claim, according to …"). */
function supportLine(citation: Citation): TemplateResult {
  const words =
    citation.support === 'reports' ? `Reported claim${citation.attribution ? `, according to ${citation.attribution}` : ' (whose is not said)'}`
    : citation.support === 'infers' ? 'The analyst\'s inference from this passage'
    : 'States the fact';
  return html`<span class="support support-${citation.support}">${words}</span>`;
}

function sourceLine(source: Source | undefined, id: string, locator: string): TemplateResult {
  const by = source ? [source.authors, source.year].filter(Boolean).join(', ') : '';
  return html`<span class="source"
    ><cite>${source?.title || id}</cite>${by ? html` <span class="by">(${by})</span>` : nothing}${locator
      ? html`<span class="locator"> · ${locator}</span>`
      : nothing}</span
  >`;
}

function passage(text: string, range: TextRange, context: number, label: string): TemplateResult {
  const p = passageAround(text, range, context);
  return html`<blockquote class="passage" aria-label=${label}>${p.before}<mark>${p.quote}</mark>${p.after}</blockquote>`;
}

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
export class PolicyCitationPanel extends LitElement {
  static override styles = styles;

  /** Characters of source text shown on each side of a quote. */
  @property({ type: Number }) context = 280;

  @consume({ context: snapshotContext, subscribe: true })
  @state()
  private snapshot: Snapshot = emptySnapshot;

  @consume({ context: storeContext, subscribe: true })
  @state()
  private store: MatrixStore | undefined;

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
    await this.updateComplete;
    if (!this.readerDialog.open) this.readerDialog.showModal();
    const reader = this.renderRoot.querySelector('policy-source-reader') ?? undefined;
    await reader?.updateComplete;
    reader?.focusText();
    return reader;
  }

  private closeReader(): void {
    if (this.readerDialog?.open) this.readerDialog.close();
    this.readerOpen = false;
  }

  /** Apply an edit; a refusal is said next to `field`. Returns whether it was stored. */
  private apply(field: string, edit: EditCommand): boolean {
    return this.feedback.apply(this.store, field, edit);
  }

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

  private cellDetails(matrix: Matrix, view: CellView): TemplateResult {
    const { dimension, jurisdiction, cell } = view;
    const periods = this.snapshot.view?.entries(view.key).length ?? 1;
    const checks = (this.snapshot.view?.citations ?? this.snapshot.check?.citations)?.get(view.key) ?? [];
    const status = view.check ?? cell?.status;
    const statusLabel = status ? CHECK_LABELS[status] : 'No entry';
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
            ${this.editing ? this.cellForm(view) : nothing}`
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
      ${this.adding && this.editable ? this.addForm(matrix, view) : nothing}
      ${checks.length
        ? html`<ol class="citations">
            ${checks.map((c, i) => this.citation(matrix, c, view, i, checks.length))}
          </ol>`
        : nothing}
      ${this.historyOf(view)}
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

  /** A computed cell's evidence: its rule and the rows that decide it. */
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
              apply: (field, edit) => this.apply(field, edit),
              message: (field) => this.feedback.message(field),
              done: () => {
                this.computing = false;
                void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.compute-cell')?.focus());
              },
            },
          })
        : nothing}`;
  }

  /** The cell's editable fields; each change is one edit of the store. */
  private cellForm(view: CellView): TemplateResult {
    const { dimension, cell } = view;
    const [d, j] = view.key.split('\u0000');
    const set = (field: string, fields: CellFields) => this.apply(field, { type: 'set-cell', dimension: d, jurisdiction: j, set: fields });
    // A value that changed over time: each period has its own value, dates and citations.
    const periods = this.snapshot.view?.entries(view.key).length ?? 1;
    const value = cell?.value ?? '';
    const levels = this.snapshot.index?.scales.get(dimension.scale) ?? [];
    const described = (field: string) => this.feedback.describedBy(field);
    const invalid = (field: string) => (this.feedback.has(field) ? 'true' : nothing);
    // When the policy applied (the period's place in time), as the Observed field is typed.
    const dateField = (field: 'inForceFrom' | 'inForceUntil', id: string, label: string, current: string) => html`
      <label for=${id}>${label}</label>
      <div>
        <input id=${id} type="text" placeholder="YYYY, YYYY-MM or YYYY-MM-DD" .value=${live(current)}
          aria-describedby=${described(field)} aria-invalid=${invalid(field)}
          @change=${(e: Event) => set(field, { [field]: (e.target as HTMLInputElement).value })} />
        ${this.feedback.message(field)}
      </div>`;
    const valueField =
      dimension.valueType === 'boolean'
        ? html`<select id="f-value" aria-describedby=${described('value')} aria-invalid=${invalid('value')}
            @change=${(e: Event) => set('value', { value: (e.target as HTMLSelectElement).value })}>
            ${[['', 'No value'], ['yes', 'Yes'], ['no', 'No']].map(([v, l]) => html`<option value=${v} ?selected=${value === v}>${l}</option>`)}
          </select>`
        : html`<span class="with-unit"><input id="f-value" type="text" .value=${live(value)}
              inputmode=${dimension.valueType === 'number' ? 'decimal' : nothing}
              placeholder=${dimension.valueType === 'date' ? 'YYYY, YYYY-MM or YYYY-MM-DD' : nothing}
              aria-describedby=${described('value')} aria-invalid=${invalid('value')}
              @change=${(e: Event) => set('value', { value: (e.target as HTMLInputElement).value })} />${dimension.valueType === 'number' && dimension.unit
              ? html`<span class="unit">${dimension.unit}</span>`
              : nothing}</span>`;
    return html`<form id="cell-form" class="cell-form" aria-label="Edit the cell" @submit=${(e: Event) => e.preventDefault()}>
      ${dimension.valueType === 'ordinal'
        ? html`<label for="f-level">Level</label>
            <div>
              <select id="f-level" aria-describedby=${described('level')} @change=${(e: Event) => set('level', { level: (e.target as HTMLSelectElement).value })}>
                <option value="" ?selected=${!cell?.level}>No level</option>
                ${levels.map((l, i) => html`<option value=${l.id} ?selected=${cell?.level === l.id}>${l.label || l.id} (${i + 1} of ${levels.length})</option>`)}
              </select>
              ${this.feedback.message('level')}
            </div>`
        : nothing}
      <label for="f-value">${dimension.valueType === 'ordinal' ? 'Value text' : 'Value'}</label>
      <div>${valueField}${this.feedback.message('value')}</div>
      <label for="f-observed">Observed</label>
      <div>
        <input id="f-observed" type="text" placeholder="YYYY, YYYY-MM or YYYY-MM-DD" .value=${live(cell?.observed ?? '')}
          aria-describedby=${described('observed')} aria-invalid=${invalid('observed')}
          @change=${(e: Event) => set('observed', { observed: (e.target as HTMLInputElement).value })} />
        ${this.feedback.message('observed')}
      </div>
      ${dateField('inForceFrom', 'f-in-force-from', 'In force from', cell?.inForceFrom ?? '')}
      ${dateField('inForceUntil', 'f-in-force-until', 'In force until', cell?.inForceUntil ?? '')}
      <label for="f-confidence">Confidence</label>
      <div>
        <select id="f-confidence" aria-describedby=${described('confidence')}
          @change=${(e: Event) => set('confidence', { confidence: (e.target as HTMLSelectElement).value as Confidence })}>
          ${(['', ...CONFIDENCES] as const).map((c) => html`<option value=${c} ?selected=${(cell?.confidence ?? '') === c}>${c ? c[0]!.toUpperCase() + c.slice(1) : 'Not recorded'}</option>`)}
        </select>
        ${this.feedback.message('confidence')}
      </div>
      <span></span>
      <div>
        <label class="check"><input id="f-relative" type="checkbox" .checked=${live(cell?.relative ?? false)}
          aria-describedby=${described('relative')}
          @change=${(e: Event) => set('relative', { relative: (e.target as HTMLInputElement).checked })} />
          Level graded only by comparison with another jurisdiction (relative)</label>
        ${this.feedback.message('relative')}
      </div>
      <label for="f-status">Status</label>
      <div>
        <select id="f-status" aria-describedby=${described('status')} @change=${(e: Event) => set('status', { status: (e.target as HTMLSelectElement).value as CellFields['status'] })}>
          ${CELL_STATUSES.map((st) => html`<option value=${st} ?selected=${(cell?.status ?? 'not_in_source') === st}>${STATUS_LABELS[st]}</option>`)}
        </select>
        ${this.feedback.message('status')}
      </div>
      <label for="f-note">Note</label>
      <div>
        <textarea id="f-note" rows="3" .value=${live(cell?.note ?? '')}
          @change=${(e: Event) => set('note', { note: (e.target as HTMLTextAreaElement).value })}></textarea>
        ${this.feedback.message('note')}
      </div>
      <span></span>
      <div class="period-actions">
        <button type="button" class="add-period" aria-describedby=${described('period')}
          @click=${() => this.apply('period', { type: 'add-period', dimension: d, jurisdiction: j, copy: true })}>Add a later period</button>
        ${cell && periods > 1
          ? html`<button type="button" class="remove-period"
              @click=${() => this.apply('period', { type: 'remove-period', dimension: d, jurisdiction: j, period: cell.period })}>Remove period ${cell.period} of ${periods}</button>`
          : nothing}
        ${this.feedback.message('period')}
      </div>
    </form>`;
  }

  /** A citation typed by hand. */
  private addForm(matrix: Matrix, view: CellView): TemplateResult {
    const [d, j] = view.key.split('\u0000');
    const submit = (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const data = new FormData(form);
      const get = (name: string) => String(data.get(name) ?? '');
      const ok = this.apply('add', {
        type: 'add-citation', dimension: d, jurisdiction: j,
        citation: { source: get('source'), quote: get('quote'), prefix: get('prefix'), suffix: get('suffix'), locator: get('locator') },
      });
      if (ok) {
        form.reset();
        this.adding = false;
      }
    };
    const sources = matrix.sources;
    return html`<form class="citation-form add-form" aria-label="Add a citation" @submit=${submit}>
      <label for="a-source">Source</label>
      <select id="a-source" name="source">${sources.map((s) => html`<option value=${s.id}>${s.title || s.id}</option>`)}</select>
      <label for="a-quote">Quote</label>
      <textarea id="a-quote" name="quote" rows="3" required></textarea>
      <label for="a-prefix">Prefix</label>
      <input id="a-prefix" name="prefix" type="text" />
      <label for="a-suffix">Suffix</label>
      <input id="a-suffix" name="suffix" type="text" />
      <label for="a-locator">Locator</label>
      <input id="a-locator" name="locator" type="text" placeholder="page, section" />
      <div class="form-actions">${this.feedback.message('add')}<button type="submit" class="primary">Add citation</button></div>
    </form>`;
  }

  /** The fields of one citation, each change one edit. */
  private citationForm(matrix: Matrix, view: CellView, check: CitationCheck): TemplateResult {
    const { citation } = check;
    const [d, j] = view.key.split('\u0000');
    const id = (f: string) => `c${citation.seq}-${f}`;
    const set = (field: keyof CitationFields, value: string) =>
      this.apply(id(field), { type: 'set-citation', dimension: d, jurisdiction: j, seq: citation.seq, set: { [field]: value } });
    const text = (field: 'quote' | 'prefix' | 'suffix' | 'locator', label: string) => html`<label for=${id(field)}>${label}</label>
      <div>
        ${field === 'quote'
          ? html`<textarea id=${id(field)} rows="3" .value=${live(citation.quote)} @change=${(e: Event) => set(field, (e.target as HTMLTextAreaElement).value)}></textarea>`
          : html`<input id=${id(field)} type="text" .value=${live(citation[field])} @change=${(e: Event) => set(field, (e.target as HTMLInputElement).value)} />`}
        ${this.feedback.message(id(field))}
      </div>`;
    return html`<form class="citation-form" aria-label=${`Edit citation ${citation.seq}`} @submit=${(e: Event) => e.preventDefault()}>
      ${text('quote', 'Quote')} ${text('prefix', 'Prefix')} ${text('suffix', 'Suffix')} ${text('locator', 'Locator')}
      <label for=${id('support')}>Support</label>
      <div>
        <select id=${id('support')} @change=${(e: Event) => set('support', (e.target as HTMLSelectElement).value)}>
          ${SUPPORTS.map((k) => html`<option value=${k} ?selected=${k === citation.support}>${SUPPORT_WORDS[k]}</option>`)}
        </select>
        ${this.feedback.message(id('support'))}
      </div>
      <label for=${id('attribution')}>According to</label>
      <div>
        <input id=${id('attribution')} type="text" placeholder="whose claim, for a reported one" .value=${live(citation.attribution)}
          @change=${(e: Event) => set('attribution', (e.target as HTMLInputElement).value)} />
        ${this.feedback.message(id('attribution'))}
      </div>
      <label for=${id('source')}>Source</label>
      <div>
        <select id=${id('source')} @change=${(e: Event) => set('source', (e.target as HTMLSelectElement).value)}>
          ${matrix.sources.map((s) => html`<option value=${s.id} ?selected=${s.id === citation.source}>${s.title || s.id}</option>`)}
        </select>
        ${this.feedback.message(id('source'))}
      </div>
    </form>`;
  }

  /** The cell's change history, newest first. */
  private historyOf(view: CellView): TemplateResult | typeof nothing {
    const entries: HistoryEntry[] = cellHistory(this.snapshot.edits.history, view.key);
    if (!entries.length) return nothing;
    return html`<details class="cell-history">
      <summary>History of this cell (${plural(entries.length, 'change')})</summary>
      <ol class="history-list">
        ${entries.map(
          (e) => html`<li>
            <span class="when">${timeWords(e.at)}</span> <span class="what">${e.label}</span>
            <ul>${e.changes.map((c) => html`<li class="change">${changeWords(c)}</li>`)}</ul>
          </li>`,
        )}
      </ol>
    </details>`;
  }

  private citation(matrix: Matrix, check: CitationCheck, view: CellView, position: number, count: number): TemplateResult {
    const { citation, anchor } = check;
    const source = matrix.sources.find((s) => s.id === citation.source);
    const text = this.snapshot.sourceTexts.get(citation.source);
    let statusText: string = STATUS_TEXT[anchor.status];
    if (anchor.status === 'ambiguous') {
      const n = anchor.occurrences ?? anchor.candidates?.length ?? 0;
      statusText = n ? `Ambiguous: matches ${n} places` : 'Ambiguous';
    } else if (anchor.status === 'orphaned') statusText = 'Orphaned: not found in the source';
    else if (anchor.status === 'unchecked') {
      statusText = isPastLimit(anchor) ? `Unchecked: past the limit of ${MAX_CITATIONS.toLocaleString('en-US')} citations checked` : 'Unchecked: the source text is not loaded';
    }

    let evidence: TemplateResult;
    if (citation.rowKey) {
      // A dataset's row: shown in its place in the file, as a quote in its passage.
      const dataset = this.snapshot.datasets.get(citation.source);
      if (anchor.status === 'ambiguous') statusText = `Ambiguous: matches ${anchor.occurrences ?? anchor.rows?.length ?? 0} rows`;
      else if (anchor.status === 'orphaned') statusText = 'Orphaned: not found in the dataset';
      else if (anchor.status === 'unchecked') statusText = 'Unchecked: the dataset is not loaded';
      evidence = rowCitationEvidence(check, dataset);
    } else if (anchor.status === 'found' && text !== undefined && anchor.range) {
      evidence = passage(text, anchor.range, this.context, `Passage of citation ${citation.seq}`);
    } else if (anchor.status === 'ambiguous' && text !== undefined && anchor.candidates?.length) {
      const shown = anchor.candidates.slice(0, MAX_CANDIDATES);
      // Places are counted in full (up to a limit) but only the first few are listed.
      const places = anchor.occurrences ?? anchor.candidates.length;
      evidence = html`<p class="quote-line">Cited: <q>${citation.quote}</q></p>
        <ol class="candidates">
          ${shown.map(
            (range, i) =>
              html`<li>${passage(text, range, Math.min(this.context, 160), `Place ${i + 1} of ${places}`)}</li>`,
          )}
        </ol>
        ${places > shown.length ? html`<p class="more">and ${plural(places - shown.length, 'more place')}.</p>` : nothing}
        <p class="advice">Add a prefix or suffix to the citation to tell these places apart.</p>`;
    } else {
      evidence = html`<p class="quote-line">Cited: <q>${citation.quote}</q></p>
        ${anchor.suggestion && text !== undefined
          ? html`<p class="suggestion-label">
                Closest passage in the source (${Math.round(anchor.suggestion.similarity * 100)}% similar), not attached:
              </p>
              ${passage(text, anchor.suggestion.range, Math.min(this.context, 160), 'Closest passage')}`
          : anchor.reason
            ? nothing
            : html`<p class="muted">No close passage in the source.</p>`}`;
    }

    const [d, j] = view.key.split('\u0000');
    const editing = this.editingCitation === citation.seq;
    const n = citation.seq;
    return html`<li class="citation ${anchor.status}">
      <div class="meta">
        <span class="badge ${anchor.status}"><span aria-hidden="true">${STATUS_ICON[anchor.status]}</span> ${statusText}</span>
        ${sourceLine(source, citation.source, citationLocator(citation, anchor.status === 'found' ? anchor.range : undefined, this.snapshot.sourceMaps.get(citation.source)))}
        ${supportLine(citation)}
      </div>
      ${evidence}
      ${anchor.reason && anchor.status !== 'found' ? html`<p class="reason">${sentence(anchor.reason)}</p>` : nothing}
      ${this.editable
        ? html`<div class="citation-tools" role="group" aria-label=${`Citation ${n}`}>
            <button type="button" class="edit-citation" aria-expanded=${editing ? 'true' : 'false'} aria-label=${editing ? `Done editing citation ${n}` : `Edit citation ${n}`}
              @click=${() => (this.editingCitation = editing ? undefined : n)}>${editing ? 'Done' : 'Edit'}</button>
            <button type="button" class="move-up" aria-label=${`Move citation ${n} up`} ?disabled=${position === 0}
              @click=${() => this.apply(`c${n}-move`, { type: 'move-citation', dimension: d, jurisdiction: j, seq: n, to: position - 1 })}><span aria-hidden="true">↑</span></button>
            <button type="button" class="move-down" aria-label=${`Move citation ${n} down`} ?disabled=${position === count - 1}
              @click=${() => this.apply(`c${n}-move`, { type: 'move-citation', dimension: d, jurisdiction: j, seq: n, to: position + 1 })}><span aria-hidden="true">↓</span></button>
            <button type="button" class="remove-citation" aria-label=${`Remove citation ${n}`}
              @click=${() => this.apply(`c${n}-remove`, { type: 'remove-citation', dimension: d, jurisdiction: j, seq: n })}>Remove</button>
          </div>
          ${this.feedback.message(`c${n}-move`)}${this.feedback.message(`c${n}-remove`)}
          ${editing ? this.citationForm(matrix, view, check) : nothing}`
        : nothing}
    </li>`;
  }
}
