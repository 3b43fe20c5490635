import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    color: #1f2328;
    font: inherit;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-height: var(--policy-matrix-min-height, 320px);
  }
  ::slotted(*) {
    flex: none;
  }
  policy-edit-bar {
    flex: none;
    margin: 8px 0 0;
  }
  .grid {
    flex: 1 1 auto;
    min-height: var(--policy-matrix-min-height, 320px);
  }
  .grid[hidden] {
    display: none;
  }
  .status {
    margin: 0 0 0.5rem;
    padding: 0.5rem 0.75rem;
    border-radius: 6px;
    background: #f3f5f8;
    color: #424a53;
  }
  .status.error {
    background: #fff1f0;
    color: #8a1c12;
    border: 1px solid #f3c1bc;
  }

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

  /* Cell content (rendered by cell-templates.ts inside AG Grid cells). */
  .pm-renderer {
    white-space: normal;
    line-height: 1.35;
    padding: 6px 0;
    overflow-wrap: anywhere;
  }
  .dim {
    display: flex;
    flex-direction: column;
    gap: 2px;
  }
  .dim-label {
    font-weight: 600;
  }
  .dim-theme {
    font-size: 11.5px;
    color: #59636e;
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  .cell .line > * + * {
    margin-left: 4px;
  }
  .cell .value {
    font-weight: 500;
  }
  .cites {
    display: inline-block;
    vertical-align: super;
    font-size: 10.5px;
    line-height: 1;
    padding: 1px 4px;
    border-radius: 8px;
    background: #e7eef8;
    color: #0b4a8b;
    font-variant-numeric: tabular-nums;
  }
  .level {
    display: block;
    font-size: 12px;
    color: #424a53;
  }
  .nis,
  .muted {
    color: #636c76;
    font-style: italic;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    vertical-align: baseline;
    gap: 3px;
    font-size: 11.5px;
    font-weight: 600;
    line-height: 1.2;
    padding: 1px 5px;
    border-radius: 4px;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.flag {
    color: #a40e26;
    background: #fff0f1;
  }
  .badge.draft {
    color: #6b4d00;
    background: #fff8e1;
  }
  .badge.warn {
    color: #8a4600;
    background: #fff4e5;
  }

  /* Cell backgrounds echo the status; the text above states it. */
  .ag-cell.pm-not_in_source {
    background: #f6f7f9;
  }
  .ag-cell.pm-flagged {
    box-shadow: inset 3px 0 0 #cf222e;
  }
  .ag-cell.pm-draft {
    box-shadow: inset 3px 0 0 #bf8700;
  }
  .ag-cell.pm-selected {
    background: #e3eefb;
    outline: 2px solid #0b5cad;
    outline-offset: -2px;
  }
  .ag-cell.pm-dimension {
    background: #fafbfc;
  }

  /* Autosave banners and the editing status line. */
  .banner {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 12px;
    margin: 0 0 8px;
    padding: 7px 12px;
    border-radius: 6px;
    border: 1px solid #c8d7ea;
    border-left: 4px solid #0b5cad;
    background: #f1f6fd;
    font-size: 13px;
  }
  .banner.conflict,
  .banner.failure {
    border-color: #f3c1bc;
    border-left-color: #cf222e;
    background: #fff5f4;
  }
  .banner button {
    font: inherit;
    font-size: 12.5px;
    padding: 3px 10px;
    border: 1px solid #8c959f;
    border-radius: 5px;
    background: #fff;
    color: #1f2328;
    cursor: pointer;
  }
  .banner button:hover {
    background: #f3f5f8;
  }
  .banner button:focus-visible,
  .pm-editor-list:focus-visible,
  .pm-editor-input:focus-visible {
    outline: 2px solid #0b5cad;
    outline-offset: 1px;
  }
  .edit-message:empty {
    display: none;
  }
  .edit-message {
    margin: 0 0 8px;
    padding: 6px 10px;
    border-radius: 6px;
    background: #fff5f4;
    color: #8a1c12;
    font-size: 13px;
  }

  /* The cell editor (a popup over the cell). */
  .pm-editor {
    box-sizing: border-box;
    padding: 6px;
    background: #fff;
    border: 1px solid #0b5cad;
    border-radius: 6px;
    box-shadow: 0 6px 18px rgba(15, 35, 60, 0.18);
    font-size: 13px;
    max-width: 420px;
  }
  .pm-editor-row {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  .pm-editor-input {
    flex: 1 1 auto;
    min-width: 0;
    box-sizing: border-box;
    padding: 5px 7px;
    border: 1px solid #8c959f;
    border-radius: 4px;
    font: inherit;
  }
  .pm-editor-input[aria-invalid='true'] {
    border-color: #cf222e;
    box-shadow: 0 0 0 1px #cf222e;
  }
  .pm-editor-unit {
    color: #424a53;
    white-space: nowrap;
  }
  .pm-editor-list {
    margin: 0;
    padding: 2px;
    list-style: none;
    max-height: 240px;
    overflow: auto;
    border-radius: 4px;
  }
  .pm-editor-list li {
    padding: 5px 8px;
    border-radius: 4px;
    cursor: pointer;
  }
  .pm-editor-list li.active {
    background: #0b5cad;
    color: #fff;
  }
  .pm-editor-list li:not(.active):hover {
    background: #e3eefb;
  }
  .pm-editor-error {
    margin: 6px 2px 0;
    color: #a40e26;
    font-size: 12.5px;
    line-height: 1.35;
  }
  .pm-editor-error[hidden] {
    display: none;
  }
`;
