/**
 * Parts of `<policy-source-search>` a reader would name: a result's excerpt with its matches
 * marked (text and `<mark>` elements from the excerpt's ranges — never markup from the text),
 * the status line, and the cell the results are cited to.
 */
import { html, type TemplateResult } from 'lit';
import type { Excerpt } from '../../model/sources/search/excerpt.ts';
import type { Matrix } from '../../model/types.ts';
import type { SearchView } from '../../state/source-search.ts';
import { byOrder } from '../policy-matrix/rows.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The excerpt's text with its marks: each mark a `<mark>`, the rest text nodes. */
export function markedExcerpt(excerpt: Excerpt): TemplateResult[] {
  const out: TemplateResult[] = [];
  const text = excerpt.text;
  let at = 0;
  for (const m of [...excerpt.marks].sort((a, b) => a.start - b.start)) {
    const start = Math.max(m.start, at);
    const end = Math.min(m.end, text.length);
    if (start >= end) continue;
    if (start > at) out.push(html`${text.slice(at, start)}`);
    out.push(html`<mark>${text.slice(start, end)}</mark>`);
    at = end;
  }
  if (at < text.length) out.push(html`${text.slice(at)}`);
  return out;
}

/** What the status line says: indexing, no query, no result, or how many. */
export function statusWords(view: SearchView, typed: string): string {
  const indexing = view.indexed < view.sources ? `Indexing the sources (${view.indexed} of ${view.sources} ready)… ` : '';
  const failed = view.failed.length ? ` ${view.failed.map((f) => `Source “${f.source}” cannot be searched: ${f.message}.`).join(' ')}` : '';
  if (view.sources === 0) return 'The matrix has no source text to search yet.';
  if (typed.trim() === '') return `${indexing}Search ${plural(view.sources, 'source')}: type words, or "a phrase" in quotes.${failed}`;
  // The counts of the latest query run (typing ahead of it does not blank them).
  const r = view.results;
  if (!r) return `${indexing}Searching…${failed}`;
  if (r.total === 0) return `${indexing}No passage has all of ${r.query.clauses.length === 1 ? 'it' : 'these'}.${failed}`;
  const sources = r.bySource.length;
  const shown = r.results.length < r.total ? `; the best ${r.results.length} are shown` : '';
  return `${indexing}${plural(r.total, 'passage')} in ${plural(sources, 'source')}${shown}.${r.complete ? '' : ' (The search stopped early on a very repetitive text: some passages may be missing.)'}${failed}`;
}

/** The cell results are cited to: a dimension and a jurisdiction, picked (the store's selection by default). */
export function targetPicker(
  matrix: Matrix,
  pick: { dimension: string; jurisdiction: string },
  cellName: string | undefined,
  onPick: (which: 'dimension' | 'jurisdiction', id: string) => void,
): TemplateResult {
  const dims = [...matrix.dimensions].sort(byOrder);
  const jurs = [...matrix.jurisdictions].sort(byOrder);
  return html`<fieldset class="target" aria-describedby="target-state">
    <legend>Cite to the cell</legend>
    <label>Dimension
      <select class="target-dimension" @change=${(e: Event) => onPick('dimension', (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${pick.dimension === ''}>Choose…</option>
        ${dims.map((d) => html`<option value=${d.id} ?selected=${d.id === pick.dimension}>${d.label || d.id}</option>`)}
      </select></label>
    <label>Jurisdiction
      <select class="target-jurisdiction" @change=${(e: Event) => onPick('jurisdiction', (e.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${pick.jurisdiction === ''}>Choose…</option>
        ${jurs.map((j) => html`<option value=${j.id} ?selected=${j.id === pick.jurisdiction}>${j.label || j.id}</option>`)}
      </select></label>
    <p id="target-state" class=${cellName ? 'target-state' : 'target-state none'}>
      ${cellName ? html`Results are cited to <strong>${cellName}</strong>.` : 'No cell is selected: choose a dimension and a jurisdiction to cite results to.'}
    </p>
  </fieldset>`;
}

/** Keys of the results list, said once under the search box. */
export const KEYS_HELP = html`Words, and "exact phrases" in quotes. <kbd>↓</kbd> goes to the results; on a result,
  <kbd>↑</kbd> <kbd>↓</kbd> move, <kbd>Enter</kbd> opens it in the source, <kbd>Ctrl</kbd>+<kbd>Enter</kbd> cites it, <kbd>Escape</kbd> returns here.`;

