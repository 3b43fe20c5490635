import { css } from 'lit';
import { controls } from '../common/controls.ts';
import { hostStyles } from '../common/theme.ts';

export const styles = [
  hostStyles,
  controls,
  css`
    :host {
      display: contents;
    }
    dialog.new-matrix {
      width: min(980px, 96vw);
      max-height: 92vh;
      padding: 0;
      background: var(--pm-background);
    }
    .form {
      display: flex;
      flex-direction: column;
      max-height: 92vh;
    }
    .head,
    .foot {
      flex: none;
      padding: 12px 18px;
    }
    .head {
      border-bottom: 1px solid var(--pm-border);
    }
    .head h2 {
      margin: 0;
      font-size: 18px;
    }
    .body {
      flex: 1 1 auto;
      min-height: 0;
      overflow: auto;
      padding: 12px 18px;
      display: grid;
      gap: 14px;
    }
    .foot {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 8px;
      border-top: 1px solid var(--pm-border);
    }
    .foot .summary {
      margin: 0 auto 0 0;
      color: var(--pm-muted);
      font-size: 13px;
    }
    .foot .replaces {
      flex-basis: 100%;
      margin: 0;
      color: var(--pm-warning-text);
      font-size: 13px;
    }
    .foot .said {
      flex-basis: 100%;
      margin: 0;
      color: var(--pm-danger-text);
      font-size: 13px;
    }
    .foot .said:empty {
      display: none;
    }
    .hint,
    .muted {
      color: var(--pm-muted);
      font-weight: 400;
    }
    .hint {
      margin: 2px 0 0;
      font-size: 13px;
    }
    label {
      font-size: 13px;
    }
    .field.wide {
      display: grid;
      gap: 3px;
    }
    .field.wide > label {
      font-weight: 600;
    }
    input[type='text'],
    textarea,
    select {
      box-sizing: border-box;
      width: 100%;
      min-width: 0;
      font: inherit;
      font-size: 13px;
      padding: 4px 6px;
      border: 1px solid var(--pm-border-strong);
      border-radius: 4px;
      background: var(--pm-background);
      color: var(--pm-color);
    }
    textarea {
      resize: vertical;
    }
    textarea:focus-visible {
      outline: 2px solid var(--pm-accent);
      outline-offset: 1px;
    }
    [aria-invalid='true'] {
      border-color: var(--pm-danger);
    }
    input::placeholder {
      color: var(--pm-muted);
      opacity: 0.8;
    }
    fieldset {
      margin: 0;
      padding: 8px 12px 12px;
      border: 1px solid var(--pm-border);
      border-radius: 6px;
    }
    legend {
      padding: 0 4px;
      font-weight: 600;
      font-size: 14px;
    }
    .choice {
      display: flex;
      align-items: baseline;
      gap: 6px;
      margin: 4px 0;
    }
    .choice.keep {
      margin-left: 22px;
    }
    .rows,
    .scale-list {
      margin: 6px 0;
      padding: 0;
      list-style: none;
    }
    .row {
      display: grid;
      align-items: start;
      gap: 4px 8px;
      padding: 6px 0;
      border-bottom: 1px solid var(--pm-border);
    }
    .row:last-child {
      border-bottom: 0;
    }
    .row.heading {
      padding: 2px 0 0;
      border-bottom: 0;
      color: var(--pm-secondary);
      font-size: 12px;
      font-weight: 600;
    }
    .row .num {
      padding-top: 5px;
      color: var(--pm-muted);
      font-variant-numeric: tabular-nums;
      font-size: 12.5px;
      text-align: end;
    }
    /* The last column holds Move up, Move down, Remove: one width for every row and the headings. */
    .jurisdiction {
      grid-template-columns: 1.6em minmax(10em, 2fr) minmax(7em, 1.2fr) minmax(6em, 1fr) 10.5em;
    }
    .dimension {
      grid-template-columns: 1.6em minmax(10em, 2fr) minmax(7em, 1.2fr) minmax(8em, 1fr) 10.5em;
    }
    .dimension .scale,
    .dimension .unit,
    .dimension .definition,
    .dimension .theme {
      grid-column: 2 / -1;
    }
    .dimension .scale {
      display: flex;
      align-items: baseline;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
    }
    .dimension .scale select {
      width: auto;
      flex: 1 1 14em;
    }
    .level {
      grid-template-columns: 1.6em minmax(10em, 2fr) minmax(7em, 1.2fr) 10.5em;
    }
    .level .definition {
      grid-column: 2 / -1;
    }
    .field {
      min-width: 0;
    }
    .small-label {
      display: block;
      margin-bottom: 2px;
      color: var(--pm-secondary);
      font-size: 12px;
    }
    .dimension .scale .small-label {
      display: inline;
      flex: 0 0 5.5em;
      margin: 0;
    }
    .row .definition,
    .row .theme,
    .row .unit {
      display: flex;
      align-items: baseline;
      gap: 8px;
      flex-wrap: wrap;
    }
    .row .definition .small-label,
    .row .theme .small-label,
    .row .unit .small-label {
      display: inline;
      flex: 0 0 5.5em;
      margin: 0;
    }
    .row .definition input,
    .row .theme input,
    .row .unit input {
      flex: 1 1 12em;
      width: auto;
    }
    .row .definition .field-error,
    .row .theme .field-error,
    .row .unit .field-error {
      flex-basis: 100%;
    }
    .field.id input {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 12px;
    }
    .tools {
      display: flex;
      justify-content: flex-end;
      gap: 4px;
      white-space: nowrap;
    }
    .scale-item {
      padding: 8px 0;
      border-bottom: 1px solid var(--pm-border);
    }
    .scale-item:last-child {
      border-bottom: 0;
    }
    .scale-head {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 6px 12px;
    }
    .scale-head .field {
      flex: 0 1 18em;
    }
    .used-by {
      flex: 1 1 auto;
      color: var(--pm-muted);
      font-size: 12.5px;
    }
    .field-error {
      margin: 3px 0 0;
    }
    @media (max-width: 720px) {
      .jurisdiction,
      .dimension,
      .level {
        grid-template-columns: 1.6em 1fr;
      }
      .row > .field,
      .row > .tools {
        grid-column: 2 / -1;
      }
    }
  `,
];
