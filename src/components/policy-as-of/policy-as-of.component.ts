import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { StoreConsumer } from '../common/store-consumer.ts';

/**
 * @summary The "As of" date of the app: the grid, Compare and Briefing show each cell's value
 * as of this date (the period in force, or last observed, then); empty shows each cell's
 * latest value. Type a date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) and press Enter or leave the
 * field; "Latest" clears it. A date that is not one is refused with a message, nothing changes.
 * Reads and sets the store's date through @lit/context.
 */
export class PolicyAsOf extends StoreConsumer {
  static override styles = css`
    :host { display: inline-flex; align-items: center; gap: 6px; flex-wrap: wrap; font-size: 13px; }
    label { font-weight: 600; }
    input { font: inherit; width: 9em; padding: 3px 6px; border: 1px solid #8c959f; border-radius: 4px; }
    input[aria-invalid='true'] { border-color: #b3261e; }
    button { font: inherit; padding: 3px 10px; border: 1px solid #8c959f; border-radius: 4px; background: #fff; cursor: pointer; }
    button:focus-visible, input:focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
    .error { color: #b3261e; }
    .state { color: #57606a; }
  `;

  @state() private error = '';

  /** The date shown as of (undefined: the latest values). */
  get asOf(): string | undefined {
    return this.snapshot.view?.asOf;
  }

  /** Show the matrix as of `date` ('' or undefined: the latest values). Returns false, with a message, for a date that is not one. */
  choose(date: string | undefined): boolean {
    const result = this.store?.setAsOf(date);
    if (!result) return false;
    this.error = result.ok ? '' : `${result.message}.`;
    return result.ok;
  }

  protected override render() {
    const asOf = this.asOf;
    return html`
      <label for="as-of">As of</label>
      <input id="as-of" type="text" inputmode="numeric" placeholder="YYYY[-MM[-DD]]" autocomplete="off"
        .value=${asOf ?? ''} ?disabled=${!this.snapshot.matrix}
        aria-describedby="as-of-state${this.error ? ' as-of-error' : ''}" aria-invalid=${this.error ? 'true' : 'false'}
        @change=${(e: Event) => this.choose((e.target as HTMLInputElement).value)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter') this.choose((e.target as HTMLInputElement).value);
        }} />
      <button type="button" ?disabled=${asOf === undefined} @click=${() => this.choose(undefined)}>Latest</button>
      <span id="as-of-state" class="state" role="status">${asOf ? `Showing values as of ${asOf}` : 'Showing the latest values'}</span>
      ${this.error ? html`<span id="as-of-error" class="error" role="alert">${this.error}</span>` : nothing}
    `;
  }
}
