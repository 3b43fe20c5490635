import { css } from 'lit';
import { loadStyles } from '../common/load-message.ts';
import { hostStyles } from '../common/theme.ts';
import { compareTableStyles } from './compare-table.styles.ts';
import { heatmapStyles } from './heatmap.styles.ts';

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
`;

export const styles = [hostStyles, loadStyles, own, heatmapStyles, compareTableStyles];
