/**
 * What a grid cell shows, as lit templates (text only: lit escapes every value, nothing
 * from the data is ever parsed as HTML). Rendered into plain elements that AG Grid places
 * in its cells; styled by policy-matrix.styles.ts (same shadow root).
 */
import { html, nothing, render, type TemplateResult } from 'lit';
import type { Dimension } from '../../model/types.ts';
import { citationWarning, displayValue, plural, type CellView } from './rows.ts';

const srOnly = (text: string) => html`<span class="sr-only">${text}</span>`;

/** The pinned first column: dimension label, with its theme (and unit). */
export function dimensionTemplate(dimension: Dimension): TemplateResult {
  return html`<div class="dim">
    <span class="dim-label">${dimension.label || dimension.id}</span>
    ${dimension.theme ? html`<span class="dim-theme">${dimension.theme}</span>` : nothing}
  </div>`;
}

function levelTemplate(view: CellView): TemplateResult | typeof nothing {
  if (!view.level) return nothing;
  const rank = view.levels ? ` · ${view.level.rank} of ${view.levels}` : '';
  return html`<span class="level" title=${view.level.definition || nothing}>${view.level.label}${rank}</span>`;
}

function citationCount(view: CellView): TemplateResult | typeof nothing {
  if (!view.citations) return nothing;
  const words = plural(view.citations, 'citation');
  return html`<sup class="cites" title=${words} aria-hidden="true">${view.citations}</sup>${srOnly(`, ${words}`)}`;
}

function markers(view: CellView): TemplateResult {
  const warning = citationWarning(view);
  return html`${view.check === 'flagged'
      ? html`<span class="badge flag" title=${`Flagged: ${view.flag ?? 'needs review'}`}
          ><span aria-hidden="true">⚑</span> Flagged${srOnly(`: ${view.flag ?? 'needs review'}`)}</span
        >`
      : nothing}${view.check === 'draft'
      ? html`<span class="badge draft" title="Draft: work in progress"><span aria-hidden="true">✎</span> Draft</span>`
      : nothing}${warning
      ? html`<span class="badge warn" title=${`Citation warning: ${warning}`}
          ><span aria-hidden="true">⚠</span>${srOnly(`Citation warning: ${warning}`)}</span
        >`
      : nothing}`;
}

/** A (dimension, jurisdiction) cell: value, level, citation count and status markers. */
export function cellTemplate(view: CellView | undefined): TemplateResult {
  if (!view) return html``;
  const { cell, dimension } = view;
  if (!cell) {
    return html`<div class="cell missing"><span class="muted">No entry</span>${srOnly(' (no row in cells.csv)')}</div>`;
  }
  const value = displayValue(dimension, cell.value);
  const notInSource = cell.status === 'not_in_source' && value === '';
  return html`<div class="cell status-${view.check ?? cell.status}">
    <div class="line">
      ${notInSource
        ? html`<span class="nis">Not in source</span>`
        : html`<span class="value">${value || '—'}</span>`}${citationCount(view)}${markers(view)}
    </div>
    ${levelTemplate(view)}
  </div>`;
}

/** A detached element holding `template`, for AG Grid's cellRenderer. */
export function renderToElement(template: TemplateResult, className: string): HTMLElement {
  const element = document.createElement('div');
  element.className = className;
  render(template, element);
  return element;
}
