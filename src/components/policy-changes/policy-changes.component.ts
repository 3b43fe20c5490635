import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { asOfDay } from '../../model/time/as-of.ts';
import { changesBetween, entryWords, type Changes } from '../../model/time/changes.ts';
import { readDatePair } from '../common/date-pair.ts';
import { datePairStyles } from '../common/date-pair-styles.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

/**
 * @summary What changed between two dates: for each cell whose value differs, its value as
 * of each date and the direction of the change where the dimension has one ("more
 * restrictive", "less integrated"). Reads the store's matrix through @lit/context.
 */
export class PolicyChanges extends StoreConsumer {
  static override styles = [datePairStyles, css`
    th { background: #f6f8fa; }
    .more { color: #8a4b00; font-weight: 600; }
    .less { color: #0a6b3d; font-weight: 600; }
  `];

  /** The two dates compared. */
  @state() from = '2000';
  @state() to = '2007';
  @state() private error = '';

  /** The changes between the two dates, or undefined when no matrix is loaded or a date is not one. */
  get changes(): Changes | undefined {
    const { matrix } = this.snapshot;
    if (!matrix || asOfDay(this.from) === undefined || asOfDay(this.to) === undefined) return undefined;
    return changesBetween(matrix, this.from, this.to);
  }

  private submit(e: Event): void {
    e.preventDefault();
    const read = readDatePair(e.target as HTMLFormElement, 'from', 'to');
    if ('error' in read) {
      this.error = read.error;
      return;
    }
    this.error = '';
    [this.from, this.to] = read.dates;
  }

  protected override render() {
    const { matrix } = this.snapshot;
    if (!matrix) return html`<p>No matrix is loaded.</p>`;
    const result = this.changes;
    return html`
      <form @submit=${this.submit} aria-label="Dates to compare">
        <label for="changes-from">From</label>
        <input id="changes-from" name="from" type="text" inputmode="numeric" .value=${this.from} aria-invalid=${this.error ? 'true' : 'false'} aria-describedby="changes-help" />
        <label for="changes-to">To</label>
        <input id="changes-to" name="to" type="text" inputmode="numeric" .value=${this.to} aria-invalid=${this.error ? 'true' : 'false'} aria-describedby="changes-help" />
        <button type="submit">Show changes</button>
        <span id="changes-help">YYYY, YYYY-MM or YYYY-MM-DD; a year stands for its end.</span>
        ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
      </form>
      ${result
        ? html`<p role="status">${result.changes.length === 1 ? '1 cell changed' : `${result.changes.length} cells changed`} between ${result.from} and ${result.to}.</p>
          ${result.changes.length
            ? html`<table>
                <caption style="text-align:left">Changes from ${result.from} to ${result.to}</caption>
                <thead><tr><th scope="col">Dimension</th><th scope="col">Jurisdiction</th><th scope="col">As of ${result.from}</th><th scope="col">As of ${result.to}</th><th scope="col">Change</th></tr></thead>
                <tbody>${result.changes.map((c) => html`<tr>
                  <th scope="row">${c.dimension.label || c.dimension.id}</th>
                  <td>${c.jurisdiction.label || c.jurisdiction.id}</td>
                  <td>${entryWords(matrix, c.before, c.beforeAbsence)}</td>
                  <td>${entryWords(matrix, c.after, c.afterAbsence)}</td>
                  <td class=${c.direction}>${c.words}</td>
                </tr>`)}</tbody>
              </table>`
            : nothing}`
        : nothing}
    `;
  }
}
