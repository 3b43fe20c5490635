import { css } from 'lit';
import { loadStyles } from '../common/load-message.ts';
import { hostStyles } from '../common/theme.ts';

const own = css`
  :host {
    display: block;
  }
  .controls {
    display: grid;
    grid-template-columns: minmax(256px, 1.4fr) minmax(192px, 1fr);
    gap: 12px 20px;
    padding: 12px 14px;
    margin-bottom: 14px;
    background: var(--pm-background);
    border: 1px solid var(--pm-border);
    border-radius: 6px;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 3px;
    font-weight: 600;
    font-size: 13px;
  }
  .field input[type='text'],
  .field select {
    font: inherit;
    font-weight: 400;
    font-size: 14px;
    padding: 5px 8px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 4px;
  }
  .settings {
    grid-column: 1 / -1;
    display: flex;
    gap: 12px;
    align-items: end;
    flex-wrap: wrap;
  }
  .settings .field:first-child {
    flex: 1 1 256px;
  }
  fieldset {
    margin: 0;
    padding: 6px 10px 8px;
    border: 1px solid var(--pm-border);
    border-radius: 4px;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    font-size: 13px;
    padding: 0 4px;
  }
  .choices {
    list-style: none;
    margin: 0;
    padding: 0;
    columns: 2 224px;
    column-gap: 16px;
  }
  .choices li {
    break-inside: avoid;
  }
  .choices label {
    display: flex;
    gap: 6px;
    align-items: baseline;
    padding: 1px 0;
    cursor: pointer;
  }
  .bulk {
    display: flex;
    gap: 6px;
    margin-top: 6px;
  }
  .actions {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  button {
    font: inherit;
    font-size: 13.5px;
    padding: 5px 12px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 4px;
    background: var(--pm-surface-subtle);
    color: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--pm-accent);
    border-color: var(--pm-accent);
    color: var(--pm-on-accent);
  }
  button.small {
    font-size: 12px;
    padding: 2px 8px;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 2px;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  .message {
    margin: 0;
    color: var(--pm-success-text);
    font-size: 13px;
  }
  .message.error {
    color: var(--pm-danger-text);
  }
  .status {
    color: var(--pm-muted);
  }
  .status.error {
    color: var(--pm-danger-text);
  }

  /* The briefing itself, as it will read on paper. */
  .briefing {
    /* Paper, in every theme: the preview reads as it will print. */
    color-scheme: light;
    background: #fff;
    border: 1px solid var(--pm-border);
    border-radius: 6px;
    padding: 20px 24px;
    font-family: Georgia, 'Times New Roman', serif;
    font-size: 14px;
    color: #111;
  }
  .title {
    margin: 0 0 4px;
    font-size: 20px;
    line-height: 1.25;
  }
  .meta {
    margin: 0 0 12px;
    font-size: 12px;
    color: #444;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
    line-height: 1.35;
  }
  th,
  td {
    border: 1px solid #888;
    padding: 5px 6px;
    text-align: left;
    vertical-align: top;
    overflow-wrap: anywhere;
  }
  thead th {
    background: #eee;
    vertical-align: bottom;
  }
  .detail {
    font-size: 12px;
    color: #333;
  }
  .fn-ref {
    font-size: 10px;
    line-height: 0;
  }
  .fn-ref a {
    color: inherit;
    text-decoration: none;
  }
  .placeholder {
    color: #555;
  }
  td.flagged {
    background: #fff4e5;
  }
  .flag {
    color: #8a1c00;
  }
  .unverified {
    color: #555;
  }
  .section-title {
    font-size: 15px;
    margin: 16px 0 6px;
  }
  .footnotes,
  .notes,
  .sources {
    list-style: none;
    margin: 0;
    padding: 0;
    font-size: 12.5px;
  }
  .footnotes li,
  .notes li,
  .sources li {
    margin: 0 0 4px;
    padding-left: 2.2em;
    text-indent: -2.2em;
  }
  .fn-num {
    display: inline-block;
    min-width: 2.2em;
    text-indent: 0;
    font-weight: bold;
  }
  .colophon {
    margin: 14px 0 0;
    font-size: 11.5px;
    color: #555;
  }
  .empty {
    font-style: italic;
  }
  .print-frame {
    position: fixed;
    right: 0;
    bottom: 0;
    width: 0;
    height: 0;
    border: 0;
    visibility: hidden;
  }

  /* Printing the page itself (not the Print button): only the briefing. */
  @media print {
    .controls,
    .status {
      display: none !important;
    }
    .briefing {
      border: 0;
      padding: 0;
      font-size: 10pt;
    }
    thead {
      display: table-header-group;
    }
    tr,
    th,
    td,
    .footnotes li,
    .notes li,
    .sources li {
      break-inside: avoid;
    }
    .section-title {
      break-after: avoid;
    }
  }
`;

export const styles = [hostStyles, loadStyles, own];
