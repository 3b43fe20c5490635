/**
 * The form that computes a cell from data: choose a dataset, build the rule field by field
 * (what to compute, the column, its categories, a filter or the compared entities), preview the
 * value and the rows that decide it, then attach it to the cell — one edit (`set-computed`),
 * undone like any other. The rule is the declarative one of computed.csv; nothing here is code.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { computeRule } from '../../model/dataset/compute.ts';
import type { Dataset } from '../../model/dataset/dataset.ts';
import { compileRule, describeRule } from '../../model/dataset/rule.ts';
import type { EditCommand, RuleFields } from '../../model/edit/commands.ts';
import { RULE_KINDS, type ComputedRule, type Dimension, type Level, type Matrix, type RuleKind } from '../../model/types.ts';

const KIND_WORDS: Record<RuleKind, string> = {
  count: 'Count rows matching a condition',
  share: 'Share of rows matching a condition (%)',
  same: 'Compare two entities: values treated the same',
  differ: 'Compare two entities: values treated differently',
  value: 'The value at a key',
};

const EMPTY: RuleFields = { source: '', rule: 'count', column: '', categories: '', filter: '', category: '', entityColumn: '', a: '', b: '', over: '', levels: '', decimals: '', note: '' };

type Preview = { ok: true; words: string; value: string; level: string; counts: string; rows: number } | { ok: false; message: string };

export interface RuleFormHost {
  /** Apply an edit; a refusal is said next to `field`. */
  apply(field: string, edit: EditCommand): boolean;
  /** The message of a refused edit next to its field. */
  message(field: string): TemplateResult | typeof nothing;
  /** The rule was attached or taken off: the form closes (and focus goes back to its button). */
  done(): void;
}

export class RuleFormController implements ReactiveController {
  private key = '';
  private fields: RuleFields = { ...EMPTY };
  private preview: Preview | undefined;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Start anew for cell `key`, from its rule if it has one, else from the first dataset. */
  private reset(key: string, existing: ComputedRule | undefined, datasets: readonly string[]): void {
    if (key === this.key) return;
    this.key = key;
    this.preview = undefined;
    if (existing) {
      const { dimension: _d, jurisdiction: _j, period: _p, extra: _e, ...fields } = existing;
      this.fields = fields;
    } else this.fields = { ...EMPTY, source: datasets[0] ?? '' };
  }

  private set(field: keyof RuleFields, value: string): void {
    this.fields = { ...this.fields, [field]: value } as RuleFields;
    this.preview = undefined;
    this.host.requestUpdate();
  }

  private runPreview(dataset: Dataset | undefined, dimension: Dimension, scale: readonly Level[]): void {
    const problems: { field: string; message: string }[] = [];
    const compiled = compileRule({ dimension: dimension.id, jurisdiction: '', period: 1, ...this.fields }, problems);
    if (problems.length) this.preview = { ok: false, message: problems[0].message };
    else if (!dataset) this.preview = { ok: false, message: `the dataset "${this.fields.source}" is not loaded` };
    else {
      const r = computeRule(compiled, dataset, dimension, scale);
      this.preview = r.ok
        ? {
            ok: true, words: describeRule(compiled), value: r.value.value, level: r.value.level, rows: r.rows.length,
            counts: Object.entries(r.counts).filter(([, n]) => n > 0).map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`).join(', '),
          }
        : { ok: false, message: r.message };
    }
    this.host.requestUpdate();
  }

  render(options: {
    key: string; matrix: Matrix; dimension: Dimension; scale: readonly Level[]; datasets: ReadonlyMap<string, Dataset>;
    /** The period of the cell edited (the one the panel shows): the rule is attached to it. */
    period: number;
    existing: ComputedRule | undefined; host: RuleFormHost;
  }): TemplateResult {
    const { key, matrix, dimension, scale, datasets, existing, host, period } = options;
    const sources = matrix.sources.filter((s) => s.kind === 'dataset');
    // Another cell, or another period of it, starts the form again.
    this.reset(`${key}\u0000${period}`, existing, sources.map((s) => s.id));
    const f = this.fields;
    const dataset = datasets.get(f.source);
    const columns = dataset?.columns.map((c) => c.name) ?? [];
    const comparison = f.rule === 'same' || f.rule === 'differ';
    const [d, j] = key.split('\u0000');
    const text = (field: keyof RuleFields, label: string, hint: string) => html`<label for=${`r-${field}`}>${label}</label>
      <div>
        <input id=${`r-${field}`} type="text" .value=${live(f[field])} aria-describedby=${`r-${field}-hint`}
          @change=${(e: Event) => this.set(field, (e.target as HTMLInputElement).value)} />
        <span class="hint-text" id=${`r-${field}-hint`}>${hint}</span>
      </div>`;
    const column = (field: keyof RuleFields, label: string) => html`<label for=${`r-${field}`}>${label}</label>
      <div>
        <select id=${`r-${field}`} @change=${(e: Event) => this.set(field, (e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${f[field] === ''}>Choose a column</option>
          ${columns.map((c) => html`<option value=${c} ?selected=${f[field] === c}>${c}</option>`)}
        </select>
      </div>`;
    const attach = () => {
      if (host.apply('rule', { type: 'set-computed', dimension: d, jurisdiction: j, period, rule: { ...this.fields } })) {
        this.preview = undefined;
        this.key = '';
        host.done();
      }
      this.host.requestUpdate();
    };
    return html`<form class="rule-form" id="rule-form" aria-label="Compute the cell from data" @submit=${(e: Event) => { e.preventDefault(); this.runPreview(dataset, dimension, scale); }}>
      <label for="r-source">Dataset</label>
      <div>
        <select id="r-source" @change=${(e: Event) => this.set('source', (e.target as HTMLSelectElement).value)}>
          ${sources.map((s) => html`<option value=${s.id} ?selected=${f.source === s.id}>${s.title || s.id}</option>`)}
        </select>
      </div>
      <label for="r-rule">Rule</label>
      <div>
        <select id="r-rule" @change=${(e: Event) => this.set('rule', (e.target as HTMLSelectElement).value)}>
          ${RULE_KINDS.map((k) => html`<option value=${k} ?selected=${f.rule === k}>${KIND_WORDS[k]}</option>`)}
        </select>
      </div>
      ${column('column', 'Column read')}
      ${text('categories', 'Categories', 'category=value|value; … ({number}: any number; {leave out}=values not counted)')}
      ${comparison
        ? html`${column('entityColumn', 'Entities in column')} ${text('a', 'Entity (or group)', 'e.g. Canada, or Austria | Belgium | … for a group')}
            ${text('b', 'Compared with', 'empty: the group\'s members among themselves')} ${column('over', 'Compared over column')}`
        : html`${text('filter', 'Rows where', 'Column=value|value; Column=value')} ${f.rule === 'value' ? nothing : text('category', 'Category counted', 'one of the categories above')}`}
      ${dimension.valueType === 'ordinal' ? text('levels', 'Levels', `level=least figure; … (scale ${dimension.scale})`) : nothing}
      <div class="form-actions">
        <button type="submit">Preview</button>
        <button type="button" class="primary attach-rule" ?disabled=${!this.preview?.ok} @click=${attach}>${existing ? 'Replace the rule' : 'Attach to the cell'}</button>
        ${existing
          ? html`<button type="button" class="remove-rule" @click=${() => {
              if (host.apply('rule', { type: 'set-computed', dimension: d, jurisdiction: j, period, rule: undefined })) {
                this.key = '';
                host.done();
              }
            }}>Take the rule off</button>`
          : nothing}
      </div>
      ${host.message('rule')}
      <div class="rule-preview" role="status">
        ${this.preview === undefined
          ? nothing
          : this.preview.ok
            ? html`<p>${this.preview.words}</p>
                <p>Value: <strong class="preview-value">${this.preview.value}</strong>${this.preview.level ? html`, level <strong>${this.preview.level}</strong>` : nothing}${this.preview.counts
                  ? ` (${this.preview.counts}; ${this.preview.rows.toLocaleString('en-US')} rows decide it)`
                  : ''}</p>`
            : html`<p class="reason">Cannot be computed: ${this.preview.message}</p>`}
      </div>
    </form>`;
  }
}
