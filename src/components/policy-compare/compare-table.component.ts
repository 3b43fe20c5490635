import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { notComparableText, positionNote, type Comparison, type DimensionComparison, type Position } from '../../model/compare/index.ts';
import { displayValue } from '../policy-matrix/rows.ts';
import { plural } from './compare-words.ts';
import { convergenceBadge } from './convergence-badge.ts';
import { levelColour } from './palette.ts';
import { RovingGridController } from './roving-grid.ts';
// Colours through the CSSOM, not style attributes (a strict Content Security Policy refuses those).
import { styleProps } from '../common/style-props.ts';

/**
 * @summary Part of `<policy-compare>`: the side-by-side table, a row per dimension with each
 * side's value, level and evidence, and the dimension's convergence.
 *
 * Renders into its own children (no shadow root): it lives in the comparison's shadow root,
 * takes its styles, and its table is the comparison's `table` part. One Tab stop; arrow keys
 * move between cells and show their evidence, Enter or a click asks for it
 * (`policy-compare-cell-choose`).
 *
 * @internal
 */
export class PolicyCompareTable extends LitElement {
  /** The comparison the rows come from. */
  @property({ attribute: false }) comparison: Comparison | undefined;

  /** The dimensions shown (filtered and sorted). */
  @property({ attribute: false }) rows: readonly DimensionComparison[] = [];

  /** The selected cell's key. */
  @property({ attribute: false }) selection: string | undefined;

  private readonly grid = new RovingGridController(this, 'table', [0, 0]);

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render() {
    const comparison = this.comparison;
    if (!comparison) return nothing;
    const { rows, selection } = this;
    const columns = comparison.jurisdictions.length;
    const grouped = comparison.sides.some((s) => s.kind === 'group');
    const [ar, ac] = this.grid.activeIn(rows.length, columns);
    return html`<section class="side-by-side" aria-labelledby="table-title">
      <h3 id="table-title">Side by side</h3>
      ${rows.length === 0
        ? html`<p class="status">No dimension matches the filters.</p>`
        : html`<div class="table-scroll">
            <table part="table" class="compare-table" role="grid" aria-labelledby="table-title" @keydown=${(e: KeyboardEvent) => this.grid.keydown(e, rows.length, columns)}>
              <thead>
                ${grouped
                  ? html`<tr>
                      <td></td>
                      ${comparison.sides.map((s) => html`<th scope="colgroup" colspan=${s.members.length} class="side-head">${s.label}</th>`)}
                      <td></td>
                    </tr>`
                  : nothing}
                <tr>
                  <th scope="col">Dimension</th>
                  ${comparison.sides.flatMap((s) => s.members.map((j) => html`<th scope="col">${j.label || j.id}</th>`))}
                  <th scope="col">Convergence</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map((d, r) => {
                  const positions = d.sides.flatMap((s) => s.positions);
                  return html`<tr class="row c-${d.convergence}" data-dimension=${d.dimension.id}>
                    <th scope="row" class="dimension">
                      ${d.dimension.theme ? html`<span class="theme">${d.dimension.theme}</span>` : nothing}
                      <span class="dimension-label">${d.dimension.label || d.dimension.id}</span>
                    </th>
                    ${positions.map((p, c) => this.valueCell(d, p, r, c, r === ar && c === ac, p.key === selection))}
                    <td class="convergence">${this.convergenceCell(d, comparison.sides.length)}</td>
                  </tr>`;
                })}
              </tbody>
            </table>
          </div>`}
    </section>`;
  }

  private valueCell(d: DimensionComparison, p: Position, r: number, c: number, active: boolean, selected: boolean): TemplateResult {
    const value = p.cell?.value ? displayValue(d.dimension, p.cell.value) : '';
    const note = positionNote(p, d);
    const swatch = p.step !== undefined ? levelColour(d.scale.length > 1 ? p.step / (d.scale.length - 1) : 0) : undefined;
    return html`<td
      role="gridcell"
      class="value-cell ${p.supported ? '' : 'no-evidence'} ${selected ? 'selected' : ''}"
      data-grid="table"
      data-r=${r}
      data-c=${c}
      data-key=${p.key}
      tabindex=${active ? 0 : -1}
      aria-selected=${selected ? 'true' : 'false'}
      @click=${() => this.grid.choose(r, c, p.key, 'pointer')}
    >
      ${value ? html`<span class="value">${value}</span>` : nothing}
      ${p.level
        ? html`<span class="level"
            >${swatch ? html`<span class="level-swatch" ${styleProps({ background: swatch })} aria-hidden="true"></span>` : nothing}${p.level.label}
            · ${d.scale.indexOf(p.level) + 1} of ${d.scale.length}</span
          >`
        : nothing}
      ${note ? html`<span class="evidence e-${p.evidence}">${p.evidence === 'flagged' ? '⚑ ' : ''}${note}</span>` : nothing}
    </td>`;
  }

  private convergenceCell(d: DimensionComparison, sides: number): TemplateResult {
    if (d.convergence === 'not_comparable') return html`${convergenceBadge(d.convergence)} <span class="why">${notComparableText(d)}</span>`;
    const steps = d.gap === 1 ? '' : d.convergence === 'far' ? plural(d.gap ?? 0, 'step') : '';
    const partial = d.comparedSides < sides ? `${d.comparedSides} of ${sides} sides with evidence` : '';
    return html`${convergenceBadge(d.convergence, steps)}${partial ? html` <span class="why">${partial}</span>` : nothing}`;
  }
}
