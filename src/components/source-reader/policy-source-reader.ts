/** Registers `<policy-source-reader>` (once, even if this module is loaded twice). */
import { PolicySourceReader } from './source-reader.component.ts';

export { PolicySourceReader };

if (!customElements.get('policy-source-reader')) customElements.define('policy-source-reader', PolicySourceReader);

declare global {
  interface HTMLElementTagNameMap {
    'policy-source-reader': PolicySourceReader;
  }
}
