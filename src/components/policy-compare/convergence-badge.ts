/** The convergence of a dimension as a badge (symbol and words), and the legend of the four classes. */
import { html, nothing, type TemplateResult } from 'lit';
import { CONVERGENCES, CONVERGENCE_LABELS, type DimensionComparison } from '../../model/compare/index.ts';
import { CONVERGENCE_HELP } from './compare-words.ts';
import { CONVERGENCE_STYLE } from './palette.ts';

export function convergenceBadge(c: DimensionComparison['convergence'], detail = ''): TemplateResult {
  return html`<span class="badge c-${c}"
    ><span class="swatch" aria-hidden="true">${CONVERGENCE_STYLE[c].symbol}</span>${CONVERGENCE_LABELS[c]}${detail
      ? html`<span class="badge-detail"> · ${detail}</span>`
      : nothing}</span
  >`;
}

export function convergenceLegend(): TemplateResult {
  return html`<section class="legend" aria-labelledby="legend-title">
    <h3 id="legend-title" class="legend-title">Convergence</h3>
    <ul class="legend-items">
      ${CONVERGENCES.map((c) => html`<li>${convergenceBadge(c)} <span class="legend-help">${CONVERGENCE_HELP[c]}</span></li>`)}
    </ul>
  </section>`;
}
