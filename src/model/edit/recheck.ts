/**
 * Bring a matrix check up to date after a patch, re-checking only what the patch touched:
 * the cells it changed and the citations of those cells. A citation whose quote, prefix,
 * suffix and source did not change keeps its anchor; only new or changed citations are
 * anchored again (with the shared SourceIndex cache, so no source is indexed twice).
 *
 * The result equals `checkMatrix` on the patched matrix (same statuses, anchors, coverage and
 * problems; problems of re-checked cells come last and carry no file line, since their rows
 * are no longer the ones read from the file). Cost: O(cells and citations touched): the
 * problems are kept by entry (see check-problems.ts), and only those of the entries and
 * dimensions touched are replaced.
 */
import {
  anchorCitation, citationProblem, countComputed, flagReason, flaggedCellProblem, isCitationProblem, isFlagProblem, makeCheck, sharedSourceIndexCache,
  type CitationCheck, type Coverage, type MatrixCheck, type SourceIndexCache,
} from '../check/check.ts';
import type { ComputedCheck, ComputedContext } from '../dataset/computed-checks.ts';
import { RULE_UNCHECKED_FLAG } from '../dataset/computed-words.ts';
import { datasetEngine } from '../dataset/engine-hook.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { ruleKey } from '../dataset/load-computed.ts';
import {
  CodebookLookup, cellCodebookProblems, citationCodebookProblem, dimensionCodebookProblem, isCodebookProblem, isCoded,
} from '../check/codebook-rules.ts';
import type { RowLocator } from '../format/table.ts';
import { cellKey, entryKey, entryKeyOf, type Anchor, type Cell, type CellCheck, type Citation, type ComputedRule, type Problem } from '../types.ts';
import { LayeredMap } from '../collections/layered-map.ts';
import type { MatrixIndex } from './matrix-index.ts';
import { touched, type MatrixPatch } from './patch.ts';

export interface RecheckOptions {
  sourceTexts: ReadonlyMap<string, string>;
  cache?: SourceIndexCache;
  locations?: WeakMap<object, RowLocator>;
  /** The datasets (row citations and computed cells are checked against them). */
  datasets?: ReadonlyMap<string, Dataset>;
  /** The patched matrix's rules of computed cells. */
  computed?: readonly ComputedRule[];
  /**
   * Sources whose text the patch changed (a source added, a new version), with the patched
   * matrix's citations: every citation of those sources is anchored again.
   */
  textsChanged?: { readonly sources: ReadonlySet<string>; readonly citations: readonly Citation[] };
}

const sameTarget = (a: Citation, b: Citation) =>
  a.source === b.source && a.quote === b.quote && a.prefix === b.prefix && a.suffix === b.suffix && (a.rowKey ?? '') === (b.rowKey ?? '');

/** Entry keys (`entryKey`: `cellKey` for period 1) of the cells a patch touches, directly or through their citations. */
export function patchKeys(patch: MatrixPatch): Set<string> {
  const keys = new Set<string>();
  for (const side of [touched(patch.cells), touched(patch.citations), touched(patch.computed)]) {
    for (const item of [...side.before, ...side.after]) keys.add(entryKeyOf(item));
  }
  return keys;
}

/** The entries of a dimension, as the index holds them. */
function* entriesOfDimension(index: MatrixIndex, dimension: string): Generator<Cell> {
  for (const j of index.jurisdictions.keys()) {
    const pair = cellKey(dimension, j);
    const periods = index.periods.get(pair);
    if (periods) yield* periods;
    else {
      const cell = index.cells.get(pair);
      if (cell) yield cell;
    }
  }
}

/**
 * What a patch changes in the codebook's warnings beyond the entries it touches: entries whose
 * dimension's codebook or level changed (their cell warnings are made again), and dimensions
 * whose own warning may change.
 */
function codebookScope(patch: MatrixPatch, index: MatrixIndex, keys: ReadonlySet<string>): { entries: Set<string>; dimensions: Set<string> } {
  const entries = new Set(keys);
  const dimensions = new Set<string>();
  for (const key of keys) dimensions.add(key.slice(0, key.indexOf('\u0000')));
  const dims = touched(patch.dimensions);
  for (const d of [...dims.before, ...dims.after]) {
    dimensions.add(d.id);
    for (const cell of entriesOfDimension(index, d.id)) entries.add(entryKeyOf(cell));
  }
  const levels = touched(patch.levels);
  for (const level of [...levels.before, ...levels.after]) {
    for (const d of index.dimensions.values()) {
      if (d.scale !== level.scale) continue;
      for (const cell of entriesOfDimension(index, d.id)) if (cell.level === level.id) entries.add(entryKeyOf(cell));
    }
  }
  return { entries, dimensions };
}

const CHECK_FIELD: Record<CellCheck, keyof Coverage> = { supported: 'supported', not_in_source: 'notInSource', draft: 'draft', flagged: 'flagged' };

/** The check of the patched matrix, from the check before it. `index` is the index of the patched matrix. */
export function recheck(check: MatrixCheck, patch: MatrixPatch, index: MatrixIndex, options: RecheckOptions): { check: MatrixCheck; keys: Set<string> } {
  const keys = patchKeys(patch);
  const changedSources = options.textsChanged?.sources ?? new Set<string>();
  if (changedSources.size) {
    for (const c of options.textsChanged!.citations) if (changedSources.has(c.source)) keys.add(entryKeyOf(c));
  }
  if (keys.size === 0 && !patch.dimensions && !patch.levels) return { check, keys };
  const cache = options.cache ?? sharedSourceIndexCache();
  const at = (item: object, column: string) => options.locations?.get(item)?.locate(column) ?? { line: 0, column: 0 };
  const cit = touched(patch.citations);
  const removed = new Set(cit.before);
  // A replaced citation that still points at the same passage keeps its anchor.
  const kept = new Map<Citation, Anchor>();
  for (const [from, to] of patch.citations?.replace ?? []) {
    const old = check.citations.get(entryKeyOf(from))?.find((c) => c.citation === from);
    if (old && sameTarget(from, to) && !changedSources.has(to.source)) kept.set(to, old.anchor);
  }
  const addedByKey = new Map<string, Citation[]>();
  for (const c of cit.after) {
    const key = entryKeyOf(c);
    addedByKey.set(key, [...(addedByKey.get(key) ?? []), c]);
  }

  const coverage: Coverage = { ...check.coverage };
  const citationChanges = new Map<string, CitationCheck[] | undefined>();
  const cellChanges: [string, CellCheck | undefined][] = [];
  const computedChanges: [string, ComputedCheck | undefined][] = [];
  /** The problems of each entry re-checked, all of them (those of other entries are kept as they are). */
  const entryProblems = new Map<string, Problem[]>();
  // The rules of the entries touched (by entry key), computed again.
  const rules = new Map<string, ComputedRule>();
  for (const rule of options.computed ?? []) {
    const key = entryKeyOf(rule);
    if (keys.has(key) && !rules.has(key)) rules.set(key, rule);
  }
  const context: ComputedContext = {
    dimensions: index.dimensions, scales: index.scales, cellOf: (d, j, period) => index.cells.get(entryKey(d, j, period)),
    datasets: options.datasets ?? new Map(), locations: options.locations,
  };
  for (const key of keys) {
    const problems: Problem[] = [];
    entryProblems.set(key, problems);
    const oldList = check.citations.get(key) ?? [];
    for (const c of oldList) {
      coverage.citations--;
      coverage[c.anchor.status]--;
    }
    const list: CitationCheck[] = oldList
      .filter((c) => !removed.has(c.citation))
      .map((c) => (changedSources.has(c.citation.source) ? { citation: c.citation, anchor: anchorCitation(c.citation, options.sourceTexts, cache, options.datasets) } : c));
    for (const citation of addedByKey.get(key) ?? []) {
      list.push({ citation, anchor: kept.get(citation) ?? anchorCitation(citation, options.sourceTexts, cache, options.datasets) });
    }
    list.sort((a, b) => a.citation.seq - b.citation.seq);
    for (const c of list) {
      coverage.citations++;
      coverage[c.anchor.status]++;
      if (isCitationProblem(c.anchor.status)) problems.push(citationProblem(c.citation, c.anchor, at(c.citation, 'quote')));
      const unattributed = citationCodebookProblem(c.citation, at(c.citation, 'attribution'));
      if (unattributed) problems.push(unattributed);
    }
    citationChanges.set(key, list.length ? list : undefined);

    const oldCheck = check.cells.get(key);
    const [d, j, period] = key.split('\u0000');
    const computedKey = ruleKey({ dimension: d, jurisdiction: j, period: period === undefined ? 1 : Number(period) });
    const oldComputed = check.computed.get(computedKey);
    if (oldCheck !== undefined) {
      coverage.cells--;
      coverage[CHECK_FIELD[oldCheck]]--;
      if (oldComputed) countComputed(coverage, oldComputed, -1);
    }
    const rule = rules.get(key);
    // Without the dataset code (no dataset loaded), a rule is unchecked, as at load.
    const engine = datasetEngine();
    const computed: ComputedCheck | undefined = !rule
      ? undefined
      : engine
        ? engine.checkRule(rule, context)
        : { rule, status: 'unchecked', reason: `${RULE_UNCHECKED_FLAG}: the dataset of source "${rule.source}" is not available` };
    if (computed || oldComputed) computedChanges.push([computedKey, computed]);
    if (engine && computed?.status === 'failed' && computed.result && !computed.result.ok) {
      const field = computed.result.field;
      problems.push(engine.ruleProblem(computed, options.locations?.get(computed.rule)?.locate(field) ?? { line: 0, column: 0 }, field));
    }
    const cell = index.cells.get(key);
    if (!cell) {
      cellChanges.push([key, undefined]);
      continue;
    }
    const reason = flagReason(cell.status, cell.value, list, computed);
    const cellCheck: CellCheck = reason ? 'flagged' : cell.status;
    coverage.cells++;
    coverage[CHECK_FIELD[cellCheck]]++;
    if (computed) countComputed(coverage, computed, 1);
    if (reason && isFlagProblem(reason)) problems.push(flaggedCellProblem(cell, reason, at(cell, 'value')));
    cellChanges.push([key, cellCheck]);
  }

  // The codebook's warnings of the entries touched, and of those whose codebook changed
  // (their other problems are kept).
  const scope = codebookScope(patch, index, keys);
  const lookup = new CodebookLookup({ dimensions: [...index.dimensions.values()], levels: [...index.scales.values()].flat() });
  const citationsNow = (key: string): readonly Citation[] =>
    (citationChanges.has(key) ? citationChanges.get(key) ?? [] : check.citations.get(key) ?? []).map((c) => c.citation);
  for (const key of scope.entries) {
    let problems = entryProblems.get(key);
    if (!problems) {
      problems = check.problemSet.ofEntry(key).filter((p) => !isCodebookProblem(p));
      entryProblems.set(key, problems);
    }
    const cell = index.cells.get(key);
    if (!cell) continue;
    const list = citationsNow(key);
    problems.push(...cellCodebookProblems(cell, lookup, () => list, (table, column, citation) => at(table === 'cells' ? cell : citation!, column)));
  }
  const dimensionProblems: [string, Problem[]][] = [];
  for (const id of scope.dimensions) {
    const d = index.dimensions.get(id);
    let coded = false;
    if (d) for (const cell of entriesOfDimension(index, id)) if ((coded = isCoded(cell))) break;
    const problem = d && dimensionCodebookProblem(d, coded, at(d, 'basis'));
    dimensionProblems.push([id, problem ? [problem] : []]);
  }

  return {
    keys,
    check: makeCheck({
      citations: keys.size ? LayeredMap.from(check.citations).with(citationChanges) : check.citations,
      cells: keys.size ? LayeredMap.from(check.cells).with(cellChanges) : check.cells,
      computed: computedChanges.length ? LayeredMap.from(check.computed).with(computedChanges) : check.computed,
      coverage,
      problemSet: check.problemSet.replace(entryProblems, dimensionProblems),
    }),
  };
}
