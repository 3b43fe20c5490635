import { html, nothing, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { removalScope, type EditCommand } from '../../model/edit/commands.ts';
import { VALUE_TYPES, type Dimension, type Jurisdiction, type ValueType } from '../../model/types.ts';
import { byOrder } from '../policy-matrix/rows.ts';
import { EditFeedback } from '../common/edit-feedback.ts';
import { styles } from './structure-editor.styles.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

type Kind = 'dimension' | 'jurisdiction';

interface PendingRemoval {
  kind: Kind;
  id: string;
  label: string;
  cells: number;
  withValues: number;
  citations: number;
}

const TYPE_WORDS: Record<ValueType, string> = {
  ordinal: 'Levels of a scale',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  text: 'Text',
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * @summary The rows and columns of the matrix: add, rename, reorder and remove dimensions and
 * jurisdictions. A new one gets a cell for every pair, marked not in source. Removing one that
 * holds anything (values, notes, citations) asks first, in a dialog that says what goes with it.
 * Every change is an edit of the store (undoable).
 *
 * Works on the store provided by an ancestor (`storeContext`, `snapshotContext`).
 */
export class PolicyStructureEditor extends StoreConsumer {
  static override styles = styles;

  /** Refused edits said next to their fields; what the last edit did, for the live region. */
  private readonly feedback = new EditFeedback(this);
  @state() private pending: PendingRemoval | undefined;
  @state() private newType: ValueType = 'text';

  @query('dialog.confirm') private confirmDialog!: HTMLDialogElement;

  /** Remove a dimension or jurisdiction; asks first (resolves after the answer) when it holds anything. */
  async removeItem(kind: Kind, id: string): Promise<boolean> {
    const matrix = this.snapshot.matrix;
    if (!matrix) return false;
    const scope = removalScope(matrix, kind, id);
    const item = (kind === 'dimension' ? this.snapshot.index?.dimensions : this.snapshot.index?.jurisdictions)?.get(id);
    const holds = scope.withValues > 0 || scope.citations.length > 0;
    if (holds) {
      this.pending = { kind, id, label: item?.label || id, cells: scope.cells.length, withValues: scope.withValues, citations: scope.citations.length };
      await this.updateComplete;
      this.confirmDialog.showModal();
      const answer = await new Promise<string>((resolve) => this.confirmDialog.addEventListener('close', () => resolve(this.confirmDialog.returnValue), { once: true }));
      this.pending = undefined;
      if (answer !== 'remove') {
        this.feedback.say(`Kept ${kind} ${item?.label || id}.`);
        return false;
      }
    }
    return this.apply(`${kind}-${id}`, kind === 'dimension' ? { type: 'remove-dimension', id } : { type: 'remove-jurisdiction', id });
  }

  private apply(field: string, edit: EditCommand): boolean {
    return this.feedback.apply(this.store, field, edit);
  }

  protected override render() {
    const { matrix } = this.snapshot;
    if (!matrix) return html`<p class="hint">No matrix loaded.</p>`;
    const dimensions = [...matrix.dimensions].sort(byOrder);
    const jurisdictions = [...matrix.jurisdictions].sort(byOrder);
    return html`
      <div class="columns">
        <section aria-labelledby="dims-title">
          <h3 id="dims-title">Dimensions (rows)</h3>
          <ol class="items dimensions">${dimensions.map((d, i) => this.item('dimension', d, i, dimensions.length))}</ol>
          ${this.addDimensionForm()}
        </section>
        <section aria-labelledby="jurs-title">
          <h3 id="jurs-title">Jurisdictions (columns)</h3>
          <ol class="items jurisdictions">${jurisdictions.map((j, i) => this.item('jurisdiction', j, i, jurisdictions.length))}</ol>
          ${this.addJurisdictionForm()}
        </section>
      </div>
      ${this.feedback.status()}
      <dialog class="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-text">
        ${this.pending
          ? html`<form method="dialog">
              <h3 id="confirm-title">Remove ${this.pending.kind} “${this.pending.label}”?</h3>
              <p id="confirm-text">
                Its ${plural(this.pending.cells, 'cell')} go with it${this.pending.withValues ? ` (${plural(this.pending.withValues, 'with a value or note', 'with values or notes')})` : ''}${this.pending.citations ? `, and ${plural(this.pending.citations, 'citation')}` : ''}.
                You can undo this (Ctrl+Z).
              </p>
              <div class="actions">
                <button value="cancel" class="cancel" autofocus>Cancel</button>
                <button value="remove" class="danger confirm-remove">Remove ${this.pending.kind}</button>
              </div>
            </form>`
          : nothing}
      </dialog>
    `;
  }

  private item(kind: Kind, item: Dimension | Jurisdiction, position: number, count: number): TemplateResult {
    const field = `${kind}-${item.id}`;
    const name = item.label || item.id;
    const move = (to: number) =>
      this.apply(field, kind === 'dimension' ? { type: 'move-dimension', id: item.id, to } : { type: 'move-jurisdiction', id: item.id, to });
    return html`<li class="item" data-id=${item.id}>
      <label class="sr-only" for=${`label-${field}`}>Label of ${kind} ${item.id}</label>
      <input id=${`label-${field}`} class="label-input" type="text" .value=${live(item.label)}
        aria-describedby=${this.feedback.describedBy(field)}
        @change=${(e: Event) => {
          const label = (e.target as HTMLInputElement).value;
          this.apply(field, kind === 'dimension' ? { type: 'set-dimension', id: item.id, set: { label } } : { type: 'set-jurisdiction', id: item.id, set: { label } });
        }} />
      <code class="id" title="id">${item.id}</code>
      ${kind === 'dimension' ? html`<span class="type">${TYPE_WORDS[(item as Dimension).valueType]}</span>` : nothing}
      <span class="tools">
        <button type="button" class="move-up" aria-label=${`Move ${kind} ${name} up`} ?disabled=${position === 0} @click=${() => move(position - 1)}><span aria-hidden="true">↑</span></button>
        <button type="button" class="move-down" aria-label=${`Move ${kind} ${name} down`} ?disabled=${position === count - 1} @click=${() => move(position + 1)}><span aria-hidden="true">↓</span></button>
        <button type="button" class="remove" aria-label=${`Remove ${kind} ${name}`} @click=${() => void this.removeItem(kind, item.id)}>Remove</button>
      </span>
      ${this.feedback.message(field)}
    </li>`;
  }

  private addDimensionForm(): TemplateResult {
    const scales = [...(this.snapshot.index?.scales.keys() ?? [])];
    const submit = (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const data = new FormData(form);
      const get = (name: string) => String(data.get(name) ?? '');
      const ok = this.apply('add-dimension', {
        type: 'add-dimension',
        dimension: { id: get('id'), label: get('label'), valueType: get('type') as ValueType, scale: get('scale'), unit: get('unit'), theme: get('theme'), definition: get('definition') },
      });
      if (ok) {
        form.reset();
        this.newType = 'text';
      }
    };
    return html`<form class="add" aria-label="Add a dimension" @submit=${submit}>
      <h4>Add a dimension</h4>
      <label>Id <input name="id" type="text" required pattern="[A-Za-z0-9][A-Za-z0-9_.:\\-]*" placeholder="e.g. visa-waiver" /></label>
      <label>Label <input name="label" type="text" required /></label>
      <label>Theme <input name="theme" type="text" /></label>
      <label>Value type
        <select name="type" @change=${(e: Event) => (this.newType = (e.target as HTMLSelectElement).value as ValueType)}>
          ${VALUE_TYPES.map((t) => html`<option value=${t} ?selected=${t === this.newType}>${TYPE_WORDS[t]}</option>`)}
        </select>
      </label>
      ${this.newType === 'ordinal'
        ? html`<label>Scale <select name="scale">${scales.map((s) => html`<option value=${s}>${s}</option>`)}</select></label>`
        : nothing}
      ${this.newType === 'number' ? html`<label>Unit <input name="unit" type="text" placeholder="e.g. %" /></label>` : nothing}
      <label class="wide">Definition <input name="definition" type="text" /></label>
      <div class="actions">${this.feedback.message('add-dimension')}<button type="submit" class="primary">Add dimension</button></div>
    </form>`;
  }

  private addJurisdictionForm(): TemplateResult {
    const submit = (e: Event) => {
      e.preventDefault();
      const form = e.target as HTMLFormElement;
      const data = new FormData(form);
      const get = (name: string) => String(data.get(name) ?? '');
      if (this.apply('add-jurisdiction', { type: 'add-jurisdiction', jurisdiction: { id: get('id'), label: get('label'), group: get('group') } })) form.reset();
    };
    return html`<form class="add" aria-label="Add a jurisdiction" @submit=${submit}>
      <h4>Add a jurisdiction</h4>
      <label>Id <input name="id" type="text" required pattern="[A-Za-z0-9][A-Za-z0-9_.:\\-]*" placeholder="e.g. uk" /></label>
      <label>Label <input name="label" type="text" required /></label>
      <label>Group <input name="group" type="text" /></label>
      <div class="actions">${this.feedback.message('add-jurisdiction')}<button type="submit" class="primary">Add jurisdiction</button></div>
    </form>`;
  }
}
