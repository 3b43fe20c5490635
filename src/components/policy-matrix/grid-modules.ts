/**
 * The AG Grid modules the matrix grid uses, registered per grid (see ag-grid.ts).
 *
 * - ClientSideRowModelModule: rows from an array.
 * - RowApiModule: `getDisplayedRowAtIndex`, `forEachNode` (focused row index → dimension).
 * - RenderApiModule: `refreshCells` (re-apply the selection class).
 * - CellStyleModule: `cellClass` (status and selection classes on cells).
 * - RowAutoHeightModule: `autoHeight` (rows grow with wrapped values).
 * - ScrollApiModule: `ensureIndexVisible`, `ensureColumnVisible` (show the cell of a chosen problem).
 * - CustomEditorModule: our one cell editor (cell-editor.ts) for every value type; the grid
 *   edits read-only (`readOnlyEdit`): it asks, the store decides (undo lives in the store).
 *
 * Not AG Grid's ValidationModule (about 30 KB gzipped of readable warnings): it is registered
 * for every grid by src/dev/grid-validation.ts, which only the development pages and the tests
 * import (`policy-matrix/dev/grid-validation` for an application's own development build).
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
  type Module,
} from 'ag-grid-community';

export const gridModules: Module[] = [
  ClientSideRowModelModule,
  RowApiModule,
  RenderApiModule,
  CellStyleModule,
  RowAutoHeightModule,
  ScrollApiModule,
  CustomEditorModule,
];
