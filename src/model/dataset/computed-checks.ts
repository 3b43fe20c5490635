/**
 * Checking a matrix's computed cells: each rule of computed.csv is computed on its dataset
 * and the result compared with the cell's stored value and level —
 *
 * - `matches`: the stored value (and level) is what the data gives: the cell is backed by the
 *   rows that decide it (derived from the rule, never written to citations.csv);
 * - `differs`: the data gives another value (a new release of the dataset, an edited value):
 *   the cell is flagged, and an error names the cell, the stored and the computed value;
 * - `failed`: the rule cannot be computed on this data (a column or entity that is not there,
 *   values in no category): an error at the rule's row of computed.csv;
 * - `unchecked`: the dataset is not loaded (that is one problem, for the source), or the rule
 *   is past a limit (limits.ts).
 *
 * Rules are computed in steps (`ComputedChecker.step`), so that a load on the page can put
 * them together in short tasks.
 */
import type { RowLocator } from '../format/table.ts';
import { TABLES } from '../format/schema.ts';
import { entryKey, entryKeyOf, type Cell, type ComputedRule, type Dimension, type Level, type Matrix, type Problem } from '../types.ts';
import { computeRule, sameValue, type RuleResult, type RuleResultOk } from './compute.ts';
import type { Dataset } from './dataset.ts';
import { MAX_COMPUTED_RULES, MAX_RULE_WORK } from './limits.ts';
import { computedTarget, ruleKey } from './load-computed.ts';
import { compileRule, type CompiledRule } from './rule.ts';
import { RULE_FAILED_FLAG, RULE_UNCHECKED_FLAG, valueWords } from './computed-words.ts';

export type ComputedStatus = 'matches' | 'differs' | 'failed' | 'unchecked';

export const COMPUTED_STATUSES: readonly ComputedStatus[] = ['matches', 'differs', 'failed', 'unchecked'];

export interface ComputedCheck {
  rule: ComputedRule;
  /** The rule as read (undefined when it cannot be read). */
  compiled?: CompiledRule;
  /** The result on the dataset, when computed (ok, or why not). */
  result?: RuleResult;
  status: ComputedStatus;
  /** Why the status is not `matches`, in words. */
  reason?: string;
}

export { RULE_FAILED_FLAG, RULE_UNCHECKED_FLAG, computedFlag, valueWords } from './computed-words.ts';

export interface ComputedContext {
  dimensions: ReadonlyMap<string, Dimension>;
  scales: ReadonlyMap<string, readonly Level[]>;
  /** The cell of an entry (the first row of cells.csv for the pair and period). */
  cellOf(dimension: string, jurisdiction: string, period: number): Cell | undefined;
  datasets: ReadonlyMap<string, Dataset>;
  locations?: WeakMap<object, RowLocator>;
}

/** Check one rule against its cell (`budget`: rows the rule may still read; see MAX_RULE_WORK). */
export function checkRule(rule: ComputedRule, ctx: ComputedContext, budget = Infinity): ComputedCheck {
  const problems: { field: string; message: string }[] = [];
  const compiled = compileRule(rule, problems);
  if (problems.length) return { rule, status: 'failed', reason: `${RULE_FAILED_FLAG}: ${problems[0].message}` };
  const dataset = ctx.datasets.get(rule.source);
  if (!dataset) return { rule, compiled, status: 'unchecked', reason: `${RULE_UNCHECKED_FLAG}: the dataset of source "${rule.source}" is not available` };
  if (budget <= 0) return { rule, compiled, status: 'unchecked', reason: `${RULE_UNCHECKED_FLAG}: not computed, the matrix's rules read more than ${MAX_RULE_WORK.toLocaleString('en-US')} rows in all` };
  const dimension = ctx.dimensions.get(rule.dimension);
  const scale = dimension ? (ctx.scales.get(dimension.scale) ?? []) : [];
  const result = computeRule(compiled, dataset, dimension, scale);
  if (!result.ok) return { rule, compiled, result, status: 'failed', reason: `${RULE_FAILED_FLAG}: ${result.message}` };
  const cell = ctx.cellOf(rule.dimension, rule.jurisdiction, rule.period);
  if (!cell) return { rule, compiled, result, status: 'failed', reason: `${RULE_FAILED_FLAG}: the cell has no row in cells.csv` };
  if (!storedMatches(cell, dimension, result)) {
    return {
      rule, compiled, result, status: 'differs',
      reason: `has the value ${valueWords(cell.value, cell.level)}, but its rule computes ${valueWords(result.value.value, result.value.level)} from dataset "${rule.source}"`,
    };
  }
  return { rule, compiled, result, status: 'matches' };
}

/** Whether a cell stores what a rule computed. */
export function storedMatches(cell: Pick<Cell, 'value' | 'level'>, dimension: Dimension | undefined, result: RuleResultOk): boolean {
  return sameValue(dimension ?? { valueType: 'text' }, cell.value, result.value.value) && cell.level === result.value.level;
}

/** The problem of a rule that cannot be computed on its data (file computed.csv, at the field at fault). */
export function ruleProblem(check: ComputedCheck, at: { line: number; column: number }, field: string): Problem {
  return {
    severity: 'error', file: TABLES.computed.file, ...at, field,
    message: `rule of cell (${check.rule.dimension}, ${check.rule.jurisdiction})${check.rule.period !== 1 ? ` period ${check.rule.period}` : ''} cannot be computed: ${check.result && !check.result.ok ? check.result.message : (check.reason ?? '')}`,
    target: computedTarget(check.rule),
  };
}

/** The checks of every rule, by ruleKey; in steps (see `step`). */
export class ComputedChecker {
  private next = 0;
  private work = 0;
  readonly checks = new Map<string, ComputedCheck>();
  readonly problems: Problem[] = [];

  constructor(private readonly rules: readonly ComputedRule[], private readonly ctx: ComputedContext) {}

  /** Compute up to `limit` more rules; true when every rule is checked. */
  step(limit = Infinity): boolean {
    const { rules, ctx } = this;
    for (let n = 0; this.next < rules.length && n < limit; n++, this.next++) {
      const rule = rules[this.next];
      const key = ruleKey(rule);
      // A repeated rule: the first is used (the repeat is reported by the load).
      if (this.checks.has(key)) continue;
      if (this.next >= MAX_COMPUTED_RULES) {
        this.checks.set(key, { rule, status: 'unchecked', reason: `${RULE_UNCHECKED_FLAG}: not computed, only the first ${MAX_COMPUTED_RULES.toLocaleString('en-US')} rules of a matrix are` });
        continue;
      }
      const check = checkRule(rule, ctx, MAX_RULE_WORK - this.work);
      this.work += check.result?.work ?? 0;
      this.checks.set(key, check);
      if (check.status === 'failed' && check.result && !check.result.ok) {
        const field = check.result.field;
        const at = ctx.locations?.get(rule)?.locate(field) ?? { line: 0, column: 0 };
        this.problems.push(ruleProblem(check, at, field));
      }
    }
    return this.next >= rules.length;
  }
}

/** The checks of every rule of a matrix at once. */
export function checkComputed(matrix: Matrix, ctx: ComputedContext): ComputedChecker {
  const checker = new ComputedChecker(matrix.computed ?? [], ctx);
  checker.step();
  return checker;
}

/** A context from a matrix alone (its first cell of each pair, its dimensions and scales). */
export function contextOf(matrix: Matrix, datasets: ReadonlyMap<string, Dataset>, locations?: WeakMap<object, RowLocator>): ComputedContext {
  const dimensions = new Map<string, Dimension>();
  for (const d of matrix.dimensions) if (!dimensions.has(d.id)) dimensions.set(d.id, d);
  const scales = new Map<string, Level[]>();
  for (const l of [...matrix.levels].sort((a, b) => a.rank - b.rank)) {
    const list = scales.get(l.scale);
    if (list) list.push(l);
    else scales.set(l.scale, [l]);
  }
  // Only the cells that have a rule are looked up.
  const wanted = new Set((matrix.computed ?? []).map(entryKeyOf));
  const cells = new Map<string, Cell>();
  if (wanted.size) {
    for (const c of matrix.cells) {
      const key = entryKeyOf(c);
      if (wanted.has(key) && !cells.has(key)) cells.set(key, c);
    }
  }
  return { dimensions, scales, cellOf: (d, j, period) => cells.get(entryKey(d, j, period)), datasets, locations };
}
