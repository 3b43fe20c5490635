import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    color: #1f2328;
    font: inherit;
    font-size: 14px;
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    padding: 0.25rem 0;
  }
  .hint,
  .muted {
    color: #59636e;
  }
  .hint {
    margin: 0.5rem 0;
  }
  .eyebrow {
    margin: 0 0 2px;
    font-size: 11.5px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: #59636e;
  }
  .title {
    margin: 0;
    font-size: 16px;
    line-height: 1.3;
  }
  .sep {
    color: #8c959f;
    font-weight: 400;
  }
  .definition {
    margin: 4px 0 0;
    color: #424a53;
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
    color: #59636e;
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
    color: #59636e;
    font-size: 12.5px;
  }
  .flag-reason {
    display: block;
    margin-top: 2px;
    color: #a40e26;
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
    color: #116329;
    background: #eefbf1;
  }
  .badge.status-not_in_source,
  .badge.status-missing {
    color: #424a53;
    background: #f3f5f8;
  }
  .badge.status-draft,
  .badge.ambiguous {
    color: #7a4d00;
    background: #fff8e1;
  }
  .badge.status-flagged,
  .badge.orphaned {
    color: #a40e26;
    background: #fff0f1;
  }
  .citations-heading {
    margin: 16px 0 8px;
    font-size: 13px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: #424a53;
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .citation {
    padding: 10px 12px;
    margin-bottom: 10px;
    border: 1px solid #d5dbe3;
    border-left-width: 4px;
    border-radius: 6px;
    background: #fff;
  }
  .citation.found {
    border-left-color: #1a7f37;
  }
  .citation.ambiguous {
    border-left-color: #bf8700;
  }
  .citation.orphaned {
    border-left-color: #cf222e;
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
    color: #59636e;
  }
  .passage {
    /* Paragraph breaks of the source stay visible (passageAround keeps them as blank lines). */
    white-space: pre-line;
    margin: 8px 0 0;
    padding: 8px 10px;
    background: #f8f9fb;
    border-radius: 4px;
    font-family: Georgia, 'Times New Roman', serif;
    font-size: 14px;
    line-height: 1.55;
    color: #30363d;
  }
  mark {
    background: var(--policy-citation-panel-mark, #ffe58a);
    color: #1f2328;
    padding: 0 1px;
    border-radius: 2px;
    box-shadow: 0 0 0 1px #e3c04a;
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
    color: #59636e;
  }
  q {
    font-style: italic;
  }
  .legend-heading {
    margin: 18px 0 6px;
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: #59636e;
  }
  .legend {
    display: grid;
    grid-template-columns: max-content 1fr;
    align-items: baseline;
    gap: 6px 10px;
    margin: 0;
    font-size: 13px;
    color: #424a53;
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
    background: #e7eef8;
    color: #0b4a8b;
  }

  /* Editing. */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .title:focus,
  .hint:focus {
    outline: none;
  }
  .title:focus-visible {
    outline: 2px solid #0b5cad;
    outline-offset: 2px;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    font-size: 13px;
  }
  button {
    padding: 3px 10px;
    border: 1px solid #8c959f;
    border-radius: 5px;
    background: #fff;
    color: #1f2328;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: #f3f5f8;
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  button.primary,
  .cite-from-source {
    border-color: #0b5cad;
    background: #0b5cad;
    color: #fff;
  }
  button.primary:hover:not(:disabled),
  .cite-from-source:hover:not(:disabled) {
    background: #0a4f95;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  summary:focus-visible {
    outline: 2px solid #0b5cad;
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
    border: 1px solid #d5dbe3;
    border-radius: 6px;
    background: #f8f9fb;
  }
  .cell-form label,
  .citation-form label {
    padding-top: 5px;
    color: #424a53;
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
    border: 1px solid #8c959f;
    border-radius: 4px;
    background: #fff;
  }
  [aria-invalid='true'] {
    border-color: #cf222e !important;
    box-shadow: 0 0 0 1px #cf222e;
  }
  .with-unit {
    display: flex;
    align-items: baseline;
    gap: 6px;
  }
  .unit {
    color: #424a53;
    white-space: nowrap;
  }
  .field-error {
    margin: 3px 0 0;
    color: #a40e26;
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
    color: #a40e26;
  }
  .cell-history {
    margin: 14px 0 0;
    font-size: 13px;
  }
  .cell-history summary {
    cursor: pointer;
    color: #424a53;
    font-weight: 600;
  }
  .history-list {
    margin: 6px 0 0;
  }
  .history-list > li {
    padding: 4px 0;
    border-bottom: 1px solid #eaeef2;
  }
  .history-list ul {
    margin: 2px 0 0;
    padding-left: 18px;
    color: #424a53;
  }
  .when {
    color: #59636e;
    font-variant-numeric: tabular-nums;
  }
  dialog.reader-dialog {
    box-sizing: border-box;
    width: min(1000px, 92vw);
    max-height: 92vh;
    padding: 14px 18px;
    border: 1px solid #d5dbe3;
    border-radius: 8px;
    box-shadow: 0 18px 48px rgba(15, 35, 60, 0.3);
  }
  dialog.reader-dialog::backdrop {
    background: rgba(15, 23, 42, 0.35);
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
