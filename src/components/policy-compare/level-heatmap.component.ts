import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import {
  CONVERGENCE_LABELS, EVIDENCE_LABELS, positionNote,
  type Comparison, type DimensionComparison, type Position,
} from '../../model/compare/index.ts';
import { displayValue } from '../policy-matrix/rows.ts';
import { EVIDENCE_CODE } from './compare-words.ts';
import { CONVERGENCE_STYLE, levelColour, textOn } from './palette.ts';
import { RovingGridController } from './roving-grid.ts';
// Colours through the CSSOM, not style attributes (a strict Content Security Policy refuses those).
import { styleProps } from '../common/style-props.ts';

/**
 * @summary Part of `<policy-compare>`: every level at a glance, a row per dimension and a
 * column per jurisdiction, coloured by the level's position on its scale, with the
 * dimension's convergence at the end of its row.
 *
 * Renders into its own children (no shadow root): it lives in the comparison's shadow root
 * and takes its styles. One Tab stop; arrow keys move between cells and show their evidence,
 * Enter or a click asks for it (`policy-compare-cell-choose`).
 *
 * @internal
 */
export class PolicyLevelHeatmap extends LitElement {
  /** The comparison the rows come from. */
  @property({ attribute: false }) comparison: Comparison | undefined;

  /** The dimensions shown (filtered and sorted). */
  @property({ attribute: false }) rows: readonly DimensionComparison[] = [];

  /** The selected cell's key. */
  @property({ attribute: false }) selection: string | undefined;

  private readonly grid = new RovingGridController(this, 'levels', [0, 0]);

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render() {
    const comparison = this.comparison;
    if (!comparison) return nothing;
    const { rows, selection } = this;
    const js = comparison.jurisdictions;
    const [ar, ac] = this.grid.activeIn(rows.length, js.length);
    return html`<section class="figure levels" aria-labelledby="levels-title">
      <h3 id="levels-title">Levels at a glance</h3>
      <p class="figure-help">Each cell: the level's position on its dimension's scale (1 = lowest). Enter or click shows the evidence.</p>
      <table class="heatmap" role="grid" aria-labelledby="levels-title" @keydown=${(e: KeyboardEvent) => this.grid.keydown(e, rows.length, js.length)}>
        <thead>
          <tr>
            <td></td>
            ${js.map((j) => html`<th scope="col" class="col-head">${j.label || j.id}</th>`)}
            <th scope="col" class="col-head"><span class="visually-hidden">Convergence</span></th>
          </tr>
        </thead>
        <tbody>
          ${rows.map((d, r) => {
            const positions = d.sides.flatMap((s) => s.positions);
            return html`<tr>
              <th scope="row" class="row-head dim-head">${d.dimension.label || d.dimension.id}</th>
              ${positions.map((p, c) => this.cell(d, p, r, c, r === ar && c === ac, p.key === selection))}
              <td class="conv-mark c-${d.convergence}" title=${CONVERGENCE_LABELS[d.convergence]}>
                <span aria-hidden="true">${CONVERGENCE_STYLE[d.convergence].symbol}</span>
                <span class="visually-hidden">${CONVERGENCE_LABELS[d.convergence]}</span>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      <div class="scale-legend" aria-hidden="true">
        <span>lowest level</span>
        ${[0, 0.25, 0.5, 0.75, 1].map((t) => html`<span class="scale-step" ${styleProps({ background: levelColour(t) })}></span>`)}
        <span>highest</span>
      </div>
      <div class="scale-legend codes" aria-hidden="true">
        <span><span class="scale-step empty">–</span> not in source</span>
        <span><span class="scale-step empty">D</span> draft</span>
        <span><span class="scale-step empty">⚑</span> flagged</span>
        <span><span class="scale-step empty">∅</span> no entry</span>
        <span><span class="scale-step noscale">·</span> no scale (value in the table)</span>
      </div>
    </section>`;
  }

  private cell(d: DimensionComparison, p: Position, r: number, c: number, active: boolean, selected: boolean): TemplateResult {
    const who = `${d.dimension.label || d.dimension.id}, ${p.jurisdiction.label || p.jurisdiction.id}`;
    let text: string;
    let label: string;
    let kind = '';
    let style: Record<string, string> = {};
    if (p.step !== undefined && p.level) {
      const t = d.scale.length > 1 ? p.step / (d.scale.length - 1) : 0;
      const bg = levelColour(t);
      style = { background: bg, color: textOn(bg) };
      text = String(p.step + 1);
      label = `${who}: ${p.level.label}, level ${p.step + 1} of ${d.scale.length}`;
    } else if (p.supported && d.scale.length === 0) {
      kind = 'noscale';
      text = '·';
      label = `${who}: ${displayValue(d.dimension, p.cell?.value ?? '')} (no scale)`;
    } else {
      kind = 'empty';
      text = EVIDENCE_CODE[p.evidence] ?? '?';
      label = `${who}: ${positionNote(p, d) ?? EVIDENCE_LABELS[p.evidence]}`;
    }
    return html`<td
      role="gridcell"
      class="hm-cell lvl ${kind} ${selected ? 'selected' : ''}"
      data-grid="levels"
      data-r=${r}
      data-c=${c}
      data-key=${p.key}
      tabindex=${active ? 0 : -1}
      aria-selected=${selected ? 'true' : 'false'}
      ${styleProps(style)}
      title=${label}
      aria-label=${label}
      @click=${() => this.grid.choose(r, c, p.key, 'pointer')}
    >
      ${text}
    </td>`;
  }
}
