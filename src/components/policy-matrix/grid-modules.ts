/**
 * The AG Grid modules the matrix grid uses, registered per grid (no global registry).
 *
 * - ClientSideRowModelModule: rows from an array.
 * - RowApiModule: `getDisplayedRowAtIndex`, `forEachNode` (focused row index → dimension).
 * - RenderApiModule: `refreshCells` (re-apply the selection class).
 * - CellStyleModule: `cellClass` (status and selection classes on cells).
 * - RowAutoHeightModule: `autoHeight` (rows grow with wrapped values).
 * - ScrollApiModule: `ensureIndexVisible`, `ensureColumnVisible` (show the cell of a chosen problem).
 * - CustomEditorModule: our one cell editor (cell-editor.ts) for every value type; the grid
 *   edits read-only (`readOnlyEdit`): it asks, the store decides (undo lives in the store).
 * - ValidationModule: readable warnings, in development only. A production build drops it
 *   by defining `globalThis.POLICY_MATRIX_PRODUCTION` as `true` (esbuild `define`).
 *
 * Column pinning, keyboard navigation and function cell renderers are in the grid core.
 */
import {
  CellStyleModule,
  ClientSideRowModelModule,
  CustomEditorModule,
  RenderApiModule,
  RowApiModule,
  RowAutoHeightModule,
  ScrollApiModule,
  ValidationModule,
  type Module,
} from 'ag-grid-community';

declare global {
  // eslint-disable-next-line no-var
  var POLICY_MATRIX_PRODUCTION: boolean | undefined;
}

const production = globalThis.POLICY_MATRIX_PRODUCTION === true;

export const gridModules: Module[] = [
  ClientSideRowModelModule,
  RowApiModule,
  RenderApiModule,
  CellStyleModule,
  RowAutoHeightModule,
  ScrollApiModule,
  CustomEditorModule,
  ...(production ? [] : [ValidationModule]),
];
