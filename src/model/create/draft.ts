/**
 * The form of a new matrix as the analyst fills it in (the app's **New matrix** dialog): rows
 * of jurisdictions, dimensions and scale levels with labels, ids made from the labels until
 * the analyst types one, and the spec it gives (new-matrix.ts). Immutable: every change
 * returns a new draft, so the dialog re-renders from it and nothing typed is lost.
 *
 * Each row has a `key` that stays with it when rows move (the dialog keys its DOM by it, so
 * focus follows a moved row) and names its fields in problems (`fieldOf`).
 */
import { VALUE_TYPES, type Matrix, type Source, type ValueType } from '../types.ts';
import { assignIds, slugOf, uniqueId } from './ids.ts';
import { structureOf, type NewDimension, type NewJurisdiction, type NewMatrixSpec, type NewScale, type SpecProblem } from './new-matrix.ts';

interface DraftRow {
  readonly key: number;
  readonly label: string;
  /** The id typed by the analyst; '' = made from the label. */
  readonly id: string;
}

export interface DraftJurisdiction extends DraftRow {
  readonly group: string;
  readonly extra?: Readonly<Record<string, string>>;
}

/** A dimension's scale: one of the draft's own scales (by key), one of the open matrix's (by id), or none. */
export type ScaleChoice = { readonly own: number } | { readonly open: string } | undefined;

export interface DraftDimension extends DraftRow {
  readonly definition: string;
  readonly theme: string;
  readonly valueType: ValueType;
  readonly scale: ScaleChoice;
  readonly unit: string;
  readonly extra?: Readonly<Record<string, string>>;
}

export interface DraftLevel extends DraftRow {
  readonly definition: string;
  readonly extra?: Readonly<Record<string, string>>;
}

export interface DraftScale {
  readonly key: number;
  /** The scale's id (scales have no label in the files: the id is what is typed). */
  readonly id: string;
  readonly levels: readonly DraftLevel[];
}

/** Rows of one way to start: blank, or a copy of the open matrix's structure (each kept while the other is shown). */
export interface DraftRows {
  readonly jurisdictions: readonly DraftJurisdiction[];
  readonly dimensions: readonly DraftDimension[];
  readonly scales: readonly DraftScale[];
  readonly extraColumns?: NewMatrixSpec['extraColumns'];
  /** For a copy: the matrix it was copied from, as it was then (its sources are what "keep its sources" keeps). */
  readonly from?: { readonly name: string; readonly title: string; readonly sources: readonly Source[] };
}

export interface NewMatrixDraft {
  readonly title: string;
  readonly description: string;
  readonly start: 'blank' | 'copy';
  /** With `copy`: keep the open matrix's sources list (and their texts). */
  readonly keepSources: boolean;
  readonly blank: DraftRows;
  /** Filled from the open matrix the first time `copy` is chosen. */
  readonly copy: DraftRows | undefined;
  /** The next row key. */
  readonly next: number;
}

export type RowList = 'jurisdictions' | 'dimensions';

const emptyJurisdiction = (key: number): DraftJurisdiction => ({ key, label: '', id: '', group: '' });
const emptyDimension = (key: number): DraftDimension => ({ key, label: '', id: '', definition: '', theme: '', valueType: 'text', scale: undefined, unit: '' });
const emptyLevel = (key: number): DraftLevel => ({ key, label: '', id: '', definition: '' });

/** A new draft: no title, one empty jurisdiction and one empty dimension to fill in. */
export function emptyDraft(): NewMatrixDraft {
  return {
    title: '', description: '', start: 'blank', keepSources: false,
    blank: { jurisdictions: [emptyJurisdiction(1)], dimensions: [emptyDimension(2)], scales: [] },
    copy: undefined, next: 3,
  };
}

/** The rows shown: those of the way to start chosen. */
export const rowsOf = (draft: NewMatrixDraft): DraftRows => (draft.start === 'copy' && draft.copy ? draft.copy : draft.blank);

const withRows = (draft: NewMatrixDraft, rows: DraftRows, next = draft.next): NewMatrixDraft =>
  draft.start === 'copy' && draft.copy ? { ...draft, copy: rows, next } : { ...draft, blank: rows, next };

/** Start blank, or from the structure of `open` (read the first time; kept after that, edits included). */
export function chooseStart(draft: NewMatrixDraft, start: 'blank' | 'copy', open: Matrix | undefined): NewMatrixDraft {
  if (start === 'blank' || draft.copy) return { ...draft, start };
  if (!open) return draft;
  const spec = structureOf(open);
  let next = draft.next;
  const scales: DraftScale[] = (spec.scales ?? []).map((s) => ({
    key: next++, id: s.id, levels: s.levels.map((l) => ({ key: next++, label: l.label, id: l.id ?? '', definition: l.definition ?? '', extra: l.extra })),
  }));
  const byId = new Map(scales.map((s) => [s.id, s.key]));
  const copy: DraftRows = {
    jurisdictions: spec.jurisdictions.map((j) => ({ key: next++, label: j.label, id: j.id ?? '', group: j.group ?? '', extra: j.extra })),
    dimensions: spec.dimensions.map((d) => ({
      key: next++, label: d.label, id: d.id ?? '', definition: d.definition ?? '', theme: d.theme ?? '', valueType: d.valueType,
      scale: d.valueType === 'ordinal' && byId.has(d.scale ?? '') ? { own: byId.get(d.scale ?? '')! } : undefined, unit: d.unit ?? '', extra: d.extra,
    })),
    scales,
    extraColumns: spec.extraColumns,
    from: { name: open.name, title: open.title || open.name, sources: open.sources.map((s) => ({ ...s })) },
  };
  return { ...draft, start, copy, next };
}

/** The ids the rows get: each typed id, else one made from the label (unique among them). */
export function rowIds(rows: readonly { readonly label: string; readonly id: string }[], fallback: string): string[] {
  return assignIds(rows, fallback);
}

/** Add an empty row at the end of a list; returns the draft and the new row's key. */
export function addRow(draft: NewMatrixDraft, list: RowList): { draft: NewMatrixDraft; key: number } {
  const rows = rowsOf(draft);
  const key = draft.next;
  const next = list === 'jurisdictions'
    ? { ...rows, jurisdictions: [...rows.jurisdictions, emptyJurisdiction(key)] }
    : { ...rows, dimensions: [...rows.dimensions, emptyDimension(key)] };
  return { draft: withRows(draft, next, key + 1), key };
}

function moved<T extends { key: number }>(items: readonly T[], key: number, by: -1 | 1): readonly T[] {
  const i = items.findIndex((x) => x.key === key);
  const j = i + by;
  if (i < 0 || j < 0 || j >= items.length) return items;
  const out = [...items];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** Move a row up (-1) or down (1). */
export function moveRow(draft: NewMatrixDraft, list: RowList, key: number, by: -1 | 1): NewMatrixDraft {
  const rows = rowsOf(draft);
  return withRows(draft, list === 'jurisdictions' ? { ...rows, jurisdictions: moved(rows.jurisdictions, key, by) } : { ...rows, dimensions: moved(rows.dimensions, key, by) });
}

export function removeRow(draft: NewMatrixDraft, list: RowList, key: number): NewMatrixDraft {
  const rows = rowsOf(draft);
  return withRows(draft, list === 'jurisdictions'
    ? { ...rows, jurisdictions: rows.jurisdictions.filter((r) => r.key !== key) }
    : { ...rows, dimensions: rows.dimensions.filter((r) => r.key !== key) });
}

/** Change fields of a jurisdiction. */
export function setJurisdiction(draft: NewMatrixDraft, key: number, set: Partial<Omit<DraftJurisdiction, 'key'>>): NewMatrixDraft {
  const rows = rowsOf(draft);
  return withRows(draft, { ...rows, jurisdictions: rows.jurisdictions.map((r) => (r.key === key ? { ...r, ...set } : r)) });
}

/** Change fields of a dimension (a value type other than ordinal forgets the scale; other than number, the unit). */
export function setDimension(draft: NewMatrixDraft, key: number, set: Partial<Omit<DraftDimension, 'key'>>): NewMatrixDraft {
  const rows = rowsOf(draft);
  return withRows(draft, {
    ...rows,
    dimensions: rows.dimensions.map((r) => {
      if (r.key !== key) return r;
      const next = { ...r, ...set };
      return { ...next, scale: next.valueType === 'ordinal' ? next.scale : undefined, unit: next.valueType === 'number' ? next.unit : '' };
    }),
  });
}

/**
 * A new scale with one empty level, chosen for dimension `forDimension` when given (its id
 * made from that dimension's label: "Detention" → `detention-scale`). Returns the draft and
 * the new scale's key.
 */
export function addScale(draft: NewMatrixDraft, forDimension?: number): { draft: NewMatrixDraft; key: number } {
  const rows = rowsOf(draft);
  const key = draft.next;
  const dimension = rows.dimensions.find((d) => d.key === forDimension);
  const taken = new Set(rows.scales.map((s) => s.id));
  const base = dimension ? `${slugOf(dimension.label) || `dimension-${rows.dimensions.indexOf(dimension) + 1}`}-scale` : 'scale';
  const scale: DraftScale = { key, id: uniqueId(base, taken), levels: [emptyLevel(key + 1)] };
  const next: DraftRows = {
    ...rows,
    scales: [...rows.scales, scale],
    dimensions: rows.dimensions.map((d) => (d.key === forDimension ? { ...d, valueType: 'ordinal', scale: { own: key } } : d)),
  };
  return { draft: withRows(draft, next, key + 2), key };
}

/** Remove a scale; the dimensions that had it have no scale then (said when the matrix is made). */
export function removeScale(draft: NewMatrixDraft, key: number): NewMatrixDraft {
  const rows = rowsOf(draft);
  return withRows(draft, {
    ...rows,
    scales: rows.scales.filter((s) => s.key !== key),
    dimensions: rows.dimensions.map((d) => (d.scale && 'own' in d.scale && d.scale.own === key ? { ...d, scale: undefined } : d)),
  });
}

export function setScaleId(draft: NewMatrixDraft, key: number, id: string): NewMatrixDraft {
  const rows = rowsOf(draft);
  return withRows(draft, { ...rows, scales: rows.scales.map((s) => (s.key === key ? { ...s, id } : s)) });
}

function editLevels(draft: NewMatrixDraft, scaleKey: number, change: (levels: readonly DraftLevel[], next: number) => readonly DraftLevel[], used = 0): NewMatrixDraft {
  const rows = rowsOf(draft);
  return withRows(draft, { ...rows, scales: rows.scales.map((s) => (s.key === scaleKey ? { ...s, levels: change(s.levels, draft.next) } : s)) }, draft.next + used);
}

/** Add an empty level at the end of a scale (the highest rank); returns the draft and the level's key. */
export function addLevel(draft: NewMatrixDraft, scaleKey: number): { draft: NewMatrixDraft; key: number } {
  return { draft: editLevels(draft, scaleKey, (levels, key) => [...levels, emptyLevel(key)], 1), key: draft.next };
}

export function setLevel(draft: NewMatrixDraft, scaleKey: number, key: number, set: Partial<Omit<DraftLevel, 'key'>>): NewMatrixDraft {
  return editLevels(draft, scaleKey, (levels) => levels.map((l) => (l.key === key ? { ...l, ...set } : l)));
}

export function moveLevel(draft: NewMatrixDraft, scaleKey: number, key: number, by: -1 | 1): NewMatrixDraft {
  return editLevels(draft, scaleKey, (levels) => moved(levels, key, by));
}

export function removeLevel(draft: NewMatrixDraft, scaleKey: number, key: number): NewMatrixDraft {
  return editLevels(draft, scaleKey, (levels) => levels.filter((l) => l.key !== key));
}

/** A row nobody filled in (left out of the matrix rather than refused). */
const blankRow = (r: { label: string; id: string }) => r.label.trim() === '' && r.id.trim() === '';

/** The id of a dimension's scale in the spec, or ''. */
function scaleIdOf(choice: ScaleChoice, scales: readonly DraftScale[]): string {
  if (!choice) return '';
  if ('open' in choice) return choice.open;
  return scales.find((s) => s.key === choice.own)?.id.trim() ?? '';
}

/** What the spec's list positions are in the draft: row keys, to show each problem next to its field. */
export interface SpecPlaces {
  readonly jurisdictions: readonly number[];
  readonly dimensions: readonly number[];
  /** Per scale of the spec: its key (undefined for a scale copied from the open matrix) and its levels' keys. */
  readonly scales: readonly { readonly key: number | undefined; readonly levels: readonly number[] }[];
}

/**
 * The spec of the matrix the draft describes (rows nobody filled in left out), and where
 * each of its list positions is in the draft. Scales of the open matrix (`open`) that a
 * dimension chose are copied with their levels; kept sources are those of the matrix the
 * structure was copied from.
 */
export function draftSpec(draft: NewMatrixDraft, open: Matrix | undefined): { spec: NewMatrixSpec; places: SpecPlaces } {
  const rows = rowsOf(draft);
  // The ids as the dialog shows them (made from labels among all rows), for the rows filled in.
  const withIds = <T extends DraftRow>(list: readonly T[], fallback: string, filled: (row: T) => boolean) => {
    const ids = rowIds(list, fallback);
    return list.map((row, i) => ({ row, id: ids[i] })).filter(({ row }) => filled(row));
  };
  const jurisdictions = withIds(rows.jurisdictions, 'j', (r) => !blankRow(r) || r.group.trim() !== '');
  const dimensions = withIds(rows.dimensions, 'd', (r) => !blankRow(r) || r.definition.trim() !== '');
  const own = rows.scales.filter((s) => s.id.trim() !== '' || s.levels.some((l) => !blankRow(l)));
  const ownLevels = own.map((s) => withIds(s.levels, 'level-', (l) => !blankRow(l) || l.definition.trim() !== ''));
  const scales: NewScale[] = own.map((s, i) => ({
    id: s.id.trim(),
    levels: ownLevels[i].map(({ row, id }) => ({ id, label: row.label, definition: row.definition, extra: row.extra })),
  }));
  const places: SpecPlaces['scales'][number][] = own.map((s, i) => ({ key: s.key, levels: ownLevels[i].map(({ row }) => row.key) }));
  const ownIds = new Set(scales.map((s) => s.id));
  for (const { row: d } of dimensions) {
    const id = d.valueType === 'ordinal' && d.scale && 'open' in d.scale ? d.scale.open : '';
    if (!id || ownIds.has(id) || !open) continue;
    const levels = open.levels.filter((l) => l.scale === id).sort((a, b) => a.rank - b.rank);
    if (!levels.length) continue;
    ownIds.add(id);
    scales.push({ id, levels: levels.map((l) => ({ id: l.id, label: l.label, definition: l.definition, extra: l.extra })) });
    places.push({ key: undefined, levels: [] });
  }
  const spec: NewMatrixSpec = {
    title: draft.title,
    description: draft.description,
    jurisdictions: jurisdictions.map(({ row: j, id }): NewJurisdiction => ({ id, label: j.label, group: j.group, extra: j.extra })),
    dimensions: dimensions.map(({ row: d, id }): NewDimension => ({
      id, label: d.label, definition: d.definition, theme: d.theme,
      valueType: VALUE_TYPES.includes(d.valueType) ? d.valueType : 'text', scale: scaleIdOf(d.scale, rows.scales), unit: d.unit, extra: d.extra,
    })),
    scales,
    sources: draft.start === 'copy' && draft.keepSources ? (rows.from?.sources ?? []) : [],
    extraColumns: draft.start === 'copy' ? rows.extraColumns : undefined,
  };
  return { spec, places: { jurisdictions: jurisdictions.map(({ row }) => row.key), dimensions: dimensions.map(({ row }) => row.key), scales: places } };
}

/**
 * The dialog's field a problem is about (`title`, `j-3-label`, `d-5-scale`, `s-7-id`,
 * `l-9-label`, or a list: `jurisdictions`, `dimensions`, `s-7-levels`), given the places of
 * the spec it was found in.
 */
export function fieldOf(problem: SpecProblem, places: SpecPlaces): string {
  const [list, a, b, c, d] = problem.at.split('.');
  const index = Number(a);
  if (list === 'jurisdictions' && a !== undefined) return `j-${places.jurisdictions[index]}-${b}`;
  if (list === 'dimensions' && a !== undefined) return `d-${places.dimensions[index]}-${b === 'valueType' ? 'type' : b}`;
  if (list === 'scales' && a !== undefined) {
    const scale = places.scales[index];
    if (!scale || scale.key === undefined) return 'dimensions';
    if (b === 'levels' && c !== undefined) return `l-${scale.levels[Number(c)]}-${d}`;
    return `s-${scale.key}-${b}`;
  }
  return list;
}
