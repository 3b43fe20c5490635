import { css } from 'lit';

/** `.sr-only`: text for screen readers only (status lines, counts spelled out), kept out of sight. */
export const visuallyHidden = css`
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
`;
