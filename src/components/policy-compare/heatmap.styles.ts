/** Styles of the comparison's heatmaps (`<policy-pair-heatmap>`, `<policy-level-heatmap>`), in `<policy-compare>`'s shadow root. */
import { css } from 'lit';

export const heatmapStyles = css`
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
`;
