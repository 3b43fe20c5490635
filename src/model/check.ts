import { SourceIndex } from './anchor/source-index.ts';
import { TABLES } from './schema.ts';
import { anchorAtPosition } from './anchor/position.ts';
import { RowLocations } from './row-locations.ts';
import type { RowLocator } from './table.ts';
import { CellKeys } from './cell-keys.ts';
import { type Anchor, type CellCheck, type Citation, type Matrix, type Problem } from './types.ts';

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

/** The cache `checkMatrix` uses by default: share it so that a source is indexed once per text. */
export const sharedSourceIndexCache = (): SourceIndexCache => sharedCache;

type At = { line: number; column: number };

/** Anchor one citation in the text of its source (orphaned when that text is not loaded). */
export function anchorCitation(citation: Citation, sourceTexts: ReadonlyMap<string, string>, cache: SourceIndexCache = sharedCache): Anchor {
  const text = sourceTexts.get(citation.source);
  if (text === undefined) return { status: 'orphaned', reason: `the text of source "${citation.source}" is not available` };
  // The saved position first: it needs no index of the source (see position.ts).
  return anchorAtPosition(citation, text) ?? cache.get(text).anchor(citation);
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
  const builder = new CheckBuilder(matrix, (citation) => anchorCitation(citation, sourceTexts, cache), options);
  builder.step(Infinity);
  return builder.result();
}

/**
 * `checkMatrix` in steps: citations in file order, then cells, a given number at a time, so
 * that a check whose anchors were computed elsewhere (a worker) can be put together on the
 * main thread in short tasks, even while the citations still arrive (`takeCitations`).
 * `anchorOf(citation, i)` gives the anchor of `matrix.citations[i]`. Each cell's citations
 * are listed in seq order (stably); problems of citations not found are made once every
 * citation is in, when the rows' locations are known.
 */
export class CheckBuilder {
  private readonly citations = new Map<string, CitationCheck[]>();
  private readonly cells = new Map<string, CellCheck>();
  private readonly coverage: Coverage = { cells: 0, supported: 0, notInSource: 0, draft: 0, flagged: 0, citations: 0, found: 0, ambiguous: 0, orphaned: 0 };
  private readonly problems: Problem[] = [];
  private readonly keys: CellKeys;
  /** Citations not found, by index, with their anchors (their problems are made by `listCitations`). */
  private readonly notFound: [number, Anchor][] = [];
  private nextCitation = 0;
  private listed = false;
  private nextCell = 0;

  constructor(
    private readonly matrix: Matrix,
    private readonly anchorOf: (citation: Citation, index: number) => Anchor,
    private readonly options: { locations?: WeakMap<object, RowLocator>; keys?: CellKeys } = {},
  ) {
    this.keys = options.keys ?? new CellKeys();
  }

  /** Where the rows came from (for problems), when known only after the citations started to come in. */
  set locations(locations: WeakMap<object, RowLocator>) {
    this.options.locations = locations;
  }

  private at(item: object, table: 'cells' | 'citations', index: number, column: string): At {
    const { locations } = this.options;
    const row = locations instanceof RowLocations ? locations.rowOf(table, index, item) : locations?.get(item);
    return row?.locate(column) ?? { line: 0, column: 0 };
  }

  /** Take in up to `limit` more of the citations the matrix has so far (more may come). */
  takeCitations(limit = Infinity): number {
    const all = this.matrix.citations;
    const { citations, coverage, notFound } = this;
    const from = this.nextCitation;
    const to = Math.min(all.length, from + limit);
    if (to <= from) return 0;
    // Anchored first, then listed: two passes over a run take about a third less time than
    // one that does both (200,000 citations checked at their positions, in Node).
    const anchors: Anchor[] = new Array(to - from);
    for (let i = from; i < to; i++) anchors[i - from] = this.anchorOf(all[i], i);
    let found = 0;
    // A cell's citations are mostly on consecutive rows: its list is looked up once for them.
    let last: Citation | undefined;
    let list: CitationCheck[] | undefined;
    for (let i = from; i < to; i++) {
      const citation = all[i];
      const anchor = anchors[i - from];
      if (last === undefined || citation.dimension !== last.dimension || citation.jurisdiction !== last.jurisdiction) {
        const key = this.keys.of(citation.dimension, citation.jurisdiction);
        list = citations.get(key);
        if (!list) citations.set(key, (list = []));
      }
      last = citation;
      list!.push({ citation, anchor });
      if (anchor.status === 'found') found++;
      else {
        coverage[anchor.status]++;
        notFound.push([i, anchor]);
      }
    }
    this.nextCitation = to;
    coverage.citations += to - from;
    coverage.found += found;
    return to - from;
  }


  /** Once every citation is in: each cell's list in seq order, and the problems of citations not found. */
  private listCitations(): void {
    const bySeq = (a: CitationCheck, b: CitationCheck) => a.citation.seq - b.citation.seq;
    for (const list of this.citations.values()) {
      for (let k = 1; k < list.length; k++) {
        // Lists read from a canonical file are in seq order already: sorted (stably) only when not.
        if (list[k - 1].citation.seq > list[k].citation.seq) {
          list.sort(bySeq);
          break;
        }
      }
    }
    const all = this.matrix.citations;
    for (const [i, anchor] of this.notFound) this.problems.push(citationProblem(all[i], anchor, this.at(all[i], 'citations', i, 'quote')));
    this.notFound.length = 0;
  }

  /** Check up to `limit` more citations or cells; true when everything is checked. Every citation must be in the matrix. */
  step(limit: number): boolean {
    const { cells: allCells } = this.matrix;
    let budget = limit - this.takeCitations(limit);
    if (budget <= 0 && this.nextCitation < this.matrix.citations.length) return false;
    if (!this.listed) {
      this.listCitations();
      this.listed = true;
    }
    for (; this.nextCell < allCells.length && budget > 0; this.nextCell++, budget--) {
      const cell = allCells[this.nextCell];
      const key = this.keys.of(cell.dimension, cell.jurisdiction);
      if (this.cells.has(key)) continue;
      const reason = flagReason(cell.status, cell.value, this.citations.get(key) ?? []);
      const check: CellCheck = reason ? 'flagged' : cell.status;
      this.cells.set(key, check);
      this.coverage.cells++;
      if (reason) {
        this.coverage.flagged++;
        this.problems.push(flaggedCellProblem(cell, reason, this.at(cell, 'cells', this.nextCell, 'value')));
      } else if (check === 'supported') this.coverage.supported++;
      else if (check === 'not_in_source') this.coverage.notInSource++;
      else this.coverage.draft++;
    }
    return this.nextCell >= allCells.length;
  }

  /** The check (call when `step` has returned true). */
  result(): MatrixCheck {
    return { citations: this.citations, cells: this.cells, coverage: this.coverage, problems: this.problems };
  }
}
