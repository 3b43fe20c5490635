import { css } from 'lit';
import { controls } from '../common/controls.ts';

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
