import { css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { historyCsv } from '../../model/edit/history.ts';
import { changeWords, timeWords } from '../common/change-words.ts';
import { controls } from '../common/controls.ts';
import { StoreConsumer } from '../common/store-consumer.ts';

/** Saves a file for the user (the browser's download by default; tests replace it). */
export type HistoryDownload = (blob: Blob, filename: string) => void;

export const downloadBlob: HistoryDownload = (blob, filename) => {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};

export interface PolicyHistoryExportDetail {
  filename: string;
  csv: string;
}

declare global {
  interface HTMLElementEventMap {
    'policy-history-export': CustomEvent<PolicyHistoryExportDetail>;
  }
}

const ACTION_WORDS = { edit: 'Edit', undo: 'Undo', redo: 'Redo' } as const;

/**
 * @summary The change history of the matrix since it was loaded (a restored draft keeps its
 * history): every edit, undo and redo, newest first, with what changed (old → new) and when;
 * exportable as CSV (formula-safe).
 *
 * Reads the store from @lit/context (`snapshotContext`).
 *
 * @event policy-history-export - The history was exported; `detail` has the file name and CSV text.
 */
export class PolicyEditHistory extends StoreConsumer {
  static override styles = [
    controls,
    css`
      :host {
        display: block;
        font: inherit;
        font-size: 14px;
        color: var(--pm-color);
      }
      .bar {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 10px;
        margin-bottom: 8px;
      }
      .count {
        margin: 0;
        color: var(--pm-muted);
        font-size: 13px;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
        max-height: 60vh;
        overflow: auto;
        border: 1px solid var(--pm-border);
        border-radius: 6px;
      }
      li.entry {
        padding: 6px 10px;
        border-bottom: 1px solid var(--pm-border);
      }
      li.entry:last-child {
        border-bottom: 0;
      }
      .when {
        color: var(--pm-muted);
        font-variant-numeric: tabular-nums;
        margin-right: 6px;
      }
      .action {
        display: inline-block;
        min-width: 3.2em;
        font-size: 11.5px;
        font-weight: 600;
        text-transform: uppercase;
        color: var(--pm-accent);
      }
      .action.undo,
      .action.redo {
        color: var(--pm-warning-text);
      }
      ul {
        margin: 2px 0 0;
        padding-left: 20px;
        color: var(--pm-secondary);
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .empty {
        color: var(--pm-muted);
      }
    `,
  ];

  /** How the CSV reaches the user; by default the browser downloads it. */
  @property({ attribute: false }) download: HistoryDownload = downloadBlob;

  /** The history as CSV (one row per change), and hand it to `download`. */
  exportCsv(): PolicyHistoryExportDetail {
    const csv = historyCsv(this.snapshot.edits.history);
    const name = (this.snapshot.matrix?.name || 'matrix').replace(/[^\w.-]+/g, '-');
    const detail = { filename: `${name}-history.csv`, csv };
    this.download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), detail.filename);
    this.dispatchEvent(new CustomEvent<PolicyHistoryExportDetail>('policy-history-export', { detail, bubbles: true, composed: true }));
    return detail;
  }

  protected override render() {
    const history = this.snapshot.edits.history;
    return html`<div class="bar">
        <p class="count">${history.length === 0 ? 'No changes since the matrix was loaded.' : `${history.length} change${history.length === 1 ? '' : 's'} since the matrix was loaded, newest first.`}</p>
        <button type="button" class="export-history" ?disabled=${history.length === 0} @click=${() => this.exportCsv()}>Export history as CSV</button>
      </div>
      ${history.length
        ? html`<ol class="entries">
            ${[...history].reverse().map(
              (e) => html`<li class="entry">
                <span class="when">${timeWords(e.at)}</span><span class="action ${e.action}">${ACTION_WORDS[e.action]}</span>
                <span class="what">${e.action === 'edit' ? e.label : e.label.replace(/^(Undo|Redo): /, '')}</span>
                ${e.changes.length ? html`<ul>${e.changes.map((c) => html`<li class="change">${changeWords(c, true)}</li>`)}</ul>` : nothing}
              </li>`,
            )}
          </ol>`
        : nothing}`;
  }
}
