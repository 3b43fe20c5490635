import { css } from 'lit';
import { styles as addSourceStyles } from './add-source.styles.ts';

const own = css`
  dialog {
    width: min(52rem, calc(100vw - 2rem));
    max-height: calc(100vh - 4rem);
  }
  select {
    font: inherit;
    padding: 3px 6px;
  }
  .pick {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: center;
  }
  .items {
    list-style: none;
    margin: 8px 0 0;
    padding: 0;
  }
  .item {
    padding: 8px 0;
    border-top: 1px solid var(--pm-border);
  }
  .item h3 {
    margin: 0 0 4px;
    font-size: 13px;
  }
  .badge {
    display: inline-block;
    margin-right: 6px;
    padding: 0 6px;
    border-radius: 4px;
    border: 1px solid var(--pm-border-strong);
    font-weight: 600;
  }
  .side {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: 8px;
    margin: 4px 0;
  }
  .side figure {
    margin: 0;
    padding: 6px 8px;
    border: 1px solid var(--pm-border);
    border-radius: 6px;
  }
  .side figcaption {
    font-size: 12px;
    color: var(--pm-muted);
  }
  .side blockquote {
    margin: 2px 0 0;
  }
  fieldset {
    border: 0;
    margin: 4px 0 0;
    padding: 0;
    display: flex;
    gap: 16px;
  }
  legend {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .counts {
    margin: 8px 0 0;
    font-weight: 600;
  }
`;

export const styles = [...addSourceStyles, own];
