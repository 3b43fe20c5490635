/**
 * The look shared by the views that compare the matrix at two dates (Changes, Then and now):
 * the form of the two dates, and the table under it.
 */
import { css } from 'lit';

export const datePairStyles = css`
  :host { display: block; padding: 12px 20px; color: #1f2328; font-size: 14px; }
  form { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin-bottom: 10px; }
  label { font-weight: 600; }
  input { font: inherit; width: 8em; padding: 3px 6px; border: 1px solid #8c959f; border-radius: 4px; }
  input[aria-invalid='true'] { border-color: #b3261e; }
  button { font: inherit; padding: 3px 10px; border: 1px solid #8c959f; border-radius: 4px; background: #fff; cursor: pointer; }
  :focus-visible { outline: 2px solid #0b57d0; outline-offset: 1px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { border: 1px solid #d5dbe3; padding: 4px 6px; text-align: left; vertical-align: top; }
  .error { color: #b3261e; }
`;
