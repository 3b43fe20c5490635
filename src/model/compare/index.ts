/** Comparison of jurisdictions and groups: sides, convergence, figures, view state. See docs/compare.md. */
export * from './sides.ts';
export * from './compare.ts';
export * from './view.ts';
export * from './url-state.ts';
export * from './report.ts';
