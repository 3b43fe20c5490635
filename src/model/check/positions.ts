import { anchorCitation, type SourceIndexCache } from './check.ts';
import type { Matrix } from '../types.ts';

/**
 * The matrix with each citation's position (start, end) set to where its quote is found now,
 * for a save that should carry fresh positions (an export, `policy-matrix format`). A citation
 * whose quote is not found, or whose source text is not loaded, keeps the position it was
 * read with. Unchanged citations stay the same objects; the matrix itself when none changed.
 */
export function withFoundPositions(matrix: Matrix, sourceTexts: ReadonlyMap<string, string>, cache?: SourceIndexCache): Matrix {
  let changed = false;
  const citations = matrix.citations.map((citation) => {
    if (!sourceTexts.has(citation.source)) return citation;
    const { status, range } = anchorCitation(citation, sourceTexts, cache);
    if (status !== 'found' || !range || (range.start === citation.start && range.end === citation.end)) return citation;
    changed = true;
    return { ...citation, start: range.start, end: range.end };
  });
  return changed ? { ...matrix, citations } : matrix;
}
