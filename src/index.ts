/**
 * policy-matrix as a library, free of side effects: the element classes (not registered),
 * the store and the model. Import `policy-matrix/define` to register the tags.
 */
export { PolicyMatrix } from './components/policy-matrix/policy-matrix.component.ts';
export { PolicyCitationPanel } from './components/citation-panel/citation-panel.component.ts';
export { PolicyCompare } from './components/policy-compare/policy-compare.component.ts';
export { PolicyBriefing } from './components/policy-briefing/policy-briefing.component.ts';
export { PolicyFileMenu } from './components/policy-file-menu/policy-file-menu.component.ts';
export { PolicyProblems } from './components/policy-problems/policy-problems.component.ts';
export { MatrixStore } from './state/store.ts';
export { storeContext, snapshotContext, StoreProvider } from './state/context.ts';
export { loadMatrix } from './model/load.ts';
export { saveMatrix } from './model/save.ts';
export { readMatrix, fetchReader, MATRIX_FILES } from './model/read.ts';
export { openFileSet } from './model/file-set.ts';
export { writeMatrixZip, readMatrixZip } from './model/export/zip.ts';
export { writeWideCsv, wideTable } from './model/export/wide-csv.ts';
export { checkMatrix } from './model/check.ts';
export { SourceIndex } from './model/anchor/source-index.ts';
export type * from './model/types.ts';
export type { MatrixCheck, CitationCheck, Coverage } from './model/check.ts';
export type { MatrixBundle, FileReader } from './model/read.ts';
