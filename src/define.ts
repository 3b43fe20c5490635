/**
 * Registers the custom elements (each guarded, so loading this twice does not throw) and
 * re-exports the library. This is the entry of the one-script-tag bundle (dist/policy-matrix.js).
 */
import './components/policy-matrix/policy-matrix.ts';
import './components/citation-panel/citation-panel.ts';
import './components/policy-compare/policy-compare.ts';
import './components/policy-briefing/policy-briefing.ts';
import './components/policy-file-menu/policy-file-menu.ts';
import './components/policy-problems/policy-problems.ts';
import './components/source-reader/policy-source-reader.ts';
import './components/edit-bar/policy-edit-bar.ts';
import './components/edit-history/policy-edit-history.ts';
import './components/structure-editor/policy-structure-editor.ts';

export * from './index.ts';
