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
export { PolicySourceReader } from './components/source-reader/source-reader.component.ts';
export { PolicyEditBar } from './components/edit-bar/edit-bar.component.ts';
export { PolicyEditHistory } from './components/edit-history/edit-history.component.ts';
export { PolicyStructureEditor } from './components/structure-editor/structure-editor.component.ts';
export { MatrixStore } from './state/store.ts';
export { endKeptLoadWorker, loadMatrixInWorker } from './state/load-worker.ts';
export type { LoadedMatrix, LoadProgress, LoadPhase, WorkerLoadOptions } from './state/load-worker.ts';
export { Autosave } from './state/autosave.ts';
export { IndexedDbDraftStorage, MemoryDraftStorage } from './state/draft-storage.ts';
export { planEdit } from './model/edit/commands.ts';
export { captureQuote } from './model/edit/cite.ts';
export { historyCsv } from './model/edit/history.ts';
export { storeContext, snapshotContext, readOnlyContext, StoreProvider } from './state/context.ts';
export { loadMatrix } from './model/format/load.ts';
export { newMatrix, structureOf } from './model/create/new-matrix.ts';
export { newMatrixBundle } from './model/create/bundle.ts';
export type { NewMatrixSpec, NewJurisdiction, NewDimension, NewScale, NewLevel, SpecProblem } from './model/create/new-matrix.ts';
export { saveMatrix } from './model/format/save.ts';
export { readMatrix, fetchReader, MATRIX_FILES } from './model/format/read.ts';
export { openFileSet } from './model/format/file-set.ts';
export { writeMatrixZip, readMatrixZip } from './model/export/zip.ts';
export { writeWideCsv, wideTable } from './model/export/wide-csv.ts';
export { checkMatrix } from './model/check/check.ts';
export { SourceIndex } from './model/anchor/source-index.ts';
export { SearchIndex, SourceSearchIndex, parseQuery, citeResult, citeResultCommand } from './model/sources/search/index.ts';
export type { SearchSource, SearchOptions, SearchResult, SearchResults, Excerpt, ResultCitation } from './model/sources/search/index.ts';
export { reanchor, applyReanchoring, reanchorKey } from './model/sources/reanchor.ts';
export type { ReanchorInput, ReanchorReport, ReanchorItem, ReanchorStatus, ReanchorDecision, ReanchorOutcome, ReanchorProposal } from './model/sources/reanchor.ts';
export { toCslJson, cslJsonText, toBibtex, citationKeys, referenceType } from './model/sources/references.ts';
export type { ReferenceInput, CslItem } from './model/sources/references.ts';
export type * from './model/types.ts';
export type { MatrixCheck, CitationCheck, Coverage } from './model/check/check.ts';
export type { MatrixBundle, FileReader } from './model/format/read.ts';
export type { EditCommand, Change, CellFields, CitationFields, CitationUpdate } from './model/edit/commands.ts';
export type { HistoryEntry } from './model/edit/history.ts';
export type {
  PolicyCellInfo, PolicyCellSelectDetail, PolicyCellChangeDetail, PolicyCitationInfo, PolicyCitationOpenDetail,
} from './components/common/events.ts';
export type { ThemeName } from './components/common/theme.ts';
