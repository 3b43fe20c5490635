import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    color: #1f2328;
    font: inherit;
    font-size: 14px;
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  .base {
    padding: 0.25rem 0;
  }
  .hint,
  .muted {
    color: #59636e;
  }
  .hint {
    margin: 0.5rem 0;
  }
  .eyebrow {
    margin: 0 0 2px;
    font-size: 11.5px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: #59636e;
  }
  .title {
    margin: 0;
    font-size: 16px;
    line-height: 1.3;
  }
  .sep {
    color: #8c959f;
    font-weight: 400;
  }
  .definition {
    margin: 4px 0 0;
    color: #424a53;
    font-size: 13px;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px 12px;
    margin: 12px 0;
    font-size: 13.5px;
  }
  dt {
    color: #59636e;
    font-weight: 500;
  }
  dd {
    margin: 0;
  }
  .value {
    font-weight: 600;
  }
  .level-def {
    display: block;
    color: #59636e;
    font-size: 12.5px;
  }
  .flag-reason {
    display: block;
    margin-top: 2px;
    color: #a40e26;
    font-size: 13px;
  }
  .note {
    white-space: pre-line;
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-size: 12px;
    font-weight: 600;
    padding: 1px 6px;
    border-radius: 4px;
    border: 1px solid currentColor;
    white-space: nowrap;
  }
  .badge.status-supported,
  .badge.found {
    color: #116329;
    background: #eefbf1;
  }
  .badge.status-not_in_source,
  .badge.status-missing {
    color: #424a53;
    background: #f3f5f8;
  }
  .badge.status-draft,
  .badge.ambiguous {
    color: #7a4d00;
    background: #fff8e1;
  }
  .badge.status-flagged,
  .badge.orphaned {
    color: #a40e26;
    background: #fff0f1;
  }
  .citations-heading {
    margin: 16px 0 8px;
    font-size: 13px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: #424a53;
  }
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .citation {
    padding: 10px 12px;
    margin-bottom: 10px;
    border: 1px solid #d5dbe3;
    border-left-width: 4px;
    border-radius: 6px;
    background: #fff;
  }
  .citation.found {
    border-left-color: #1a7f37;
  }
  .citation.ambiguous {
    border-left-color: #bf8700;
  }
  .citation.orphaned {
    border-left-color: #cf222e;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px 8px;
    font-size: 12.5px;
  }
  cite {
    font-style: italic;
  }
  .by,
  .locator {
    color: #59636e;
  }
  .passage {
    /* Paragraph breaks of the source stay visible (passageAround keeps them as blank lines). */
    white-space: pre-line;
    margin: 8px 0 0;
    padding: 8px 10px;
    background: #f8f9fb;
    border-radius: 4px;
    font-family: Georgia, 'Times New Roman', serif;
    font-size: 14px;
    line-height: 1.55;
    color: #30363d;
  }
  mark {
    background: var(--policy-citation-panel-mark, #ffe58a);
    color: #1f2328;
    padding: 0 1px;
    border-radius: 2px;
    box-shadow: 0 0 0 1px #e3c04a;
  }
  .candidates > li + li {
    margin-top: 6px;
  }
  .quote-line,
  .suggestion-label,
  .advice,
  .more,
  .reason {
    margin: 8px 0 0;
    font-size: 13px;
  }
  .reason {
    color: #59636e;
  }
  q {
    font-style: italic;
  }
  .legend-heading {
    margin: 18px 0 6px;
    font-size: 12px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: #59636e;
  }
  .legend {
    display: grid;
    grid-template-columns: max-content 1fr;
    align-items: baseline;
    gap: 6px 10px;
    margin: 0;
    font-size: 13px;
    color: #424a53;
  }
  .legend dt {
    font-weight: 400;
  }
  .sample-count {
    display: inline-block;
    font-size: 10.5px;
    line-height: 1;
    padding: 1px 4px;
    border-radius: 8px;
    background: #e7eef8;
    color: #0b4a8b;
  }
`;
