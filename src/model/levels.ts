import type { Level, Matrix } from './types.ts';

/** The levels of a scale, lowest first. */
export function scaleOf(matrix: Matrix, scaleId: string): Level[] {
  return matrix.levels.filter((l) => l.scale === scaleId).sort((a, b) => a.rank - b.rank);
}

/** The named level of a cell on its dimension's scale, if any. */
export function levelOf(matrix: Matrix, dimensionId: string, levelId: string): Level | undefined {
  if (levelId === '') return undefined;
  const dimension = matrix.dimensions.find((d) => d.id === dimensionId);
  if (!dimension || dimension.valueType !== 'ordinal') return undefined;
  return matrix.levels.find((l) => l.scale === dimension.scale && l.id === levelId);
}
