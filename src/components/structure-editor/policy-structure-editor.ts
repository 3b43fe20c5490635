/** Registers `<policy-structure-editor>` (once, even if this module is loaded twice). */
import { PolicyStructureEditor } from './structure-editor.component.ts';

export { PolicyStructureEditor };

if (!customElements.get('policy-structure-editor')) customElements.define('policy-structure-editor', PolicyStructureEditor);

declare global {
  interface HTMLElementTagNameMap {
    'policy-structure-editor': PolicyStructureEditor;
  }
}
