import { SourceIndex } from './anchor/source-index.ts';
import { TABLES } from './schema.ts';
import type { RowLocator } from './table.ts';
import { cellKey, type Anchor, type CellCheck, type Citation, type Matrix, type Problem } from './types.ts';

export interface CitationCheck {
  citation: Citation;
  anchor: Anchor;
}

export interface Coverage {
  cells: number;
  supported: number;
  notInSource: number;
  draft: number;
  flagged: number;
  citations: number;
  found: number;
  ambiguous: number;
  orphaned: number;
}

export interface MatrixCheck {
  /** Citations of each cell (by cellKey), in seq order, with where each anchored. */
  citations: Map<string, CitationCheck[]>;
  /** Evidence status of each cell of the matrix (by cellKey). */
  cells: Map<string, CellCheck>;
  coverage: Coverage;
  /** Problems found by checking citations against the sources (file: citations.csv / cells.csv). */
  problems: Problem[];
}

/** Source indexes by source id; build once per source text and reuse across checks. */
export class SourceIndexCache {
  private readonly byText = new Map<string, SourceIndex>();
  get(text: string): SourceIndex {
    let index = this.byText.get(text);
    if (!index) {
      index = new SourceIndex(text);
      this.byText.set(text, index);
    }
    return index;
  }
}

const sharedCache = new SourceIndexCache();

/** The cache `checkMatrix` uses by default: share it so that a source is indexed once per text. */
export const sharedSourceIndexCache = (): SourceIndexCache => sharedCache;

type At = { line: number; column: number };

/** Anchor one citation in the text of its source (orphaned when that text is not loaded). */
export function anchorCitation(citation: Citation, sourceTexts: ReadonlyMap<string, string>, cache: SourceIndexCache = sharedCache): Anchor {
  const text = sourceTexts.get(citation.source);
  return text === undefined
    ? { status: 'orphaned', reason: `the text of source "${citation.source}" is not available` }
    : cache.get(text).anchor(citation);
}

/** The check problem of a citation that is not found (file citations.csv). */
export function citationProblem(citation: Citation, anchor: Anchor, at: At): Problem {
  return {
    severity: 'error', file: TABLES.citations.file, ...at, field: 'quote',
    message: `citation ${citation.seq} of cell (${citation.dimension}, ${citation.jurisdiction}) is ${anchor.status}: ${anchor.reason ?? ''}`.trim(),
    target: { kind: 'citation', dimension: citation.dimension, jurisdiction: citation.jurisdiction, seq: citation.seq },
  };
}

/** The check problem of a flagged cell (file cells.csv). */
export function flaggedCellProblem(cell: { dimension: string; jurisdiction: string }, reason: string, at: At): Problem {
  return {
    severity: 'error', file: TABLES.cells.file, ...at,
    message: `cell (${cell.dimension}, ${cell.jurisdiction}) is flagged: it ${reason}`,
    target: { kind: 'cell', dimension: cell.dimension, jurisdiction: cell.jurisdiction },
  };
}

/** Why a cell is flagged, or undefined when it is not. */
export function flagReason(status: string, value: string, checks: readonly CitationCheck[]): string | undefined {
  const found = checks.some((c) => c.anchor.status === 'found');
  if (status === 'supported' && value === '') return 'marked supported but has no value';
  if (status === 'not_in_source' && value !== '') return 'marked not in source but has a value';
  if (value !== '' && !found) {
    return checks.length === 0 ? 'has a value but no citation' : 'has a value but none of its citations is found in the source';
  }
  return undefined;
}

/**
 * Check every citation of a matrix against its source text and derive each cell's status.
 * Each source is indexed once (see SourceIndex); quotes are then looked up, not scanned for.
 */
export function checkMatrix(
  matrix: Matrix,
  sourceTexts: ReadonlyMap<string, string>,
  options: { cache?: SourceIndexCache; locations?: WeakMap<object, RowLocator> } = {},
): MatrixCheck {
  const cache = options.cache ?? sharedCache;
  const at = (item: object, column: string) => options.locations?.get(item)?.locate(column) ?? { line: 0, column: 0 };
  const problems: Problem[] = [];
  const citations = new Map<string, CitationCheck[]>();
  const coverage: Coverage = { cells: 0, supported: 0, notInSource: 0, draft: 0, flagged: 0, citations: 0, found: 0, ambiguous: 0, orphaned: 0 };

  const sorted = [...matrix.citations].sort((a, b) => a.seq - b.seq);
  for (const citation of sorted) {
    const anchor = anchorCitation(citation, sourceTexts, cache);
    const key = cellKey(citation.dimension, citation.jurisdiction);
    let list = citations.get(key);
    if (!list) citations.set(key, (list = []));
    list.push({ citation, anchor });
    coverage.citations++;
    coverage[anchor.status]++;
    if (anchor.status !== 'found') problems.push(citationProblem(citation, anchor, at(citation, 'quote')));
  }

  const cells = new Map<string, CellCheck>();
  for (const cell of matrix.cells) {
    const key = cellKey(cell.dimension, cell.jurisdiction);
    if (cells.has(key)) continue;
    const reason = flagReason(cell.status, cell.value, citations.get(key) ?? []);
    const check: CellCheck = reason ? 'flagged' : cell.status;
    cells.set(key, check);
    coverage.cells++;
    if (reason) {
      coverage.flagged++;
      problems.push(flaggedCellProblem(cell, reason, at(cell, 'value')));
    } else if (check === 'supported') coverage.supported++;
    else if (check === 'not_in_source') coverage.notInSource++;
    else coverage.draft++;
  }
  return { citations, cells, coverage, problems };
}
