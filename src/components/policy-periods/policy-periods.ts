/** Registers `<policy-periods>` (once, even if this module is loaded twice). */
import { PolicyPeriods } from './policy-periods.component.ts';

export { PolicyPeriods };

if (!customElements.get('policy-periods')) customElements.define('policy-periods', PolicyPeriods);

declare global {
  interface HTMLElementTagNameMap {
    'policy-periods': PolicyPeriods;
  }
}
