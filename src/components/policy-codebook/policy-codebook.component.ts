import { css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { BASIS_WORDS, VALUE_TYPE_WORDS, codebookOf } from '../../model/codebook/document.ts';
import type { DimensionFields, LevelFields } from '../../model/edit/commands.ts';
import type { Basis, Dimension, Level } from '../../model/types.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

/** Warnings listed at a time. */
const WARNINGS_PAGE = 200;

/**
 * @summary The matrix's codebook: every dimension with its definition, coding basis, coding
 * rules, direction and the levels of its scale (each with its definition and whether it needs
 * an absolute statement). Each field is edited in place: a change is one edit command of the
 * store (undo, history and autosave come with it). Everything from the matrix renders as text.
 */
export class PolicyCodebook extends StoreConsumer {
  static override styles = css`
    :host { display: block; padding: 12px 20px; color: #1f2328; font-size: 14px; }
    h2 { font-size: 17px; margin: 18px 0 6px; border-bottom: 1px solid #d5dbe3; }
    h3 { font-size: 15px; margin: 0 0 6px; }
    section.dimension { border: 1px solid #d5dbe3; border-radius: 6px; padding: 10px 12px; margin: 8px 0 12px; background: #fff; }
    .meta { color: #57606a; margin: 0 0 8px; }
    .fields { display: grid; grid-template-columns: max-content 1fr; gap: 6px 12px; align-items: start; }
    label { font-weight: 600; }
    select, input[type='text'], textarea { font: inherit; padding: 3px 6px; border: 1px solid #8c959f; border-radius: 4px; }
    textarea { width: 100%; min-height: 4.5em; box-sizing: border-box; resize: vertical; }
    table { border-collapse: collapse; margin-top: 8px; width: 100%; }
    th, td { border: 1px solid #d5dbe3; padding: 3px 6px; text-align: left; vertical-align: top; }
    th { background: #f6f8fa; }
    :focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
    .message { color: #b3261e; }
    .warnings ul { max-height: 12em; overflow: auto; margin: 4px 0; padding-left: 1.2em; }
  `;

  @state() private message = '';

  /** How many warnings are listed (a large matrix with no confidence has one or two per cell: listed a page at a time). */
  @state() private warningsShown = WARNINGS_PAGE;

  private setDimension(id: string, set: DimensionFields): void {
    const result = this.store?.edit({ type: 'set-dimension', id, set });
    this.message = result && !result.ok && !result.noop ? `Not saved: ${result.message}.` : '';
  }

  private setLevel(level: Level, set: LevelFields): void {
    const result = this.store?.edit({ type: 'set-level', scale: level.scale, id: level.id, set });
    this.message = result && !result.ok && !result.noop ? `Not saved: ${result.message}.` : '';
  }

  protected override render() {
    const { matrix } = this.snapshot;
    if (!matrix) return html`<p>No matrix is loaded.</p>`;
    const book = codebookOf(matrix);
    return html`
      <p class="meta">The coding basis, rules and levels of every dimension. Changes are edits: undo them with Ctrl+Z; they are saved with the matrix. <code>policy-matrix codebook</code> writes this codebook as a document.</p>
      ${this.message ? html`<p class="message" role="alert">${this.message}</p>` : nothing}
      ${this.warnings()}
      ${book.themes.map(({ theme, entries }) => html`
        <h2>${theme || 'Other dimensions'}</h2>
        ${entries.map(({ dimension, levels }) => this.dimension(dimension, levels))}
      `)}
    `;
  }

  /** The codebook's warnings of the whole matrix (validate lists them too), collapsed. */
  private warnings(): TemplateResult | typeof nothing {
    // Sorted by file and line, kept so by each edit (see check-problems.ts).
    const list = this.snapshot.check?.problemSet.sortedList('codebook') ?? [];
    if (!list.length) return html`<p class="meta">No cell breaks the codebook's rules.</p>`;
    const more = list.length - this.warningsShown;
    return html`<details class="warnings">
      <summary>${list.length === 1 ? '1 cell or dimension breaks' : `${list.length} cells or dimensions break`} the codebook's rules</summary>
      <ul tabindex="0" aria-label="Codebook warnings">${list.slice(0, this.warningsShown).map((p) => html`<li><code>${p.file}:${p.line}</code> ${p.message}</li>`)}</ul>
      ${more > 0
        ? html`<button type="button" @click=${() => (this.warningsShown += WARNINGS_PAGE)}>Show ${Math.min(more, WARNINGS_PAGE)} more (${more.toLocaleString('en-US')} not listed)</button>`
        : nothing}
    </details>`;
  }

  private dimension(d: Dimension, levels: Level[]): TemplateResult {
    const id = (field: string) => `cb-${d.id}-${field}`;
    return html`<section class="dimension" aria-labelledby=${id('title')}>
      <h3 id=${id('title')}>${d.label || d.id}</h3>
      <p class="meta">${d.definition || 'No definition.'} Value: ${VALUE_TYPE_WORDS[d.valueType]}${d.unit ? ` (${d.unit})` : ''}.</p>
      <div class="fields">
        <label for=${id('basis')}>Coding basis</label>
        <select id=${id('basis')} .value=${d.basis}
          @change=${(e: Event) => this.setDimension(d.id, { basis: (e.target as HTMLSelectElement).value as Basis })}>
          ${(['', 'de_jure', 'de_facto'] as const).map((b) => html`<option value=${b} ?selected=${d.basis === b}>${BASIS_WORDS[b]}</option>`)}
        </select>
        <label for=${id('rules')}>Coding rules</label>
        <textarea id=${id('rules')} .value=${d.codingRules}
          @change=${(e: Event) => this.setDimension(d.id, { codingRules: (e.target as HTMLTextAreaElement).value })}></textarea>
        <label for=${id('direction')}>Direction</label>
        <span><input id=${id('direction')} type="text" .value=${d.direction} aria-describedby=${id('direction-help')}
          @change=${(e: Event) => this.setDimension(d.id, { direction: (e.target as HTMLInputElement).value.trim() })} />
          <span id=${id('direction-help')} class="meta"> a higher level reads "more …" (e.g. restrictive)</span></span>
      </div>
      ${levels.length
        ? html`<table>
            <caption class="meta">Levels of scale ${d.scale}, lowest first</caption>
            <thead><tr><th scope="col">Rank</th><th scope="col">Level</th><th scope="col">Definition</th><th scope="col">Needs an absolute statement</th></tr></thead>
            <tbody>${levels.map((l) => html`<tr>
              <td>${l.rank}</td><td>${l.label || l.id}</td><td>${l.definition}</td>
              <td><input type="checkbox" .checked=${l.needsAbsolute} aria-label="${l.label || l.id} (${d.scale}) needs an absolute statement"
                @change=${(e: Event) => this.setLevel(l, { needsAbsolute: (e.target as HTMLInputElement).checked })} /></td>
            </tr>`)}</tbody>
          </table>`
        : nothing}
    </section>`;
  }
}
