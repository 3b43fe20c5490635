/**
 * Reading computed.csv (one rule per computed cell) while a matrix loads: each row as a
 * `ComputedRule`, checked against the other tables (its cell, its dataset source) and read
 * as a rule (rule.ts): what is wrong is reported at its file, line and column. What depends
 * on the data is checked when the rules are computed (computed-checks.ts).
 */
import type { Table } from '../format/table.ts';
import { RULE_KINDS, type ComputedRule, type RuleKind, type Source } from '../types.ts';
import { MAX_COMPUTED_RULES } from './limits.ts';
import { compileRule, type RuleProblem } from './rule.ts';

export interface ComputedLookup {
  /** Whether cells.csv has a row for the pair in the period. */
  hasCell(dimension: string, jurisdiction: string, period: number): boolean;
  sources: ReadonlyMap<string, Source>;
}

const field = (fields: readonly string[], k: number): string => (k < 0 ? '' : (fields[k] ?? ''));

export const computedTarget = (r: Pick<ComputedRule, 'dimension' | 'jurisdiction' | 'period'>) =>
  ({ kind: 'computed', dimension: r.dimension, jurisdiction: r.jurisdiction, period: r.period }) as const;

/** The key of a rule: its cell and period. */
export const ruleKey = (r: Pick<ComputedRule, 'dimension' | 'jurisdiction' | 'period'>): string => `${r.dimension}\u0000${r.jurisdiction}\u0000${r.period}`;

/** The rules of computed.csv, each validated (problems go to the table's rows). */
export function readComputed(table: Table, lookup: ComputedLookup): ComputedRule[] {
  const names = ['dimension', 'jurisdiction', 'period', 'source', 'rule', 'column', 'categories', 'filter', 'category', 'entity_column', 'a', 'b', 'over', 'levels', 'decimals', 'note'];
  const [iD, iJ, iPeriod, iSource, iRule, iColumn, iCategories, iFilter, iCategory, iEntity, iA, iB, iOver, iLevels, iDecimals, iNote] = names.map(table.column);
  const rules: ComputedRule[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < table.size; i++) {
    const f = table.fields(i);
    const rawPeriod = field(f, iPeriod).trim();
    const rule: ComputedRule = {
      dimension: field(f, iD), jurisdiction: field(f, iJ), period: /^\d+$/.test(rawPeriod) ? Number(rawPeriod) : 1,
      source: field(f, iSource), rule: field(f, iRule).trim() as RuleKind, column: field(f, iColumn), categories: field(f, iCategories),
      filter: field(f, iFilter), category: field(f, iCategory), entityColumn: field(f, iEntity), a: field(f, iA), b: field(f, iB),
      over: field(f, iOver), levels: field(f, iLevels), decimals: field(f, iDecimals), note: field(f, iNote), extra: table.extra(i),
    };
    rules.push(rule);
    const row = table.row(i);
    const target = computedTarget(rule);
    if (rawPeriod !== '' && (!/^\d+$/.test(rawPeriod) || Number(rawPeriod) < 1)) row.report('period', `period "${rawPeriod}" is not a whole number from 1 (read as 1)`, 'error', target);
    if (!lookup.hasCell(rule.dimension, rule.jurisdiction, rule.period)) {
      row.report('dimension', `rule of unknown cell (${rule.dimension}, ${rule.jurisdiction})${rule.period === 1 ? '' : ` period ${rule.period}`} (no such row in cells.csv)`, 'error', target);
    }
    const source = lookup.sources.get(rule.source);
    if (!source) row.report('source', `unknown source "${rule.source}" (not in sources.csv)`, 'error', target);
    else if (source.kind !== 'dataset') row.report('source', `source "${rule.source}" is not a dataset (sources.csv kind is ${source.kind ?? 'empty'}): a rule reads a dataset`, 'error', target);
    if (!RULE_KINDS.includes(rule.rule)) {
      row.report('rule', `rule "${rule.rule}" is not one of ${RULE_KINDS.join(', ')}`, 'error', target);
    } else {
      const problems: RuleProblem[] = [];
      compileRule(rule, problems);
      for (const p of problems) if (p.field !== 'rule' && p.field !== 'source') row.report(p.field, p.message, 'error', target);
    }
    const key = `${rule.dimension}\u0000${rule.jurisdiction}\u0000${rule.period}`;
    const first = seen.get(key);
    if (first !== undefined) row.report('dimension', `duplicate rule for cell (${rule.dimension}, ${rule.jurisdiction}) period ${rule.period} (first at line ${table.row(first).line}); the first is used`, 'error', target);
    else seen.set(key, i);
  }
  if (rules.length > MAX_COMPUTED_RULES) {
    table.row(MAX_COMPUTED_RULES).report('rule', `the matrix has ${rules.length.toLocaleString('en-US')} rules, more than the ${MAX_COMPUTED_RULES.toLocaleString('en-US')} computed: this rule and those after it are kept but not computed`, 'error', computedTarget(rules[MAX_COMPUTED_RULES]));
  }
  return rules;
}
