import { css } from 'lit';
import { tokenStyles } from '../common/theme.ts';

/** Shared by the structure editor, the history list and the edit bar. */
export const controls = css`
  ${tokenStyles}
  button,
  select,
  input {
    font: inherit;
    font-size: 13px;
  }
  button {
    padding: 3px 10px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 5px;
    background: var(--pm-background);
    color: var(--pm-color);
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: var(--pm-surface);
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  button.primary {
    border-color: var(--pm-accent);
    background: var(--pm-accent);
    color: var(--pm-on-accent);
  }
  button.primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--pm-accent) 85%, var(--pm-color));
  }
  button.danger {
    border-color: var(--pm-danger);
    background: var(--pm-danger);
    color: var(--pm-on-accent);
  }
  button.danger:hover {
    background: var(--pm-danger-text);
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid var(--pm-accent);
    outline-offset: 1px;
  }
  input,
  select {
    padding: 3px 6px;
    border: 1px solid var(--pm-border-strong);
    border-radius: 4px;
    background: var(--pm-background);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .field-error {
    flex-basis: 100%;
    margin: 3px 0 0;
    color: var(--pm-danger-text);
    font-size: 12.5px;
  }
  dialog {
    border: 1px solid var(--pm-border);
    border-radius: 8px;
    box-shadow: 0 18px 48px var(--pm-shadow);
    color: var(--pm-color);
  }
  dialog::backdrop {
    background: var(--pm-backdrop);
  }
`;

export const styles = [
  controls,
  css`
    :host {
      display: block;
      color: var(--pm-color);
      font: inherit;
      font-size: 14px;
    }
    .hint {
      color: var(--pm-muted);
    }
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(340px, 1fr));
      gap: 20px;
    }
    h3 {
      margin: 0 0 8px;
      font-size: 13px;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--pm-secondary);
    }
    h4 {
      margin: 0;
      flex-basis: 100%;
      font-size: 13px;
    }
    .items {
      margin: 0 0 10px;
      padding: 0;
      list-style: none;
      max-height: 46vh;
      overflow: auto;
      border: 1px solid var(--pm-border);
      border-radius: 6px;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      padding: 5px 8px;
      border-bottom: 1px solid var(--pm-border);
    }
    .item:last-child {
      border-bottom: 0;
    }
    .label-input {
      flex: 1 1 12em;
      min-width: 8em;
    }
    .id {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
      font-size: 11.5px;
      color: var(--pm-muted);
    }
    .type {
      font-size: 11.5px;
      color: var(--pm-muted);
    }
    .tools {
      display: inline-flex;
      gap: 3px;
      margin-left: auto;
    }
    .tools button {
      padding: 1px 7px;
      font-size: 12px;
    }
    .remove {
      color: var(--pm-danger-text);
    }
    form.add {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 6px 10px;
      padding: 10px;
      border: 1px dashed var(--pm-border);
      border-radius: 6px;
    }
    form.add label {
      display: inline-flex;
      align-items: baseline;
      gap: 4px;
      font-size: 13px;
      color: var(--pm-secondary);
    }
    form.add label input {
      width: 9em;
    }
    form.add label.wide {
      flex-basis: 100%;
    }
    form.add label.wide input {
      flex: 1;
      width: auto;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      align-items: baseline;
      gap: 8px;
      flex-basis: 100%;
    }
    dialog.confirm {
      max-width: 460px;
      padding: 16px 20px;
    }
    dialog.confirm h3 {
      font-size: 16px;
      text-transform: none;
      letter-spacing: 0;
      color: var(--pm-color);
    }
    dialog.confirm p {
      margin: 0 0 14px;
      line-height: 1.45;
    }
  `,
];
