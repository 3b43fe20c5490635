import { css } from 'lit';
import { loadStyles } from '../common/load-message.ts';
import { hostStyles } from '../common/theme.ts';

const own = css`
  :host {
    display: block;
  }
  .base {
    display: block;
  }
  .base.with-panel {
    display: grid;
    grid-template-columns: minmax(0, 1fr) var(--policy-compare-panel-width, 340px);
    gap: 16px;
    align-items: start;
  }
  @media (max-width: 900px) {
    .base.with-panel {
      grid-template-columns: 1fr;
    }
  }
  .main {
    min-width: 0;
  }
  /* The parts render into their own children: they lay out as if their content stood here. */
  policy-pair-heatmap,
  policy-level-heatmap,
  policy-compare-table {
    display: contents;
  }
  .panel {
    position: sticky;
    top: 0;
    max-height: 100vh;
    overflow: auto;
    box-sizing: border-box;
    padding: 12px 14px;
    background: var(--pm-background);
    border: 1px solid var(--pm-border);
    border-radius: 6px;
  }
  .panel-title,
  h3 {
    margin: 0 0 6px;
    font-size: 11.5px;
    font-weight: 600;
    letter-spacing: 0.06em;
    text-transform: uppercase;
    color: var(--pm-muted);
  }
  .title {
    margin: 0 0 8px;
    font-size: 17px;
  }
  .matrix-title {
    font-weight: 400;
    color: var(--pm-muted);
  }
  .status {
    color: var(--pm-muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }

  /* Controls */
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 24px;
    padding: 10px 12px;
    margin-bottom: 10px;
    background: var(--pm-background);
    border: 1px solid var(--pm-border);
    border-radius: 6px;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 4px;
    font-weight: 600;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 2px 14px;
    margin-bottom: 4px;
  }
  .choice-heading {
    min-width: 6.5em;
    font-size: 12px;
    color: var(--pm-muted);
  }
  .choice,
  .check {
    display: inline-flex;
    align-items: baseline;
    gap: 5px;
    cursor: pointer;
  }
  .choice.covered {
    color: var(--pm-muted);
  }
  .in-group,
  .members {
    font-size: 12px;
    color: var(--pm-muted);
  }
  .filters {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 18px;
  }
  .field {
    display: inline-flex;
    align-items: center;
    gap: 6px;
  }
  select {
    font: inherit;
    padding: 2px 4px;
  }
  input:focus-visible,
  select:focus-visible,
  [tabindex]:focus-visible {
    outline: 3px solid var(--pm-accent);
    outline-offset: 1px;
  }
  .warnings {
    flex-basis: 100%;
    margin: 0;
    padding-left: 18px;
    color: var(--pm-warning-text);
    font-size: 13px;
  }
  .summary {
    margin: 0 0 8px;
    font-weight: 500;
  }

  /* Convergence badges: colour, symbol and words; far apart also striped. */
  .legend {
    margin-bottom: 12px;
  }
  .legend-items {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 18px;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 13px;
  }
  .legend-help {
    color: var(--pm-muted);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 1px 8px 1px 1px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 4px;
    background: var(--pm-background);
    font-size: 12.5px;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge-detail {
    font-weight: 400;
    color: var(--pm-secondary);
  }
  .swatch {
    display: inline-grid;
    place-items: center;
    width: 20px;
    height: 18px;
    border-radius: 3px;
    font-weight: 700;
    color: #000;
  }
  .c-same .swatch,
  .conv-mark.c-same {
    background: #4477aa;
    color: #fff;
  }
  .c-adjacent .swatch,
  .conv-mark.c-adjacent {
    background: #ccbb44;
  }
  .c-far .swatch,
  .conv-mark.c-far {
    background: repeating-linear-gradient(135deg, #ee6677 0 4px, #f5a3ae 4px 6px);
  }
  .c-not_comparable .swatch,
  .conv-mark.c-not_comparable {
    background: repeating-linear-gradient(45deg, #e3e6ea 0 3px, #bbbbbb 3px 4px);
  }

  /* Figures */
  .pictures {
    display: flex;
    flex-wrap: wrap;
    gap: 12px 28px;
    align-items: flex-start;
    margin-bottom: 14px;
  }
  .figure {
    min-width: 0;
    max-width: 100%;
    padding: 10px 12px;
    background: var(--pm-background);
    border: 1px solid var(--pm-border);
    border-radius: 6px;
  }
  .figure-help {
    margin: 0 0 8px;
    max-width: 60ch;
    font-size: 12.5px;
    color: var(--pm-muted);
  }
  .heatmap {
    border-collapse: separate;
    border-spacing: 2px;
    font-size: 12.5px;
  }
  .col-head {
    font-weight: 600;
    font-size: 12px;
    text-align: center;
    vertical-align: bottom;
    max-width: 7em;
  }
  .row-head {
    font-weight: 500;
    text-align: right;
    padding-right: 6px;
    white-space: nowrap;
  }
  .dim-head {
    max-width: 16em;
    overflow: hidden;
    text-overflow: ellipsis;
    font-size: 12px;
  }
  .hm-cell {
    min-width: 44px;
    height: 34px;
    padding: 0 4px;
    text-align: center;
    border-radius: 3px;
    font-variant-numeric: tabular-nums;
    cursor: default;
  }
  .hm-cell.lvl {
    min-width: 30px;
    height: 24px;
    font-weight: 600;
    cursor: pointer;
  }
  .hm-main {
    display: block;
    font-weight: 600;
  }
  .hm-small {
    display: block;
    font-size: 10.5px;
  }
  .hm-cell.diagonal {
    background: var(--pm-surface);
    color: var(--pm-border-strong);
  }
  .hm-cell.empty,
  .scale-step.empty {
    background: repeating-linear-gradient(45deg, var(--pm-surface-subtle) 0 4px, var(--pm-border) 4px 6px);
    color: var(--pm-secondary);
  }
  .hm-cell.noscale,
  .scale-step.noscale {
    background: var(--pm-surface);
    color: var(--pm-secondary);
  }
  .hm-cell.selected {
    outline: 3px solid var(--pm-color);
    outline-offset: -1px;
  }
  .conv-mark {
    width: 22px;
    text-align: center;
    font-weight: 700;
    border-radius: 3px;
  }
  .scale-legend {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px;
    margin-top: 6px;
    font-size: 12px;
    color: var(--pm-secondary);
  }
  .scale-legend.codes {
    gap: 4px 12px;
  }
  .scale-step {
    display: inline-grid;
    place-items: center;
    width: 20px;
    height: 14px;
    font-size: 10px;
    border-radius: 2px;
    vertical-align: middle;
  }
  .group-pairs {
    margin: 10px 0 4px;
    padding-left: 18px;
    font-size: 13px;
  }

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

export const styles = [hostStyles, loadStyles, own];
