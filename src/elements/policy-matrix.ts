/**
 * `<policy-matrix>` and the `<policy-citation-panel>` a page places inside it: the entry of
 * dist/elements/policy-matrix.js and of `policy-matrix/elements/policy-matrix`.
 *
 * The matrix is registered first: a panel already in the page upgrades after its matrix and
 * finds the store it provides (a panel upgraded first would ask before anyone answers).
 */
import '../components/policy-matrix/policy-matrix.ts';
import '../components/citation-panel/citation-panel.ts';

export * from '../components/policy-matrix/policy-matrix.ts';
export { PolicyCitationPanel } from '../components/citation-panel/citation-panel.ts';
