import { html, nothing, type TemplateResult } from 'lit';
import { cellHistory, type HistoryEntry } from '../../model/edit/history.ts';
import { changeWords, timeWords } from '../common/change-words.ts';
import { plural } from '../policy-matrix/rows.ts';

/** The cell's change history, newest first. */
export function cellHistoryDetails(history: readonly HistoryEntry[], key: string): TemplateResult | typeof nothing {
  const entries = cellHistory(history, key);
  if (!entries.length) return nothing;
  return html`<details class="cell-history">
    <summary>History of this cell (${plural(entries.length, 'change')})</summary>
    <ol class="history-list">
      ${entries.map(
        (e) => html`<li>
          <span class="when">${timeWords(e.at)}</span> <span class="what">${e.label}</span>
          <ul>${e.changes.map((c) => html`<li class="change">${changeWords(c)}</li>`)}</ul>
        </li>`,
      )}
    </ol>
  </details>`;
}
