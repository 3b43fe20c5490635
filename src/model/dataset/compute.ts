/**
 * Computing a rule (rule.ts) on a dataset: the figure, the cell's value and level, and the
 * rows that decide it — for a count, the rows counted; for a comparison, the values of `over`
 * with their outcome (same, differ, or left out and why) and each side's rows.
 *
 * Comparisons. For each value `o` of `over` among the rows of the compared entities, a side
 * (the entities `a`, or `b`) has a category when each of its entities has rows for `o` and
 * they agree: an entity with no row for `o` makes the value `missing`; rows of one entity
 * that disagree make it `ambiguous` (a dataset with repeated keys); a side whose rows are all
 * left out (`{leave out}`, e.g. `-1`, a passport's own country) leaves the value out; members
 * of a group (several entities) that each have a category but not the same one `disagree`,
 * which counts as differing. A value of `over` that names a compared entity is left out (a
 * state is not compared on its own citizens). Only `same` and `differ` are compared values;
 * the percentage is of them.
 *
 * Values not in any category are an error naming them (and the rows): a new release of a
 * dataset that brings a new value cannot be counted silently.
 */
import type { Dimension, Level } from '../types.ts';
import { codeOf, columnIndex, rowsWithCode, type Dataset } from './dataset.ts';
import { LEAVE_OUT, categoryOf, type CompiledRule } from './rule.ts';

export type Outcome = 'same' | 'differ' | 'left out' | 'missing' | 'ambiguous';

export const OUTCOMES: readonly Outcome[] = ['same', 'differ', 'left out', 'missing', 'ambiguous'];

/** One side of a compared value: its category (when it has one), its rows, and why not. */
export interface Side {
  category?: string;
  /** The rows of the side's entities for the value, in entity order. */
  rows: number[];
  /** Why the side has no one category: 'left out' | 'missing' | 'ambiguous' | 'disagree'. */
  state: 'ok' | 'left out' | 'missing' | 'ambiguous' | 'disagree';
}

export interface ComparedItem {
  /** The value of `over` (e.g. a passport). */
  over: string;
  outcome: Outcome;
  a: Side;
  /** Undefined for a group compared among itself. */
  b?: Side;
  /** Why left out, missing or ambiguous, or why a group differs (members disagree). */
  reason?: string;
}

export interface ComputedValue {
  value: string;
  level: string;
}

export interface RuleResultOk {
  ok: true;
  value: ComputedValue;
  /** The rule's figure: a count, a percentage (share), or the value as a number (value); NaN for a text value. */
  figure: number;
  /** What a percentage is of: compared values (same, differ), rows considered (share); 0 otherwise. */
  base: number;
  /** The number the levels apply to. */
  measure: number;
  /** Rows that decide the value: rows counted (count, share), the row (value), the rows of the deciding items (same, differ). */
  rows: Int32Array;
  /** Comparisons: every value of `over`, in the order the dataset first lists them. */
  items?: ComparedItem[];
  /** Comparisons: how many values had each outcome; count and share: rows `counted`, `considered`, `left out`. */
  counts: Record<string, number>;
  /** Rows read (for the work limit). */
  work: number;
}

export interface RuleResultError {
  ok: false;
  /** The field of computed.csv at fault. */
  field: string;
  message: string;
  work: number;
}

export type RuleResult = RuleResultOk | RuleResultError;

const fail = (field: string, message: string, work = 0): RuleResultError => ({ ok: false, field, message, work });

/** A number with at most `decimals` digits after the point, without trailing zeros (92.4, 100, 7.25). */
export function formatNumber(x: number, decimals: number): string {
  const fixed = x.toFixed(decimals);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** Whether a stored value equals a computed one: as numbers for number dimensions, else exactly. */
export function sameValue(dimension: Pick<Dimension, 'valueType'>, stored: string, computed: string): boolean {
  if (dimension.valueType === 'number' && stored.trim() !== '' && computed !== '') return Number(stored) === Number(computed);
  return stored === computed;
}

/** Values of the value column in no category among `rows`, with how many rows and the first row. */
function unmapped(dataset: Dataset, column: number, categoryOfCode: (string | undefined)[], rows: Iterable<number>): { value: string; rows: number; first: number }[] {
  const out = new Map<number, { value: string; rows: number; first: number }>();
  const codes = dataset.columns[column].codes;
  for (const r of rows) {
    const code = codes[r];
    if (categoryOfCode[code] !== undefined) continue;
    const had = out.get(code);
    if (had) had.rows++;
    else out.set(code, { value: dataset.columns[column].strings[code], rows: 1, first: r });
  }
  return [...out.values()];
}

function unmappedMessage(dataset: Dataset, list: { value: string; rows: number; first: number }[], column: string): string {
  const shown = list.slice(0, 5).map((u) => `"${u.value}" (${u.rows} row${u.rows === 1 ? '' : 's'}, first at line ${dataset.lines?.[u.first] ?? u.first + 2} of ${dataset.file})`);
  return `${column} value${list.length === 1 ? '' : 's'} ${shown.join(', ')}${list.length > 5 ? ` and ${list.length - 5} more` : ''} ${list.length === 1 ? 'is' : 'are'} in no category of the rule: add ${list.length === 1 ? 'it' : 'them'} to a category, or to ${LEAVE_OUT}`;
}

/** Column index by name, or the error naming the field. */
function column(dataset: Dataset, name: string, field: string): number | RuleResultError {
  const c = columnIndex(dataset, name);
  return c >= 0 ? c : fail(field, `the dataset has no column "${name}" (its columns: ${dataset.columns.map((x) => x.name).join(', ')})`);
}

/** The rows that pass a filter (all rows when there is none), in file order. */
function filtered(dataset: Dataset, rule: CompiledRule): { rows: Int32Array; work: number } | RuleResultError {
  if (rule.filter.length === 0) return { rows: Int32Array.from({ length: dataset.rowCount }, (_, i) => i), work: dataset.rowCount };
  const conditions: { column: number; codes: Set<number>; rows: number }[] = [];
  for (const condition of rule.filter) {
    const c = column(dataset, condition.column, 'filter');
    if (typeof c !== 'number') return c;
    const codes = new Set<number>();
    let rows = 0;
    for (const value of condition.values) {
      const code = codeOf(dataset, c, value);
      if (code < 0) return fail('filter', `no row has ${condition.column}="${value}" (a value of the filter not in the dataset)`);
      codes.add(code);
      rows += rowsWithCode(dataset, c, code).length;
    }
    conditions.push({ column: c, codes, rows });
  }
  // The rows of the narrowest condition, through its column's index; the others checked on them.
  conditions.sort((x, y) => x.rows - y.rows);
  const [first, ...rest] = conditions;
  const candidates: number[] = [];
  for (const code of first.codes) for (const r of rowsWithCode(dataset, first.column, code)) candidates.push(r);
  if (first.codes.size > 1) candidates.sort((x, y) => x - y);
  const out: number[] = [];
  for (const r of candidates) if (rest.every((c) => c.codes.has(dataset.columns[c.column].codes[r]))) out.push(r);
  return { rows: Int32Array.from(out), work: candidates.length };
}

/** The cell's value and level from the rule's figure, by the dimension's value type. */
function valueOf(rule: CompiledRule, dimension: Dimension | undefined, scale: readonly Level[], figure: number, base: number, text: string | undefined): ComputedValue | RuleResultError {
  const type = dimension?.valueType ?? 'number';
  const pct = base > 0 ? (100 * figure) / base : NaN;
  const percentRule = rule.kind === 'share';
  const comparison = rule.kind === 'same' || rule.kind === 'differ';
  // The number the levels apply to: the percentage of a comparison or a share, else the figure.
  const measure = comparison || percentRule ? pct : figure;
  let level = '';
  if (type === 'ordinal') {
    if (rule.levels.length === 0) return fail('levels', `dimension "${dimension?.id}" is ordinal: the rule needs levels (level=least figure; …) to give a level on scale "${dimension?.scale}"`);
    const unknown = rule.levels.find((l) => !scale.some((s) => s.id === l.level));
    if (unknown) return fail('levels', `level "${unknown.level}" is not on scale "${dimension?.scale}" (levels: ${scale.map((s) => s.id).join(', ') || 'none'})`);
    if (Number.isNaN(measure)) return fail('levels', text !== undefined ? `the value "${text}" is not a number, so no level can be read from it` : 'nothing was compared, so no level can be given');
    const reached = rule.levels.find((l) => measure >= l.least);
    if (!reached) return fail('levels', `the figure ${formatNumber(measure, rule.decimals)} is below every level's least figure (the lowest is ${rule.levels[rule.levels.length - 1].least})`);
    level = reached.level;
  } else if (rule.levels.length) return fail('levels', `dimension "${dimension?.id}" is ${type}: levels apply to ordinal dimensions only`);
  if (type === 'date' || type === 'boolean') return fail('rule', `dimension "${dimension?.id}" is ${type}: a computed cell is a number, a text, or a level`);
  if (text !== undefined) {
    if (type === 'number' && !/^-?\d+(\.\d+)?$/.test(text)) return fail('column', `the value "${text}" is not a number, and dimension "${dimension?.id}" is a number`);
    return { value: text, level };
  }
  if (type === 'number') return { value: percentRule ? formatNumber(pct, rule.decimals) : String(figure), level };
  const ofWhat = percentRule || comparison ? ` of ${base} (${formatNumber(pct, rule.decimals)}%)` : '';
  return { value: `${figure}${ofWhat}`, level };
}

/** Category of each code of the value column (undefined: in no category). */
function categoriesOfCodes(dataset: Dataset, valueColumn: number, rule: CompiledRule): (string | undefined)[] {
  return dataset.columns[valueColumn].strings.map((s) => categoryOf(rule.categories, s));
}

function computeCount(dataset: Dataset, rule: CompiledRule, dimension: Dimension | undefined, scale: readonly Level[]): RuleResult {
  const v = column(dataset, rule.column, 'column');
  if (typeof v !== 'number') return v;
  const pass = filtered(dataset, rule);
  if ('ok' in pass) return pass;
  const cats = categoriesOfCodes(dataset, v, rule);
  const missing = unmapped(dataset, v, cats, pass.rows);
  if (missing.length) return fail('categories', unmappedMessage(dataset, missing, rule.column), pass.work);
  const codes = dataset.columns[v].codes;
  const counted: number[] = [];
  let considered = 0;
  for (const r of pass.rows) {
    const cat = cats[codes[r]];
    if (cat === LEAVE_OUT) continue;
    considered++;
    if (rule.category === '' || cat === rule.category) counted.push(r);
  }
  const value = valueOf(rule, dimension, scale, counted.length, considered, undefined);
  if ('ok' in value) return { ...value, work: pass.work };
  const pct = considered > 0 ? (100 * counted.length) / considered : NaN;
  return {
    ok: true, value, figure: rule.kind === 'share' ? pct : counted.length, base: considered,
    measure: rule.kind === 'share' ? pct : counted.length, rows: Int32Array.from(counted),
    counts: { counted: counted.length, considered, 'left out': pass.rows.length - considered }, work: pass.work,
  };
}

function computeValue(dataset: Dataset, rule: CompiledRule, dimension: Dimension | undefined, scale: readonly Level[]): RuleResult {
  const v = column(dataset, rule.column, 'column');
  if (typeof v !== 'number') return v;
  const pass = filtered(dataset, rule);
  if ('ok' in pass) return pass;
  const where = rule.filter.map((c) => `${c.column}=${c.values.join('|')}`).join('; ');
  if (pass.rows.length === 0) return fail('filter', `no row has ${where}`, pass.work);
  if (pass.rows.length > 1) return fail('filter', `${pass.rows.length} rows have ${where} (lines ${[...pass.rows.slice(0, 3)].map((r) => dataset.lines?.[r] ?? r + 2).join(', ')}…): the filter should name one row`, pass.work);
  const row = pass.rows[0];
  const raw = dataset.columns[v].strings[dataset.columns[v].codes[row]];
  const cat = categoryOf(rule.categories, raw);
  if (cat === undefined) return fail('categories', unmappedMessage(dataset, [{ value: raw, rows: 1, first: row }], rule.column), pass.work);
  if (cat === LEAVE_OUT) return fail('categories', `the row's ${rule.column} "${raw}" is left out by the rule's categories: there is no value to give`, pass.work);
  const number = /^-?\d+(\.\d+)?$/.test(cat) ? Number(cat) : NaN;
  const value = valueOf(rule, dimension, scale, number, 0, cat);
  if ('ok' in value) return { ...value, work: pass.work };
  return { ok: true, value, figure: number, base: 0, measure: number, rows: Int32Array.of(row), counts: {}, work: pass.work };
}

/** A side's state for one value of `over`, built entity by entity. */
interface SideBuild {
  /** Per entity (in order): category, LEAVE_OUT, 'ambiguous', or undefined (no row). */
  states: (string | undefined)[];
  rows: number[];
}

/** A side built once: by value of `over`, its entities' states and rows (read only), the rows read, and whether a value was in no category. */
interface BuiltSides {
  byOver: Map<number, SideBuild>;
  work: number;
  inNoCategory: boolean;
}

/**
 * Sides already built, per dataset, by what decides them (columns, categories, entities): the
 * rules of a matrix compare the same entities again and again (Canada with the US, with Mexico,
 * with the EU…), and each side is built once. Held to MAX_SHARED_ROWS rows in all per dataset.
 */
const builtSides = new WeakMap<Dataset, { rows: number; sides: Map<string, BuiltSides> }>();
const MAX_SHARED_ROWS = 2_000_000;

/**
 * The sides of the entities `codes` (of column `e`), by value of `over`: built once per key of
 * `shared` (a function of its own, not a closure made for each rule, so that its compiled code
 * serves every rule and every dataset read).
 */
function sidesOf(
  dataset: Dataset, shared: { rows: number; sides: Map<string, BuiltSides> }, key: string, codes: readonly number[], e: number,
  overCodes: Int32Array, valueCodes: Int32Array, cats: readonly (string | undefined)[],
): BuiltSides {
  let built = shared.sides.get(key);
  if (built) return built;
  built = { byOver: new Map<number, SideBuild>(), work: 0, inNoCategory: false };
  const { byOver } = built;
  for (let k = 0; k < codes.length; k++) {
    const rows = rowsWithCode(dataset, e, codes[k]);
    built.work += rows.length;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const over = overCodes[r];
      let side = byOver.get(over);
      if (!side) byOver.set(over, (side = { states: new Array(codes.length).fill(undefined), rows: [] }));
      side.rows.push(r);
      const cat = cats[valueCodes[r]];
      if (cat === undefined) built.inNoCategory = true;
      const had = side.states[k];
      side.states[k] = had === undefined || had === cat ? cat : 'ambiguous';
    }
  }
  if (shared.rows + built.work <= MAX_SHARED_ROWS) {
    shared.rows += built.work;
    shared.sides.set(key, built);
  }
  return built;
}

function computeComparison(dataset: Dataset, rule: CompiledRule, dimension: Dimension | undefined, scale: readonly Level[]): RuleResult {
  const v = column(dataset, rule.column, 'column');
  if (typeof v !== 'number') return v;
  const e = column(dataset, rule.entityColumn, 'entity_column');
  if (typeof e !== 'number') return e;
  const o = column(dataset, rule.over, 'over');
  if (typeof o !== 'number') return o;
  const entityCodes = (names: readonly string[], field: string): number[] | RuleResultError => {
    const out: number[] = [];
    for (const name of names) {
      const code = codeOf(dataset, e, name);
      if (code < 0) return fail(field, `"${name}" is not a value of column ${rule.entityColumn} in the dataset`);
      out.push(code);
    }
    return out;
  };
  const aCodes = entityCodes(rule.a, 'a');
  if (!Array.isArray(aCodes)) return aCodes;
  const bCodes = entityCodes(rule.b, 'b');
  if (!Array.isArray(bCodes)) return bCodes;
  const cats = categoriesOfCodes(dataset, v, rule);
  const valueCodes = dataset.columns[v].codes;
  const overCodes = dataset.columns[o].codes;
  const overStrings = dataset.columns[o].strings;
  let work = 0;
  let inNoCategory = false;

  // Each side's entities' rows, by value of `over` (built once for the same columns, categories and entities).
  let shared = builtSides.get(dataset);
  if (!shared) builtSides.set(dataset, (shared = { rows: 0, sides: new Map() }));
  const categoriesKey = cats.map((c) => (c === undefined ? '\u0002' : c)).join('\u0001');
  const build = (codes: readonly number[]): Map<number, SideBuild> => {
    const built = sidesOf(dataset, shared, `${v},${e},${o},${codes.join(',')}\u0000${categoriesKey}`, codes, e, overCodes, valueCodes, cats);
    // The rows are counted as read each time, as the limit of work reckons them.
    work += built.work;
    if (built.inNoCategory) inNoCategory = true;
    return built.byOver;
  };
  const aSides = build(aCodes);
  const bSides = bCodes.length ? build(bCodes) : undefined;

  const allRows = function* () {
    for (const m of [aSides, bSides]) if (m) for (const s of m.values()) yield* s.rows;
  };
  // The rows are gone through again only to name the values in no category.
  if (inNoCategory) {
    const missing = unmapped(dataset, v, cats, allRows());
    if (missing.length) return fail('categories', unmappedMessage(dataset, missing, rule.column), work);
  }

  const sideOf = (built: SideBuild | undefined): Side => {
    if (!built) return { rows: [], state: 'missing' };
    const { states, rows } = built;
    if (states.some((s) => s === 'ambiguous')) return { rows, state: 'ambiguous' };
    // An entity with no row for this value: the side cannot say what it applies.
    if (states.some((s) => s === undefined)) return { rows, state: 'missing' };
    const present = states.filter((s) => s !== LEAVE_OUT) as string[];
    if (present.length === 0) return { rows, state: 'left out' };
    const first = present[0];
    return present.every((s) => s === first) ? { category: first, rows, state: 'ok' } : { rows, state: 'disagree' };
  };

  const compared = new Set<number>();
  for (const name of [...rule.a, ...rule.b]) {
    const code = codeOf(dataset, o, name);
    if (code >= 0) compared.add(code);
  }
  const overs = new Set<number>([...aSides.keys(), ...(bSides?.keys() ?? [])]);
  const items: ComparedItem[] = [];
  const counts: Record<string, number> = { same: 0, differ: 0, 'left out': 0, missing: 0, ambiguous: 0 };
  for (const over of [...overs].sort((x, y) => x - y)) {
    const a = sideOf(aSides.get(over));
    const b = bSides ? sideOf(bSides.get(over)) : undefined;
    let outcome: Outcome;
    let reason: string | undefined;
    const sides = b ? [a, b] : [a];
    if (compared.has(over)) {
      outcome = 'left out';
      reason = `${overStrings[over]} is one of the compared entities`;
    } else if (sides.some((s) => s.state === 'ambiguous')) {
      outcome = 'ambiguous';
      reason = 'an entity has several rows for this value, with different categories';
    } else if (sides.some((s) => s.state === 'missing')) {
      outcome = 'missing';
      reason = 'an entity has no row for this value';
    } else if (sides.some((s) => s.state === 'left out')) {
      outcome = 'left out';
      reason = `its ${rule.column} is left out by the rule's categories`;
    } else if (!b) {
      outcome = a.state === 'disagree' ? 'differ' : 'same';
      if (outcome === 'differ') reason = 'the members do not all have the same category';
    } else if (a.state === 'disagree' || b.state === 'disagree') {
      outcome = 'differ';
      reason = 'the members of a group do not all have the same category';
    } else outcome = a.category === b.category ? 'same' : 'differ';
    counts[outcome]++;
    items.push({ over: overStrings[over], outcome, a, ...(b ? { b } : {}), ...(reason ? { reason } : {}) });
  }
  const figure = counts[rule.kind];
  const base = counts.same + counts.differ;
  const value = valueOf(rule, dimension, scale, figure, base, undefined);
  if ('ok' in value) return { ...value, work };
  const deciding: number[] = [];
  for (const item of items) if (item.outcome === rule.kind) deciding.push(...item.a.rows, ...(item.b?.rows ?? []));
  return {
    ok: true, value, figure, base, measure: base > 0 ? (100 * figure) / base : NaN,
    rows: Int32Array.from(deciding), items, counts, work,
  };
}

/** Compute a rule on a dataset, for a cell of `dimension` (whose scale has `scale`'s levels). */
export function computeRule(rule: CompiledRule, dataset: Dataset, dimension: Dimension | undefined, scale: readonly Level[] = []): RuleResult {
  switch (rule.kind) {
    case 'count':
    case 'share':
      return computeCount(dataset, rule, dimension, scale);
    case 'value':
      return computeValue(dataset, rule, dimension, scale);
    case 'same':
    case 'differ':
      return computeComparison(dataset, rule, dimension, scale);
    default:
      return fail('rule', `rule "${String(rule.kind)}" cannot be computed`);
  }
}
