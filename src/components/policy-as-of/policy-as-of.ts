/** Registers `<policy-as-of>` (once, even if this module is loaded twice). */
import { PolicyAsOf } from './policy-as-of.component.ts';

export { PolicyAsOf };

if (!customElements.get('policy-as-of')) customElements.define('policy-as-of', PolicyAsOf);

declare global {
  interface HTMLElementTagNameMap {
    'policy-as-of': PolicyAsOf;
  }
}
