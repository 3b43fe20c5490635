/**
 * The codebook's rules (docs/format.md, "Codebook rules"): warnings, in the `codebook`
 * category, where a cell is coded against what its dimension's codebook asks. Shared by the
 * check of a whole matrix (check.ts) and the re-check of what an edit touched (recheck.ts).
 *
 * - a cell of a de jure dimension whose only support is `reports` (someone's claim);
 * - a level that needs an absolute statement, on a cell graded only by comparison (`relative`);
 * - a cell with a level and no confidence;
 * - a supported cell with no date (neither `observed` nor `in_force_from`);
 * - a dimension with coded cells and no basis;
 * - a citation that reports a claim without saying whose (`attribution`).
 */
import { TABLE_FILES } from '../format/file-names.ts';
import { entryWords, type Cell, type Citation, type Dimension, type Level, type Matrix, type Problem } from '../types.ts';

type At = { line: number; column: number };

const CATEGORY = 'codebook' as const;

const periodPart = (period: number) => (period === 1 ? {} : { period });

/** Whether a cell is coded: it has a value or a level (a cell not in source is not). */
export const isCoded = (cell: Cell): boolean => cell.status !== 'not_in_source' && (cell.value !== '' || cell.level !== '');

/** Dimensions and levels by id, for the rules. */
export class CodebookLookup {
  private readonly dimensions = new Map<string, Dimension>();
  private readonly levels = new Map<string, Level>();

  constructor(matrix: Pick<Matrix, 'dimensions' | 'levels'>) {
    for (const d of matrix.dimensions) if (!this.dimensions.has(d.id)) this.dimensions.set(d.id, d);
    for (const l of matrix.levels) {
      const key = `${l.scale}\u0000${l.id}`;
      if (!this.levels.has(key)) this.levels.set(key, l);
    }
  }

  dimension(id: string): Dimension | undefined {
    return this.dimensions.get(id);
  }

  /** The level a cell names on its dimension's scale. */
  levelOf(cell: Cell, dimension: Dimension | undefined): Level | undefined {
    return dimension && cell.level !== '' ? this.levels.get(`${dimension.scale}\u0000${cell.level}`) : undefined;
  }
}

/**
 * The codebook warnings of one cell (one entry of a pair). `citations`: the entry's citations
 * (asked for only when its dimension is de jure); `at(file, column)`: where to point.
 */
export function cellCodebookProblems(
  cell: Cell, lookup: CodebookLookup, citations: () => readonly Citation[], at: (table: 'cells' | 'citations', column: string, citation?: Citation) => At,
): Problem[] {
  const out = ownCellCodebookProblems(cell, lookup, (column) => at('cells', column));
  const support = reportedOnlyProblem(cell, lookup, citations, (column, citation) => at('citations', column, citation));
  if (support) out.push(support);
  return out;
}

const cellTarget = (cell: Cell) => ({ kind: 'cell', dimension: cell.dimension, jurisdiction: cell.jurisdiction, ...periodPart(cell.period) }) as const;

/** Where an unplaced warning points until it is placed (see `ownCellCodebookProblems`). */
const UNPLACED: At = { line: 0, column: 0 };

/**
 * The warnings of `cellCodebookProblems` that need none of the cell's citations (a level
 * without confidence, a supported cell without a date, a relative grading where the level
 * needs an absolute statement), in its order, added to `out`; `at(column)`: where in cells.csv to point.
 *
 * Without `at`, the warnings are made unplaced: line and column 0, no message and no
 * target, to be filled in by `placeCellWarning` before anyone reads them (see
 * unplaced-warnings.ts). A matrix coded before the codebook has 112,382 of them in the bench's
 * largest matrix, and most loads never show one: locating each in its file and wording it
 * cost more than the rules.
 */
export function ownCellCodebookProblems(cell: Cell, lookup: CodebookLookup, at: ((column: string) => At) | undefined, out: Problem[] = []): Problem[] {
  // Most cells break none of the rules: their name and target are made only for a warning.
  let name: string | undefined;
  let target: ReturnType<typeof cellTarget> | undefined;
  // (Fields set one by one, not spread from `at`: two warnings for each of 100,000 cells.)
  const warn = (column: string, message: string) => {
    const { line, column: col } = at ? at(column) : UNPLACED;
    out.push({ severity: 'warning', category: CATEGORY, file: TABLE_FILES.cells, line, column: col, field: column, message, target: at ? (target ??= cellTarget(cell)) : undefined });
  };
  if (cell.level !== '' && cell.confidence === '') {
    if (at) name ??= entryWords(cell);
    warn('confidence', at ? `cell ${name} has a level but no confidence: say how sure the coding is (high, medium or low)` : '');
  }
  if (cell.status === 'supported' && cell.observed === '' && cell.inForceFrom === '') {
    if (at) name ??= entryWords(cell);
    warn('observed', at ? `supported cell ${name} has no date: give the date the source describes (observed) or when the policy began to apply (in_force_from)` : '');
  }
  if (cell.relative) {
    const level = lookup.levelOf(cell, lookup.dimension(cell.dimension));
    if (level?.needsAbsolute) {
      if (at) name ??= entryWords(cell);
      warn('relative', at ? `cell ${name} is graded only by comparison (relative), but its level "${level.label || level.id}" needs an absolute statement in the source` : '');
    }
  }
  return out;
}

/**
 * Fill in a warning made unplaced by `ownCellCodebookProblems` (without `at`) for `cell`: its
 * line, column, message and target, as a warning made placed would have them. Each rule's warning has
 * a field of its own, so the one of `problem` is told by its field.
 */
export function placeCellWarning(problem: Problem, cell: Cell, lookup: CodebookLookup, at: (column: string) => At): void {
  const placed = ownCellCodebookProblems(cell, lookup, (column) => (column === problem.field ? at(column) : UNPLACED)).find((p) => p.field === problem.field);
  if (!placed) return;
  problem.line = placed.line;
  problem.column = placed.column;
  problem.message = placed.message;
  problem.target = placed.target;
}

/**
 * The warning of `cellCodebookProblems` about a cell of a de jure dimension whose only
 * support is reported claims, or undefined; `at(column, citation)`: where in citations.csv to point.
 */
export function reportedOnlyProblem(cell: Cell, lookup: CodebookLookup, citations: () => readonly Citation[], at: (column: string, citation: Citation) => At): Problem | undefined {
  const dimension = lookup.dimension(cell.dimension);
  if (dimension?.basis !== 'de_jure' || !isCoded(cell)) return undefined;
  const list = citations();
  if (list.length === 0 || !list.every((c) => c.support === 'reports')) return undefined;
  const { line, column } = at('support', list[0]);
  return {
    severity: 'warning', category: CATEGORY, file: TABLE_FILES.citations, line, column, field: 'support',
    message: `cell ${entryWords(cell)} of de jure dimension "${dimension.label || dimension.id}" rests only on reported claims (support: reports): cite what the law or agreement says, or code the dimension de facto`,
    target: cellTarget(cell),
  };
}

/** The codebook warning of a citation that reports a claim without saying whose, or undefined. */
export function citationCodebookProblem(citation: Citation, at: At): Problem | undefined {
  if (citation.support !== 'reports' || citation.attribution.trim() !== '') return undefined;
  return {
    severity: 'warning', category: CATEGORY, file: TABLE_FILES.citations, ...at, field: 'attribution',
    message: `citation ${citation.seq} of cell ${entryWords(citation)} reports a claim but does not say whose (attribution): a briefing shows it as "according to …"`,
    target: { kind: 'citation', dimension: citation.dimension, jurisdiction: citation.jurisdiction, seq: citation.seq, ...periodPart(citation.period) },
  };
}

/** The codebook warning of a dimension with coded cells and no basis, or undefined. */
export function dimensionCodebookProblem(dimension: Dimension, hasCodedCells: boolean, at: At): Problem | undefined {
  if (!hasCodedCells || dimension.basis !== '') return undefined;
  return {
    severity: 'warning', category: CATEGORY, file: TABLE_FILES.dimensions, ...at, field: 'basis',
    message: `dimension "${dimension.label || dimension.id}" has coded cells but no coding basis: say whether it is coded de jure (what law or agreement says) or de facto (observed practice)`,
    target: { kind: 'dimension', id: dimension.id },
  };
}

/** Whether a problem is one of the codebook's. */
export const isCodebookProblem = (p: Problem): boolean => p.category === CATEGORY;
