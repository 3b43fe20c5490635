import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CellFields } from '../../model/edit/commands.ts';
import { CELL_STATUSES, CONFIDENCES, type Confidence, type Level } from '../../model/types.ts';
import type { CellView } from '../policy-matrix/rows.ts';
import type { EditTarget } from './edit-target.ts';
import { STATUS_LABELS } from './evidence-words.ts';

/**
 * The cell's editable fields; each change is one edit of the store. `periods` is how many
 * periods the cell has (each with its own value, dates and citations); `levels` its scale.
 */
export function cellForm(target: EditTarget, view: CellView, periods: number, levels: readonly Level[]): TemplateResult {
  const { dimension, cell } = view;
  const [d, j] = view.key.split('\u0000');
  const set = (field: string, fields: CellFields) => target.apply(field, { type: 'set-cell', dimension: d, jurisdiction: j, set: fields });
  const value = cell?.value ?? '';
  const described = (field: string) => target.feedback.describedBy(field);
  const invalid = (field: string) => (target.feedback.has(field) ? 'true' : nothing);
  // When the policy applied (the period's place in time), as the Observed field is typed.
  const dateField = (field: 'inForceFrom' | 'inForceUntil', id: string, label: string, current: string) => html`
    <label for=${id}>${label}</label>
    <div>
      <input id=${id} type="text" placeholder="YYYY, YYYY-MM or YYYY-MM-DD" .value=${live(current)}
        aria-describedby=${described(field)} aria-invalid=${invalid(field)}
        @change=${(e: Event) => set(field, { [field]: (e.target as HTMLInputElement).value })} />
      ${target.feedback.message(field)}
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
            ${target.feedback.message('level')}
          </div>`
      : nothing}
    <label for="f-value">${dimension.valueType === 'ordinal' ? 'Value text' : 'Value'}</label>
    <div>${valueField}${target.feedback.message('value')}</div>
    <label for="f-observed">Observed</label>
    <div>
      <input id="f-observed" type="text" placeholder="YYYY, YYYY-MM or YYYY-MM-DD" .value=${live(cell?.observed ?? '')}
        aria-describedby=${described('observed')} aria-invalid=${invalid('observed')}
        @change=${(e: Event) => set('observed', { observed: (e.target as HTMLInputElement).value })} />
      ${target.feedback.message('observed')}
    </div>
    ${dateField('inForceFrom', 'f-in-force-from', 'In force from', cell?.inForceFrom ?? '')}
    ${dateField('inForceUntil', 'f-in-force-until', 'In force until', cell?.inForceUntil ?? '')}
    <label for="f-confidence">Confidence</label>
    <div>
      <select id="f-confidence" aria-describedby=${described('confidence')}
        @change=${(e: Event) => set('confidence', { confidence: (e.target as HTMLSelectElement).value as Confidence })}>
        ${(['', ...CONFIDENCES] as const).map((c) => html`<option value=${c} ?selected=${(cell?.confidence ?? '') === c}>${c ? c[0]!.toUpperCase() + c.slice(1) : 'Not recorded'}</option>`)}
      </select>
      ${target.feedback.message('confidence')}
    </div>
    <span></span>
    <div>
      <label class="check"><input id="f-relative" type="checkbox" .checked=${live(cell?.relative ?? false)}
        aria-describedby=${described('relative')}
        @change=${(e: Event) => set('relative', { relative: (e.target as HTMLInputElement).checked })} />
        Level graded only by comparison with another jurisdiction (relative)</label>
      ${target.feedback.message('relative')}
    </div>
    <label for="f-status">Status</label>
    <div>
      <select id="f-status" aria-describedby=${described('status')} @change=${(e: Event) => set('status', { status: (e.target as HTMLSelectElement).value as CellFields['status'] })}>
        ${CELL_STATUSES.map((st) => html`<option value=${st} ?selected=${(cell?.status ?? 'not_in_source') === st}>${STATUS_LABELS[st]}</option>`)}
      </select>
      ${target.feedback.message('status')}
    </div>
    <label for="f-note">Note</label>
    <div>
      <textarea id="f-note" rows="3" .value=${live(cell?.note ?? '')}
        @change=${(e: Event) => set('note', { note: (e.target as HTMLTextAreaElement).value })}></textarea>
      ${target.feedback.message('note')}
    </div>
    <span></span>
    <div class="period-actions">
      <button type="button" class="add-period" aria-describedby=${described('period')}
        @click=${() => target.apply('period', { type: 'add-period', dimension: d, jurisdiction: j, copy: true })}>Add a later period</button>
      ${cell && periods > 1
        ? html`<button type="button" class="remove-period"
            @click=${() => target.apply('period', { type: 'remove-period', dimension: d, jurisdiction: j, period: cell.period })}>Remove period ${cell.period} of ${periods}</button>`
        : nothing}
      ${target.feedback.message('period')}
    </div>
  </form>`;
}
