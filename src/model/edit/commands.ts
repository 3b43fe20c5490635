/**
 * Edits of a matrix as data, and how each becomes a patch. `planEdit` checks an edit against
 * the matrix (with the same rules the loader applies, from cell-rules.ts) and either refuses
 * it with a message or returns the exact patch, a label and the list of changes (old → new)
 * for the history. Pure: no DOM, no clock (the time is given by whoever records it).
 */
import { isDate, valueProblem } from '../check/cell-rules.ts';
import {
  CELL_STATUSES, VALUE_TYPES, cellKey,
  type Cell, type CellStatus, type Citation, type Dimension, type Jurisdiction, type Matrix, type ValueType,
} from '../types.ts';
import type { MatrixIndex } from './matrix-index.ts';
import type { MatrixPatch } from './patch.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { planCitationUpdates, type CitationUpdate } from './update-citations.ts';
import type { SetComputedCommand } from './set-computed.ts';
import { datasetEngine } from '../dataset/engine-hook.ts';

export type { RuleFields, SetComputedCommand } from './set-computed.ts';

export type { CitationUpdate } from './update-citations.ts';

/** Fields of a cell an edit may set (names as in the model; `asOf` is the `as_of` column). */
export interface CellFields {
  value?: string;
  level?: string;
  asOf?: string;
  status?: CellStatus;
  note?: string;
}

export interface CitationFields {
  source?: string;
  quote?: string;
  prefix?: string;
  suffix?: string;
  locator?: string;
}

export interface NewDimension {
  id: string;
  label: string;
  valueType: ValueType;
  definition?: string;
  theme?: string;
  scale?: string;
  unit?: string;
}

export interface NewJurisdiction {
  id: string;
  label: string;
  group?: string;
}

export type EditCommand =
  | { readonly type: 'set-cell'; readonly dimension: string; readonly jurisdiction: string; readonly set: Readonly<CellFields> }
  | { readonly type: 'add-citation'; readonly dimension: string; readonly jurisdiction: string; readonly citation: Readonly<CitationFields & { source: string; quote: string; start?: number; end?: number }> }
  | { readonly type: 'set-citation'; readonly dimension: string; readonly jurisdiction: string; readonly seq: number; readonly set: Readonly<CitationFields> }
  | { readonly type: 'remove-citation'; readonly dimension: string; readonly jurisdiction: string; readonly seq: number }
  /** Several citations changed as one edit (e.g. accepting a re-anchoring into a source's new version): see update-citations.ts. */
  | { readonly type: 'update-citations'; readonly label: string; readonly updates: readonly CitationUpdate[] }
  | { readonly type: 'move-citation'; readonly dimension: string; readonly jurisdiction: string; readonly seq: number; readonly to: number }
  | { readonly type: 'add-dimension'; readonly dimension: Readonly<NewDimension> }
  | { readonly type: 'set-dimension'; readonly id: string; readonly set: Readonly<{ label?: string; definition?: string; theme?: string; unit?: string }> }
  | { readonly type: 'move-dimension'; readonly id: string; readonly to: number }
  | { readonly type: 'remove-dimension'; readonly id: string }
  | { readonly type: 'add-jurisdiction'; readonly jurisdiction: Readonly<NewJurisdiction> }
  | { readonly type: 'set-jurisdiction'; readonly id: string; readonly set: Readonly<{ label?: string; group?: string }> }
  | { readonly type: 'move-jurisdiction'; readonly id: string; readonly to: number }
  | { readonly type: 'remove-jurisdiction'; readonly id: string }
  | SetComputedCommand;

export type EditType = EditCommand['type'];

/** What a change is about (as in `Problem.target`). */
export type ChangeTarget =
  | { readonly kind: 'cell'; readonly dimension: string; readonly jurisdiction: string }
  | { readonly kind: 'citation'; readonly dimension: string; readonly jurisdiction: string; readonly seq: number }
  | { readonly kind: 'dimension'; readonly id: string }
  | { readonly kind: 'jurisdiction'; readonly id: string };

/** One field changed by an edit: old → new (CSV column names: value, level, as_of, status, note, quote, …). */
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

/** What planning needs besides the matrix: its index and each cell's citations (in seq order). */
export interface EditContext {
  readonly matrix: Matrix;
  readonly index: MatrixIndex;
  /** The matrix's datasets, by source id (a computed cell's value is computed from them). */
  readonly datasets?: ReadonlyMap<string, Dataset>;
  readonly citationsOf: (key: string) => readonly Citation[];
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

const refuse = (message: string): EditRefusal => ({ ok: false, message });
const noop: EditRefusal = { ok: false, message: 'nothing changes', noop: true };

const CELL_FIELD_COLUMN: Record<keyof CellFields, string> = { value: 'value', level: 'level', asOf: 'as_of', status: 'status', note: 'note' };
const CITATION_FIELDS = ['source', 'quote', 'prefix', 'suffix', 'locator'] as const;

function cellName(ctx: EditContext, dimension: string, jurisdiction: string): string {
  const d = ctx.index.dimensions.get(dimension);
  const j = ctx.index.jurisdictions.get(jurisdiction);
  return `${d?.label || dimension} — ${j?.label || jurisdiction}`;
}

/** A cell for a pair that has no row yet. */
const emptyCell = (dimension: string, jurisdiction: string): Cell => ({
  dimension, jurisdiction, value: '', level: '', asOf: '', status: 'not_in_source', note: '',
});

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
  if (set.asOf !== undefined) next.asOf = set.asOf.trim();
  if (set.note !== undefined) next.note = set.note;
  if (set.status !== undefined) {
    if (!CELL_STATUSES.includes(set.status)) return refuse(`status "${set.status}" is not one of ${CELL_STATUSES.join(', ')}`);
    next.status = set.status;
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
  if (next.asOf !== '' && !isDate(next.asOf)) return refuse(`"${next.asOf}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  if (next.status === 'not_in_source' && (next.value !== '' || next.level !== '')) {
    if (set.status === 'not_in_source') return refuse('a cell marked not in source has no value: clear its value and level first');
    // A value given to a cell that was not in source is work in progress until it is cited.
    next.status = 'draft';
  }
  return next;
}

function setCell(ctx: EditContext, c: Extract<EditCommand, { type: 'set-cell' }>): EditPlan | EditRefusal {
  const p = pair(ctx, c.dimension, c.jurisdiction);
  if (!('d' in p)) return p;
  const existing = ctx.index.cells.get(cellKey(c.dimension, c.jurisdiction));
  const old = existing ?? emptyCell(c.dimension, c.jurisdiction);
  const next = editedCell(ctx, p.d, old, c.set);
  if (!('dimension' in next)) return next;
  const target = { kind: 'cell', dimension: c.dimension, jurisdiction: c.jurisdiction } as const;
  const changes: Change[] = (Object.keys(CELL_FIELD_COLUMN) as (keyof CellFields)[])
    .filter((f) => old[f] !== next[f])
    .map((f) => ({ target, field: CELL_FIELD_COLUMN[f], old: old[f], new: next[f] }));
  if (existing && changes.length === 0) return noop;
  return {
    ok: true,
    label: `Edit ${cellName(ctx, c.dimension, c.jurisdiction)}`,
    changes,
    patch: { cells: existing ? { replace: [[existing, next]] } : { insert: [[ctx.matrix.cells.length, next]] } },
  };
}

function sourceProblem(ctx: EditContext, source: string): EditRefusal | undefined {
  return ctx.matrix.sources.some((s) => s.id === source) ? undefined : refuse(`there is no source "${source}" in sources.csv`);
}

function addCitation(ctx: EditContext, c: Extract<EditCommand, { type: 'add-citation' }>): EditPlan | EditRefusal {
  const p = pair(ctx, c.dimension, c.jurisdiction);
  if (!('d' in p)) return p;
  const quote = c.citation.quote.trim();
  if (quote === '') return refuse('the quote is empty: give the passage as it reads in the source');
  const bad = sourceProblem(ctx, c.citation.source);
  if (bad) return bad;
  const key = cellKey(c.dimension, c.jurisdiction);
  const list = ctx.citationsOf(key);
  const seq = list.reduce((m, x) => Math.max(m, x.seq), 0) + 1;
  const citation: Citation = {
    dimension: c.dimension, jurisdiction: c.jurisdiction, seq, source: c.citation.source, quote,
    prefix: c.citation.prefix ?? '', suffix: c.citation.suffix ?? '', locator: c.citation.locator ?? '',
    // Where the passage was selected (citing by selection); checked like a saved position.
    start: c.citation.start, end: c.citation.end,
  };
  const patch: { cells?: MatrixPatch['cells']; citations: MatrixPatch['citations'] } = {
    citations: { insert: [[ctx.matrix.citations.length, citation]] },
  };
  // A citation needs its cell's row in cells.csv.
  if (!ctx.index.cells.has(key)) patch.cells = { insert: [[ctx.matrix.cells.length, { ...emptyCell(c.dimension, c.jurisdiction), status: 'draft' }]] };
  return {
    ok: true,
    label: `Add citation ${seq} to ${cellName(ctx, c.dimension, c.jurisdiction)}`,
    changes: [{ target: { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq }, field: 'quote', old: '', new: quote }],
    patch,
  };
}

function findCitation(ctx: EditContext, dimension: string, jurisdiction: string, seq: number): { list: readonly Citation[]; citation: Citation } | EditRefusal {
  const list = ctx.citationsOf(cellKey(dimension, jurisdiction));
  const citation = list.find((x) => x.seq === seq);
  return citation ? { list, citation } : refuse(`cell (${dimension}, ${jurisdiction}) has no citation ${seq}`);
}

function setCitation(ctx: EditContext, c: Extract<EditCommand, { type: 'set-citation' }>): EditPlan | EditRefusal {
  const found = findCitation(ctx, c.dimension, c.jurisdiction, c.seq);
  if (!('citation' in found)) return found;
  const old = found.citation;
  const next: Citation = { ...old };
  for (const f of CITATION_FIELDS) if (c.set[f] !== undefined) next[f] = f === 'quote' ? c.set[f]!.trim() : c.set[f]!;
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
  const target = { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq: c.seq } as const;
  const changes = CITATION_FIELDS.filter((f) => old[f] !== next[f]).map((f) => ({ target, field: f, old: old[f], new: next[f] }));
  if (changes.length === 0) return noop;
  return {
    ok: true,
    label: `Edit citation ${c.seq} of ${cellName(ctx, c.dimension, c.jurisdiction)}`,
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
  const found = findCitation(ctx, c.dimension, c.jurisdiction, c.seq);
  if (!('citation' in found)) return found;
  const rest = found.list.filter((x) => x !== found.citation);
  // Later citations move up: seq numbers stay 1, 2, … without a gap.
  const seqs = found.list.map((x) => x.seq).sort((a, b) => a - b).slice(0, rest.length);
  const replace = renumber(rest, seqs);
  return {
    ok: true,
    label: `Remove citation ${c.seq} of ${cellName(ctx, c.dimension, c.jurisdiction)}`,
    changes: [{ target: { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq: c.seq }, field: 'quote', old: found.citation.quote, new: '' }],
    patch: { citations: { remove: [found.citation], ...(replace.length ? { replace } : {}) } },
  };
}

function moveCitation(ctx: EditContext, c: Extract<EditCommand, { type: 'move-citation' }>): EditPlan | EditRefusal {
  const found = findCitation(ctx, c.dimension, c.jurisdiction, c.seq);
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
    label: `Move citation ${c.seq} of ${cellName(ctx, c.dimension, c.jurisdiction)} to place ${to + 1}`,
    changes: [{ target: { kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq: c.seq }, field: 'seq', old: String(found.citation.seq), new: String(seqs[to]) }],
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
  const order = ctx.matrix.dimensions.reduce((m, d) => Math.max(m, d.order), 0) + 1;
  const dimension: Dimension = {
    id, label: n.label.trim(), definition: n.definition ?? '', theme: n.theme ?? '', valueType: n.valueType, scale,
    unit: n.valueType === 'number' ? (n.unit ?? '').trim() : '', order,
  };
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
  const target = { kind: 'dimension', id: c.id } as const;
  const changes = (['label', 'definition', 'theme', 'unit'] as const).filter((f) => old[f] !== next[f]).map((f) => ({ target, field: f, old: old[f], new: next[f] }));
  if (changes.length === 0) return noop;
  return { ok: true, label: `Edit dimension ${next.label}`, changes, patch: { dimensions: { replace: [[old, next]] } } };
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
    default: {
      const unknown: never = command;
      return refuse(`unknown edit ${JSON.stringify(unknown)}`);
    }
  }
}
