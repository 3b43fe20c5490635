/**
 * A dataset's row as evidence, shown as a quote is shown in its passage: the row among its
 * neighbours in the file (the header, the row before and after), the cited row marked and its
 * cited values highlighted, with its row and line numbers. Text only.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CitationCheck } from '../../model/check/check.ts';
import { lineOf, rowValues, type Dataset } from '../../model/dataset/dataset.ts';
import { parseRowValues } from '../../model/dataset/pairs.ts';

/** Rows of context shown on each side of a cited row. */
const CONTEXT_ROWS = 1;

/** Where a row is, in words: its number among the data rows and its line in the file. */
export const rowPlace = (dataset: Dataset, row: number): string => `row ${(row + 1).toLocaleString('en-US')} of ${dataset.file} (line ${lineOf(dataset, row).toLocaleString('en-US')})`;

/**
 * The rows `rows` of a dataset as a table with its header; `marked` rows are the cited ones
 * (their `highlight` columns marked), the others shown for context.
 */
export function rowTable(dataset: Dataset, rows: readonly number[], marked: ReadonlySet<number>, highlight: ReadonlySet<string>, label: string): TemplateResult {
  return html`<table class="dataset-rows" aria-label=${label}>
    <thead>
      <tr><th scope="col">Row</th>${dataset.columns.map((c) => html`<th scope="col">${c.name}</th>`)}</tr>
    </thead>
    <tbody>
      ${rows.map((r) => {
        const cited = marked.has(r);
        return html`<tr class=${cited ? 'cited' : 'context'}>
          <th scope="row">${(r + 1).toLocaleString('en-US')}</th>
          ${rowValues(dataset, r).map((v, i) => html`<td>${cited && highlight.has(dataset.columns[i].name) ? html`<mark>${v}</mark>` : v}</td>`)}
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** A row with the rows around it (as many as there are), in file order. */
function withContext(dataset: Dataset, row: number): number[] {
  const out: number[] = [];
  for (let r = Math.max(0, row - CONTEXT_ROWS); r <= Math.min(dataset.rowCount - 1, row + CONTEXT_ROWS); r++) out.push(r);
  return out;
}

/** The evidence of a row citation: its row in its context, the rows its key matches, or what the row holds now. */
export function rowCitationEvidence(check: CitationCheck, dataset: Dataset | undefined): TemplateResult {
  const { citation, anchor } = check;
  const key = html`<p class="quote-line">Row <q>${citation.rowKey}</q>, cited for <q>${citation.quote}</q></p>`;
  if (!dataset) return key;
  const cited = parseRowValues(citation.quote);
  const keyColumns = parseRowValues(citation.rowKey ?? '');
  const highlight = new Set([...(cited.ok ? cited.columns : []), ...(keyColumns.ok ? keyColumns.columns : [])]);
  if (anchor.status === 'found' && anchor.row !== undefined) {
    return html`<p class="row-place">${rowPlace(dataset, anchor.row)}</p>
      ${rowTable(dataset, withContext(dataset, anchor.row), new Set([anchor.row]), highlight, `Row of citation ${citation.seq} in ${dataset.file}`)}`;
  }
  if (anchor.status === 'ambiguous' && anchor.rows?.length) {
    const places = anchor.occurrences ?? anchor.rows.length;
    return html`${key}
      ${rowTable(dataset, anchor.rows, new Set(anchor.rows), highlight, `Rows matching the key of citation ${citation.seq}`)}
      ${places > anchor.rows.length ? html`<p class="more">and ${places - anchor.rows.length} more rows.</p>` : nothing}`;
  }
  if (anchor.status === 'orphaned' && anchor.row !== undefined) {
    return html`${key}
      <p class="row-place">What ${rowPlace(dataset, anchor.row)} holds now:</p>
      ${rowTable(dataset, [anchor.row], new Set([anchor.row]), highlight, `Row with the key of citation ${citation.seq}, as it is now`)}`;
  }
  return key;
}
