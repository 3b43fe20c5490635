import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { computedOf } from '../../model/check/check.ts';
import { levelOf } from '../../model/levels.ts';
import { ABSENCE_WORDS, describedDate } from '../../model/time/as-of.ts';
import { sideBySide, thenAndNow, type SideBySideRow } from '../../model/time/side-by-side.ts';
import { entryKeyOf, type Cell, type Matrix } from '../../model/types.ts';
import { shownValue } from '../../model/value-text.ts';
import { readDatePair } from '../common/date-pair.ts';
import { datePairStyles } from '../common/date-pair-styles.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

export interface PolicyPeriodsOpenDetail {
  dimension: string;
  jurisdiction: string;
  period: number;
  /** The date the app now shows the matrix as of (the column's date). */
  asOf: string;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * @summary Then and now: the cells that have several periods, their value as of two dates side
 * by side — e.g. visa harmonization around 2005 from the source text beside 2025 measured from
 * a dataset — each value saying where it comes from (passages of a text, or rows of a dataset)
 * and one click (or Enter) from that evidence: the app shows the matrix as of the column's
 * date, selects the cell and moves focus to its evidence. Reads the store through @lit/context.
 *
 * @fires policy-periods-open-evidence - A value was chosen: `detail` names the cell, its period and the date now shown. The app focuses the evidence panel.
 */
export class PolicyPeriods extends StoreConsumer {
  static override styles = [datePairStyles, css`
    caption { text-align: left; font-weight: 600; padding: 4px 0; }
    thead th, tbody th { background: #f6f8fa; }
    button.value { display: block; width: 100%; text-align: left; border-color: #d5dbe3; }
    button.value:hover { border-color: #0b57d0; }
    button.value[aria-current='true'] { border: 2px solid #0b57d0; }
    .what { display: block; font-weight: 600; }
    .whence { display: block; font-size: 12.5px; color: #57606a; }
    .data { color: #0a5c36; }
    .none { color: #57606a; font-style: italic; }
  `];

  /** The two dates side by side (undefined: from the matrix, see `thenAndNow`). */
  @state() then: string | undefined;
  @state() now: string | undefined;
  @state() private error = '';

  /** The value last opened (its entry key and column), marked and focused again on return. */
  @state() private opened: { entry: string; column: number } | undefined;

  /** The dates shown: those chosen, else the earliest and latest dates of cells with several periods. */
  get dates(): [string, string] | undefined {
    const { matrix } = this.snapshot;
    if (!matrix) return undefined;
    const found = this.then === undefined || this.now === undefined ? thenAndNow(matrix) : undefined;
    const then = this.then ?? found?.then;
    const now = this.now ?? found?.now;
    return then && now ? [then, now] : undefined;
  }

  /** Focus the value last opened (after the evidence panel hands focus back), or the first date. */
  focusOpened(): void {
    void this.updateComplete.then(() => {
      const button = this.renderRoot.querySelector<HTMLElement>('button.value[aria-current="true"]') ?? this.renderRoot.querySelector<HTMLElement>('input');
      button?.focus();
    });
  }

  private submit(e: Event): void {
    e.preventDefault();
    const read = readDatePair(e.target as HTMLFormElement, 'then', 'now');
    if ('error' in read) {
      this.error = read.error;
      return;
    }
    this.error = '';
    [this.then, this.now] = read.dates;
  }

  /** Show a value's evidence: the matrix as of the column's date, the cell selected. */
  private open(row: SideBySideRow, cell: Cell, column: number, asOf: string): void {
    if (!this.store) return;
    this.store.setAsOf(asOf);
    this.store.select(row.key);
    this.opened = { entry: entryKeyOf(cell), column };
    this.dispatchEvent(new CustomEvent<PolicyPeriodsOpenDetail>('policy-periods-open-evidence', {
      bubbles: true, composed: true, detail: { dimension: cell.dimension, jurisdiction: cell.jurisdiction, period: cell.period, asOf },
    }));
  }

  /** Where a value comes from, in words: the rule and dataset that compute it, or its citations. */
  private whence(matrix: Matrix, cell: Cell): { words: string; data: boolean } {
    const computed = computedOf(this.snapshot.check, cell.dimension, cell.jurisdiction, cell.period);
    if (computed) {
      const source = matrix.sources.find((s) => s.id === computed.rule.source);
      const rows = computed.result?.ok ? `, ${plural(computed.result.rows.length, 'row')} deciding it` : '';
      return { words: `computed from the data: ${source?.title || computed.rule.source}${rows}`, data: true };
    }
    const citations = this.snapshot.check?.citations.get(entryKeyOf(cell)) ?? [];
    if (citations.length === 0) return { words: 'no citation', data: false };
    const sources = [...new Set(citations.map((c) => c.citation.source))].map((id) => matrix.sources.find((s) => s.id === id)?.title || id);
    const rows = citations.every((c) => c.citation.rowKey);
    return { words: `${plural(citations.length, rows ? 'row cited' : 'passage cited')}: ${sources.join('; ')}`, data: rows };
  }

  private valueCell(matrix: Matrix, row: SideBySideRow, index: number, column: number, asOf: string) {
    const cell = row.entries[column];
    if (!cell) return html`<td class="none">${ABSENCE_WORDS[row.absences[column] ?? 'not-yet']}</td>`;
    const level = levelOf(matrix, cell.dimension, cell.level);
    const value = cell.status === 'not_in_source' ? 'not in the source' : shownValue(row.dimension, cell.value) || '(no value)';
    const date = describedDate(cell);
    const whence = this.whence(matrix, cell);
    const current = this.opened?.entry === entryKeyOf(cell) && this.opened.column === column;
    return html`<td>
      <button type="button" class="value" aria-current=${current ? 'true' : 'false'}
        aria-labelledby="dim-${index} jur-${index} col-${column} what-${index}-${column} whence-${index}-${column}"
        @click=${() => this.open(row, cell, column, asOf)}>
        <span class="what" id="what-${index}-${column}">${value}${level ? ` · ${level.label || level.id}` : ''}</span>
        <span class="whence ${whence.data ? 'data' : ''}" id="whence-${index}-${column}">Period ${cell.period} of ${row.periods}${date ? `, ${date}` : ''} — ${whence.words}</span>
      </button>
    </td>`;
  }

  protected override render() {
    const { matrix } = this.snapshot;
    if (!matrix) return html`<p>No matrix is loaded.</p>`;
    const dates = this.dates;
    if (!dates) return html`<p role="status">No cell of this matrix has values of different dates.</p>`;
    const [then, now] = dates;
    const { rows } = sideBySide(matrix, dates);
    const invalid = this.error ? 'true' : 'false';
    return html`
      <form @submit=${this.submit} aria-label="Dates side by side">
        <label for="periods-then">Then</label>
        <input id="periods-then" name="then" type="text" inputmode="numeric" .value=${then} aria-invalid=${invalid} aria-describedby="periods-help" />
        <label for="periods-now">Now</label>
        <input id="periods-now" name="now" type="text" inputmode="numeric" .value=${now} aria-invalid=${invalid} aria-describedby="periods-help" />
        <button type="submit">Show side by side</button>
        <span id="periods-help">YYYY, YYYY-MM or YYYY-MM-DD; a year stands for its end.</span>
        ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
      </form>
      <p role="status">${rows.length === 1 ? '1 cell has' : `${rows.length} cells have`} values of several periods.</p>
      ${rows.length
        ? html`<table>
            <caption>Values as of ${then} and as of ${now}</caption>
            <thead><tr><th scope="col">Dimension</th><th scope="col">Jurisdiction</th><th scope="col" id="col-0">As of ${then}</th><th scope="col" id="col-1">As of ${now}</th></tr></thead>
            <tbody>${rows.map((row, i) => html`<tr>
              <th scope="row" id="dim-${i}">${row.dimension.label || row.dimension.id}</th>
              <td id="jur-${i}">${row.jurisdiction.label || row.jurisdiction.id}</td>
              ${this.valueCell(matrix, row, i, 0, then)}
              ${this.valueCell(matrix, row, i, 1, now)}
            </tr>`)}</tbody>
          </table>`
        : nothing}
    `;
  }
}
