/**
 * A new matrix: its title, jurisdictions, dimensions and scales, and a cell for every pair,
 * each `not_in_source` — no value, no citation, until the analyst finds one in a source.
 * Started blank, or from the structure of another matrix (its jurisdictions, dimensions and
 * scales; never its cells' values or citations; its sources only when asked). Shared by the
 * app's **New matrix** dialog and `policy-matrix new`; the result saves (saveMatrix) into
 * files that `policy-matrix validate` reads with no error.
 *
 * Pure: no DOM, no I/O.
 */
import { VALUE_TYPES, type Basis, type Cell, type Dimension, type Jurisdiction, type Level, type Matrix, type Source, type TableName, type ValueType } from '../types.ts';
import { makeCell, makeDimension, makeLevel } from '../make.ts';
import { assignIds, isValidId, slugOf } from './ids.ts';

export interface NewJurisdiction {
  /** Made from the label when left out. */
  readonly id?: string;
  readonly label: string;
  readonly group?: string;
  readonly extra?: Readonly<Record<string, string>>;
}

export interface NewDimension {
  /** Made from the label when left out. */
  readonly id?: string;
  readonly label: string;
  readonly definition?: string;
  readonly theme?: string;
  readonly valueType: ValueType;
  /** The id of one of the spec's scales, for an ordinal dimension. */
  readonly scale?: string;
  /** For a number dimension (e.g. "%", "days"). */
  readonly unit?: string;
  /** The codebook (format 2): coding basis, coding rules, direction. */
  readonly basis?: Basis;
  readonly codingRules?: string;
  readonly direction?: string;
  readonly extra?: Readonly<Record<string, string>>;
}

export interface NewLevel {
  /** Made from the label when left out (unique within its scale). */
  readonly id?: string;
  readonly label: string;
  readonly definition?: string;
  /** The level needs an absolute statement in the source (format 2). */
  readonly needsAbsolute?: boolean;
  readonly extra?: Readonly<Record<string, string>>;
}

/** A scale: named levels, lowest first (rank 1, 2, … in this order). */
export interface NewScale {
  readonly id: string;
  readonly levels: readonly NewLevel[];
}

export interface NewMatrixSpec {
  /** The matrix's name (its folder's); made from the title when left out. */
  readonly name?: string;
  readonly title: string;
  readonly description?: string;
  /** In display order. */
  readonly jurisdictions: readonly NewJurisdiction[];
  /** In display order. */
  readonly dimensions: readonly NewDimension[];
  readonly scales?: readonly NewScale[];
  /** Sources kept from another matrix (their texts go with them, wherever the caller keeps texts). */
  readonly sources?: readonly Source[];
  /** User columns of the tables kept from another matrix (their values are in each row's `extra`). */
  readonly extraColumns?: Partial<Record<TableName, readonly string[]>>;
}

/**
 * What is wrong with a spec, and where: `at` names the field as `title`, `jurisdictions`,
 * `jurisdictions.2.label`, `dimensions.0.scale`, `scales.1.levels.0.id`…
 */
export interface SpecProblem {
  readonly at: string;
  readonly message: string;
}

export type NewMatrixResult = { readonly ok: true; readonly matrix: Matrix } | { readonly ok: false; readonly problems: readonly SpecProblem[] };

export interface NewMatrixOptions {
  /** Refuse a matrix without a jurisdiction or without a dimension (the app's dialog: a grid needs both). */
  readonly requireRows?: boolean;
}

const ID_WORDS = 'letters, digits, "-", "_", "." or ":", starting with a letter or digit, with no spaces';

/** A cell of a new matrix: nothing known yet. */
export const notInSourceCell = (dimension: string, jurisdiction: string): Cell => makeCell({ dimension, jurisdiction, status: 'not_in_source' });

const withExtra = <T extends object>(row: T, extra: Readonly<Record<string, string>> | undefined): T =>
  extra && Object.keys(extra).length ? { ...row, extra: { ...extra } } : row;

/** Check a list's ids (made from labels where missing): each valid and used once. */
function checkIds(ids: readonly string[], list: string, what: string, problems: SpecProblem[]): void {
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!isValidId(id)) problems.push({ at: `${list}.${i}.id`, message: `the ${what} id "${id}" should be ${ID_WORDS}` });
    else if (first.has(id)) problems.push({ at: `${list}.${i}.id`, message: `the ${what} id "${id}" is used twice (also by ${what} ${first.get(id)! + 1})` });
    else first.set(id, i);
  });
}

/**
 * The matrix a spec describes, with a `not_in_source` cell for every (dimension,
 * jurisdiction) pair, or every problem of the spec (nothing is made then).
 */
export function newMatrix(spec: NewMatrixSpec, options: NewMatrixOptions = {}): NewMatrixResult {
  const problems: SpecProblem[] = [];
  const title = spec.title.trim();
  if (title === '') problems.push({ at: 'title', message: 'the matrix needs a title' });
  const name = (spec.name ?? '').trim() || slugOf(title) || 'matrix';

  if (options.requireRows && spec.jurisdictions.length === 0) problems.push({ at: 'jurisdictions', message: 'add at least one jurisdiction (a column of the matrix)' });
  if (options.requireRows && spec.dimensions.length === 0) problems.push({ at: 'dimensions', message: 'add at least one dimension (a row of the matrix)' });

  const jurisdictionIds = assignIds(spec.jurisdictions, 'j');
  checkIds(jurisdictionIds, 'jurisdictions', 'jurisdiction', problems);
  spec.jurisdictions.forEach((j, i) => {
    if (j.label.trim() === '') problems.push({ at: `jurisdictions.${i}.label`, message: `jurisdiction ${i + 1} needs a label` });
  });

  const scales = spec.scales ?? [];
  const scaleIds = scales.map((s) => s.id.trim());
  const firstScale = new Map<string, number>();
  scaleIds.forEach((id, i) => {
    if (id === '') problems.push({ at: `scales.${i}.id`, message: `scale ${i + 1} needs an id` });
    else if (firstScale.has(id)) problems.push({ at: `scales.${i}.id`, message: `the scale id "${id}" is used twice` });
    else {
      // Known even when malformed: its dimensions are not told it is missing (one problem, at the scale).
      firstScale.set(id, i);
      if (!isValidId(id)) problems.push({ at: `scales.${i}.id`, message: `the scale id "${id}" should be ${ID_WORDS}` });
    }
  });
  const levels: Level[] = [];
  scales.forEach((scale, s) => {
    if (scale.levels.length === 0) problems.push({ at: `scales.${s}.levels`, message: `scale "${scaleIds[s] || s + 1}" needs at least one level` });
    const ids = assignIds(scale.levels, 'level-');
    checkIds(ids, `scales.${s}.levels`, 'level', problems);
    scale.levels.forEach((l, i) => {
      if (l.label.trim() === '') problems.push({ at: `scales.${s}.levels.${i}.label`, message: `level ${i + 1} of scale "${scaleIds[s] || s + 1}" needs a label` });
      levels.push(withExtra(makeLevel({ scale: scaleIds[s], rank: i + 1, id: ids[i], label: l.label.trim(), definition: l.definition ?? '', needsAbsolute: l.needsAbsolute ?? false }), l.extra));
    });
  });

  const dimensionIds = assignIds(spec.dimensions, 'd');
  checkIds(dimensionIds, 'dimensions', 'dimension', problems);
  const dimensions: Dimension[] = spec.dimensions.map((d, i) => {
    if (d.label.trim() === '') problems.push({ at: `dimensions.${i}.label`, message: `dimension ${i + 1} needs a label` });
    const valueType = VALUE_TYPES.includes(d.valueType) ? d.valueType : undefined;
    if (!valueType) problems.push({ at: `dimensions.${i}.valueType`, message: `value type "${String(d.valueType)}" is not one of ${VALUE_TYPES.join(', ')}` });
    const scale = valueType === 'ordinal' ? (d.scale ?? '').trim() : '';
    if (valueType === 'ordinal' && scale === '') problems.push({ at: `dimensions.${i}.scale`, message: `dimension "${d.label.trim() || i + 1}" has levels of a scale: choose or define its scale` });
    else if (valueType === 'ordinal' && !firstScale.has(scale)) problems.push({ at: `dimensions.${i}.scale`, message: `there is no scale "${scale}" for dimension "${d.label.trim() || i + 1}"` });
    return withExtra(makeDimension({
      id: dimensionIds[i], label: d.label.trim(), definition: d.definition ?? '', theme: d.theme ?? '',
      valueType: valueType ?? 'text', scale, unit: valueType === 'number' ? (d.unit ?? '').trim() : '', order: i + 1,
      basis: d.basis ?? '', codingRules: d.codingRules ?? '', direction: d.direction ?? '',
    }), d.extra);
  });

  if (problems.length) return { ok: false, problems };

  const jurisdictions: Jurisdiction[] = spec.jurisdictions.map((j, i) =>
    withExtra({ id: jurisdictionIds[i], label: j.label.trim(), group: (j.group ?? '').trim(), order: i + 1 }, j.extra));
  const cells: Cell[] = [];
  for (const d of dimensions) for (const j of jurisdictions) cells.push(notInSourceCell(d.id, j.id));
  const extraColumns: Partial<Record<TableName, string[]>> = {};
  for (const [table, columns] of Object.entries(spec.extraColumns ?? {}) as [TableName, readonly string[]][]) {
    if (columns.length) extraColumns[table] = [...columns];
  }
  return {
    ok: true,
    matrix: {
      name, title, description: (spec.description ?? '').trim(),
      jurisdictions, dimensions, levels, cells, citations: [],
      sources: (spec.sources ?? []).map((s) => ({ ...s })),
      extraColumns, descriptorExtras: {},
    },
  };
}

/** Tables whose user columns go with the structure (cells and citations are not copied). */
const STRUCTURE_TABLES: readonly TableName[] = ['jurisdictions', 'dimensions', 'scales'];

const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;

/**
 * The structure of a matrix as a spec for a new one: its jurisdictions (with groups),
 * dimensions (definitions, themes, value types, scales, units) and every scale with its
 * levels, in their order — and the user columns of those tables. Not its cells' values, not
 * its citations; its sources only with `keepSources`. Title and description are left for
 * the new matrix.
 */
export function structureOf(matrix: Matrix, options: { keepSources?: boolean } = {}): NewMatrixSpec {
  const scaleIds: string[] = [];
  const levelsOf = new Map<string, Level[]>();
  for (const level of matrix.levels) {
    let list = levelsOf.get(level.scale);
    if (!list) {
      levelsOf.set(level.scale, (list = []));
      scaleIds.push(level.scale);
    }
    list.push(level);
  }
  const extraColumns: Partial<Record<TableName, readonly string[]>> = {};
  for (const t of [...STRUCTURE_TABLES, ...(options.keepSources ? (['sources'] as const) : [])]) {
    const columns = matrix.extraColumns[t];
    if (columns?.length) extraColumns[t] = [...columns];
  }
  return {
    title: '',
    jurisdictions: [...matrix.jurisdictions].sort(byOrder).map((j) => ({ id: j.id, label: j.label, group: j.group, extra: j.extra })),
    dimensions: [...matrix.dimensions].sort(byOrder).map((d) => ({
      id: d.id, label: d.label, definition: d.definition, theme: d.theme, valueType: d.valueType, scale: d.scale, unit: d.unit,
      basis: d.basis, codingRules: d.codingRules, direction: d.direction, extra: d.extra,
    })),
    scales: scaleIds.map((id) => ({
      id,
      levels: [...levelsOf.get(id)!].sort((a, b) => a.rank - b.rank).map((l) => ({ id: l.id, label: l.label, definition: l.definition, needsAbsolute: l.needsAbsolute, extra: l.extra })),
    })),
    sources: options.keepSources ? matrix.sources.map((s) => ({ ...s })) : [],
    extraColumns,
  };
}
