import { css } from 'lit';
import { controls } from '../common/controls.ts';
import { hostStyles } from '../common/theme.ts';

const own = css`
  /* Important: the panel sits in the page's light DOM (slotted into a matrix, or in an app), so a
     page rule such as \`* { all: unset }\` matches it; an !important declaration of the shadow tree
     wins over the page's, and \`[hidden]\` (theme.ts) still hides it. */
  :host {
    display: block !important;
  }
  .base {
    padding: 4px 0;
  }
  .hint,
  .muted {
    color: var(--pm-muted);
  }
  .hint {
    margin: 8px 0;
  }
  .eyebrow {
    margin: 0 0 2px;
    font-size: 11.5px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pm-muted);
  }
  .title {
    margin: 0;
    font-size: 16px;
    line-height: 1.3;
  }
  .sep {
    color: var(--pm-border-strong);
    font-weight: 400;
  }
  .definition {
    margin: 4px 0 0;
    color: var(--pm-secondary);
    font-size: 13px;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 12px;
    margin: 12px 0;
    font-size: 13.5px;
  }
  dt {
    color: var(--pm-muted);
    font-weight: 500;
  }
  dd {
    margin: 0;
  }
  .value {
    font-weight: 600;
  }
  .level-def {
    display: block;
    color: var(--pm-muted);
    font-size: 12.5px;
  }
  .flag-reason {
    display: block;
    margin-top: 2px;
    color: var(--pm-danger-text);
    font-size: 13px;
  }
  .note {
    white-space: pre-line;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-size: 12px;
    font-weight: 600;
    padding: 1px 6px;
    border-radius: 4px;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.status-supported,
  .badge.found {
    color: var(--pm-success-text);
    background: var(--pm-success-soft);
  }
  .badge.status-not_in_source,
  .badge.status-missing {
    color: var(--pm-secondary);
    background: var(--pm-surface);
  }
  .badge.status-draft,
  .badge.ambiguous {
    color: var(--pm-warning-text);
    background: var(--pm-warning-soft);
  }
  .badge.status-flagged,
  .badge.orphaned {
    color: var(--pm-danger-text);
    background: var(--pm-danger-soft);
  }
  .citations-heading {
    margin: 16px 0 8px;
    font-size: 13px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pm-secondary);
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .citation {
    padding: 10px 12px;
    margin-bottom: 10px;
    border: 1px solid var(--pm-border);
    border-left-width: 4px;
    border-radius: 6px;
    background: var(--pm-background);
  }
  .citation.found {
    border-left-color: var(--pm-success-text);
  }
  .citation.ambiguous {
    border-left-color: var(--pm-warning);
  }
  .citation.orphaned {
    border-left-color: var(--pm-danger);
  }
  .citation.unchecked {
    border-left-style: dashed;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
    font-size: 12.5px;
  }
  cite {
    font-style: italic;
  }
  .by,
  .locator {
    color: var(--pm-muted);
  }
  /* The kind of support: a reported claim stands out, so that it never reads as a finding. */
  .support {
    flex-basis: 100%;
    color: var(--pm-muted);
  }
  .support-reports {
    font-weight: 600;
  }
  .passage {
    /* Paragraph breaks of the source stay visible (passageAround keeps them as blank lines). */
    white-space: pre-line;
    margin: 8px 0 0;
    padding: 8px 10px;
    background: var(--pm-surface-subtle);
    border-radius: 4px;
    font-family: Georgia, 'Times New Roman', serif;
    font-size: 14px;
    line-height: 1.55;
    color: var(--pm-color);
  }
  mark {
    background: var(--policy-citation-panel-mark, var(--pm-mark));
    color: var(--pm-color);
    padding: 0 1px;
    border-radius: 2px;
    box-shadow: 0 0 0 1px var(--pm-mark-ring);
  }
  .candidates > li + li {
    margin-top: 6px;
  }
  .quote-line,
  .suggestion-label,
  .advice,
  .more,
  .reason {
    margin: 8px 0 0;
    font-size: 13px;
  }
  .reason {
    color: var(--pm-muted);
  }
  q {
    font-style: italic;
  }
  .legend-heading {
    margin: 18px 0 6px;
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pm-muted);
  }
  .legend {
    display: grid;
    grid-template-columns: max-content 1fr;
    align-items: baseline;
    gap: 6px 10px;
    margin: 0;
    font-size: 13px;
    color: var(--pm-secondary);
  }
  .legend dt {
    font-weight: 400;
  }
  .sample-count {
    display: inline-block;
    font-size: 10.5px;
    line-height: 1;
    padding: 1px 4px;
    border-radius: 8px;
    background: var(--pm-accent-soft);
    color: var(--pm-accent-text);
  }

  /* Editing. */
  .title:focus,
  .hint:focus {
    outline: none;
  }
  .title:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 2px;
  }
  /* Buttons and fields: common/controls.ts; here only what differs. */
  textarea {
    font: inherit;
    font-size: 13px;
  }
  .cite-from-source {
    border-color: var(--pm-accent);
    background: var(--pm-accent);
    color: var(--pm-on-accent);
  }
  .cite-from-source:hover:not(:disabled) {
    background: color-mix(in srgb, var(--pm-accent) 85%, var(--pm-color));
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  summary:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 1px;
  }
  .edit-cell {
    margin: 0 0 4px;
  }
  .cell-form,
  .citation-form {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    align-items: start;
    gap: 6px 10px;
    margin: 8px 0 4px;
    padding: 10px 12px;
    border: 1px solid var(--pm-border);
    border-radius: 6px;
    background: var(--pm-surface-subtle);
  }
  .cell-form label,
  .citation-form label {
    padding-top: 5px;
    color: var(--pm-secondary);
    font-size: 13px;
  }
  .cell-form input,
  .cell-form select,
  .cell-form textarea,
  .citation-form input,
  .citation-form select,
  .citation-form textarea {
    box-sizing: border-box;
    width: 100%;
    padding: 4px 6px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 4px;
    background: var(--pm-background);
  }
  .cell-form label.check {
    display: flex;
    gap: 6px;
    align-items: baseline;
    padding-top: 0;
  }
  .period-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .cell-form input[type='checkbox'] {
    width: auto;
  }
  [aria-invalid='true'] {
    border-color: var(--pm-danger) !important;
    box-shadow: 0 0 0 1px var(--pm-danger);
  }
  .with-unit {
    display: flex;
    align-items: baseline;
    gap: 6px;
  }
  .unit {
    color: var(--pm-secondary);
    white-space: nowrap;
  }
  .field-error {
    margin: 3px 0 0;
    color: var(--pm-danger-text);
    font-size: 12.5px;
  }
  .form-actions {
    grid-column: 1 / -1;
    display: flex;
    justify-content: flex-end;
    align-items: baseline;
    gap: 10px;
  }
  .citations-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    justify-content: space-between;
    gap: 6px 10px;
    margin: 16px 0 8px;
  }
  .citations-head .citations-heading {
    margin: 0;
  }
  .citation-actions {
    display: inline-flex;
    gap: 6px;
  }
  .citation-tools {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    margin-top: 8px;
  }
  .citation-tools button {
    padding: 1px 8px;
    font-size: 12px;
  }
  .remove-citation {
    margin-left: auto;
    color: var(--pm-danger-text);
  }
  .cell-history {
    margin: 14px 0 0;
    font-size: 13px;
  }
  .cell-history summary {
    cursor: pointer;
    color: var(--pm-secondary);
    font-weight: 600;
  }
  .history-list {
    margin: 6px 0 0;
  }
  .history-list > li {
    padding: 4px 0;
    border-bottom: 1px solid var(--pm-border);
  }
  .history-list ul {
    margin: 2px 0 0;
    padding-left: 18px;
    color: var(--pm-secondary);
  }
  .when {
    color: var(--pm-muted);
    font-variant-numeric: tabular-nums;
  }
  dialog.reader-dialog {
    box-sizing: border-box;
    width: min(1000px, 92vw);
    max-height: 92vh;
    padding: 14px 18px;
    border: 1px solid var(--pm-border);
    border-radius: 8px;
    box-shadow: 0 18px 48px var(--pm-shadow);
  }
  dialog.reader-dialog::backdrop {
    background: var(--pm-backdrop);
  }
  .dialog-head {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 12px;
    margin-bottom: 8px;
  }
  .dialog-head h2 {
    margin: 0;
    font-size: 16px;
  }
`;

/** Rows of a dataset (row citations, computed cells) and the list of a computed cell's rows. */
const datasetRows = css`
  .dataset-rows {
    margin: 6px 0 0;
    border-collapse: collapse;
    font-size: 12.5px;
    font-variant-numeric: tabular-nums;
  }
  .dataset-rows th,
  .dataset-rows td {
    padding: 2px 8px;
    border-bottom: 1px solid var(--pm-border);
    text-align: left;
  }
  .dataset-rows thead th {
    color: var(--pm-muted);
    font-weight: 500;
  }
  .dataset-rows tr.context {
    color: var(--pm-muted);
  }
  .row-place,
  .rule-words,
  .computed-source,
  .computed-status,
  .computed-counts {
    margin: 6px 0 0;
    font-size: 13px;
  }
  .computed {
    margin: 12px 0;
  }
  .show-rows {
    margin-top: 8px;
  }
  .row-list {
    position: relative;
    overflow-y: auto;
    margin-top: 8px;
    border: 1px solid var(--pm-border);
    border-radius: 4px;
    font-size: 12.5px;
  }
  .row-list:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 1px;
  }
  .row-list-space {
    position: relative;
  }
  .row-line {
    position: absolute;
    left: 0;
    right: 0;
    box-sizing: border-box;
    padding: 0 8px;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    line-height: 30px;
    cursor: pointer;
  }
  .row-line.active {
    background: var(--pm-surface-subtle);
    box-shadow: inset 2px 0 0 var(--pm-accent);
  }
  .row-line[aria-selected='true'] .line-label {
    text-decoration: underline;
  }
  .line-label {
    font-weight: 600;
  }
  .line-detail {
    color: var(--pm-secondary);
  }
  .compute-cell {
    margin: 4px 0 0 8px;
  }
  .rule-form {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 6px 10px;
    align-items: baseline;
    margin: 10px 0;
    font-size: 13px;
  }
  .rule-form .form-actions,
  .rule-form .rule-preview {
    grid-column: 1 / -1;
  }
  .hint-text {
    display: block;
    color: var(--pm-muted);
    font-size: 12px;
  }
`;

export const styles = [hostStyles, controls, own, datasetRows];
