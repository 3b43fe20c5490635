/**
 * The `set-computed` edit: attach a rule (computed.csv) to a cell, replace it, or take it off.
 * Attaching computes the rule on its dataset first: a rule that cannot be read or computed is
 * refused with the reason, and the cell takes the value (and level) the data gives, as
 * supported — one edit, so one undo puts back both the rule and the cell. Taking a rule off
 * keeps the cell's value as it is (a value stays; it is no longer recomputed). A rule is of one
 * period of the cell: the one the edit names, else the one shown (see `periodFor`), so that a
 * pair in time may have its 2025 period computed and its earlier one cited from a text.
 */
import { computeRule } from '../dataset/compute.ts';
import { compileRule } from '../dataset/rule.ts';
import { makeCell } from '../make.ts';
import { cellKey, entryKey, type Cell, type ComputedRule } from '../types.ts';
import { isPeriod, periodFor, periodPart, type Change, type EditContext, type EditPlan, type EditRefusal } from './commands.ts';

/** A rule's fields as the form gives them (the cell and period come from the edit). */
export type RuleFields = Omit<ComputedRule, 'dimension' | 'jurisdiction' | 'period' | 'extra'>;

export interface SetComputedCommand {
  readonly type: 'set-computed';
  readonly dimension: string;
  readonly jurisdiction: string;
  /** The cell's period (left out: the one the editor shows, else the latest; see periodFor). */
  readonly period?: number;
  /** The rule to attach; undefined takes the cell's rule off. */
  readonly rule: Readonly<RuleFields> | undefined;
}

/** The rule in one line, for the history (`same Requirement by Destination: Canada vs United States over Passport`). */
export function ruleLine(r: RuleFields | undefined): string {
  if (!r) return '';
  const parts = [`${r.rule} ${r.column}`, r.source];
  if (r.entityColumn) parts.push(`${r.entityColumn} ${r.a}${r.b ? ` vs ${r.b}` : ''} over ${r.over}`);
  if (r.filter) parts.push(`where ${r.filter}`);
  if (r.category) parts.push(`category ${r.category}`);
  return parts.join('; ');
}

const fieldsOf = (r: ComputedRule): RuleFields => ({
  source: r.source, rule: r.rule, column: r.column, categories: r.categories, filter: r.filter, category: r.category,
  entityColumn: r.entityColumn, a: r.a, b: r.b, over: r.over, levels: r.levels, decimals: r.decimals, note: r.note,
});

export function planSetComputed(ctx: EditContext, c: SetComputedCommand): EditPlan | EditRefusal {
  const dimension = ctx.index.dimensions.get(c.dimension);
  if (!dimension) return { ok: false, message: `there is no dimension "${c.dimension}"` };
  const jurisdiction = ctx.index.jurisdictions.get(c.jurisdiction);
  if (!jurisdiction) return { ok: false, message: `there is no jurisdiction "${c.jurisdiction}"` };
  const period = periodFor(ctx, c.dimension, c.jurisdiction, c.period);
  if (!isPeriod(period)) return { ok: false, message: `period ${period} is not a whole number from 1 up` };
  const oldCell = ctx.index.cells.get(entryKey(c.dimension, c.jurisdiction, period));
  // A rule computes a cell of its period: only period 1 of a pair with no row is made by it.
  if (!oldCell && period !== 1) return { ok: false, message: `cell (${c.dimension}, ${c.jurisdiction}) has no period ${period}` };
  const name = `${dimension.label || dimension.id} — ${jurisdiction.label || jurisdiction.id}${ctx.index.periods.has(cellKey(c.dimension, c.jurisdiction)) ? `, period ${period}` : ''}`;
  const existing = (ctx.matrix.computed ?? []).find((r) => r.dimension === c.dimension && r.jurisdiction === c.jurisdiction && r.period === period);
  const target = { kind: 'cell', dimension: c.dimension, jurisdiction: c.jurisdiction, ...periodPart(period) } as const;
  const ruleChange = (next: RuleFields | undefined): Change => ({ target, field: 'rule', old: ruleLine(existing && fieldsOf(existing)), new: ruleLine(next) });

  if (!c.rule) {
    if (!existing) return { ok: false, message: 'nothing changes', noop: true };
    return { ok: true, label: `Take the rule off ${name}`, changes: [ruleChange(undefined)], patch: { computed: { remove: [existing] } } };
  }

  const rule: ComputedRule = { dimension: c.dimension, jurisdiction: c.jurisdiction, period, ...c.rule };
  const problems: { field: string; message: string }[] = [];
  const compiled = compileRule(rule, problems);
  if (problems.length) return { ok: false, message: problems[0].message };
  const source = ctx.matrix.sources.find((s) => s.id === rule.source);
  if (!source || source.kind !== 'dataset') return { ok: false, message: `"${rule.source}" is not a dataset source of the matrix` };
  const dataset = ctx.datasets?.get(rule.source);
  if (!dataset) return { ok: false, message: `the dataset "${rule.source}" is not loaded, so the rule cannot be computed` };
  const scale = ctx.index.scales.get(dimension.scale) ?? [];
  const result = computeRule(compiled, dataset, dimension, scale);
  if (!result.ok) return { ok: false, message: result.message };

  const cell: Cell = {
    ...(oldCell ?? makeCell({ dimension: c.dimension, jurisdiction: c.jurisdiction })),
    value: result.value.value, level: result.value.level, status: 'supported',
  };
  const changes: Change[] = [];
  if (!existing || ruleLine(fieldsOf(existing)) !== ruleLine(c.rule)) changes.push(ruleChange(c.rule));
  for (const [field, key] of [['value', 'value'], ['level', 'level'], ['status', 'status']] as const) {
    const before = oldCell?.[key] ?? '';
    if (before !== cell[key]) changes.push({ target, field, old: before, new: cell[key] });
  }
  const sameRule = existing && JSON.stringify(fieldsOf(existing)) === JSON.stringify(fieldsOf(rule));
  if (sameRule && changes.length === 0) return { ok: false, message: 'nothing changes', noop: true };
  return {
    ok: true,
    label: `${existing ? 'Change the rule of' : 'Compute'} ${name}`,
    changes,
    patch: {
      computed: existing ? { replace: [[existing, rule]] } : { insert: [[ctx.matrix.computed?.length ?? 0, rule]] },
      ...(oldCell ? (oldCell.value !== cell.value || oldCell.level !== cell.level || oldCell.status !== cell.status ? { cells: { replace: [[oldCell, cell]] } } : {}) : { cells: { insert: [[ctx.matrix.cells.length, cell]] } }),
    },
  };
}
