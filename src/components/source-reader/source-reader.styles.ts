import { css } from 'lit';
import { tokenStyles } from '../common/theme.ts';

export const styles = css`
  ${tokenStyles}
  :host {
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-height: 0;
    color: var(--pm-color);
    font: inherit;
    font-size: 14px;
  }
  :host([hidden]) {
    display: none;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 16px;
  }
  .source-title,
  .legend,
  .hint {
    margin: 0;
  }
  .legend,
  .hint,
  .muted,
  .by {
    color: var(--pm-muted);
    font-size: 13px;
  }
  .page-break {
    display: block;
    margin: 10px 0 6px;
    padding-top: 2px;
    border-top: 1px dashed var(--pm-border-strong);
    color: var(--pm-muted);
    font-family: system-ui, sans-serif;
    font-size: 12px;
    text-align: right;
    user-select: none;
  }
  .page-break:first-child {
    margin-top: 0;
  }
  .text {
    position: relative;
    box-sizing: border-box;
    height: var(--policy-source-reader-height, 60vh);
    overflow: auto;
    padding: 12px 16px;
    border: 1px solid var(--pm-border);
    border-radius: 6px;
    background: var(--pm-surface-subtle);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-family: Georgia, 'Times New Roman', serif;
    font-size: 14.5px;
    line-height: 1.6;
    caret-color: var(--pm-accent);
    outline: none;
  }
  .part {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px 8px;
    margin: 4px 0 0;
    font-size: 12.5px;
    color: var(--pm-muted);
  }
  .part-status {
    margin: 0;
    flex: 1 1 auto;
  }
  .text:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 1px;
  }
  mark {
    border-radius: 2px;
    color: inherit;
  }
  mark.cited {
    background: var(--policy-citation-panel-mark, var(--pm-mark));
    box-shadow: 0 0 0 1px var(--pm-mark-ring);
  }
  mark.candidate {
    background: color-mix(in srgb, var(--pm-mark) 50%, var(--pm-background));
    box-shadow: 0 0 0 1px var(--pm-mark-ring);
  }
  /* The passage the reader was opened at (a search result): outlined, over any highlight of its own. */
  mark.passage {
    background: var(--pm-accent-soft);
    box-shadow: 0 0 0 2px var(--pm-accent);
  }
  mark.sample {
    padding: 0 3px;
  }
  ::selection {
    background: color-mix(in srgb, var(--pm-accent) 30%, var(--pm-background));
  }
  .attach {
    display: grid;
    grid-template-columns: 1fr auto auto;
    align-items: center;
    gap: 6px 12px;
  }
  .selected,
  .context,
  .message {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 13px;
  }
  .selected q {
    font-style: italic;
  }
  .check {
    margin-left: 6px;
    padding: 0 6px;
    border-radius: 4px;
    border: 1px solid currentColor;
    font-size: 12px;
    font-weight: 600;
  }
  .check.found {
    color: var(--pm-success-text);
    background: var(--pm-success-soft);
  }
  .check.ambiguous {
    color: var(--pm-warning-text);
    background: var(--pm-warning-soft);
  }
  .check.orphaned {
    color: var(--pm-danger-text);
    background: var(--pm-danger-soft);
  }
  .locator {
    grid-column: 2;
    font-size: 13px;
    color: var(--pm-secondary);
  }
  .locator input {
    width: 10em;
    margin-left: 4px;
    padding: 4px 6px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 4px;
    font: inherit;
  }
  button {
    font: inherit;
    font-size: 13px;
    padding: 5px 12px;
    border-radius: 5px;
    border: 1px solid var(--pm-accent);
    background: var(--pm-accent);
    color: var(--pm-on-accent);
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 2px;
  }
  .part button {
    font-size: 12.5px;
    padding: 3px 10px;
    background: transparent;
    color: var(--pm-accent-text);
  }
  .part button:disabled {
    opacity: 0.5;
  }
  .attach-button {
    grid-column: 3;
  }
  .message:empty {
    display: none;
  }
`;
