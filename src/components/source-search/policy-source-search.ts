/** Registers `<policy-source-search>` (once, even if this module is loaded twice). */
import { PolicySourceSearch } from './source-search.component.ts';

export { PolicySourceSearch };

if (!customElements.get('policy-source-search')) customElements.define('policy-source-search', PolicySourceSearch);

declare global {
  interface HTMLElementTagNameMap {
    'policy-source-search': PolicySourceSearch;
  }
}
