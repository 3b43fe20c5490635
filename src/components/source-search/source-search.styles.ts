import { css } from 'lit';
import { controls } from '../common/controls.ts';
import { hostStyles } from '../common/theme.ts';

const own = css`
  :host {
    display: block;
  }
  [hidden] {
    display: none !important;
  }
  .base {
    display: grid;
    gap: 10px;
  }
  .box {
    display: grid;
    gap: 4px;
  }
  .box-label {
    font-weight: 600;
  }
  input.query {
    box-sizing: border-box;
    width: 100%;
    padding: 6px 10px;
    font-size: 15px;
  }
  .hint {
    margin: 0;
    color: var(--pm-muted);
    font-size: 12.5px;
  }
  kbd {
    padding: 0 4px;
    border: 1px solid var(--pm-border);
    border-radius: 3px;
    background: var(--pm-surface);
    font-family: inherit;
    font-size: 11.5px;
  }
  .target {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 14px;
    margin: 0;
    padding: 6px 10px 8px;
    border: 1px solid var(--pm-border);
    border-radius: 6px;
  }
  .target legend {
    padding: 0 4px;
    font-size: 13px;
    font-weight: 600;
  }
  .target label {
    display: flex;
    align-items: center;
    gap: 6px;
    font-size: 13px;
  }
  .target select {
    max-width: 22em;
  }
  .target-state {
    flex-basis: 100%;
    margin: 0;
    font-size: 13px;
  }
  .target-state.none {
    color: var(--pm-warning-text);
  }
  .status {
    margin: 0;
    color: var(--pm-secondary);
    font-size: 13px;
  }
  .said {
    margin: 0;
    font-size: 13px;
    color: var(--pm-success-text);
  }
  .said:empty {
    display: none;
  }
  .results {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 8px;
  }
  .hit {
    padding: 8px 12px;
    border: 1px solid var(--pm-border);
    border-radius: 6px;
    background: var(--pm-background);
  }
  .hit:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 1px;
  }
  .hit:focus-within {
    border-color: var(--pm-accent);
  }
  .where {
    margin: 0 0 4px;
    font-size: 12.5px;
    color: var(--pm-secondary);
  }
  .where cite {
    font-style: normal;
    font-weight: 600;
    color: var(--pm-color);
  }
  .rank {
    color: var(--pm-muted);
    font-variant-numeric: tabular-nums;
  }
  .excerpt {
    margin: 0;
    font-family: Georgia, 'Times New Roman', serif;
    font-size: 14.5px;
    line-height: 1.5;
  }
  .excerpt mark {
    padding: 0 1px;
    border-radius: 2px;
    background: var(--pm-mark);
    color: inherit;
  }
  .actions {
    display: flex;
    gap: 6px;
    margin-top: 6px;
  }
  dialog.reader-dialog {
    box-sizing: border-box;
    width: min(1000px, 92vw);
    max-height: 92vh;
    padding: 14px 18px;
    background: var(--pm-background);
  }
  .dialog-head {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 8px 12px;
    margin-bottom: 8px;
  }
  .dialog-head h2 {
    flex: 1 1 auto;
    margin: 0;
    font-size: 16px;
  }
`;

export const styles = [hostStyles, controls, own];
