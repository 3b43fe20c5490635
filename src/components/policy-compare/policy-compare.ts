/** Registers `<policy-compare>` (once, even if this module is loaded twice), and the citation panel it shows. */
import '../citation-panel/citation-panel.ts';
import { PolicyCompare } from './policy-compare.component.ts';

export { PolicyCompare };
export * from './policy-compare.component.ts';

if (!customElements.get('policy-compare')) customElements.define('policy-compare', PolicyCompare);

declare global {
  interface HTMLElementTagNameMap {
    'policy-compare': PolicyCompare;
  }
}
