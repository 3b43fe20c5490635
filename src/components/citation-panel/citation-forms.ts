/** The evidence panel's forms for citations: one typed by hand, and the fields of one citation. */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { CitationCheck } from '../../model/check/check.ts';
import type { CitationFields } from '../../model/edit/commands.ts';
import { SUPPORTS, type Matrix } from '../../model/types.ts';
import type { CellView } from '../policy-matrix/rows.ts';
import type { EditTarget } from './edit-target.ts';
import { SUPPORT_WORDS } from './evidence-words.ts';

/** A citation typed by hand. */
export function addForm(target: EditTarget, matrix: Matrix, view: CellView, added: () => void): TemplateResult {
  const [d, j] = view.key.split('\u0000');
  const submit = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const get = (name: string) => String(data.get(name) ?? '');
    const ok = target.apply('add', {
      type: 'add-citation', dimension: d, jurisdiction: j,
      citation: { source: get('source'), quote: get('quote'), prefix: get('prefix'), suffix: get('suffix'), locator: get('locator') },
    });
    if (ok) {
      form.reset();
      added();
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
    <div class="form-actions">${target.feedback.message('add')}<button type="submit" class="primary">Add citation</button></div>
  </form>`;
}

/** The fields of one citation, each change one edit. */
export function citationForm(target: EditTarget, matrix: Matrix, view: CellView, check: CitationCheck): TemplateResult {
  const { citation } = check;
  const [d, j] = view.key.split('\u0000');
  const id = (f: string) => `c${citation.seq}-${f}`;
  const set = (field: keyof CitationFields, value: string) =>
    target.apply(id(field), { type: 'set-citation', dimension: d, jurisdiction: j, seq: citation.seq, set: { [field]: value } });
  const text = (field: 'quote' | 'prefix' | 'suffix' | 'locator', label: string) => html`<label for=${id(field)}>${label}</label>
    <div>
      ${field === 'quote'
        ? html`<textarea id=${id(field)} rows="3" .value=${live(citation.quote)} @change=${(e: Event) => set(field, (e.target as HTMLTextAreaElement).value)}></textarea>`
        : html`<input id=${id(field)} type="text" .value=${live(citation[field])} @change=${(e: Event) => set(field, (e.target as HTMLInputElement).value)} />`}
      ${target.feedback.message(id(field))}
    </div>`;
  return html`<form class="citation-form" aria-label=${`Edit citation ${citation.seq}`} @submit=${(e: Event) => e.preventDefault()}>
    ${text('quote', 'Quote')} ${text('prefix', 'Prefix')} ${text('suffix', 'Suffix')} ${text('locator', 'Locator')}
    <label for=${id('support')}>Support</label>
    <div>
      <select id=${id('support')} @change=${(e: Event) => set('support', (e.target as HTMLSelectElement).value)}>
        ${SUPPORTS.map((k) => html`<option value=${k} ?selected=${k === citation.support}>${SUPPORT_WORDS[k]}</option>`)}
      </select>
      ${target.feedback.message(id('support'))}
    </div>
    <label for=${id('attribution')}>According to</label>
    <div>
      <input id=${id('attribution')} type="text" placeholder="whose claim, for a reported one" .value=${live(citation.attribution)}
        @change=${(e: Event) => set('attribution', (e.target as HTMLInputElement).value)} />
      ${target.feedback.message(id('attribution'))}
    </div>
    <label for=${id('source')}>Source</label>
    <div>
      <select id=${id('source')} @change=${(e: Event) => set('source', (e.target as HTMLSelectElement).value)}>
        ${matrix.sources.map((s) => html`<option value=${s.id} ?selected=${s.id === citation.source}>${s.title || s.id}</option>`)}
      </select>
      ${target.feedback.message(id('source'))}
    </div>
  </form>`;
}
