import { SourceIndex } from '../anchor/source-index.ts';
import { isPastLimit, MAX_CITATIONS, NOT_CHECKED } from '../anchor/limits.ts';
import { TABLE_FILES } from '../format/file-names.ts';
import { anchorAtPosition, foundAtPosition } from '../anchor/position.ts';
import { RowLocations } from '../format/row-locations.ts';
import type { RowLocator } from '../format/table.ts';
import { CELL_CHECKS, CellChecks } from './cell-checks.ts';
import { PairIds } from '../collections/pair-ids.ts';
import { AnchorColumns, CitationChecks, type CitationCheck } from './citation-checks.ts';
import { CellsByKey } from '../collections/cells-by-key.ts';
import { CheckProblems, problemEntry } from './check-problems.ts';
import { CodebookLookup, citationCodebookProblem, ownCellCodebookProblems, dimensionCodebookProblem, isCoded, reportedOnlyProblem } from './codebook-rules.ts';
import { CellWarningsAhead } from './cell-warnings-ahead.ts';
import { UnplacedWarnings } from './unplaced-warnings.ts';
import type { LoadedPairs } from '../format/load.ts';
import { entryWords, type Anchor, type Cell, type CellCheck, type Citation, type Matrix, type Problem } from '../types.ts';
import { datasetEngine } from '../dataset/engine-hook.ts';
import type { Dataset } from '../dataset/dataset.ts';
import type { ComputedCheck } from '../dataset/computed-checks.ts';
import { RULE_FAILED_FLAG, RULE_UNCHECKED_FLAG, computedFlag } from '../dataset/computed-words.ts';
import { ruleKey } from '../dataset/load-computed.ts';

export type { CitationCheck } from './citation-checks.ts';
export { CheckProblems, compareProblems, type ProblemCategory } from './check-problems.ts';

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
  /** Citations whose source text is not loaded (not looked for). */
  unchecked: number;
  /** Cells computed from a dataset (a rule in computed.csv), and those whose stored value the data contradicts, whose rule cannot be computed, and that were not computed (dataset not loaded). */
  computed: number;
  computedDiffering: number;
  computedFailed: number;
  computedUnchecked: number;
}

/** An empty coverage. */
export const emptyCoverage = (): Coverage => ({
  cells: 0, supported: 0, notInSource: 0, draft: 0, flagged: 0, citations: 0, found: 0, ambiguous: 0, orphaned: 0, unchecked: 0,
  computed: 0, computedDiffering: 0, computedFailed: 0, computedUnchecked: 0,
});

/** The coverage field counting computed cells of a status (`matches` only in `computed`). */
export const COMPUTED_FIELD = { matches: undefined, differs: 'computedDiffering', failed: 'computedFailed', unchecked: 'computedUnchecked' } as const;

/** Count a computed cell's check in a coverage (`by`: 1 to add, -1 to take away). */
export function countComputed(coverage: Coverage, check: ComputedCheck, by: 1 | -1): void {
  coverage.computed += by;
  const field = COMPUTED_FIELD[check.status];
  if (field) coverage[field] += by;
}

export interface MatrixCheck {
  /** Citations of each cell (by cellKey), in seq order, with where each anchored (lists made on demand: see CitationChecks). */
  citations: Map<string, CitationCheck[]>;
  /** Evidence status of each cell of the matrix (by cellKey). */
  cells: Map<string, CellCheck>;
  coverage: Coverage;
  /**
   * Problems found by checking citations against the sources (file: citations.csv / cells.csv
   * / computed.csv) and the codebook's warnings, in the order found (problems of entries
   * re-checked after an edit come last). Made from `problemSet` when read: views read that instead.
   */
  readonly problems: readonly Problem[];
  /** The same problems kept by the entry or dimension each is about, with their counts and sorted lists (see check-problems.ts). */
  readonly problemSet: CheckProblems;
  /** Each computed cell's rule, computed on its dataset and compared with the cell (by ruleKey; see `computedOf`). */
  computed: ReadonlyMap<string, ComputedCheck>;
}

/** A check from its parts; its `problems` are listed from `problemSet` when asked for. */
export function makeCheck(parts: Omit<MatrixCheck, 'problems'>): MatrixCheck {
  const { citations, cells, coverage, problemSet, computed } = parts;
  return {
    citations, cells, coverage, problemSet, computed,
    get problems() {
      return problemSet.list();
    },
  };
}

const NO_COMPUTED: ReadonlyMap<string, ComputedCheck> = new Map();

/** The computed check of a cell (period 1 unless given), if it has a rule. */
export const computedOf = (check: Pick<MatrixCheck, 'computed'> | undefined, dimension: string, jurisdiction: string, period = 1): ComputedCheck | undefined =>
  check?.computed.size ? check.computed.get(ruleKey({ dimension, jurisdiction, period })) : undefined;

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

  /** Whether the text has been indexed. */
  has(text: string): boolean {
    return this.byText.has(text);
  }

  /** Keep an index built elsewhere (e.g. in a worker, see `SourceIndex.fromParts`) for its text. */
  set(index: SourceIndex): void {
    this.byText.set(index.original, index);
  }
}

const sharedCache = new SourceIndexCache();

const NO_DATASETS: ReadonlyMap<string, Dataset> = new Map();

/** The cache `checkMatrix` uses by default: share it so that a source is indexed once per text. */
export const sharedSourceIndexCache = (): SourceIndexCache => sharedCache;

type At = { line: number; column: number };

/** A row citation's anchor in its dataset; unchecked while no dataset (nor the code reading one) is loaded. */
function rowAnchor(citation: Citation, datasets: ReadonlyMap<string, Dataset> | undefined): Anchor {
  const engine = datasetEngine();
  const dataset = datasets?.get(citation.source);
  if (!engine || !dataset) return { status: 'unchecked', reason: `the dataset of source "${citation.source}" is not available` };
  return engine.anchorRow(citation, dataset);
}

/** The checks of a matrix's computed cells; each unchecked while no dataset (nor the code computing one) is loaded. */
export function computedChecks(matrix: Matrix, datasets: ReadonlyMap<string, Dataset>, locations?: WeakMap<object, RowLocator>): { checks: ReadonlyMap<string, ComputedCheck>; problems: readonly Problem[] } {
  const engine = datasetEngine();
  if (engine) return engine.checkComputed(matrix, engine.contextOf(matrix, datasets, locations));
  const checks = new Map<string, ComputedCheck>();
  for (const rule of matrix.computed ?? []) {
    const key = ruleKey(rule);
    if (!checks.has(key)) checks.set(key, { rule, status: 'unchecked', reason: `${RULE_UNCHECKED_FLAG}: the dataset of source "${rule.source}" is not available` });
  }
  return { checks, problems: [] };
}

/**
 * Anchor one citation in the text of its source (unchecked when that text is not loaded), or,
 * for a citation of a dataset's row, find its row in the dataset (see row-citation.ts).
 */
export function anchorCitation(
  citation: Citation, sourceTexts: ReadonlyMap<string, string>, cache: SourceIndexCache = sharedCache, datasets?: ReadonlyMap<string, Dataset>,
): Anchor {
  if (citation.rowKey) return rowAnchor(citation, datasets);
  const text = sourceTexts.get(citation.source);
  if (text === undefined) return { status: 'unchecked', reason: `the text of source "${citation.source}" is not available` };
  // The saved position first: it needs no index of the source (see position.ts).
  return anchorAtPosition(citation, text) ?? cache.get(text).anchor(citation);
}

/**
 * Whether a citation's status is a problem of its own. An unchecked citation is not: its
 * source's missing text is reported once, for the source (see readSourceTexts), not once per
 * citation that quotes it.
 */
export const isCitationProblem = (status: Anchor['status']): boolean => status === 'ambiguous' || status === 'orphaned';

/** The check problem of a citation that is not found (file citations.csv). */
export function citationProblem(citation: Citation, anchor: Anchor, at: At): Problem {
  return {
    severity: 'error', file: TABLE_FILES.citations, ...at, field: 'quote',
    message: `citation ${citation.seq} of cell ${entryWords(citation)} is ${anchor.status}: ${anchor.reason ?? ''}`.trim(),
    target: { kind: 'citation', dimension: citation.dimension, jurisdiction: citation.jurisdiction, seq: citation.seq, ...(citation.period === 1 ? {} : { period: citation.period }) },
  };
}

/** The check problem of a flagged cell (file cells.csv). */
export function flaggedCellProblem(cell: { dimension: string; jurisdiction: string; period: number }, reason: string, at: At): Problem {
  return {
    severity: 'error', file: TABLE_FILES.cells, ...at,
    message: `cell ${entryWords(cell)} is flagged: it ${reason}`,
    target: { kind: 'cell', dimension: cell.dimension, jurisdiction: cell.jurisdiction, ...(cell.period === 1 ? {} : { period: cell.period }) },
  };
}

/**
 * Why a cell is flagged only because the text of a source it cites is not loaded: it is not
 * known to be unsupported, and is no problem of its own (the missing text is reported once).
 */
export const UNCHECKED_FLAG = 'has a value but its citations cannot be checked: the text of their source is not available';

/**
/**
 * Why a cell is flagged only because its citations are past the limit of citations checked:
 * not known to be unsupported either, and no problem of its own (the limit is reported once,
 * at the first citation past it).
 */
export const PAST_LIMIT_FLAG = `has a value but its citations are not checked: only the first ${MAX_CITATIONS.toLocaleString('en-US')} citations of a matrix are checked`;

/** Why a citation is unchecked: the text of its source is missing, or it is past the limit. */
type Unchecked = 'missing' | 'past-limit' | undefined;

/** Why the first of `anchors` that is unchecked is (a missing text first: the user can add it). */
function uncheckedOf(anchors: Iterable<Anchor | undefined>): Unchecked {
  let why: Unchecked;
  for (const anchor of anchors) {
    if (anchor?.status !== 'unchecked') continue;
    if (!isPastLimit(anchor)) return 'missing';
    why = 'past-limit';
  }
  return why;
}

/**
 * Why a cell is flagged, or undefined when it is not. `computed`: the check of the cell's
 * rule, when it is computed from a dataset: then the data, not the citations, backs its value.
 */
export function flagReason(status: string, value: string, checks: readonly CitationCheck[], computed?: ComputedCheck): string | undefined {
  return flagReasonOf(status, value, checks.length, checks.some((c) => c.anchor.status === 'found'), () => uncheckedOf(checks.map((c) => c.anchor)), computed);
}

/**
 * Whether a flagged cell is a problem of its own (see UNCHECKED_FLAG, PAST_LIMIT_FLAG; a rule
 * that cannot be computed is reported at computed.csv, a dataset that cannot be read at sources.csv).
 */
export const isFlagProblem = (reason: string): boolean =>
  reason !== UNCHECKED_FLAG && reason !== PAST_LIMIT_FLAG && !reason.startsWith(RULE_FAILED_FLAG) && !reason.startsWith(RULE_UNCHECKED_FLAG);

/**
 * `flagReason` from the number of the cell's citations, whether one of them is found and
 * (asked only when needed) why one of them is unchecked.
 */
function flagReasonOf(status: string, value: string, citations: number, found: boolean, unchecked: () => Unchecked, computed?: ComputedCheck): string | undefined {
  if (status === 'supported' && value === '') return 'marked supported but has no value';
  if (status === 'not_in_source' && value !== '') return 'marked not in source but has a value';
  if (computed) return computedFlag(computed);
  if (value !== '' && !found) {
    if (citations === 0) return 'has a value but no citation';
    const why = unchecked();
    return why === 'missing' ? UNCHECKED_FLAG : why === 'past-limit' ? PAST_LIMIT_FLAG : 'has a value but none of its citations is found in the source';
  }
  return undefined;
}

/** Where a field of `item`, at `index` of its table, is, as the check's locations say (0, 0: not known). */
function locateIn(locations: WeakMap<object, RowLocator> | undefined, item: object, table: 'cells' | 'citations', index: number, column: string): At {
  const row = locations instanceof RowLocations ? locations.rowOf(table, index, item) : locations?.get(item);
  return row?.locate(column) ?? { line: 0, column: 0 };
}

/**
 * Check every citation of a matrix against its source text and derive each cell's status.
 * Each source is indexed once (see SourceIndex); quotes are then looked up, not scanned for.
 */
export function checkMatrix(
  matrix: Matrix,
  sourceTexts: ReadonlyMap<string, string>,
  options: { cache?: SourceIndexCache; locations?: WeakMap<object, RowLocator>; pairs?: LoadedPairs; datasets?: ReadonlyMap<string, Dataset> } = {},
): MatrixCheck {
  const cache = options.cache ?? sharedCache;
  const datasets = options.datasets ?? NO_DATASETS;
  // Most citations quote the source of the one before: its text is looked up once for them.
  let lastSource: string | undefined;
  let text: string | undefined;
  const builder = new CheckBuilder(matrix, (citation, i, anchors) => {
    if (citation.source !== lastSource) {
      lastSource = citation.source;
      text = sourceTexts.get(lastSource);
    }
    // Found at its saved position, as most are: two numbers, no anchor object.
    if (i >= MAX_CITATIONS) anchors.set(i, { ...NOT_CHECKED });
    else if (citation.rowKey) anchors.set(i, rowAnchor(citation, datasets));
    else if (text !== undefined && foundAtPosition(citation, text)) anchors.found(i, citation.start!, citation.end!);
    else anchors.set(i, anchorCitation(citation, sourceTexts, cache));
  }, options);
  if (matrix.computed?.length) builder.computed = computedChecks(matrix, datasets, options.locations);
  builder.step(Infinity);
  return builder.result();
}

/**
 * `checkMatrix` in steps: citations in file order, then cells, a given number at a time, so
 * that a check whose anchors were computed elsewhere (a worker) can be put together on the
 * main thread in short tasks, even while the citations still arrive (`takeCitations`).
 * Anchors are kept as columns, and each citation's cell as a group number: each cell's list
 * (in seq order, stably) is made only when it is asked for (see CitationChecks). Problems of
 * citations not found are made once every citation is in, when the rows' locations are known.
 */
export class CheckBuilder {
  private readonly anchors = new AnchorColumns();
  /**
   * Cells told apart by pair id, not by cellKey (see pair-ids.ts): a map of 100,000 keys cost
   * more to fill at every load than checking the quotes. Each citation's pair, the number of
   * citations of each pair, and the pairs with citations in the order of their first one.
   */
  private readonly pairs: PairIds;
  /** The pair ids the load gave the matrix's cells and citations, when it is the matrix as loaded. */
  private readonly loaded: LoadedPairs | undefined;
  private pairOf = new Int32Array(0);
  private counts: Int32Array;
  private readonly groups: number[] = [];
  /** Whether some cell's citations are not on consecutive rows. */
  private scattered = false;
  private citationChecks: CitationChecks | undefined;
  /** The citations by cell, once listed (see CitationChecks). */
  private listed: { start: Int32Array; order: Int32Array | undefined } | undefined;
  /** Each pair's cell status (see CELL_CHECKS), and the checked cells in file order. */
  private cellCodes: Uint8Array;
  private readonly checkedCells: number[] = [];
  /** Each pair's first cell (index in the cells, -1 for none), and whether some pair has more than one. */
  private firstCells: Int32Array;
  private repeatedCells = false;
  private readonly coverage: Coverage = emptyCoverage();
  /** The computed cells' checks (by ruleKey), and those of period 1 by pair id (the cells they are checked with). */
  private computedChecks: ReadonlyMap<string, ComputedCheck> = NO_COMPUTED;
  private computedByPair: Map<number, ComputedCheck> | undefined;
  /** The cells of a period after the first (indexes, file order): the few pairs that have several. */
  private readonly laterCells: number[] = [];
  private readonly problems: Problem[] = [];
  /** The entry (pair id) each problem is about, -1 for a dimension's (see check-problems.ts). */
  private readonly problemGroups: number[] = [];
  /** Citations not found, by index (their problems are made by `listCitations`). */
  private readonly notFound: number[] = [];
  /** Citations that report a claim without saying whose (codebook warnings, made by `listCitations`). */
  private readonly unattributed: number[] = [];
  /** The codebook's look-ups, and the dimensions with a coded cell (see codebook-rules.ts). */
  private readonly codebook: CodebookLookup;
  private readonly codedDimensions = new Set<string>();
  private lastCodedDimension: string | undefined;
  /** The cells' warnings that need no citation, when made ahead (see `warnCellsAhead`). */
  private ahead: CellWarningsAhead | undefined;
  /**
   * The cells' warnings made here, unplaced until read (see unplaced-warnings.ts). Placing one
   * locates a field of a cell as the check's locations say (those it has then: the same as
   * while it checked the cells), with nothing else of the check held.
   */
  private readonly unplaced: UnplacedWarnings;
  private nextCitation = 0;
  private nextCell = 0;

  /**
   * `anchor(citation, i, anchors)` anchors `matrix.citations[i]` into `anchors` (or copies the
   * anchor computed elsewhere, see AnchorColumns). `pairs`: the load's pair ids (see
   * LoadedPairs), used when they are those of this matrix's cells and citations.
   */
  constructor(
    private readonly matrix: Matrix,
    private readonly anchor: (citation: Citation, index: number, anchors: AnchorColumns) => void,
    private readonly options: { locations?: WeakMap<object, RowLocator>; pairs?: LoadedPairs } = {},
  ) {
    const { pairs } = options;
    // Citations taken in past the load's (pushed since) are looked up as without ids.
    this.loaded = pairs && pairs.cells === matrix.cells && pairs.citations === matrix.citations
      && pairs.cellPairs.length === matrix.cells.length ? pairs : undefined;
    this.pairs = this.loaded?.ids ?? new PairIds(matrix.dimensions.map((d) => d.id), matrix.jurisdictions.map((j) => j.id));
    this.counts = new Int32Array(this.pairs.size);
    this.cellCodes = new Uint8Array(this.pairs.size);
    this.firstCells = new Int32Array(this.pairs.size).fill(-1);
    this.codebook = new CodebookLookup(matrix);
    const { cells } = matrix;
    const placing = this.options;
    this.unplaced = new UnplacedWarnings(cells, this.codebook, (index, column) => locateIn(placing.locations, cells[index], 'cells', index, column));
  }

  /**
   * The checks of the matrix's computed cells (set before the cells are checked): their
   * problems join the check's, and each decides its cell's flag.
   */
  set computed(checker: { checks: ReadonlyMap<string, ComputedCheck>; problems: readonly Problem[] }) {
    this.computedChecks = checker.checks;
    // Each about its entry (see check-problems.ts), replaced when an edit re-checks it.
    for (const problem of checker.problems) {
      const key = problemEntry(problem);
      this.note(problem, key === undefined ? -1 : this.pairs.ofKey(key));
    }
    const byPair = new Map<number, ComputedCheck>();
    for (const check of checker.checks.values()) {
      if (check.rule.period !== 1) continue;
      const p = this.pairs.find(check.rule.dimension, check.rule.jurisdiction);
      if (p >= 0) byPair.set(p, check);
    }
    this.computedByPair = byPair.size ? byPair : undefined;
  }

  /** Where the rows came from (for problems), when known only after the citations started to come in. */
  set locations(locations: WeakMap<object, RowLocator>) {
    this.options.locations = locations;
  }

  private at(item: object, table: 'cells' | 'citations', index: number, column: string): At {
    return locateIn(this.options.locations, item, table, index, column);
  }

  /** Room for pair ids numbered since (pairs of ids not listed in the tables). */
  private fitPairs(): void {
    const size = this.pairs.size;
    if (size <= this.counts.length) return;
    const counts = new Int32Array(Math.max(size, this.counts.length * 2));
    counts.set(this.counts);
    this.counts = counts;
    const codes = new Uint8Array(counts.length);
    codes.set(this.cellCodes);
    this.cellCodes = codes;
    const firstCells = new Int32Array(counts.length).fill(-1);
    firstCells.set(this.firstCells);
    this.firstCells = firstCells;
  }

  /** Take in up to `limit` more of the citations the matrix has so far (more may come). */
  takeCitations(limit = Infinity): number {
    const all = this.matrix.citations;
    const { anchors, coverage, notFound, pairs, groups } = this;
    const from = this.nextCitation;
    const to = Math.min(all.length, from + limit);
    if (to <= from) return 0;
    anchors.reserve(to - 1);
    if (this.pairOf.length < to) {
      const grown = new Int32Array(Math.max(to, this.pairOf.length * 2));
      grown.set(this.pairOf);
      this.pairOf = grown;
    }
    // Anchored first, then counted: two passes over a run take less time than one that does
    // both (200,000 citations checked at their positions, in Node).
    for (let i = from; i < to; i++) this.anchor(all[i], i, anchors);
    const pairOf = this.pairOf;
    const loaded = this.loaded?.citationPairs;
    let found = 0;
    // A cell's citations are mostly on consecutive rows: its pair is looked up once for them
    // (or read from the load's: a pair with no cell, -1 there, is numbered here).
    let last: Citation | undefined = from > 0 ? all[from - 1] : undefined;
    let pair = from > 0 ? pairOf[from - 1] : -1;
    for (let i = from; i < to; i++) {
      const citation = all[i];
      const known = loaded !== undefined && i < loaded.length ? loaded[i] : -1;
      if (known >= 0 ? known !== pair : last === undefined || citation.dimension !== last.dimension || citation.jurisdiction !== last.jurisdiction || citation.period !== last.period) {
        const next = known >= 0 ? known : pairs.entry(citation.dimension, citation.jurisdiction, citation.period);
        if (next >= this.counts.length) this.fitPairs();
        if (this.counts[next] === 0) groups.push(next);
        else if (next !== pair) this.scattered = true;
        pair = next;
      }
      last = citation;
      pairOf[i] = pair;
      this.counts[pair]++;
      if (citation.support === 'reports') this.unattributed.push(i);
      if (anchors.status[i] === 0) found++;
      else {
        const { status } = anchors.others.get(i)!;
        coverage[status]++;
        if (isCitationProblem(status)) notFound.push(i);
      }
    }
    this.nextCitation = to;
    coverage.citations += to - from;
    coverage.found += found;
    return to - from;
  }

  /**
   * Once every citation is in: each cell's citations in seq order (in file order when seq
   * ties), and the problems of citations not found.
   */
  private listCitations(): CitationChecks {
    const all = this.matrix.citations;
    const n = this.nextCitation;
    const { pairOf, counts, groups } = this;
    const start = new Int32Array(counts.length);
    let offset = 0;
    for (const p of groups) {
      start[p] = offset;
      offset += counts[p];
    }
    // By cell, in file order within a cell (a counting sort); no order at all when each
    // cell's citations are consecutive rows, as in a file this tool saved.
    let order: Int32Array | undefined;
    if (this.scattered) {
      order = new Int32Array(n);
      const next = start.slice();
      for (let i = 0; i < n; i++) order[next[pairOf[i]]++] = i;
    }
    const at = (k: number) => (order ? order[k] : k);
    for (const p of groups) {
      for (let k = start[p] + 1; k < start[p] + counts[p]; k++) {
        // Lists read from a canonical file are in seq order already: sorted (stably) only when not.
        if (all[at(k - 1)].seq > all[at(k)].seq) {
          order ??= Int32Array.from({ length: n }, (_, i) => i);
          const sorted = Array.from(order.subarray(start[p], start[p] + counts[p])).sort((a, b) => all[a].seq - all[b].seq);
          order.set(sorted, start[p]);
          break;
        }
      }
    }
    this.listed = { start, order };
    const { pairs } = this;
    return new CitationChecks(all, this.anchors, (key) => pairs.ofKey(key), Int32Array.from(groups), start, counts, order);
  }

  /** How many of `notFound`, then of `unattributed`, have their problem made. */
  private citationProblemsMade = 0;

  /**
   * Make the problems of up to `limit` more citations not found, then of citations that report
   * a claim without saying whose (in that order, each in file order); how many were made. In
   * steps, as the cells are checked: a damaged file can have tens of thousands, each located
   * in its file (20,000 took 80–170 ms at once).
   */
  private makeCitationProblems(limit: number): number {
    const all = this.matrix.citations;
    const { notFound, unattributed, pairOf } = this;
    const from = this.citationProblemsMade;
    const to = Math.min(notFound.length + unattributed.length, from + limit);
    for (let k = from; k < to; k++) {
      if (k < notFound.length) {
        const i = notFound[k];
        this.note(citationProblem(all[i], this.anchors.get(i), this.at(all[i], 'citations', i, 'quote')), pairOf[i]);
      } else {
        const i = unattributed[k - notFound.length];
        const problem = citationCodebookProblem(all[i], this.at(all[i], 'citations', i, 'attribution'));
        if (problem) this.note(problem, pairOf[i]);
      }
    }
    this.citationProblemsMade = to;
    return to - from;
  }

  private get citationProblemsPending(): boolean {
    return this.citationProblemsMade < this.notFound.length + this.unattributed.length;
  }

  /** Whether a citation of pair `p` is found (needed only when some anchor is not a plain range). */
  private anyFound(p: number): boolean {
    const { start, order } = this.listed!;
    for (let k = start[p]; k < start[p] + this.counts[p]; k++) if (this.anchors.isFound(order ? order[k] : k)) return true;
    return false;
  }

  /** The citations of pair (entry) `p`, in seq order, with their indexes. */
  private citationsOfPair(p: number): { citation: Citation; index: number }[] {
    const { start, order } = this.listed!;
    const out: { citation: Citation; index: number }[] = [];
    for (let k = start[p]; k < start[p] + this.counts[p]; k++) {
      const index = order ? order[k] : k;
      out.push({ citation: this.matrix.citations[index], index });
    }
    return out;
  }

  /** The codebook warnings of a checked cell (see codebook-rules.ts); most cells break none, and are looked at with no call. */
  private codebookOf(cell: Cell, index: number, p: number): void {
    if (cell.dimension !== this.lastCodedDimension && isCoded(cell)) {
      this.codedDimensions.add(cell.dimension);
      this.lastCodedDimension = cell.dimension;
    }
    const deJure = this.counts[p] > 0 && this.isDeJure(cell.dimension);
    // Made ahead (see warnCellsAhead): then only the rule that reads the citations is left.
    const { ahead } = this;
    if (ahead && index < ahead.made) {
      const from = this.problems.length;
      for (let k = ahead.start(index), end = ahead.end(index); k < end; k++) this.note(ahead.problem(k), p);
      if (ahead.unplaced && this.problems.length > from) this.unplaced.add(index, from, this.problems.length);
      if (deJure) {
        const located = this.citationsOfPair(p);
        const support = reportedOnlyProblem(cell, this.codebook, () => located.map((c) => c.citation), (column, citation) =>
          this.at(citation, 'citations', located.find((c) => c.citation === citation)!.index, column));
        if (support) this.note(support, p);
      }
      return;
    }
    const suspect = deJure || (cell.level !== '' && cell.confidence === '') || cell.relative
      || (cell.status === 'supported' && cell.observed === '' && cell.inForceFrom === '');
    if (!suspect) return;
    // The warnings that need no citation are made unplaced: their line, column and message are
    // filled in when first read (see unplaced-warnings.ts). Then the rule that reads the
    // cell's citations (only a de jure dimension's), placed at once: few cells have it.
    const from = this.problems.length;
    ownCellCodebookProblems(cell, this.codebook, undefined, this.problems);
    const to = this.problems.length;
    if (to > from) {
      for (let k = from; k < to; k++) this.problemGroups.push(p);
      this.unplaced.add(index, from, to);
    }
    if (deJure) {
      const located = this.citationsOfPair(p);
      const support = reportedOnlyProblem(cell, this.codebook, () => located.map((c) => c.citation), (column, citation) =>
        this.at(citation, 'citations', located.find((c) => c.citation === citation)!.index, column));
      if (support) this.note(support, p);
    }
  }

  /** Whether a dimension is coded de jure (cells come dimension by dimension: the last answer is kept). */
  private isDeJure(dimension: string): boolean {
    if (dimension !== this.lastBasisOf) {
      this.lastBasisOf = dimension;
      this.lastDeJure = this.codebook.dimension(dimension)?.basis === 'de_jure';
    }
    return this.lastDeJure;
  }

  private lastBasisOf: string | undefined;
  private lastDeJure = false;

  /**
   * Make the codebook warnings of the cells that need none of their citations ahead of the
   * check, in steps (`step` on what this returns), e.g. while the citations still come in:
   * every cell must be in the matrix. `at(index, column)` must locate a field of cell `index`
   * as the check's locations (`locations`) will; without it the warnings are made unplaced
   * and placed with the check's locations when first read (see unplaced-warnings.ts).
   * Checking a cell takes its warnings from there once they are made (and makes them itself
   * while they are not).
   */
  warnCellsAhead(at?: (index: number, column: string) => At): CellWarningsAhead {
    return (this.ahead = new CellWarningsAhead(this.matrix.cells, this.codebook, at));
  }

  /** The codebook warnings of the dimensions (once every cell is checked). */
  private dimensionsCodebook(): void {
    const { locations } = this.options;
    for (const d of this.matrix.dimensions) {
      const at = locations?.get(d)?.locate('basis') ?? { line: 0, column: 0 };
      const problem = dimensionCodebookProblem(d, this.codedDimensions.has(d.id), at);
      if (problem) this.note(problem, -1);
    }
  }

  /** Keep a problem, about entry (pair id) `group` (-1: a dimension's). */
  private note(problem: Problem, group: number): void {
    this.problems.push(problem);
    this.problemGroups.push(group);
  }

  /** Why a citation of pair `p` is unchecked, if one is (asked only of a cell none of whose citations is found). */
  private anyUnchecked(p: number): Unchecked {
    if (this.coverage.unchecked === 0) return undefined;
    const { start, order } = this.listed!;
    const anchors: (Anchor | undefined)[] = [];
    for (let k = start[p]; k < start[p] + this.counts[p]; k++) anchors.push(this.anchors.others.get(order ? order[k] : k));
    return uncheckedOf(anchors);
  }

  /**
   * Once every citation is in: list each cell's citations (one pass over all of them: about
   * 45 ms for 200,000 on a busy machine), so that a caller checking the cells in short slices
   * (see LoadAssembler) does it in a task of its own rather than in its first slice. `step`
   * does it when it was not done.
   */
  listAllCitations(): void {
    this.takeCitations();
    this.citationChecks ??= this.listCitations();
  }

  /** Check up to `limit` more citations or cells; true when everything is checked. Every citation must be in the matrix. */
  step(limit: number): boolean {
    const { cells: allCells } = this.matrix;
    let budget = limit - this.takeCitations(limit);
    if (budget <= 0 && this.nextCitation < this.matrix.citations.length) return false;
    this.citationChecks ??= this.listCitations();
    budget -= this.makeCitationProblems(budget);
    if (this.citationProblemsPending) return false;
    const { anchors, pairs, coverage } = this;
    for (; this.nextCell < allCells.length && budget > 0; this.nextCell++, budget--) {
      const cell = allCells[this.nextCell];
      const p = this.loaded ? this.loaded.cellPairs[this.nextCell] : pairs.entry(cell.dimension, cell.jurisdiction, cell.period);
      if (p >= this.counts.length) this.fitPairs();
      // A repeated cell: the first is used.
      if (this.cellCodes[p] !== 0) {
        this.repeatedCells = true;
        continue;
      }
      this.firstCells[p] = this.nextCell;
      if (cell.period !== 1) this.laterCells.push(this.nextCell);
      const count = this.counts[p];
      // Most citations are found at a plain range; any other needs its anchor.
      const found = count > 0 && (anchors.others.size === 0 || this.anyFound(p));
      // A cell of a later period (few) finds its rule by key.
      const computed = cell.period === 1 ? this.computedByPair?.get(p) : this.computedChecks.size ? this.computedChecks.get(ruleKey(cell)) : undefined;
      const reason = flagReasonOf(cell.status, cell.value, count, found, () => this.anyUnchecked(p), computed);
      const check: CellCheck = reason ? 'flagged' : cell.status;
      this.cellCodes[p] = CELL_CHECKS.indexOf(check) + 1;
      this.checkedCells.push(this.nextCell);
      this.codebookOf(cell, this.nextCell, p);
      coverage.cells++;
      if (computed) countComputed(coverage, computed, 1);
      if (reason) {
        coverage.flagged++;
        if (isFlagProblem(reason)) this.note(flaggedCellProblem(cell, reason, this.at(cell, 'cells', this.nextCell, 'value')), p);
      } else if (check === 'supported') coverage.supported++;
      else if (check === 'not_in_source') coverage.notInSource++;
      else coverage.draft++;
    }
    if (this.nextCell < allCells.length) return false;
    // Every cell has taken its warnings made ahead: the lists of them are not kept.
    this.ahead = undefined;
    if (!this.dimensionsDone) {
      this.dimensionsDone = true;
      this.dimensionsCodebook();
    }
    return true;
  }

  private dimensionsDone = false;

  private checked: Int32Array | undefined;

  /** The checked cells (indexes, file order) as the check's and the look-up's maps share them (once every cell is checked). */
  private checkedOrder(): Int32Array {
    return (this.checked ??= Int32Array.from(this.checkedCells));
  }

  /**
   * The first cell of each pair by cellKey, and whether some pair has more than one: the
   * store's look-up of cells (see matrix-index.ts), from what checking the cells found out
   * (call when `step` has returned true).
   */
  cellsByKey(): { cells: ReadonlyMap<string, Cell>; duplicate: boolean; later: readonly Cell[] } {
    const { pairs } = this;
    return {
      cells: new CellsByKey(this.matrix.cells, (key) => pairs.ofKey(key), this.firstCells, this.checkedOrder()),
      duplicate: this.repeatedCells,
      later: this.laterCells.map((i) => this.matrix.cells[i]),
    };
  }

  /** The check (call when `step` has returned true). */
  result(): MatrixCheck {
    const { pairs } = this;
    const cells = new CellChecks(this.matrix.cells, (key) => pairs.ofKey(key), this.cellCodes, this.checkedOrder());
    const citations = (this.citationChecks ??= this.listCitations());
    this.makeCitationProblems(Infinity);
    const problemSet = CheckProblems.from({ list: this.problems, groups: this.problemGroups, entryId: (key) => pairs.ofKey(key), unplaced: this.unplaced.size ? this.unplaced.of(this.problems) : undefined });
    return makeCheck({ citations, cells, coverage: this.coverage, problemSet, computed: this.computedChecks });
  }
}
