import { css } from 'lit';

/** Shared by the structure editor, the history list and the edit bar. */
export const controls = css`
  button,
  select,
  input {
    font: inherit;
    font-size: 13px;
  }
  button {
    padding: 3px 10px;
    border: 1px solid #8c959f;
    border-radius: 5px;
    background: #fff;
    color: #1f2328;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: #f3f5f8;
  }
  button:disabled {
    opacity: 0.45;
    cursor: default;
  }
  button.primary {
    border-color: #0b5cad;
    background: #0b5cad;
    color: #fff;
  }
  button.primary:hover:not(:disabled) {
    background: #0a4f95;
  }
  button.danger {
    border-color: #cf222e;
    background: #cf222e;
    color: #fff;
  }
  button.danger:hover {
    background: #a40e26;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid #0b5cad;
    outline-offset: 1px;
  }
  input,
  select {
    padding: 3px 6px;
    border: 1px solid #8c959f;
    border-radius: 4px;
    background: #fff;
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
    color: #a40e26;
    font-size: 12.5px;
  }
  dialog {
    border: 1px solid #d5dbe3;
    border-radius: 8px;
    box-shadow: 0 18px 48px rgba(15, 35, 60, 0.3);
    color: #1f2328;
  }
  dialog::backdrop {
    background: rgba(15, 23, 42, 0.35);
  }
`;

export const styles = [
  controls,
  css`
    :host {
      display: block;
      color: #1f2328;
      font: inherit;
      font-size: 14px;
    }
    .hint {
      color: #59636e;
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
      color: #424a53;
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
      border: 1px solid #d5dbe3;
      border-radius: 6px;
    }
    .item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 8px;
      padding: 5px 8px;
      border-bottom: 1px solid #eaeef2;
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
      color: #59636e;
    }
    .type {
      font-size: 11.5px;
      color: #59636e;
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
      color: #a40e26;
    }
    form.add {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 6px 10px;
      padding: 10px;
      border: 1px dashed #c5ccd6;
      border-radius: 6px;
    }
    form.add label {
      display: inline-flex;
      align-items: baseline;
      gap: 4px;
      font-size: 13px;
      color: #424a53;
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
      color: #1f2328;
    }
    dialog.confirm p {
      margin: 0 0 14px;
      line-height: 1.45;
    }
  `,
];
