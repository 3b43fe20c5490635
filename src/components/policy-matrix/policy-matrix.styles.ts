import { css } from 'lit';
import { buttonLook } from '../common/controls.ts';
import { visuallyHidden } from '../common/visually-hidden.ts';
import { loadStyles } from '../common/load-message.ts';
import { hostStyles } from '../common/theme.ts';

const own = css`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
  }
  /* The grid fills the height the page gives the element whatever its display: a page that sets
     "policy-matrix { display: block }" (after a reset) gets the same layout as the default flex. */
  .frame {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    height: 100%;
    min-height: 0;
  }
  .base {
    display: flex;
    flex-direction: column;
    flex: 1 1 auto;
    min-height: var(--policy-matrix-min-height, 320px);
  }
  /* Slotted content (a citation panel) comes below the grid, inside the element's box: given a
     height, the element shares it: the grid keeps its minimum height, the panel has the rest and
     scrolls (it would otherwise spill over whatever follows the element on the page). */
  .aside {
    flex: 0 1 auto;
    min-height: 0;
    overflow: auto;
    overscroll-behavior: contain;
  }
  policy-edit-bar {
    flex: none;
    margin: 8px 0 0;
  }
  .grid {
    position: relative;
    flex: 1 1 auto;
    min-height: var(--policy-matrix-min-height, 320px);
  }
  /* AG Grid's root fills the grid element: a definite height even when the element's own
     height is auto (a page that gives it none gets the minimum height, not an empty box). */
  .grid .ag-root-wrapper {
    position: absolute;
    inset: 0;
  }
  .grid[hidden] {
    display: none;
  }
  .status {
    margin: 0 0 8px;
    padding: 8px 12px;
    border-radius: 6px;
    background: var(--pm-surface);
    color: var(--pm-secondary);
  }
  .status.error {
    background: var(--pm-danger-soft);
    color: var(--pm-danger-text);
    border: 1px solid var(--pm-danger-border);
  }

  ${visuallyHidden}

  /* Cell content (rendered by cell-elements.ts inside AG Grid cells). */
  .pm-renderer {
    white-space: normal;
    line-height: 1.35;
    padding: 6px 0;
    overflow-wrap: anywhere;
  }
  .dim {
    font-weight: 600;
  }
  .dim-theme {
    display: block;
    margin-top: 2px;
    font-weight: 400;
    font-size: 11.5px;
    color: var(--pm-muted);
    text-transform: uppercase;
    letter-spacing: 0.03em;
  }
  /* After the value, the count and markers are set off by a space in the text (cell-elements.ts), not a margin. */
  /* The value is the cell box's own text; what follows it has its own weight. Line breaks
     of a value over several lines show (the text editor makes them: Shift+Enter). */
  .cell {
    font-weight: 500;
    white-space: pre-line;
  }
  .cell .cites,
  .cell .level {
    font-weight: 400;
  }
  /* Cells of wide matrices (fixed row height): one line each of value and level. */
  .ag-cell.pm-one-line .cell,
  .ag-cell.pm-one-line .level,
  .ag-cell.pm-one-line .dim,
  .ag-cell.pm-one-line .dim-theme {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .cites {
    display: inline-block;
    vertical-align: super;
    font-size: 10.5px;
    line-height: 1;
    padding: 1px 4px;
    border-radius: 8px;
    background: var(--pm-accent-soft);
    color: var(--pm-accent-text);
    font-variant-numeric: tabular-nums;
  }
  .level {
    display: block;
    font-size: 12px;
    color: var(--pm-secondary);
  }
  .cell.nis,
  .cell.missing {
    color: var(--pm-muted);
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
    color: var(--pm-danger-text);
    background: var(--pm-danger-soft);
  }
  .badge.draft {
    color: var(--pm-warning-text);
    background: var(--pm-warning-soft);
  }
  .badge.warn {
    color: var(--pm-warning-text);
    background: var(--pm-warning-soft);
  }

  /* Cell backgrounds echo the status; the text above states it. */
  .ag-cell.pm-not_in_source {
    background: var(--pm-surface-subtle);
  }
  .ag-cell.pm-flagged {
    box-shadow: inset 3px 0 0 var(--pm-danger);
  }
  .ag-cell.pm-draft {
    box-shadow: inset 3px 0 0 var(--pm-warning);
  }
  .ag-cell.pm-selected {
    background: var(--pm-accent-soft);
    outline: 2px solid var(--pm-accent);
    outline-offset: -2px;
  }
  /* Others on a live matrix: their names on the cell they are on, with a border of their colour. */
  .ag-cell.pm-peer {
    box-shadow: inset 0 0 0 2px var(--pm-border-strong);
  }
  .presence {
    display: inline-block;
    margin-inline-start: 4px;
    padding: 0 5px;
    border: 2px solid;
    border-radius: 4px;
    background: var(--pm-background);
    color: var(--pm-color);
    font-size: 11px;
    font-weight: 600;
    line-height: 1.4;
  }

  /* A live matrix: the connection, who one is, and who else is on it. */
  .live {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 14px;
    margin: 0 0 8px;
    font-size: 12.5px;
  }
  .live .state {
    font-weight: 600;
  }
  .live .state.offline,
  .live .state.failed {
    color: var(--pm-danger-text);
  }
  .live .reconnect {
    font: inherit;
    padding: 1px 8px;
  }
  .live ul {
    display: inline;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .live li {
    display: inline;
  }
  .live li + li::before {
    content: '; ';
  }
  .ag-cell.pm-dimension {
    background: var(--pm-surface-subtle);
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
    border: 1px solid color-mix(in srgb, var(--pm-accent) 25%, var(--pm-background));
    border-left: 4px solid var(--pm-accent);
    background: var(--pm-accent-soft);
    font-size: 13px;
  }
  .banner.conflict,
  .banner.failure {
    border-color: var(--pm-danger-border);
    border-left-color: var(--pm-danger);
    background: var(--pm-danger-soft);
  }
  .banner button {
    font: inherit;
    font-size: 12.5px;
    ${buttonLook}
  }
  .banner button:hover {
    background: var(--pm-surface);
  }
  .banner button:focus-visible,
  .edit-feedback button:focus-visible,
  .pm-editor-cite:focus-visible,
  .pm-editor-list:focus-visible,
  .pm-editor-input:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 1px;
  }
  .edit-message:empty {
    display: none;
  }
  .edit-message {
    margin: 0 0 8px;
    padding: 6px 10px;
    border-radius: 6px;
    background: var(--pm-danger-soft);
    color: var(--pm-danger-text);
    font-size: 13px;
  }
  /* A value given to a cell marked not in source: what it means, and the way to cite it. */
  .edit-feedback.notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
    margin: 0 0 8px;
    padding: 6px 10px;
    border-radius: 6px;
    background: var(--pm-warning-soft);
    border: 1px solid var(--pm-warning-border);
  }
  .edit-feedback.notice .edit-message {
    flex: 1 1 20em;
    margin: 0;
    padding: 0;
    background: none;
    color: var(--pm-warning-text);
  }
  .edit-feedback button {
    font: inherit;
    font-size: 12.5px;
    ${buttonLook}
  }

  /* The cell editor (a popup over the cell). */
  .pm-editor {
    box-sizing: border-box;
    padding: 6px;
    background: var(--pm-background);
    border: 1px solid var(--pm-accent);
    border-radius: 6px;
    box-shadow: 0 6px 18px var(--pm-shadow);
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
    border: 1px solid var(--pm-border-strong);
    border-radius: 4px;
    font: inherit;
  }
  .pm-editor-input[aria-invalid='true'] {
    border-color: var(--pm-danger);
    box-shadow: 0 0 0 1px var(--pm-danger);
  }
  .pm-editor-unit {
    color: var(--pm-secondary);
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
    background: var(--pm-accent);
    color: var(--pm-on-accent);
  }
  .pm-editor-list li:not(.active):hover {
    background: var(--pm-accent-soft);
  }
  .pm-editor-error {
    margin: 6px 2px 0;
    color: var(--pm-danger-text);
    font-size: 12.5px;
    line-height: 1.35;
  }
  .pm-editor-error[hidden],
  .pm-editor-note[hidden] {
    display: none;
  }
  .pm-editor-note {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 6px;
    margin: 6px 2px 0;
    color: var(--pm-warning-text);
    font-size: 12.5px;
    line-height: 1.35;
  }
  .pm-editor-note p {
    margin: 0;
  }
  .pm-editor-cite {
    font: inherit;
    ${buttonLook}
  }
  .pm-editor-cite[hidden] {
    display: none;
  }
  /* Free text: several lines, growing with the text (cell-editor.ts), wider than a narrow cell. */
  .pm-editor.pm-editor-text {
    width: min(32em, 90vw);
    max-width: min(40em, 90vw);
  }
  textarea.pm-editor-input {
    resize: vertical;
    line-height: 1.4;
    min-height: calc(1.4em + 12px);
    overflow-y: auto;
  }
`;

export const styles = [hostStyles, loadStyles, own];
