/**
 * Edits of a matrix as data, and how each becomes a patch. `planEdit` checks an edit against
 * the matrix (with the same rules the loader applies, from cell-rules.ts) and either refuses
 * it with a message or returns the exact patch, a label and the list of changes (old → new)
 * for the history. Pure: no DOM, no clock (the time is given by whoever records it).
 */
import { datesProblems, valueProblem } from '../check/cell-rules.ts';
import { makeCell, makeDimension } from '../make.ts';
import {
  BASES, CELL_STATUSES, CONFIDENCES, SUPPORTS, VALUE_TYPES, cellKey, entryKey, entryWords,
  type Basis, type Cell, type CellStatus, type Citation, type Confidence, type Dimension, type Jurisdiction, type Level,
  type Matrix, type Support, type TextRange, type ValueType,
} from '../types.ts';
import type { MatrixIndex } from './matrix-index.ts';
import type { MatrixPatch } from './patch.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { planAddSource, planReplaceSource, type AddSourceEdit, type ReplaceSourceEdit } from './source-commands.ts';
import { planCitationUpdates, type CitationUpdate } from './update-citations.ts';
import type { SetComputedCommand } from './set-computed.ts';
import { datasetEngine } from '../dataset/engine-hook.ts';

export type { RuleFields, SetComputedCommand } from './set-computed.ts';

export type { CitationUpdate } from './update-citations.ts';
export type { AddSourceEdit, ReplaceSourceEdit } from './source-commands.ts';

/**
 * Fields of a cell an edit may set (names as in the model): its value and evidence, and its
 * place in time (in force from/until, observed), confidence and whether its level is relative.
 */
export interface CellFields {
  value?: string;
  level?: string;
  inForceFrom?: string;
  inForceUntil?: string;
  observed?: string;
  status?: CellStatus;
  confidence?: Confidence;
  relative?: boolean;
  note?: string;
}

export interface CitationFields {
  source?: string;
  quote?: string;
  prefix?: string;
  suffix?: string;
  locator?: string;
  support?: Support;
  attribution?: string;
}

export interface NewDimension {
  id: string;
  label: string;
  valueType: ValueType;
  definition?: string;
  theme?: string;
  scale?: string;
  unit?: string;
  basis?: Basis;
  codingRules?: string;
  direction?: string;
}

/** Fields of a dimension an edit may set: its names and its codebook (basis, coding rules, direction). */
export interface DimensionFields {
  label?: string;
  definition?: string;
  theme?: string;
  unit?: string;
  basis?: Basis;
  codingRules?: string;
  direction?: string;
}

/** Fields of a scale's level an edit may set. */
export interface LevelFields {
  label?: string;
  definition?: string;
  needsAbsolute?: boolean;
}

export interface NewJurisdiction {
  id: string;
  label: string;
  group?: string;
}

/**
 * Cell and citation edits name a pair and, optionally, one of its periods (`period`): left
 * out, the edit is of the entry the editor shows (EditContext.shownPeriod: the entry as of the
 * view's date), else of the pair's latest period, or period 1 for a pair with no row yet.
 */
export type EditCommand =
  | { readonly type: 'set-cell'; readonly dimension: string; readonly jurisdiction: string; readonly period?: number; readonly set: Readonly<CellFields> }
  | { readonly type: 'add-citation'; readonly dimension: string; readonly jurisdiction: string; readonly period?: number; readonly citation: Readonly<CitationFields & { source: string; quote: string; start?: number; end?: number }> }
  | { readonly type: 'set-citation'; readonly dimension: string; readonly jurisdiction: string; readonly period?: number; readonly seq: number; readonly set: Readonly<CitationFields> }
  | { readonly type: 'remove-citation'; readonly dimension: string; readonly jurisdiction: string; readonly period?: number; readonly seq: number }
  /** Several citations changed as one edit (e.g. accepting a re-anchoring into a source's new version): see update-citations.ts. */
  | { readonly type: 'update-citations'; readonly label: string; readonly updates: readonly CitationUpdate[] }
  | { readonly type: 'move-citation'; readonly dimension: string; readonly jurisdiction: string; readonly period?: number; readonly seq: number; readonly to: number }
  /**
   * A later value of a pair: a new period after its last (period 1 for a pair with no row).
   * `copy`: start from the entry shown (value, level, status, confidence, relative, note; not
   * its dates or citations: a copied supported value is a draft until it is cited for its
   * period). `set`: fields of the new entry (applied after the copy).
   */
  | { readonly type: 'add-period'; readonly dimension: string; readonly jurisdiction: string; readonly copy?: boolean; readonly set?: Readonly<CellFields> }
  /** Remove one period of a pair, with its citations; later periods move down one (a pair keeps at least one period). */
  | { readonly type: 'remove-period'; readonly dimension: string; readonly jurisdiction: string; readonly period: number }
  | { readonly type: 'add-dimension'; readonly dimension: Readonly<NewDimension> }
  | { readonly type: 'set-dimension'; readonly id: string; readonly set: Readonly<DimensionFields> }
  | { readonly type: 'set-level'; readonly scale: string; readonly id: string; readonly set: Readonly<LevelFields> }
  | { readonly type: 'move-dimension'; readonly id: string; readonly to: number }
  | { readonly type: 'remove-dimension'; readonly id: string }
  | { readonly type: 'add-jurisdiction'; readonly jurisdiction: Readonly<NewJurisdiction> }
  | { readonly type: 'set-jurisdiction'; readonly id: string; readonly set: Readonly<{ label?: string; group?: string }> }
  | { readonly type: 'move-jurisdiction'; readonly id: string; readonly to: number }
  | { readonly type: 'remove-jurisdiction'; readonly id: string }
  /** A new source with its text, map and files (Add source…): see source-commands.ts. */
  | AddSourceEdit
  /** A new version of a source, with its citations re-anchored into it as the analyst decided: see source-commands.ts. */
  | ReplaceSourceEdit
  | SetComputedCommand;

export type EditType = EditCommand['type'];

/** What a change is about (as in `Problem.target`; `period` left out for period 1). */
export type ChangeTarget =
  | { readonly kind: 'cell'; readonly dimension: string; readonly jurisdiction: string; readonly period?: number }
  | { readonly kind: 'citation'; readonly dimension: string; readonly jurisdiction: string; readonly seq: number; readonly period?: number }
  | { readonly kind: 'dimension'; readonly id: string }
  | { readonly kind: 'jurisdiction'; readonly id: string }
  | { readonly kind: 'level'; readonly scale: string; readonly id: string }
  | { readonly kind: 'source'; readonly id: string };

/** One field changed by an edit: old → new (CSV column names: value, level, observed, status, note, quote, …). */
export interface Change {
  readonly target: ChangeTarget;
  readonly field: string;
  readonly old: string;
  readonly new: string;
}

export interface EditPlan {
  readonly ok: true;
  readonly patch: MatrixPatch;
  /** What the edit does, in words (e.g. "Edit Detention — Canada"). */
  readonly label: string;
  readonly changes: readonly Change[];
}

export interface EditRefusal {
  readonly ok: false;
  /** Why, in words a user can act on. */
  readonly message: string;
  /** True when the edit would change nothing (not an error). */
  readonly noop?: boolean;
}

/** What planning needs besides the matrix: its index and each entry's citations (by entry key, in seq order). */
export interface EditContext {
  readonly matrix: Matrix;
  readonly index: MatrixIndex;
  /** The matrix's datasets, by source id (a computed cell's value is computed from them). */
  readonly datasets?: ReadonlyMap<string, Dataset>;
  readonly citationsOf: (key: string) => readonly Citation[];
  /** The period of the entry the editor shows for a pair (undefined: none shown; the edit is then of the latest). */
  readonly shownPeriod?: (dimension: string, jurisdiction: string) => number | undefined;
  /**
   * The locator of a range of a source's text from its map ("p. 12", "§ Article 3"; '' when it
   * has none): a citation added at a position with no locator gets it.
   */
  readonly locatorOf?: (source: string, range: TextRange) => string;
  /** Whether a file of the sources (a text, original, map) is at this path already. */
  readonly sourcePathTaken?: (path: string) => boolean;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

const refuse = (message: string): EditRefusal => ({ ok: false, message });
const noop: EditRefusal = { ok: false, message: 'nothing changes', noop: true };

/** The CSV column of each cell field (the history names changes by column). */
export const CELL_FIELD_COLUMN: Record<keyof CellFields, string> = {
  value: 'value', level: 'level', inForceFrom: 'in_force_from', inForceUntil: 'in_force_until', observed: 'observed',
  status: 'status', confidence: 'confidence', relative: 'relative', note: 'note',
};
const CITATION_FIELDS = ['source', 'quote', 'prefix', 'suffix', 'locator', 'support', 'attribution'] as const;

/** A field's value as the history shows it (the CSV's: yes/no for a flag). */
const fieldText = (value: string | boolean | number): string => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));

function cellName(ctx: EditContext, dimension: string, jurisdiction: string, period = 1): string {
  const d = ctx.index.dimensions.get(dimension);
  const j = ctx.index.jurisdictions.get(jurisdiction);
  return `${d?.label || dimension} — ${j?.label || jurisdiction}${period === 1 ? '' : ` (period ${period})`}`;
}

/** A cell for a pair that has no row yet. */
const emptyCell = (dimension: string, jurisdiction: string, period = 1): Cell => makeCell({ dimension, jurisdiction, period });

/** `{ period }` for a target of a later period (left out for period 1). */
export const periodPart = (period: number) => (period === 1 ? {} : { period });

/** The entries of a pair as the index holds them, in period order. */
export function pairEntries(index: MatrixIndex, dimension: string, jurisdiction: string): readonly Cell[] {
  const pair = cellKey(dimension, jurisdiction);
  const periods = index.periods.get(pair);
  if (periods) return periods;
  const cell = index.cells.get(pair);
  return cell ? [cell] : [];
}

/** The period an edit of a pair is of: the one it names, else the one shown, else the pair's latest (1 for a pair with no row). */
export function periodFor(ctx: EditContext, dimension: string, jurisdiction: string, period: number | undefined): number {
  if (period !== undefined) return period;
  const shown = ctx.shownPeriod?.(dimension, jurisdiction);
  if (shown !== undefined) return shown;
  const entries = pairEntries(ctx.index, dimension, jurisdiction);
  return entries.length ? entries[entries.length - 1].period : 1;
}

export const isPeriod = (period: number) => Number.isInteger(period) && period >= 1;

function pair(ctx: EditContext, dimension: string, jurisdiction: string): { d: Dimension; j: Jurisdiction } | EditRefusal {
  const d = ctx.index.dimensions.get(dimension);
  if (!d) return refuse(`there is no dimension "${dimension}"`);
  const j = ctx.index.jurisdictions.get(jurisdiction);
  if (!j) return refuse(`there is no jurisdiction "${jurisdiction}"`);
  return { d, j };
}

/** The cell with `set` applied, or why that cell would break the rules of its dimension. */
export function editedCell(ctx: EditContext, dimension: Dimension, old: Cell, set: Readonly<CellFields>): Cell | EditRefusal {
  const next: Cell = { ...old };
  const typed = dimension.valueType !== 'text' && dimension.valueType !== 'ordinal';
  if (set.value !== undefined) next.value = typed ? set.value.trim() : set.value;
  if (set.inForceFrom !== undefined) next.inForceFrom = set.inForceFrom.trim();
  if (set.inForceUntil !== undefined) next.inForceUntil = set.inForceUntil.trim();
  if (set.observed !== undefined) next.observed = set.observed.trim();
  if (set.note !== undefined) next.note = set.note;
  if (set.status !== undefined) {
    if (!CELL_STATUSES.includes(set.status)) return refuse(`status "${set.status}" is not one of ${CELL_STATUSES.join(', ')}`);
    next.status = set.status;
  }
  if (set.confidence !== undefined) {
    if (set.confidence !== '' && !CONFIDENCES.includes(set.confidence)) return refuse(`confidence "${set.confidence}" is not one of ${CONFIDENCES.join(', ')} (or empty)`);
    next.confidence = set.confidence;
  }
  if (set.relative !== undefined) {
    if (typeof set.relative !== 'boolean') return refuse('relative is yes or no');
    next.relative = set.relative;
  }
  if (set.level !== undefined) {
    const level = set.level.trim();
    const scale = ctx.index.scales.get(dimension.scale) ?? [];
    if (level !== '') {
      if (dimension.valueType !== 'ordinal') return refuse(`"${dimension.label || dimension.id}" is ${dimension.valueType}, not ordinal: it has no levels`);
      if (!scale.some((l) => l.id === level)) {
        return refuse(`"${level}" is not a level of the scale "${dimension.scale}" (levels: ${scale.map((l) => l.id).join(', ') || 'none'})`);
      }
    }
    // A value that only named the old level follows the level (an empty value takes its name).
    if (set.value === undefined) {
      const oldLabel = scale.find((l) => l.id === old.level)?.label;
      if (old.value === '' || old.value === oldLabel) next.value = scale.find((l) => l.id === level)?.label ?? '';
    }
    next.level = level;
  }
  const problem = valueProblem(dimension, next.value);
  if (problem) return refuse(problem);
  const [dates] = datesProblems(next);
  if (dates) return refuse(dates.message);
  if (next.status === 'not_in_source' && (next.value !== '' || next.level !== '')) {
    if (set.status === 'not_in_source') return refuse('a cell marked not in source has no value: clear its value and level first');
    // A value given to a cell that was not in source is work in progress until it is cited.
    next.status = 'draft';
  }
  return next;
}

/** The changes between two versions of a cell, by CSV column. */
function cellChanges(old: Cell, next: Cell): Change[] {
  const target = { kind: 'cell', dimension: next.dimension, jurisdiction: next.jurisdiction, ...periodPart(next.period) } as const;
  return (Object.keys(CELL_FIELD_COLUMN) as (keyof CellFields)[])
    .filter((f) => old[f] !== next[f])
    .map((f) => ({ target, field: CELL_FIELD_COLUMN[f], old: fieldText(old[f]), new: fieldText(next[f]) }));
}

function setCell(ctx: EditContext, c: Extract<EditCommand, { type: 'set-cell' }>): EditPlan | EditRefusal {
  const p = pair(ctx, c.dimension, c.jurisdiction);
  if (!('d' in p)) return p;
  const period = periodFor(ctx, c.dimension, c.jurisdiction, c.period);
  if (!isPeriod(period)) return refuse(`period ${period} is not a whole number from 1 up`);
  const existing = ctx.index.cells.get(entryKey(c.dimension, c.jurisdiction, period));
  // Only a pair's first period, or the one after its last, is made by setting it.
  if (!existing && period > 1 && period !== pairEntries(ctx.index, c.dimension, c.jurisdiction).reduce((m, x) => Math.max(m, x.period), 0) + 1) {
    return refuse(`cell (${c.dimension}, ${c.jurisdiction}) has no period ${period}`);
  }
  const old = existing ?? emptyCell(c.dimension, c.jurisdiction, period);
  const next = editedCell(ctx, p.d, old, c.set);
  if (!('dimension' in next)) return next;
  const changes = cellChanges(old, next);
  if (existing && changes.length === 0) return noop;
  return {
    ok: true,
    label: `Edit ${cellName(ctx, c.dimension, c.jurisdiction, period)}`,
    changes,
    patch: { cells: existing ? { replace: [[existing, next]] } : { insert: [[ctx.matrix.cells.length, next]] } },
  };
}

function addPeriod(ctx: EditContext, c: Extract<EditCommand, { type: 'add-period' }>): EditPlan | EditRefusal {
  const p = pair(ctx, c.dimension, c.jurisdiction);
  if (!('d' in p)) return p;
  const entries = pairEntries(ctx.index, c.dimension, c.jurisdiction);
  const period = entries.reduce((m, x) => Math.max(m, x.period), 0) + 1;
  let start = emptyCell(c.dimension, c.jurisdiction, period);
  if (c.copy && entries.length) {
    const shown = ctx.shownPeriod?.(c.dimension, c.jurisdiction);
    const from = entries.find((x) => x.period === shown) ?? entries[entries.length - 1];
    start = {
      ...start, value: from.value, level: from.level, confidence: from.confidence, relative: from.relative, note: from.note,
      // Its citations are the period's own: a copied value is a draft until it is cited.
      status: from.status === 'supported' ? 'draft' : from.status,
    };
  }
  const next = c.set ? editedCell(ctx, p.d, start, c.set) : start;
  if (!('dimension' in next)) return next;
  const target = { kind: 'cell', dimension: c.dimension, jurisdiction: c.jurisdiction, ...periodPart(period) } as const;
  return {
    ok: true,
    label: `Add period ${period} to ${cellName(ctx, c.dimension, c.jurisdiction)}`,
    changes: [{ target, field: 'period', old: '', new: String(period) }, ...cellChanges(emptyCell(c.dimension, c.jurisdiction, period), next)],
    patch: { cells: { insert: [[ctx.matrix.cells.length, next]] } },
  };
}

function removePeriod(ctx: EditContext, c: Extract<EditCommand, { type: 'remove-period' }>): EditPlan | EditRefusal {
  const p = pair(ctx, c.dimension, c.jurisdiction);
  if (!('d' in p)) return p;
  const entries = pairEntries(ctx.index, c.dimension, c.jurisdiction);
  const gone = entries.find((x) => x.period === c.period);
  if (!gone) return refuse(`cell (${c.dimension}, ${c.jurisdiction}) has no period ${c.period}`);
  if (entries.length === 1) return refuse('a cell keeps at least one period: clear its value, or mark it not in source, instead');
  const citations = ctx.citationsOf(entryKey(c.dimension, c.jurisdiction, c.period));
  // Later periods move down one, with their citations, so that periods stay 1, 2, … without a gap.
  const cellMoves: [Cell, Cell][] = [];
  const citationMoves: [Citation, Citation][] = [];
  for (const later of entries) {
    if (later.period <= c.period) continue;
    cellMoves.push([later, { ...later, period: later.period - 1 }]);
    for (const citation of ctx.citationsOf(entryKey(later.dimension, later.jurisdiction, later.period))) {
      citationMoves.push([citation, { ...citation, period: later.period - 1 }]);
    }
  }
  const target = { kind: 'cell', dimension: c.dimension, jurisdiction: c.jurisdiction, ...periodPart(c.period) } as const;
  return {
    ok: true,
    label: `Remove period ${c.period} of ${cellName(ctx, c.dimension, c.jurisdiction)}${citations.length ? ` (with ${citations.length} citation${citations.length === 1 ? '' : 's'})` : ''}`,
    changes: [
      { target, field: 'period', old: String(c.period), new: '' },
      ...cellMoves.map(([from, to]) => ({ target: { kind: 'cell', dimension: c.dimension, jurisdiction: c.jurisdiction, ...periodPart(to.period) } as const, field: 'period', old: String(from.period), new: String(to.period) })),
    ],
    patch: {
      cells: { remove: [gone], ...(cellMoves.length ? { replace: cellMoves } : {}) },
      ...(citations.length || citationMoves.length ? { citations: { ...(citations.length ? { remove: [...citations] } : {}), ...(citationMoves.length ? { replace: citationMoves } : {}) } } : {}),
    },
  };
}

function sourceProblem(ctx: EditContext, source: string): EditRefusal | undefined {
  return ctx.matrix.sources.some((s) => s.id === source) ? undefined : refuse(`there is no source "${source}" in sources.csv`);
}

/** Why a citation's support is not one of the kinds, or undefined. */
const supportProblem = (support: string | undefined): EditRefusal | undefined =>
  support === undefined || SUPPORTS.includes(support as Support) ? undefined : refuse(`support "${support}" is not one of ${SUPPORTS.join(', ')}`);

function addCitation(ctx: EditContext, c: Extract<EditCommand, { type: 'add-citation' }>): EditPlan | EditRefusal {
  const p = pair(ctx, c.dimension, c.jurisdiction);
  if (!('d' in p)) return p;
  const quote = c.citation.quote.trim();
  if (quote === '') return refuse('the quote is empty: give the passage as it reads in the source');
  const bad = sourceProblem(ctx, c.citation.source) ?? supportProblem(c.citation.support);
  if (bad) return bad;
  const period = periodFor(ctx, c.dimension, c.jurisdiction, c.period);
  if (!isPeriod(period)) return refuse(`period ${period} is not a whole number from 1 up`);
  const key = entryKey(c.dimension, c.jurisdiction, period);
  if (period > 1 && !ctx.index.cells.has(key)) return refuse(`cell (${c.dimension}, ${c.jurisdiction}) has no period ${period}`);
  const list = ctx.citationsOf(key);
  const seq = list.reduce((m, x) => Math.max(m, x.seq), 0) + 1;
  // Cited at a position (by selection, from a search) without a locator: the source's map gives it.
  const { start, end } = c.citation;
  const locator = (c.citation.locator ?? '').trim() !== '' || start === undefined || end === undefined || !(end > start)
    ? c.citation.locator ?? ''
    : ctx.locatorOf?.(c.citation.source, { start, end }) ?? '';
  const citation: Citation = {
    dimension: c.dimension, jurisdiction: c.jurisdiction, period, seq, source: c.citation.source, quote,
    prefix: c.citation.prefix ?? '', suffix: c.citation.suffix ?? '', locator,
    support: c.citation.support ?? 'states', attribution: c.citation.attribution ?? '',
    // Where the passage was selected (citing by selection); checked like a saved position.
    start: c.citation.start, end: c.citation.end,
  };
  const patch: { cells?: MatrixPatch['cells']; citations: MatrixPatch['citations'] } = {
    citations: { insert: [[ctx.matrix.citations.length, citation]] },
  };
  // A citation needs its cell's row in cells.csv.
  if (!ctx.index.cells.has(key)) patch.cells = { insert: [[ctx.matrix.cells.length, { ...emptyCell(c.dimension, c.jurisdiction, period), status: 'draft' }]] };
  return {
    ok: true,
    label: `Add citation ${seq} to ${cellName(ctx, c.dimension, c.jurisdiction, period)}`,
    changes: [{ target: { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq, ...periodPart(period) }, field: 'quote', old: '', new: quote }],
    patch,
  };
}

/** A citation of an entry, by its pair, period (see periodFor) and seq. */
export function findCitation(
  ctx: EditContext, dimension: string, jurisdiction: string, seq: number, period?: number,
): { list: readonly Citation[]; citation: Citation; period: number } | EditRefusal {
  const at = periodFor(ctx, dimension, jurisdiction, period);
  const list = ctx.citationsOf(entryKey(dimension, jurisdiction, at));
  const citation = list.find((x) => x.seq === seq);
  return citation ? { list, citation, period: at } : refuse(`cell ${entryWords({ dimension, jurisdiction, period: at })} has no citation ${seq}`);
}

function setCitation(ctx: EditContext, c: Extract<EditCommand, { type: 'set-citation' }>): EditPlan | EditRefusal {
  const found = findCitation(ctx, c.dimension, c.jurisdiction, c.seq, c.period);
  if (!('citation' in found)) return found;
  const badSupport = supportProblem(c.set.support);
  if (badSupport) return badSupport;
  const old = found.citation;
  const next: Citation = { ...old };
  for (const f of CITATION_FIELDS) {
    const value = c.set[f];
    if (value === undefined) continue;
    if (f === 'support') next.support = value as Support;
    else next[f] = f === 'quote' ? value.trim() : value;
  }
  if (next.quote === '') return refuse('the quote is empty: give the passage as it reads in the source (or remove the citation)');
  // A position belongs to a quote in a source: another quote or source is looked up anew.
  if (next.quote !== old.quote || next.source !== old.source) {
    next.start = undefined;
    next.end = undefined;
  }
  if (next.source !== old.source) {
    const bad = sourceProblem(ctx, next.source);
    if (bad) return bad;
  }
  const target = { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq: c.seq, ...periodPart(found.period) } as const;
  const changes = CITATION_FIELDS.filter((f) => old[f] !== next[f]).map((f) => ({ target, field: f, old: old[f], new: next[f] }));
  if (changes.length === 0) return noop;
  return {
    ok: true,
    label: `Edit citation ${c.seq} of ${cellName(ctx, c.dimension, c.jurisdiction, found.period)}`,
    changes,
    patch: { citations: { replace: [[old, next]] } },
  };
}

/** Replacements that give the citations of `order` the seq numbers `seqs` (same length). */
function renumber(order: readonly Citation[], seqs: readonly number[]): [Citation, Citation][] {
  const out: [Citation, Citation][] = [];
  order.forEach((c, i) => {
    if (c.seq !== seqs[i]) out.push([c, { ...c, seq: seqs[i] }]);
  });
  return out;
}

function removeCitation(ctx: EditContext, c: Extract<EditCommand, { type: 'remove-citation' }>): EditPlan | EditRefusal {
  const found = findCitation(ctx, c.dimension, c.jurisdiction, c.seq, c.period);
  if (!('citation' in found)) return found;
  const rest = found.list.filter((x) => x !== found.citation);
  // Later citations move up: seq numbers stay 1, 2, … without a gap.
  const seqs = found.list.map((x) => x.seq).sort((a, b) => a - b).slice(0, rest.length);
  const replace = renumber(rest, seqs);
  return {
    ok: true,
    label: `Remove citation ${c.seq} of ${cellName(ctx, c.dimension, c.jurisdiction, found.period)}`,
    changes: [{ target: { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq: c.seq, ...periodPart(found.period) }, field: 'quote', old: found.citation.quote, new: '' }],
    patch: { citations: { remove: [found.citation], ...(replace.length ? { replace } : {}) } },
  };
}

function moveCitation(ctx: EditContext, c: Extract<EditCommand, { type: 'move-citation' }>): EditPlan | EditRefusal {
  const found = findCitation(ctx, c.dimension, c.jurisdiction, c.seq, c.period);
  if (!('citation' in found)) return found;
  const order = [...found.list];
  const from = order.indexOf(found.citation);
  const to = Math.max(0, Math.min(order.length - 1, Math.trunc(c.to)));
  if (from === to) return noop;
  order.splice(from, 1);
  order.splice(to, 0, found.citation);
  const seqs = found.list.map((x) => x.seq).sort((a, b) => a - b);
  const replace = renumber(order, seqs);
  if (replace.length === 0) return noop;
  return {
    ok: true,
    label: `Move citation ${c.seq} of ${cellName(ctx, c.dimension, c.jurisdiction, found.period)} to place ${to + 1}`,
    changes: [{ target: { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq: c.seq, ...periodPart(found.period) }, field: 'seq', old: String(found.citation.seq), new: String(seqs[to]) }],
    patch: { citations: { replace } },
  };
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Replacements that number `ordered` 1, 2, … in their `order` column. */
function reorder<T extends { order: number }>(ordered: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  ordered.forEach((item, i) => {
    if (item.order !== i + 1) out.push([item, { ...item, order: i + 1 }]);
  });
  return out;
}

function newIdProblem(what: string, id: string, taken: boolean): EditRefusal | undefined {
  if (id === '') return refuse(`the ${what} needs an id`);
  if (!ID.test(id)) return refuse(`the ${what} id "${id}" should be letters, digits, "-", "_", "." or ":" with no spaces`);
  if (taken) return refuse(`there is already a ${what} "${id}"`);
  return undefined;
}

function addDimension(ctx: EditContext, c: Extract<EditCommand, { type: 'add-dimension' }>): EditPlan | EditRefusal {
  const n = c.dimension;
  const id = n.id.trim();
  const bad = newIdProblem('dimension', id, ctx.index.dimensions.has(id));
  if (bad) return bad;
  if (n.label.trim() === '') return refuse('the dimension needs a label');
  if (!VALUE_TYPES.includes(n.valueType)) return refuse(`value type "${n.valueType}" is not one of ${VALUE_TYPES.join(', ')}`);
  const scale = n.valueType === 'ordinal' ? (n.scale ?? '').trim() : '';
  if (n.valueType === 'ordinal' && !ctx.index.scales.has(scale)) {
    return refuse(`an ordinal dimension needs a scale from scales.csv (${[...ctx.index.scales.keys()].join(', ') || 'none defined'})`);
  }
  if (n.basis !== undefined && n.basis !== '' && !BASES.includes(n.basis)) return refuse(`basis "${n.basis}" is not one of ${BASES.join(', ')} (or empty)`);
  const order = ctx.matrix.dimensions.reduce((m, d) => Math.max(m, d.order), 0) + 1;
  const dimension: Dimension = makeDimension({
    id, label: n.label.trim(), definition: n.definition ?? '', theme: n.theme ?? '', valueType: n.valueType, scale,
    unit: n.valueType === 'number' ? (n.unit ?? '').trim() : '', order,
    basis: n.basis ?? '', codingRules: n.codingRules ?? '', direction: (n.direction ?? '').trim(),
  });
  const cells: [number, Cell][] = [...ctx.index.jurisdictions.keys()].map((j, i) => [ctx.matrix.cells.length + i, emptyCell(id, j)]);
  return {
    ok: true,
    label: `Add dimension ${dimension.label}`,
    changes: [{ target: { kind: 'dimension', id }, field: 'dimension', old: '', new: dimension.label }],
    patch: { dimensions: { insert: [[ctx.matrix.dimensions.length, dimension]] }, ...(cells.length ? { cells: { insert: cells } } : {}) },
  };
}

function addJurisdiction(ctx: EditContext, c: Extract<EditCommand, { type: 'add-jurisdiction' }>): EditPlan | EditRefusal {
  const n = c.jurisdiction;
  const id = n.id.trim();
  const bad = newIdProblem('jurisdiction', id, ctx.index.jurisdictions.has(id));
  if (bad) return bad;
  if (n.label.trim() === '') return refuse('the jurisdiction needs a label');
  const order = ctx.matrix.jurisdictions.reduce((m, j) => Math.max(m, j.order), 0) + 1;
  const jurisdiction: Jurisdiction = { id, label: n.label.trim(), group: n.group ?? '', order };
  const cells: [number, Cell][] = [...ctx.index.dimensions.keys()].map((d, i) => [ctx.matrix.cells.length + i, emptyCell(d, id)]);
  return {
    ok: true,
    label: `Add jurisdiction ${jurisdiction.label}`,
    changes: [{ target: { kind: 'jurisdiction', id }, field: 'jurisdiction', old: '', new: jurisdiction.label }],
    patch: { jurisdictions: { insert: [[ctx.matrix.jurisdictions.length, jurisdiction]] }, ...(cells.length ? { cells: { insert: cells } } : {}) },
  };
}

function setDimension(ctx: EditContext, c: Extract<EditCommand, { type: 'set-dimension' }>): EditPlan | EditRefusal {
  const old = ctx.index.dimensions.get(c.id);
  if (!old) return refuse(`there is no dimension "${c.id}"`);
  const next: Dimension = { ...old };
  if (c.set.label !== undefined) {
    if (c.set.label.trim() === '') return refuse('a dimension needs a label');
    next.label = c.set.label.trim();
  }
  if (c.set.definition !== undefined) next.definition = c.set.definition;
  if (c.set.theme !== undefined) next.theme = c.set.theme;
  if (c.set.unit !== undefined) {
    if (old.valueType !== 'number' && c.set.unit.trim() !== '') return refuse('only number dimensions have a unit');
    next.unit = c.set.unit.trim();
  }
  if (c.set.basis !== undefined) {
    if (c.set.basis !== '' && !BASES.includes(c.set.basis)) return refuse(`basis "${c.set.basis}" is not one of ${BASES.join(', ')} (or empty)`);
    next.basis = c.set.basis;
  }
  if (c.set.codingRules !== undefined) next.codingRules = c.set.codingRules;
  if (c.set.direction !== undefined) next.direction = c.set.direction.trim();
  const target = { kind: 'dimension', id: c.id } as const;
  const changes = DIMENSION_FIELDS.filter((f) => old[f] !== next[f]).map((f) => ({ target, field: DIMENSION_COLUMN[f], old: old[f], new: next[f] }));
  if (changes.length === 0) return noop;
  return { ok: true, label: `Edit dimension ${next.label}`, changes, patch: { dimensions: { replace: [[old, next]] } } };
}

const DIMENSION_FIELDS = ['label', 'definition', 'theme', 'unit', 'basis', 'codingRules', 'direction'] as const;
const DIMENSION_COLUMN: Record<(typeof DIMENSION_FIELDS)[number], string> = {
  label: 'label', definition: 'definition', theme: 'theme', unit: 'unit', basis: 'basis', codingRules: 'coding_rules', direction: 'direction',
};

function setLevel(ctx: EditContext, c: Extract<EditCommand, { type: 'set-level' }>): EditPlan | EditRefusal {
  const old = ctx.matrix.levels.find((l) => l.scale === c.scale && l.id === c.id);
  if (!old) return refuse(`scale "${c.scale}" has no level "${c.id}"`);
  const next: Level = { ...old };
  if (c.set.label !== undefined) {
    if (c.set.label.trim() === '') return refuse('a level needs a label');
    next.label = c.set.label.trim();
  }
  if (c.set.definition !== undefined) next.definition = c.set.definition;
  if (c.set.needsAbsolute !== undefined) {
    if (typeof c.set.needsAbsolute !== 'boolean') return refuse('needs absolute is yes or no');
    next.needsAbsolute = c.set.needsAbsolute;
  }
  const target = { kind: 'level', scale: c.scale, id: c.id } as const;
  const changes: Change[] = (['label', 'definition', 'needsAbsolute'] as const)
    .filter((f) => old[f] !== next[f])
    .map((f) => ({ target, field: f === 'needsAbsolute' ? 'needs_absolute' : f, old: fieldText(old[f]), new: fieldText(next[f]) }));
  if (changes.length === 0) return noop;
  return { ok: true, label: `Edit level ${next.label || next.id} of scale ${c.scale}`, changes, patch: { levels: { replace: [[old, next]] } } };
}

function setJurisdiction(ctx: EditContext, c: Extract<EditCommand, { type: 'set-jurisdiction' }>): EditPlan | EditRefusal {
  const old = ctx.index.jurisdictions.get(c.id);
  if (!old) return refuse(`there is no jurisdiction "${c.id}"`);
  const next: Jurisdiction = { ...old };
  if (c.set.label !== undefined) {
    if (c.set.label.trim() === '') return refuse('a jurisdiction needs a label');
    next.label = c.set.label.trim();
  }
  if (c.set.group !== undefined) next.group = c.set.group;
  const target = { kind: 'jurisdiction', id: c.id } as const;
  const changes = (['label', 'group'] as const).filter((f) => old[f] !== next[f]).map((f) => ({ target, field: f, old: old[f], new: next[f] }));
  if (changes.length === 0) return noop;
  return { ok: true, label: `Edit jurisdiction ${next.label}`, changes, patch: { jurisdictions: { replace: [[old, next]] } } };
}

function move<T extends { id: string; order: number; label: string }>(
  what: 'dimension' | 'jurisdiction', items: readonly T[], id: string, to: number,
): { replace: [T, T][]; change: Change; label: string } | EditRefusal {
  const ordered = [...items].sort(byOrder);
  const item = ordered.find((x) => x.id === id);
  if (!item) return refuse(`there is no ${what} "${id}"`);
  const from = ordered.indexOf(item);
  const at = Math.max(0, Math.min(ordered.length - 1, Math.trunc(to)));
  if (from === at) return noop;
  ordered.splice(from, 1);
  ordered.splice(at, 0, item);
  const replace = reorder(ordered);
  if (replace.length === 0) return noop;
  return {
    replace,
    change: { target: { kind: what, id }, field: 'order', old: String(from + 1), new: String(at + 1) },
    label: `Move ${what} ${item.label || id} to place ${at + 1}`,
  };
}

function moveDimension(ctx: EditContext, c: Extract<EditCommand, { type: 'move-dimension' }>): EditPlan | EditRefusal {
  const m = move('dimension', ctx.matrix.dimensions, c.id, c.to);
  if (!('replace' in m)) return m;
  return { ok: true, label: m.label, changes: [m.change], patch: { dimensions: { replace: m.replace } } };
}

function moveJurisdiction(ctx: EditContext, c: Extract<EditCommand, { type: 'move-jurisdiction' }>): EditPlan | EditRefusal {
  const m = move('jurisdiction', ctx.matrix.jurisdictions, c.id, c.to);
  if (!('replace' in m)) return m;
  return { ok: true, label: m.label, changes: [m.change], patch: { jurisdictions: { replace: m.replace } } };
}

/** What removing a dimension or jurisdiction takes with it. */
export function removalScope(matrix: Matrix, what: 'dimension' | 'jurisdiction', id: string): { cells: Cell[]; citations: Citation[]; withValues: number } {
  const cells = matrix.cells.filter((c) => c[what] === id);
  const citations = matrix.citations.filter((c) => c[what] === id);
  return { cells, citations, withValues: cells.filter((c) => c.value !== '' || c.level !== '' || c.note !== '').length };
}

function remove(ctx: EditContext, what: 'dimension' | 'jurisdiction', id: string): EditPlan | EditRefusal {
  const items = (what === 'dimension' ? ctx.matrix.dimensions : ctx.matrix.jurisdictions) as readonly (Dimension | Jurisdiction)[];
  const gone = items.filter((x) => x.id === id);
  if (gone.length === 0) return refuse(`there is no ${what} "${id}"`);
  const scope = removalScope(ctx.matrix, what, id);
  const label = gone[0].label || id;
  const patch: { -readonly [K in keyof MatrixPatch]: MatrixPatch[K] } = {};
  if (what === 'dimension') patch.dimensions = { remove: gone as Dimension[] };
  else patch.jurisdictions = { remove: gone as Jurisdiction[] };
  if (scope.cells.length) patch.cells = { remove: scope.cells };
  if (scope.citations.length) patch.citations = { remove: scope.citations };
  const parts = [scope.cells.length ? `${scope.cells.length} cell${scope.cells.length === 1 ? '' : 's'}` : '', scope.citations.length ? `${scope.citations.length} citation${scope.citations.length === 1 ? '' : 's'}` : ''].filter(Boolean);
  return {
    ok: true,
    label: `Remove ${what} ${label}${parts.length ? ` (with ${parts.join(' and ')})` : ''}`,
    changes: [{ target: { kind: what, id }, field: what, old: label, new: '' }],
    patch,
  };
}

/** Check an edit against the matrix and turn it into a patch, or refuse it with a message. */
export function planEdit(ctx: EditContext, command: EditCommand): EditPlan | EditRefusal {
  switch (command.type) {
    case 'set-cell': return setCell(ctx, command);
    case 'set-computed': return datasetEngine()?.planSetComputed(ctx, command) ?? refuse('no dataset is loaded: a cell is computed from a dataset of the matrix');
    case 'add-period': return addPeriod(ctx, command);
    case 'remove-period': return removePeriod(ctx, command);
    case 'set-level': return setLevel(ctx, command);
    case 'add-citation': return addCitation(ctx, command);
    case 'set-citation': return setCitation(ctx, command);
    case 'remove-citation': return removeCitation(ctx, command);
    case 'update-citations': return planCitationUpdates(ctx, command.label, command.updates);
    case 'move-citation': return moveCitation(ctx, command);
    case 'add-dimension': return addDimension(ctx, command);
    case 'set-dimension': return setDimension(ctx, command);
    case 'move-dimension': return moveDimension(ctx, command);
    case 'remove-dimension': return remove(ctx, 'dimension', command.id);
    case 'add-jurisdiction': return addJurisdiction(ctx, command);
    case 'set-jurisdiction': return setJurisdiction(ctx, command);
    case 'move-jurisdiction': return moveJurisdiction(ctx, command);
    case 'remove-jurisdiction': return remove(ctx, 'jurisdiction', command.id);
    case 'add-source': return planAddSource(ctx, command);
    case 'replace-source': return planReplaceSource(ctx, command);
    default: {
      const unknown: never = command;
      return refuse(`unknown edit ${JSON.stringify(unknown)}`);
    }
  }
}
