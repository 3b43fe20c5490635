import { css } from 'lit';
import { hostStyles } from '../common/theme.ts';

const own = css`
  :host {
    display: inline-block;
    font-size: 13px;
  }
  [hidden] {
    display: none !important;
  }
  button {
    padding: 4px 10px;
    border: 1px solid var(--pm-border);
    border-radius: 6px;
    background: var(--pm-background);
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--pm-accent);
    border-color: var(--pm-accent);
    color: var(--pm-on-accent, #fff);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 1px;
  }
  dialog {
    width: min(34rem, calc(100vw - 2rem));
    padding: 16px 20px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 8px;
    background: var(--pm-background);
    color: inherit;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  h2 {
    margin: 0 0 8px;
    font-size: 16px;
  }
  .drop {
    display: block;
    padding: 14px;
    border: 2px dashed var(--pm-border-strong);
    border-radius: 8px;
    text-align: center;
  }
  .drop.over {
    border-color: var(--pm-accent);
    background: var(--pm-surface);
  }
  .drop input {
    display: block;
    margin: 8px auto 0;
    font: inherit;
  }
  .hint {
    margin: 4px 0 0;
    color: var(--pm-muted);
    font-size: 12px;
  }
  .fields {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 6px 10px;
    align-items: center;
    margin: 12px 0;
  }
  .fields input,
  .fields select {
    font: inherit;
    padding: 3px 6px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 4px;
    background: var(--pm-background);
    color: inherit;
  }
  .status {
    margin: 8px 0 0;
    min-height: 1.2em;
  }
  .error {
    margin: 8px 0 0;
    color: var(--pm-danger-text);
  }
  .error:empty {
    display: none;
  }
  .actions {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 12px;
  }
  .said {
    margin: 4px 0 0;
    color: var(--pm-muted);
    font-size: 12.5px;
    max-width: 60ch;
  }
`;

export const styles = [hostStyles, own];
