/**
 * The rule of a computed cell (a row of computed.csv, `ComputedRule`) read into what computing
 * needs: the category mapping, the conditions, the entities, the levels. Reading checks only
 * what the rule itself says (its notation, its kind's fields); what depends on the data (the
 * columns, the entities, values in no category) is checked when it is computed (compute.ts).
 *
 * The language (docs/format.md, "Computed cells"):
 *
 * | rule | figure |
 * |---|---|
 * | `count` | rows that pass `filter` whose `column` value is in `category` |
 * | `share` | that count, as a percentage of the rows that pass `filter` (left-out values not counted) |
 * | `same` | values of `over` for which the entities `a` and `b` (rows of `entity_column`) have the same category of `column` |
 * | `differ` | values of `over` for which they have different ones |
 * | `value` | the `column` value (or its category) of the one row that passes `filter` |
 *
 * `categories`: `category=value|value; …`; `{number}` stands for any number written in digits
 * (a value listed by name is mapped first: `-1` can be left out while `90` is a number of
 * days); the category `{leave out}` lists values not counted at all. With no categories,
 * each value is its own category. `levels`: `level=least; …`, the level whose least figure
 * the figure reaches (the highest such), for ordinal dimensions.
 */
import { RULE_KINDS, type ComputedRule, type RuleKind } from '../types.ts';
import { parseList, parsePairs, type Pair } from './pairs.ts';

export const LEAVE_OUT = '{leave out}';
export const NUMBER = '{number}';

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Values of a column in categories (see above). */
export interface Categories {
  /** Category of each value named; LEAVE_OUT for values left out. */
  named: Map<string, string>;
  /** Category of any other value written as a number, if `{number}` is listed. */
  number?: string;
  /** The categories, in the order written (LEAVE_OUT not among them). */
  names: string[];
}

export interface Condition {
  column: string;
  values: string[];
}

export interface LevelThreshold {
  level: string;
  least: number;
}

export interface CompiledRule {
  kind: RuleKind;
  source: string;
  column: string;
  categories?: Categories;
  filter: Condition[];
  category: string;
  entityColumn: string;
  a: string[];
  b: string[];
  over: string;
  /** Highest least figure first. */
  levels: LevelThreshold[];
  decimals: number;
}

/** What is wrong with a rule, at the field (column of computed.csv) that says it. */
export interface RuleProblem {
  field: string;
  message: string;
}

/** The category of a value: a category name, LEAVE_OUT, or undefined for a value in none. */
export function categoryOf(categories: Categories | undefined, value: string): string | undefined {
  if (!categories) return value;
  const named = categories.named.get(value);
  if (named !== undefined) return named;
  if (categories.number !== undefined && NUMERIC.test(value.trim())) return categories.number;
  return undefined;
}

function readCategories(text: string, problems: RuleProblem[]): Categories | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parsePairs(text);
  if (!parsed.ok) {
    problems.push({ field: 'categories', message: `categories: ${parsed.message}` });
    return undefined;
  }
  // Every field from the start: an object that gains one later takes a layout the engine forgets once no object has it, and with it the code compiled for it.
  const out: Categories = { named: new Map(), names: [], number: undefined };
  const where = new Map<string, string>();
  for (const pair of parsed.pairs) {
    const name = pair.name.special ? pair.name.text : pair.name.text;
    if (pair.name.special && name !== LEAVE_OUT) {
      problems.push({ field: 'categories', message: `categories: "${name}" is not a word of the notation (${LEAVE_OUT} is; write \\${name} for a category of that name)` });
      continue;
    }
    if (name !== LEAVE_OUT) {
      if (out.names.includes(name)) {
        problems.push({ field: 'categories', message: `categories: "${name}" is listed twice` });
        continue;
      }
      out.names.push(name);
    }
    for (const v of pair.values) {
      if (v.special) {
        if (v.text !== NUMBER) {
          problems.push({ field: 'categories', message: `categories: "${v.text}" is not a word of the notation (${NUMBER} is; write \\${v.text} for the value itself)` });
          continue;
        }
        if (out.number !== undefined) problems.push({ field: 'categories', message: `categories: ${NUMBER} is in two categories ("${out.number}" and "${name}")` });
        else out.number = name;
        continue;
      }
      const before = where.get(v.text);
      if (before !== undefined) {
        problems.push({ field: 'categories', message: `categories: "${v.text}" is in two categories ("${before}" and "${name}")` });
        continue;
      }
      where.set(v.text, name);
      out.named.set(v.text, name);
    }
  }
  if (out.names.length === 0) problems.push({ field: 'categories', message: `categories: no category is named (write category=value|value; …)` });
  return out;
}

function readConditions(text: string, problems: RuleProblem[]): Condition[] {
  if (text.trim() === '') return [];
  const parsed = parsePairs(text);
  if (!parsed.ok) {
    problems.push({ field: 'filter', message: `filter: ${parsed.message}` });
    return [];
  }
  const out: Condition[] = [];
  for (const p of parsed.pairs) {
    const special = [p.name, ...p.values].find((v) => v.special);
    if (special) problems.push({ field: 'filter', message: `filter: "${special.text}" is not a word of the notation here (write \\${special.text} for the value itself)` });
    if (out.some((c) => c.column === p.name.text)) problems.push({ field: 'filter', message: `filter: column "${p.name.text}" is named twice (list its values as ${p.name.text}=x|y)` });
    out.push({ column: p.name.text, values: p.values.map((v) => v.text) });
  }
  return out;
}

function readLevels(text: string, problems: RuleProblem[]): LevelThreshold[] {
  if (text.trim() === '') return [];
  const parsed = parsePairs(text);
  if (!parsed.ok) {
    problems.push({ field: 'levels', message: `levels: ${parsed.message}` });
    return [];
  }
  const out: LevelThreshold[] = [];
  for (const p of parsed.pairs as Pair[]) {
    const raw = p.values.map((v) => v.text).join('|');
    if (p.values.length !== 1 || !NUMERIC.test(raw)) {
      problems.push({ field: 'levels', message: `levels: "${p.name.text}=${raw}" should give one number, the least figure for level ${p.name.text}` });
      continue;
    }
    if (out.some((l) => l.level === p.name.text)) problems.push({ field: 'levels', message: `levels: "${p.name.text}" is listed twice` });
    if (out.some((l) => l.least === Number(raw))) problems.push({ field: 'levels', message: `levels: two levels start at ${raw}` });
    out.push({ level: p.name.text, least: Number(raw) });
  }
  return out.sort((x, y) => y.least - x.least);
}

/** Read a rule; `problems` gets what is wrong with it (the rule is computed only when none). */
export function compileRule(rule: ComputedRule, problems: RuleProblem[] = []): CompiledRule {
  const kind = rule.rule;
  if (!RULE_KINDS.includes(kind)) problems.push({ field: 'rule', message: `rule "${kind}" is not one of ${RULE_KINDS.join(', ')}` });
  if (rule.source.trim() === '') problems.push({ field: 'source', message: 'the rule names no dataset source' });
  if (rule.column.trim() === '') problems.push({ field: 'column', message: 'the rule names no column to read (e.g. Requirement)' });
  const rawDecimals = rule.decimals.trim();
  const decimals = rawDecimals === '' ? 1 : Number(rawDecimals);
  if (!/^\d+$/.test(rawDecimals === '' ? '1' : rawDecimals) || decimals > 6) problems.push({ field: 'decimals', message: `decimals "${rule.decimals}" should be a whole number from 0 to 6` });
  const compiled: CompiledRule = {
    kind, source: rule.source.trim(), column: rule.column.trim(),
    categories: readCategories(rule.categories, problems),
    filter: readConditions(rule.filter, problems),
    category: rule.category.trim(),
    entityColumn: rule.entityColumn.trim(),
    a: parseList(rule.a).map((v) => v.text),
    b: parseList(rule.b).map((v) => v.text),
    over: rule.over.trim(),
    levels: readLevels(rule.levels, problems),
    decimals: Number.isFinite(decimals) ? Math.min(6, Math.max(0, Math.trunc(decimals))) : 1,
  };
  const comparison = kind === 'same' || kind === 'differ';
  if (comparison) {
    if (compiled.entityColumn === '') problems.push({ field: 'entity_column', message: `a ${kind} rule needs entity_column: the column naming the compared entities (e.g. Destination)` });
    if (compiled.over === '') problems.push({ field: 'over', message: `a ${kind} rule needs over: the column whose values are compared (e.g. Passport)` });
    if (compiled.a.length === 0) problems.push({ field: 'a', message: `a ${kind} rule needs a: the entities standing for the cell's jurisdiction` });
    if (compiled.b.length === 0 && compiled.a.length === 1) problems.push({ field: 'b', message: `a ${kind} rule needs b (the entities compared with), or several entities in a (a group, compared among themselves)` });
    if (compiled.over !== '' && compiled.over === compiled.entityColumn) problems.push({ field: 'over', message: 'over and entity_column are the same column' });
    if (compiled.filter.length) problems.push({ field: 'filter', message: `a ${kind} rule has no filter (it reads the rows of its entities)` });
    const both = compiled.a.filter((x) => compiled.b.includes(x));
    if (both.length) problems.push({ field: 'b', message: `"${both[0]}" is in both a and b` });
  } else {
    for (const [field, value] of [['entity_column', compiled.entityColumn], ['a', rule.a.trim()], ['b', rule.b.trim()], ['over', compiled.over]] as const) {
      if (value !== '') problems.push({ field, message: `a ${kind} rule does not use ${field} (only same and differ do)` });
    }
    if ((kind === 'count' || kind === 'share') && compiled.categories && compiled.category !== '' && !compiled.categories.names.includes(compiled.category)) {
      problems.push({ field: 'category', message: `category "${compiled.category}" is not one of the rule's categories (${compiled.categories.names.join(', ')})` });
    }
    if (kind === 'value' && compiled.filter.length === 0) problems.push({ field: 'filter', message: 'a value rule needs a filter that names one row (e.g. Passport=Brazil; Destination=Canada)' });
  }
  if ((kind === 'same' || kind === 'differ' || kind === 'value') && compiled.category !== '') problems.push({ field: 'category', message: `a ${kind} rule does not use category (only count and share do)` });
  return compiled;
}

/** A rule in words, for the evidence panel and reports. */
export function describeRule(rule: CompiledRule): string {
  const where = rule.filter.map((c) => `${c.column} is ${c.values.map((v) => `"${v}"`).join(' or ')}`).join(' and ');
  const list = (xs: readonly string[]) => (xs.length <= 3 ? xs.join(', ') : `${xs.slice(0, 2).join(', ')} and ${xs.length - 2} more`);
  const cats = rule.categories ? ` (values grouped into ${rule.categories.names.map((n) => `"${n}"`).join(', ')})` : '';
  switch (rule.kind) {
    case 'count':
      return `Rows${where ? ` where ${where}` : ''}${rule.category ? ` whose ${rule.column} is "${rule.category}"` : ''}, counted${cats}.`;
    case 'share':
      return `Share of the rows${where ? ` where ${where}` : ''}${rule.category ? ` whose ${rule.column} is "${rule.category}"` : ''}, in per cent${cats}.`;
    case 'value':
      return `The ${rule.column}${rule.categories ? ' category' : ''} of the row where ${where}${cats}.`;
    default: {
      const group = rule.b.length === 0;
      const what = rule.kind === 'same' ? 'the same' : 'a different';
      return group
        ? `Values of ${rule.over} for which ${list(rule.a)} (${rule.a.length} ${rule.entityColumn} values) ${rule.kind === 'same' ? 'all' : 'do not all'} have ${rule.kind === 'same' ? 'the same' : 'one'} ${rule.column}${cats}; ${rule.over} values that are among them are left out.`
        : `Values of ${rule.over} for which ${rule.entityColumn} ${list(rule.a)} and ${list(rule.b)} have ${what} ${rule.column}${cats}; ${rule.over} values that are among the compared entities are left out.`;
    }
  }
}
