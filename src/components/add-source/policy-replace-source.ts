/** Registers `<policy-replace-source>` (once, even if this module is loaded twice). */
import { PolicyReplaceSource } from './replace-source.component.ts';

export { PolicyReplaceSource };

if (!customElements.get('policy-replace-source')) customElements.define('policy-replace-source', PolicyReplaceSource);

declare global {
  interface HTMLElementTagNameMap {
    'policy-replace-source': PolicyReplaceSource;
  }
}
