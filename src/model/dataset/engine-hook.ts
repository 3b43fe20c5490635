/**
 * Where the checks and the code that need datasets (computing rules, finding rows) are found.
 * A page that shows only a comparison or a briefing loads the matrix but no dataset: it should
 * not carry that code at first (the embed bundle's budget). The code is handed over here by
 * whatever makes datasets — reading them (read-dataset.ts), or receiving them from the load
 * worker — so it is always there once a dataset is. Until then a computed cell or a row
 * citation is unchecked: the dataset is not available.
 */
import type { ComputedCheck, ComputedChecker, ComputedContext } from './computed-checks.ts';
import type { Anchor, Citation, Matrix, Problem } from '../types.ts';
import type { Dataset } from './dataset.ts';
import type { RowLocator } from '../format/table.ts';
import type { EditContext, EditPlan, EditRefusal } from '../edit/commands.ts';
import type { SetComputedCommand } from '../edit/set-computed.ts';

export interface DatasetEngine {
  anchorRow(citation: Pick<Citation, 'source' | 'rowKey' | 'quote'>, dataset: Dataset | undefined): Anchor;
  checkComputed(matrix: Matrix, ctx: ComputedContext): ComputedChecker;
  contextOf(matrix: Matrix, datasets: ReadonlyMap<string, Dataset>, locations?: WeakMap<object, RowLocator>): ComputedContext;
  checkRule(rule: NonNullable<Matrix['computed']>[number], ctx: ComputedContext, budget?: number): ComputedCheck;
  ruleProblem(check: ComputedCheck, at: { line: number; column: number }, field: string): Problem;
  newChecker(rules: NonNullable<Matrix['computed']>, ctx: ComputedContext): ComputedChecker;
  planSetComputed(ctx: EditContext, command: SetComputedCommand): EditPlan | EditRefusal;
}

let engine: DatasetEngine | undefined;

/** The dataset code, once something has made a dataset; undefined before. */
export const datasetEngine = (): DatasetEngine | undefined => engine;

/** Hand the dataset code over (done by whatever makes datasets). */
export function installDatasetEngine(e: DatasetEngine): void {
  engine = e;
}
