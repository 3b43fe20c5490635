import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { figuresOf, type Comparison } from '../../model/compare/index.ts';
import { pairSentence, percent } from './compare-words.ts';
import { agreementColour, textOn } from './palette.ts';
import { RovingGridController } from './roving-grid.ts';
// Colours through the CSSOM, not style attributes (a strict Content Security Policy refuses those).
import { styleProps } from '../common/style-props.ts';

/**
 * @summary Part of `<policy-compare>`: the agreement between each pair of jurisdictions as a
 * heatmap (share of dimensions at the same level, and the number of dimensions it rests on),
 * with the figures between the chosen groups below.
 *
 * Renders into its own children (no shadow root): it lives in the comparison's shadow root
 * and takes its styles. One Tab stop; arrow keys move between cells (roving tabindex).
 *
 * @internal
 */
export class PolicyPairHeatmap extends LitElement {
  /** The comparison to show. */
  @property({ attribute: false }) comparison: Comparison | undefined;

  private readonly grid = new RovingGridController(this, 'pairs', [0, 1]);

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  protected override render() {
    const comparison = this.comparison;
    if (!comparison) return nothing;
    const js = comparison.jurisdictions;
    const groupPairs = comparison.sides.some((s) => s.kind === 'group') ? comparison.sidePairs : [];
    const labelOfSide = new Map(comparison.sides.map((s) => [s.key, s.label]));
    const [ar, ac] = this.grid.activeIn(js.length, js.length);
    return html`<section class="figure pairs" aria-labelledby="pairs-title">
      <h3 id="pairs-title">Agreement between jurisdictions</h3>
      <p class="figure-help">
        Share of dimensions at the same level, over the dimensions on a scale where both have evidence (n).
        ${comparison.theme ? html`Theme ${comparison.theme} only.` : nothing}
      </p>
      <table class="heatmap" role="grid" aria-labelledby="pairs-title" @keydown=${(e: KeyboardEvent) => this.grid.keydown(e, js.length, js.length)}>
        <thead>
          <tr>
            <td></td>
            ${js.map((j) => html`<th scope="col" class="col-head">${j.label || j.id}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${js.map(
            (row, r) => html`<tr>
              <th scope="row" class="row-head">${row.label || row.id}</th>
              ${js.map((col, c) => {
                const focus = r === ar && c === ac ? 0 : -1;
                const common = { r, c, focus };
                if (r === c) {
                  return this.cell(common, '—', `${row.label || row.id}: itself`, 'diagonal', undefined);
                }
                const p = figuresOf(comparison.jurisdictionPairs, `jurisdiction:${row.id}`, `jurisdiction:${col.id}`);
                const sentence = pairSentence(row.label || row.id, col.label || col.id, p);
                if (!p || p.n === 0) return this.cell(common, 'n=0', sentence, 'empty', undefined);
                return this.cell(common, percent(p.sameShare), sentence, '', agreementColour(p.sameShare ?? 0), `n=${p.n}`);
              })}
            </tr>`,
          )}
        </tbody>
      </table>
      <div class="scale-legend" aria-hidden="true">
        <span>0%</span>
        ${[0, 0.25, 0.5, 0.75, 1].map((t) => html`<span class="scale-step" ${styleProps({ background: agreementColour(t) })}></span>`)}
        <span>100% same level</span>
        <span class="scale-step empty"></span><span>no dimension in common</span>
      </div>
      ${groupPairs.length
        ? html`<ul class="group-pairs" aria-label="Between the chosen sides">
            ${groupPairs.map((p) => html`<li>${pairSentence(labelOfSide.get(p.a) ?? p.a, labelOfSide.get(p.b) ?? p.b, p)}</li>`)}
          </ul>
          <p class="figure-help">A group counts as the set of its members' levels: the distance between two sides is
            the largest between a level of one and a level of the other.</p>`
        : nothing}
    </section>`;
  }

  /**
   * A cell shows a share and its n ("50% n=4"); its name and tooltip say those figures first,
   * as shown, then the pair's sentence ("50%, n=4 — Alpha and Beta: same level on 2 of 4
   * dimensions…"): the visible words are part of the name (WCAG 2.5.3 Label in Name).
   */
  private cell(
    at: { r: number; c: number; focus: number },
    text: string,
    sentence: string,
    kind: string,
    background: string | undefined,
    small = '',
  ): TemplateResult {
    const style = background ? { background, color: textOn(background) } : {};
    const shown = [text, small].filter((s) => s && s !== '—').join(', ');
    const label = shown ? `${shown} — ${sentence}` : sentence;
    return html`<td
      role="gridcell"
      class="hm-cell ${kind}"
      data-grid="pairs"
      data-r=${at.r}
      data-c=${at.c}
      tabindex=${at.focus}
      ${styleProps(style)}
      title=${label}
      aria-label=${label}
      @click=${() => this.grid.choose(at.r, at.c)}
    >
      <span class="hm-main">${text}</span>${small ? html` <span class="hm-small">${small}</span>` : nothing}
    </td>`;
  }
}
