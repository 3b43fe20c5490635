import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-size: 13px;
    color: #1f2328;
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
    background: #d5dbe3;
  }
  button {
    padding: 4px 10px;
    border: 1px solid #c4ccd6;
    border-radius: 6px;
    background: var(--policy-file-menu-button-background, #fff);
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    background: #f3f5f8;
    border-color: #9aa5b1;
  }
  button:focus-visible {
    outline: 2px solid #0b5cad;
    outline-offset: 1px;
  }
  button:disabled {
    color: #8c959f;
    cursor: default;
  }
  .message {
    margin: 4px 0 0;
    max-width: 70ch;
    color: #59636e;
    font-size: 12.5px;
  }
  .message:empty {
    display: none;
  }
  .message.error {
    color: #a40e26;
  }
  .missing {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
    margin: 6px 0 0;
    padding: 4px 8px;
    border-left: 3px solid #bf8700;
    background: #fff8e5;
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
    background: rgba(11, 92, 173, 0.12);
    outline: 3px dashed #0b5cad;
    outline-offset: -12px;
    pointer-events: none;
  }
  .drop-overlay p {
    padding: 14px 20px;
    border-radius: 8px;
    background: #fff;
    box-shadow: 0 2px 12px rgba(0, 0, 0, 0.15);
    font-size: 15px;
    font-weight: 600;
  }
`;
