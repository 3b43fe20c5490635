/** Styles of the side-by-side table (`<policy-compare-table>`), in `<policy-compare>`'s shadow root. */
import { css } from 'lit';

export const compareTableStyles = css`
  /* Side-by-side table */
  .table-scroll {
    overflow-x: auto;
    background: var(--pm-background);
    border: 1px solid var(--pm-border);
    border-radius: 6px;
  }
  .compare-table {
    width: 100%;
    border-collapse: collapse;
    font-size: 13px;
  }
  .compare-table th,
  .compare-table td {
    padding: 6px 8px;
    border-bottom: 1px solid var(--pm-border);
    text-align: left;
    vertical-align: top;
  }
  .compare-table thead th {
    background: var(--pm-surface);
    font-weight: 600;
    position: sticky;
    top: 0;
  }
  .side-head {
    text-align: center !important;
    border-bottom: 2px solid var(--pm-border-strong) !important;
  }
  .dimension {
    min-width: 11em;
    font-weight: 500;
  }
  .theme {
    display: block;
    font-size: 11px;
    font-weight: 400;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--pm-muted);
  }
  .value-cell {
    min-width: 9em;
    max-width: 22em;
    cursor: pointer;
  }
  .value-cell:hover {
    background: var(--pm-accent-faint);
  }
  .value-cell.selected {
    background: var(--pm-accent-soft);
    box-shadow: inset 3px 0 0 var(--pm-accent);
  }
  .value {
    display: block;
  }
  .level {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    margin-top: 2px;
    font-size: 12px;
    color: var(--pm-secondary);
  }
  .level-swatch {
    width: 10px;
    height: 10px;
    border-radius: 2px;
    border: 1px solid rgba(0, 0, 0, 0.25);
  }
  .evidence {
    display: inline-block;
    margin-top: 2px;
    font-size: 12px;
    font-style: italic;
    color: var(--pm-muted);
  }
  .evidence.e-flagged {
    font-style: normal;
    color: var(--pm-danger-text);
  }
  .no-evidence .value {
    color: var(--pm-muted);
  }
  .convergence {
    min-width: 9em;
  }
  .why {
    display: block;
    margin-top: 3px;
    font-size: 12px;
    color: var(--pm-muted);
  }
`;
