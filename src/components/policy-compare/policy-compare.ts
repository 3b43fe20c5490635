/**
 * Registers `<policy-compare>` and its parts (once, even if this module is loaded twice). The
 * citation panel it shows is registered when a comparison first shows it (see the component).
 */
import { PolicyCompare } from './policy-compare.component.ts';
import { PolicyCompareTable } from './compare-table.component.ts';
import { PolicyLevelHeatmap } from './level-heatmap.component.ts';
import { PolicyPairHeatmap } from './pair-heatmap.component.ts';

export { PolicyCompare };
export * from './policy-compare.component.ts';

// Its parts first, so a comparison renders them as soon as it is defined.
if (!customElements.get('policy-pair-heatmap')) customElements.define('policy-pair-heatmap', PolicyPairHeatmap);
if (!customElements.get('policy-level-heatmap')) customElements.define('policy-level-heatmap', PolicyLevelHeatmap);
if (!customElements.get('policy-compare-table')) customElements.define('policy-compare-table', PolicyCompareTable);
if (!customElements.get('policy-compare')) customElements.define('policy-compare', PolicyCompare);

declare global {
  interface HTMLElementTagNameMap {
    'policy-compare': PolicyCompare;
    'policy-pair-heatmap': PolicyPairHeatmap;
    'policy-level-heatmap': PolicyLevelHeatmap;
    'policy-compare-table': PolicyCompareTable;
  }
}
