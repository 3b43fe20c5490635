import { loadMatrix } from '../format/load.ts';
import type { MatrixBundle } from '../format/read.ts';
import { saveMatrix } from '../format/save.ts';
import type { Matrix } from '../types.ts';

/**
 * A new matrix as a loaded bundle, ready for the store: its canonical files loaded back (so it
 * is exactly what an export or a draft holds, and every row has its place in the files for
 * later problems), with the texts of the sources it kept.
 */
export function newMatrixBundle(matrix: Matrix, sourceTexts: ReadonlyMap<string, string> = new Map()): MatrixBundle {
  const loaded = loadMatrix(matrix.name, saveMatrix(matrix));
  const texts = new Map<string, string>();
  for (const s of loaded.matrix.sources) {
    const text = sourceTexts.get(s.id);
    if (text !== undefined) texts.set(s.id, text);
  }
  return { ...loaded, sourceTexts: texts };
}
