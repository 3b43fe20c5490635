/**
 * The lists of the New matrix dialog: jurisdictions, dimensions and scales, each row with its
 * fields and its Move up / Move down / Remove buttons. Plain render functions over the draft
 * (src/model/create/draft.ts); the element passes what a change does (`SectionContext`).
 * Rows are keyed (`repeat`), so a moved row keeps its DOM and the focus.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  rowIds, type DraftDimension, type DraftJurisdiction, type DraftLevel, type DraftRows, type DraftScale, type NewMatrixDraft, type ScaleChoice,
} from '../../model/create/draft.ts';
import { VALUE_TYPES, type Matrix, type ValueType } from '../../model/types.ts';

export const TYPE_WORDS: Record<ValueType, string> = {
  ordinal: 'Levels of a scale',
  number: 'Number',
  date: 'Date',
  boolean: 'Yes / no',
  text: 'Text',
};

/** What the sections need from the element. */
export interface SectionContext {
  readonly draft: NewMatrixDraft;
  readonly rows: DraftRows;
  /** The matrix open in the app (its scales can be chosen), if any. */
  readonly open: Matrix | undefined;
  /** Problems by field id (`j-3-label`…). */
  readonly errors: ReadonlyMap<string, string>;
  readonly update: (change: (draft: NewMatrixDraft) => NewMatrixDraft) => void;
  /** The analyst changed a field: its problem (if any) is no longer said. */
  readonly fixed: (field: string) => void;
  readonly addJurisdiction: () => void;
  readonly addDimension: () => void;
  readonly addScale: (forDimension?: number) => void;
  readonly addLevel: (scale: number) => void;
  readonly move: (list: 'jurisdictions' | 'dimensions', key: number, by: -1 | 1) => void;
  readonly remove: (list: 'jurisdictions' | 'dimensions', key: number) => void;
  readonly moveLevel: (scale: number, key: number, by: -1 | 1) => void;
  readonly removeLevel: (scale: number, key: number) => void;
  readonly removeScale: (scale: number) => void;
  readonly set: {
    readonly jurisdiction: (key: number, set: Partial<Omit<DraftJurisdiction, 'key'>>) => void;
    readonly dimension: (key: number, set: Partial<Omit<DraftDimension, 'key'>>) => void;
    readonly scaleId: (key: number, id: string) => void;
    readonly level: (scale: number, key: number, set: Partial<Omit<DraftLevel, 'key'>>) => void;
  };
}

const value = (e: Event) => (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;

/** A field's error state: `aria-invalid` and `aria-describedby` (the message's id), and the message. */
function invalid(ctx: SectionContext, field: string) {
  const message = ctx.errors.get(field);
  return {
    invalid: message ? 'true' : nothing,
    describedBy: message ? `err-${field}` : nothing,
    message: message ? html`<p class="field-error" id=${`err-${field}`}>${message}</p>` : nothing,
  };
}

/**
 * A text input with its label and its error. The label is `[shown, rest]`: `shown` is visible
 * (none for the fields under a list's column headings), `rest` for screen readers only
 * ("Definition" + " of dimension 2").
 */
function textField(ctx: SectionContext, field: string, label: [string, string], text: string, onInput: (v: string) => void, options: { placeholder?: string; cls?: string } = {}): TemplateResult {
  const e = invalid(ctx, field);
  const [shown, rest] = label;
  return html`<span class="field ${options.cls ?? ''}">
    <label class=${shown ? 'small-label' : 'sr-only'} for=${field}>${shown}<span class=${shown ? 'sr-only' : ''}>${shown ? ' ' : ''}${rest}</span></label>
    <input id=${field} type="text" .value=${live(text)} placeholder=${options.placeholder ?? nothing}
      aria-invalid=${e.invalid} aria-describedby=${e.describedBy} @input=${(ev: Event) => {
        ctx.fixed(field);
        onInput(value(ev));
      }} />
    ${e.message}
  </span>`;
}

/** Move up, Move down, Remove for a row named `name`. */
function rowTools(what: string, name: string, position: number, count: number, move: (by: -1 | 1) => void, remove: () => void): TemplateResult {
  return html`<span class="tools">
    <button type="button" class="move-up" aria-label=${`Move ${what} ${name} up`} ?disabled=${position === 0} @click=${() => move(-1)}><span aria-hidden="true">↑</span></button>
    <button type="button" class="move-down" aria-label=${`Move ${what} ${name} down`} ?disabled=${position === count - 1} @click=${() => move(1)}><span aria-hidden="true">↓</span></button>
    <button type="button" class="remove" aria-label=${`Remove ${what} ${name}`} @click=${remove}>Remove</button>
  </span>`;
}

const listError = (ctx: SectionContext, field: string) => {
  const message = ctx.errors.get(field);
  return message ? html`<p class="field-error" id=${`err-${field}`}>${message}</p>` : nothing;
};

export function jurisdictionsSection(ctx: SectionContext): TemplateResult {
  const rows = ctx.rows.jurisdictions;
  const ids = rowIds(rows, 'j');
  return html`<fieldset class="list jurisdictions" aria-describedby=${ctx.errors.has('jurisdictions') ? 'err-jurisdictions' : nothing}>
    <legend>Jurisdictions <span class="muted">(the columns)</span></legend>
    ${rows.length ? html`<div class="row jurisdiction heading" aria-hidden="true"><span></span><span>Label</span><span>Id <span class="muted">(from the label)</span></span><span>Group</span><span></span></div>` : nothing}
    <ol class="rows">
      ${repeat(rows, (r) => r.key, (r, i) => {
        const n = `${i + 1}`;
        const name = r.label.trim() || n;
        return html`<li class="row jurisdiction" data-key=${r.key}>
          <span class="num" aria-hidden="true">${n}</span>
          ${textField(ctx, `j-${r.key}-label`, ['', `Label of jurisdiction ${n}`], r.label, (v) => ctx.set.jurisdiction(r.key, { label: v }), { placeholder: 'e.g. European Union', cls: 'label' })}
          ${textField(ctx, `j-${r.key}-id`, ['', `Id of jurisdiction ${n}`], r.id, (v) => ctx.set.jurisdiction(r.key, { id: v }), { placeholder: ids[i], cls: 'id' })}
          ${textField(ctx, `j-${r.key}-group`, ['', `Group of jurisdiction ${n}`], r.group, (v) => ctx.set.jurisdiction(r.key, { group: v }), { placeholder: 'e.g. EU', cls: 'group' })}
          ${rowTools('jurisdiction', name, i, rows.length, (by) => ctx.move('jurisdictions', r.key, by), () => ctx.remove('jurisdictions', r.key))}
        </li>`;
      })}
    </ol>
    ${listError(ctx, 'jurisdictions')}
    <button type="button" class="add add-jurisdiction" @click=${ctx.addJurisdiction}>Add jurisdiction</button>
  </fieldset>`;
}

/** The scales a dimension can have: the draft's own, then the open matrix's not shadowed by one of them. */
function scaleOptions(ctx: SectionContext): { value: string; label: string }[] {
  const own = ctx.rows.scales.map((s) => ({ value: `own:${s.key}`, label: `${s.id.trim() || '(scale without an id)'} — ${s.levels.length} level${s.levels.length === 1 ? '' : 's'}` }));
  const ownIds = new Set(ctx.rows.scales.map((s) => s.id.trim()));
  const openScales = new Map<string, number>();
  for (const l of ctx.open?.levels ?? []) openScales.set(l.scale, (openScales.get(l.scale) ?? 0) + 1);
  const open = [...openScales].filter(([id]) => !ownIds.has(id)).map(([id, n]) => ({ value: `open:${id}`, label: `${id} — ${n} level${n === 1 ? '' : 's'}, from the open matrix` }));
  return [...own, ...open];
}

const choiceValue = (choice: ScaleChoice) => (!choice ? '' : 'own' in choice ? `own:${choice.own}` : `open:${choice.open}`);
const choiceOf = (v: string): ScaleChoice => (v.startsWith('own:') ? { own: Number(v.slice(4)) } : v.startsWith('open:') ? { open: v.slice(5) } : undefined);

export function dimensionsSection(ctx: SectionContext): TemplateResult {
  const rows = ctx.rows.dimensions;
  const ids = rowIds(rows, 'd');
  const options = scaleOptions(ctx);
  return html`<fieldset class="list dimensions" aria-describedby=${ctx.errors.has('dimensions') ? 'err-dimensions' : nothing}>
    <legend>Dimensions <span class="muted">(the rows: what is compared)</span></legend>
    ${rows.length ? html`<div class="row dimension heading" aria-hidden="true"><span></span><span>Label</span><span>Id <span class="muted">(from the label)</span></span><span>Value type</span><span></span></div>` : nothing}
    <ol class="rows">
      ${repeat(rows, (r) => r.key, (r, i) => {
        const n = `${i + 1}`;
        const name = r.label.trim() || n;
        const type = invalid(ctx, `d-${r.key}-type`);
        const scale = invalid(ctx, `d-${r.key}-scale`);
        return html`<li class="row dimension" data-key=${r.key}>
          <span class="num" aria-hidden="true">${n}</span>
          ${textField(ctx, `d-${r.key}-label`, ['', `Label of dimension ${n}`], r.label, (v) => ctx.set.dimension(r.key, { label: v }), { placeholder: 'e.g. Detention of asylum seekers', cls: 'label' })}
          ${textField(ctx, `d-${r.key}-id`, ['', `Id of dimension ${n}`], r.id, (v) => ctx.set.dimension(r.key, { id: v }), { placeholder: ids[i], cls: 'id' })}
          <span class="field type">
            <label class="sr-only" for=${`d-${r.key}-type`}>Value type of dimension ${n}</label>
            <select id=${`d-${r.key}-type`} aria-invalid=${type.invalid} aria-describedby=${type.describedBy}
              @change=${(e: Event) => {
                ctx.fixed(`d-${r.key}-type`);
                ctx.set.dimension(r.key, { valueType: value(e) as ValueType });
              }}>
              ${VALUE_TYPES.map((t) => html`<option value=${t} ?selected=${t === r.valueType}>${TYPE_WORDS[t]}</option>`)}
            </select>
            ${type.message}
          </span>
          ${rowTools('dimension', name, i, rows.length, (by) => ctx.move('dimensions', r.key, by), () => ctx.remove('dimensions', r.key))}
          ${r.valueType === 'ordinal'
            ? html`<span class="field scale">
                <label class="small-label" for=${`d-${r.key}-scale`}>Scale<span class="sr-only"> of dimension ${n}</span></label>
                <select id=${`d-${r.key}-scale`} aria-invalid=${scale.invalid} aria-describedby=${scale.describedBy}
                  @change=${(e: Event) => {
                    ctx.fixed(`d-${r.key}-scale`);
                    ctx.set.dimension(r.key, { scale: choiceOf(value(e)) });
                  }}>
                  <option value="" ?selected=${!r.scale}>${options.length ? 'Choose a scale…' : 'No scale yet: make a new one'}</option>
                  ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === choiceValue(r.scale)}>${o.label}</option>`)}
                </select>
                <button type="button" class="new-scale" @click=${() => ctx.addScale(r.key)}>New scale</button>
                ${scale.message}
              </span>`
            : nothing}
          ${r.valueType === 'number'
            ? textField(ctx, `d-${r.key}-unit`, ['Unit', `of dimension ${n}`], r.unit, (v) => ctx.set.dimension(r.key, { unit: v }), { placeholder: 'e.g. days, %', cls: 'unit' })
            : nothing}
          ${textField(ctx, `d-${r.key}-definition`, ['Definition', `of dimension ${n}`], r.definition, (v) => ctx.set.dimension(r.key, { definition: v }), { placeholder: 'What it measures, and how a value is decided', cls: 'definition' })}
          ${textField(ctx, `d-${r.key}-theme`, ['Theme', `of dimension ${n}`], r.theme, (v) => ctx.set.dimension(r.key, { theme: v }), { placeholder: 'e.g. Asylum', cls: 'theme' })}
        </li>`;
      })}
    </ol>
    ${listError(ctx, 'dimensions')}
    <button type="button" class="add add-dimension" @click=${ctx.addDimension}>Add dimension</button>
  </fieldset>`;
}

function scaleBlock(ctx: SectionContext, scale: DraftScale, position: number): TemplateResult {
  const n = `${position + 1}`;
  const ids = rowIds(scale.levels, 'level-');
  const usedBy = ctx.rows.dimensions.filter((d) => d.valueType === 'ordinal' && d.scale && 'own' in d.scale && d.scale.own === scale.key);
  const name = scale.id.trim() || n;
  return html`<li class="scale-item" data-key=${scale.key}>
    <div class="scale-head">
      ${textField(ctx, `s-${scale.key}-id`, ['Scale id', `(scale ${n})`], scale.id, (v) => ctx.set.scaleId(scale.key, v), { cls: 'id' })}
      <span class="used-by">${usedBy.length ? `Used by ${usedBy.map((d) => d.label.trim() || 'a dimension').join(', ')}` : 'Not used by a dimension yet'}</span>
      <button type="button" class="remove-scale" aria-label=${`Remove scale ${name}`} @click=${() => ctx.removeScale(scale.key)}>Remove scale</button>
    </div>
    <p class="hint">Levels, lowest first: each with a label, and a definition saying when a cell is at that level.</p>
    ${scale.levels.length ? html`<div class="row level heading" aria-hidden="true"><span></span><span>Level</span><span>Id <span class="muted">(from the label)</span></span><span></span></div>` : nothing}
    <ol class="rows levels" aria-label=${`Levels of scale ${name}`}>
      ${repeat(scale.levels, (l) => l.key, (l, i) => {
        const k = `${i + 1}`;
        return html`<li class="row level" data-key=${l.key}>
          <span class="num" aria-hidden="true">${k}</span>
          ${textField(ctx, `l-${l.key}-label`, ['', `Label of level ${k} of scale ${name}`], l.label, (v) => ctx.set.level(scale.key, l.key, { label: v }), { placeholder: i === 0 ? 'e.g. None' : '', cls: 'label' })}
          ${textField(ctx, `l-${l.key}-id`, ['', `Id of level ${k} of scale ${name}`], l.id, (v) => ctx.set.level(scale.key, l.key, { id: v }), { placeholder: ids[i], cls: 'id' })}
          ${rowTools('level', l.label.trim() || k, i, scale.levels.length, (by) => ctx.moveLevel(scale.key, l.key, by), () => ctx.removeLevel(scale.key, l.key))}
          ${textField(ctx, `l-${l.key}-definition`, ['Definition', `of level ${k} of scale ${name}`], l.definition, (v) => ctx.set.level(scale.key, l.key, { definition: v }), { cls: 'definition' })}
        </li>`;
      })}
    </ol>
    ${listError(ctx, `s-${scale.key}-levels`)}
    <button type="button" class="add add-level" aria-label=${`Add level to scale ${name}`} @click=${() => ctx.addLevel(scale.key)}>Add level</button>
  </li>`;
}

export function scalesSection(ctx: SectionContext): TemplateResult {
  const scales = ctx.rows.scales;
  return html`<fieldset class="list scales">
    <legend>Scales <span class="muted">(named levels for dimensions with levels of a scale)</span></legend>
    ${scales.length
      ? html`<ol class="scale-list">${repeat(scales, (s) => s.key, (s, i) => scaleBlock(ctx, s, i))}</ol>`
      : html`<p class="hint">No scale of its own yet. A dimension with levels of a scale uses a new one (New scale) or one of the open matrix's.</p>`}
    <button type="button" class="add add-scale" @click=${() => ctx.addScale()}>Add a scale</button>
  </fieldset>`;
}
