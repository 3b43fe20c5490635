import { css } from 'lit';
import { tokenStyles } from './theme.ts';
import { visuallyHidden } from './visually-hidden.ts';

/** The look of a plain button (box, colours, cursor): also for buttons styled outside `controls`. */
export const buttonLook = css`
  padding: 3px 10px;
  border: 1px solid var(--pm-border-strong);
  border-radius: 5px;
  background: var(--pm-background);
  color: var(--pm-color);
  cursor: pointer;
`;

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
    ${buttonLook}
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
  ${visuallyHidden}
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
