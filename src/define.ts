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

export * from './index.ts';
