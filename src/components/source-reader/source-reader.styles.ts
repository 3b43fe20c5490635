import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 8px;
    min-height: 0;
    color: #1f2328;
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
    color: #59636e;
    font-size: 13px;
  }
  .text {
    position: relative;
    box-sizing: border-box;
    height: var(--policy-source-reader-height, 60vh);
    overflow: auto;
    padding: 12px 16px;
    border: 1px solid #d5dbe3;
    border-radius: 6px;
    background: #fbfbfc;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-family: Georgia, 'Times New Roman', serif;
    font-size: 14.5px;
    line-height: 1.6;
    caret-color: #0b5cad;
    outline: none;
  }
  .text:focus-visible {
    outline: 2px solid #0b5cad;
    outline-offset: 1px;
  }
  mark {
    border-radius: 2px;
    color: inherit;
  }
  mark.cited {
    background: var(--policy-citation-panel-mark, #ffe58a);
    box-shadow: 0 0 0 1px #e3c04a;
  }
  mark.candidate {
    background: #fff1c9;
    box-shadow: 0 0 0 1px #e8cf86;
  }
  mark.sample {
    padding: 0 3px;
  }
  ::selection {
    background: #b6d4fb;
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
    color: #116329;
    background: #eefbf1;
  }
  .check.ambiguous {
    color: #7a4d00;
    background: #fff8e1;
  }
  .check.orphaned {
    color: #a40e26;
    background: #fff0f1;
  }
  .locator {
    grid-column: 2;
    font-size: 13px;
    color: #424a53;
  }
  .locator input {
    width: 10em;
    margin-left: 4px;
    padding: 4px 6px;
    border: 1px solid #8c959f;
    border-radius: 4px;
    font: inherit;
  }
  button {
    font: inherit;
    font-size: 13px;
    padding: 5px 12px;
    border-radius: 5px;
    border: 1px solid #0b5cad;
    background: #0b5cad;
    color: #fff;
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  select:focus-visible,
  input:focus-visible {
    outline: 2px solid #0b5cad;
    outline-offset: 2px;
  }
  .attach-button {
    grid-column: 3;
  }
  .message:empty {
    display: none;
  }
`;
