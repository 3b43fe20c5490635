import { css } from 'lit';
import { hostStyles } from '../common/theme.ts';

const own = css`
  :host {
    display: block;
  }
  :host > * {
    font-size: 13px;
  }
  [hidden] {
    display: none !important;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }
  .sep {
    width: 1px;
    align-self: stretch;
    margin: 0 4px;
    background: var(--pm-border);
  }
  button {
    padding: 4px 10px;
    border: 1px solid var(--pm-border);
    border-radius: 6px;
    background: var(--policy-file-menu-button-background, var(--pm-background));
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: var(--pm-surface);
    border-color: var(--pm-border-strong);
  }
  button:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 1px;
  }
  button:disabled {
    color: var(--pm-border-strong);
    cursor: default;
  }
  .message {
    margin: 4px 0 0;
    max-width: 70ch;
    color: var(--pm-muted);
    font-size: 12.5px;
  }
  .message:empty {
    display: none;
  }
  .message.error {
    color: var(--pm-danger-text);
  }
  .missing {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
    margin: 6px 0 0;
    padding: 4px 8px;
    border-left: 3px solid var(--pm-warning);
    background: var(--pm-warning-soft);
    font-size: 12.5px;
  }
  .missing button {
    padding: 1px 8px;
  }
  .drop-overlay {
    position: fixed;
    inset: 0;
    z-index: 1000;
    display: flex;
    align-items: center;
    justify-content: center;
    background: color-mix(in srgb, var(--pm-accent) 12%, transparent);
    outline: 3px dashed var(--pm-accent);
    outline-offset: -12px;
    pointer-events: none;
  }
  .drop-overlay p {
    padding: 14px 20px;
    border-radius: 8px;
    background: var(--pm-background);
    box-shadow: 0 2px 12px var(--pm-shadow);
    font-size: 15px;
    font-weight: 600;
  }
`;

export const styles = [hostStyles, own];
