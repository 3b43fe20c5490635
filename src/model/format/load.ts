import { cellViolations } from '../check/cell-rules.ts';
import { MAX_CITATIONS, MAX_QUOTE_LENGTH, tooLong, tooMany } from '../anchor/limits.ts';
import { citationKey, distinctKeys } from '../check/citation-keys.ts';
import { PairIds, PairTable } from '../collections/pair-ids.ts';
import { parseDescriptor } from './descriptor.ts';
import { DESCRIPTOR_FILE, TABLES } from './schema.ts';
import { RowLocations } from './row-locations.ts';
import { readSourceRow } from './source-row.ts';
import { readTable, type RowLocator, type Table, type TableRow } from './table.ts';
import { readComputed } from '../dataset/load-computed.ts';
import { parseRowValues } from '../dataset/pairs.ts';
import {
  BASES, CELL_STATUSES, CONFIDENCES, SUPPORTS, VALUE_TYPES, entryKey, entryWords,
  type Basis, type Cell, type CellStatus, type Citation, type Confidence, type Dimension, type Jurisdiction, type Level,
  type Matrix, type Problem, type Source, type Support, type TableName, type ValueType,
} from '../types.ts';

/** The matrix's files as text, by name relative to the matrix folder; undefined = missing. */
export type MatrixTexts = Partial<Record<string, string>>;

export interface LoadResult {
  matrix: Matrix;
  problems: Problem[];
  /** The file row each loaded object came from (for problems found later, e.g. by checkMatrix). */
  locations: WeakMap<object, RowLocator>;
  /** The pair id of each cell and citation as loaded, for checkMatrix (so that it need not look them up again). */
  pairs?: LoadedPairs;
}

/**
 * The pair ids a load gave the matrix's cells and citations (see pair-ids.ts): `cellPairs[i]`
 * is the id of `cells[i]`, `citationPairs[i]` that of `citations[i]`, or -1 for a pair with
 * no cell. They hold for these arrays as loaded: a check uses them only for the same arrays.
 */
export interface LoadedPairs {
  ids: PairIds;
  cells: readonly Cell[];
  cellPairs: Int32Array;
  citations: readonly Citation[];
  citationPairs: Int32Array;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

const WHOLE = /^-?\d+$/;

function integer(row: TableRow, column: string, fallback: number): number {
  const raw = row.get(column).trim();
  if (WHOLE.test(raw)) return Number(raw);
  row.report(column, raw === '' ? `${column} is empty: a whole number is needed (using ${fallback})` : `${column} "${raw}" is not a whole number (using ${fallback})`);
  return fallback;
}

function requireId(row: TableRow, column: string, what: string): string {
  const id = row.get(column);
  if (id === '') row.report(column, `${what} is empty`);
  else if (!ID.test(id)) row.report(column, `${what} "${id}" should be letters, digits, "-", "_", "." or ":" with no spaces`, 'warning');
  return id;
}

// Problem targets are made only for a problem: most rows have none, and there are 300,000 rows.
// A target names its period only when it is not 1 (the only one of most pairs).
const periodOf = (period: number) => (period === 1 ? {} : { period });
const cellTarget = (c: Cell) => ({ kind: 'cell', dimension: c.dimension, jurisdiction: c.jurisdiction, ...periodOf(c.period) }) as const;
const citationTarget = (c: Citation) => ({ kind: 'citation', dimension: c.dimension, jurisdiction: c.jurisdiction, seq: c.seq, ...periodOf(c.period) }) as const;

/** The number `text` writes when it is 1 to 15 decimal digits, else -1. A loop, not the pattern: it reads the seq and the position of each of 200,000 citations. */
function offset(text: string): number {
  const n = text.length;
  if (n === 0 || n > 15) return -1;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Field `k` of a row's fields (-1: a missing column; a short row's missing fields read as empty). */
const field = (fields: readonly string[], k: number): string => (k < 0 ? '' : (fields[k] ?? ''));

/**
 * A period as written (`raw`): a whole number ≥ 1, 1 when empty (files of format 1 have none).
 * Anything else is reported (on data row `i` of `table`) and read as 1. Most are '' or '1'.
 */
function readPeriod(raw: string, table: Table, i: number): number {
  if (raw === '' || raw === '1') return 1;
  const trimmed = raw.trim();
  const n = offset(trimmed);
  if (n >= 1) return n;
  if (trimmed === '') return 1;
  table.row(i).report('period', `period "${raw}" is not a whole number from 1 up (read as 1)`);
  return 1;
}

/** A yes/no column: yes = true; empty or no = false; anything else is reported and read as no. */
function readYesNo(raw: string, column: string, report: (column: string, message: string) => void): boolean {
  if (raw === '' || raw === 'no') return false;
  if (raw === 'yes') return true;
  const trimmed = raw.trim().toLowerCase();
  if (trimmed === 'yes' || trimmed === 'no' || trimmed === '') return trimmed === 'yes';
  report(column, `${column} "${raw}" is not yes or no (read as no)`);
  return false;
}

/** One of a column's values (or empty when `empty` is given); anything else is reported and read as `fallback`. */
function readEnum<T extends string>(raw: string, column: string, values: readonly string[], fallback: T, report: (column: string, message: string) => void): T {
  if (raw === '') return fallback;
  if (values.includes(raw)) return raw as T;
  const trimmed = raw.trim();
  if (trimmed === '') return fallback;
  if (values.includes(trimmed)) return trimmed as T;
  report(column, `${column} "${raw}" is not one of ${values.join(', ')} (read as ${fallback === '' ? 'empty' : fallback})`);
  return fallback;
}

/**
 * A citation's saved position (start, end), when both are whole numbers with start < end.
 * Anything else is reported (on data row `i` of `table`) and left out: the quote is then
 * looked up, as without one.
 */
function readPosition(start: string, end: string, citation: Citation, table: Table, i: number): void {
  const from = offset(start);
  const to = offset(end);
  if (from >= 0 && to >= 0 && from < to) {
    citation.start = from;
    citation.end = to;
    return;
  }
  const column = start === '' || offset(start) >= 0 ? 'end' : 'start';
  table.row(i).report(column, `position start "${start}", end "${end}" is not two offsets with start before end: it is ignored (the quote is looked up)`, 'warning', citationTarget(citation));
}

/** Report a key already seen (the first row keeps the key for look-ups; both rows are kept). */
function uniqueKeys<T>(rows: TableRow[], items: T[], key: (t: T) => string, column: string, describe: (t: T) => string) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === '' || k.endsWith('\u0000')) return;
    const first = seen.get(k);
    if (first !== undefined) rows[i].report(column, `duplicate ${describe(item)} (first at line ${rows[first].line}); the first is used`);
    else seen.set(k, i);
  });
}

/** What validating a citation looks up in the other tables. */
interface CitationLookup {
  pairs: PairIds;
  /** 1 for each pair id with a row in cells.csv. */
  present: PairTable;
  sourceIds: ReadonlySet<string>;
  /** Ids of the sources that are datasets (their citations name rows). */
  datasetIds: ReadonlySet<string>;
}

/**
 * The citations of citations.csv, read by index and validated (problems go to the table's
 * list), with each one's pair id. Duplicates are found by `reportDuplicateCitations`.
 */
function readCitations(ciTable: Table, { pairs, present, sourceIds, datasetIds }: CitationLookup): { citations: Citation[]; pairs: Int32Array } {
  const [iDimension, iJurisdiction, iPeriod, iSeq, iSource, iQuote, iPrefix, iSuffix, iLocator, iSupport, iAttribution, iStart, iEnd, iRowKey] =
    ['dimension', 'jurisdiction', 'period', 'seq', 'source', 'quote', 'prefix', 'suffix', 'locator', 'support', 'attribution', 'start', 'end', 'row_key'].map(ciTable.column);
  const citationPairs = new Int32Array(ciTable.size);
  const citations: Citation[] = new Array(ciTable.size);
  let lastDimension: string | undefined;
  let lastJurisdiction: string | undefined;
  let lastPeriod = 1;
  let lastPair = -1;
  let lastSource: string | undefined;
  let knownSource = false;
  for (let i = 0; i < citations.length; i++) {
    const f = ciTable.fields(i);
    const rawSeq = field(f, iSeq).trim();
    // Most seqs are a few digits: read by the digit loop, the pattern only for the rest.
    const digits = offset(rawSeq);
    const rawSupport = field(f, iSupport);
    const c: Citation = (citations[i] = {
      dimension: field(f, iDimension), jurisdiction: field(f, iJurisdiction), period: readPeriod(field(f, iPeriod), ciTable, i),
      seq: digits >= 0 ? digits : WHOLE.test(rawSeq) ? Number(rawSeq) : integer(ciTable.row(i), 'seq', i + 1),
      source: field(f, iSource), quote: field(f, iQuote), prefix: field(f, iPrefix), suffix: field(f, iSuffix), locator: field(f, iLocator),
      support: 'states', attribution: field(f, iAttribution),
      // Every citation has the same keys (an undefined row key for a text's), as RowLocations expects.
      start: undefined, end: undefined, rowKey: iRowKey < 0 ? undefined : (field(f, iRowKey) || undefined), extra: ciTable.extra(i),
    });
    // Most citations state their fact (as saved, or left empty by format 1): no call then.
    if (rawSupport !== 'states' && rawSupport !== '') {
      c.support = readEnum<Support>(rawSupport, 'support', SUPPORTS, 'states', (column, message) => ciTable.row(i).report(column, message, 'error', citationTarget(c)));
    }
    const start = field(f, iStart);
    const end = field(f, iEnd);
    if (start !== '' || end !== '') readPosition(start, end, c, ciTable, i);
    // A cell's citations are mostly on consecutive rows: its entry is looked up once.
    if (c.dimension !== lastDimension || c.jurisdiction !== lastJurisdiction || c.period !== lastPeriod) {
      lastPair = pairs.findEntry(c.dimension, c.jurisdiction, c.period);
      lastDimension = c.dimension;
      lastJurisdiction = c.jurisdiction;
      lastPeriod = c.period;
    }
    const pair = (citationPairs[i] = lastPair);
    if (pair < 0 || present.get(pair) !== 1) {
      const missing = c.period === 1 ? 'no such row in cells.csv' : `cells.csv has no row for period ${c.period} of this cell`;
      ciTable.row(i).report(c.period === 1 ? 'dimension' : 'period', `citation of unknown cell ${entryWords(c)} (${missing})`, 'error', citationTarget(c));
    }
    // Most citations quote the source of the row before.
    if (c.source !== lastSource) {
      lastSource = c.source;
      knownSource = sourceIds.has(c.source);
    }
    if (!knownSource) ciTable.row(i).report('source', `unknown source "${c.source}" (not in sources.csv)`, 'error', citationTarget(c));
    // A dataset's rows are cited by key; a text's passages by quote alone (see dataset/row-citation.ts).
    else if (datasetIds.size > 0 || c.rowKey !== undefined) checkRowCitation(ciTable, i, c, datasetIds.has(c.source));
    if (c.quote.trim() === '') ciTable.row(i).report('quote', 'the quote is empty', 'error', citationTarget(c));
    // Limits (see anchor/limits.ts): reported here, before any look-up; such a quote is not looked up.
    if (c.quote.length > MAX_QUOTE_LENGTH) ciTable.row(i).report('quote', tooLong('quote', c.quote.length), 'error', citationTarget(c));
    if (c.prefix.length > MAX_QUOTE_LENGTH) ciTable.row(i).report('prefix', tooLong('prefix', c.prefix.length), 'error', citationTarget(c));
    if (c.suffix.length > MAX_QUOTE_LENGTH) ciTable.row(i).report('suffix', tooLong('suffix', c.suffix.length), 'error', citationTarget(c));
  }
  if (citations.length > MAX_CITATIONS) {
    ciTable.row(MAX_CITATIONS).report('quote', `${tooMany(citations.length)}: this citation and those after it are kept but not checked`, 'error', citationTarget(citations[MAX_CITATIONS]));
  }
  return { citations, pairs: citationPairs };
}

/** A citation's row key against its source's kind: a dataset's citations name a row, a text's do not. */
function checkRowCitation(ciTable: Table, i: number, c: Citation, dataset: boolean): void {
  if (c.rowKey === undefined) {
    if (dataset) ciTable.row(i).report('source', `source "${c.source}" is a dataset: a citation of it names its row (row_key, e.g. Column=value; Column=value)`, 'error', citationTarget(c));
    return;
  }
  if (!dataset) {
    ciTable.row(i).report('row_key', `row_key is given, but source "${c.source}" is not a dataset (sources.csv kind dataset): a text is cited by its quote alone`, 'error', citationTarget(c));
    return;
  }
  const key = parseRowValues(c.rowKey ?? '');
  if (!key.ok) ciTable.row(i).report('row_key', `row_key cannot be read: ${key.message}`, 'error', citationTarget(c));
  const values = parseRowValues(c.quote);
  if (c.quote.trim() !== '' && !values.ok) ciTable.row(i).report('quote', `the quote of a row citation holds the row's cited values (Column=value; …): ${values.message}`, 'error', citationTarget(c));
}

/** Report each citation whose (cell, seq) was seen before in the file (the first is used). */
function reportDuplicateCitations(ciTable: Table, citations: readonly Citation[], citationPairs: Int32Array): void {
  // Most files have no repeat: told by a bit per key first.
  const keys = new Float64Array(citations.length);
  for (let i = 0; i < citations.length; i++) keys[i] = citationKey(citationPairs[i], citations[i].seq);
  if (distinctKeys(keys)) return;
  // By number for a known pair and a small seq, else by key string.
  const firstCitation = new Map<number, number>();
  const firstCitationByKey = new Map<string, number>();
  for (let i = 0; i < citations.length; i++) {
    const c = citations[i];
    const number = citationKey(citationPairs[i], c.seq);
    const key = number >= 0 ? number : `${entryKey(c.dimension, c.jurisdiction, c.period)}\u0001${c.seq}`;
    const first = typeof key === 'number' ? firstCitation.get(key) : firstCitationByKey.get(key);
    if (first !== undefined) ciTable.row(i).report('seq', `duplicate citation ${c.seq} of cell ${entryWords(c)} (first at line ${ciTable.row(first).line}); the first is used`);
    else if (typeof key === 'number') firstCitation.set(key, i);
    else firstCitationByKey.set(key, i);
  }
}

/** `loadMatrixInSteps`' second step: the citations, given the text of citations.csv. */
export interface CitationsStep {
  (citationsText: string | undefined): LoadResult;
  /** The matrix as loaded so far: every table but the citations (its `extraColumns` gets citations.csv's when that is read). */
  readonly tables: Omit<Matrix, 'citations'>;
  /** The file the cells were read from, item i from data row i (as the result's `locations` will give it). */
  readonly cellsFile: Table;
}

/**
 * Load a matrix from the text of its files. Every row is kept, even one with a problem,
 * so that saving never loses what was loaded; each problem names file, line and column.
 */
export function loadMatrix(name: string, texts: MatrixTexts): LoadResult {
  return loadMatrixInSteps(name, texts)(texts[TABLES.citations.file]);
}

/**
 * `loadMatrix` in two steps: every file but citations.csv now (`texts` need not hold it),
 * then the citations, given their text. A reader loads the other tables while the largest
 * file is still arriving (see `readMatrix`). The result is `loadMatrix`'s, problems included.
 */
export function loadMatrixInSteps(name: string, texts: MatrixTexts): CitationsStep {
  const problems: Problem[] = [];
  const locations = new RowLocations();
  const descriptor = parseDescriptor(texts[DESCRIPTOR_FILE], problems);
  const extraColumns: Partial<Record<TableName, string[]>> = {};
  const readOne = (t: TableName, text = texts[TABLES[t].file]) => {
    const result = readTable(TABLES[t], text, problems);
    if (result.extraColumns.length) extraColumns[t] = result.extraColumns;
    return result;
  };
  const files: Partial<Record<TableName, Table>> = {};
  const table = (t: TableName) => (files[t] = readOne(t)).rows;

  const jRows = table('jurisdictions');
  const jurisdictions: Jurisdiction[] = jRows.map((r, i) => ({
    id: requireId(r, 'id', 'jurisdiction id'), label: r.get('label'), group: r.get('group'),
    order: integer(r, 'order', i + 1), extra: r.extra,
  }));
  uniqueKeys(jRows, jurisdictions, (j) => j.id, 'id', (j) => `jurisdiction "${j.id}"`);
  jRows.forEach((r, i) => { if (jurisdictions[i].label === '') r.report('label', `jurisdiction "${jurisdictions[i].id}" has no label`); });

  const sRows = table('scales');
  const levels: Level[] = sRows.map((r, i) => ({
    scale: requireId(r, 'scale', 'scale id'), rank: integer(r, 'rank', i + 1), id: requireId(r, 'level', 'level id'),
    label: r.get('label'), definition: r.get('definition'),
    needsAbsolute: readYesNo(r.get('needs_absolute'), 'needs_absolute', (c, m) => r.report(c, m)), extra: r.extra,
  }));
  uniqueKeys(sRows, levels, (l) => `${l.scale}\u0000${l.id}`, 'level', (l) => `level "${l.id}" on scale "${l.scale}"`);
  uniqueKeys(sRows, levels, (l) => `${l.scale}\u0000${l.rank}`, 'rank', (l) => `rank ${l.rank} on scale "${l.scale}"`);
  const scaleIds = new Set(levels.map((l) => l.scale));

  const dRows = table('dimensions');
  const dimensions: Dimension[] = dRows.map((r, i) => {
    const rawType = r.get('value_type').trim();
    let valueType = rawType as ValueType;
    if (!VALUE_TYPES.includes(valueType)) {
      r.report('value_type', `value_type "${rawType}" is not one of ${VALUE_TYPES.join(', ')} (read as text)`);
      valueType = 'text';
    }
    const d: Dimension = {
      id: requireId(r, 'id', 'dimension id'), label: r.get('label'), definition: r.get('definition'), theme: r.get('theme'),
      valueType, scale: r.get('scale'), unit: r.get('unit'), order: integer(r, 'order', i + 1),
      basis: readEnum<Basis>(r.get('basis'), 'basis', BASES, '', (c, m) => r.report(c, m)),
      codingRules: r.get('coding_rules'), direction: r.get('direction').trim(), extra: r.extra,
    };
    if (d.label === '') r.report('label', `dimension "${d.id}" has no label`);
    if (valueType === 'ordinal' && d.scale === '') r.report('scale', `ordinal dimension "${d.id}" needs a scale id from scales.csv`);
    else if (valueType === 'ordinal' && !scaleIds.has(d.scale)) r.report('scale', `unknown scale "${d.scale}" (not in scales.csv)`);
    else if (valueType !== 'ordinal' && d.scale !== '') r.report('scale', `scale "${d.scale}" is ignored: dimension "${d.id}" is ${valueType}, not ordinal`, 'warning');
    return d;
  });
  uniqueKeys(dRows, dimensions, (d) => d.id, 'id', (d) => `dimension "${d.id}"`);

  const srcRows = table('sources');
  const sources: Source[] = srcRows.map((r) => readSourceRow(r, requireId(r, 'id', 'source id')));
  uniqueKeys(srcRows, sources, (s) => s.id, 'id', (s) => `source "${s.id}"`);
  srcRows.forEach((r, i) => { if (sources[i].path === '') r.report('path', `source "${sources[i].id}" has no path to its text`); });

  const dimensionById = new Map<string, Dimension>();
  for (const d of dimensions) if (!dimensionById.has(d.id)) dimensionById.set(d.id, d);
  const jurisdictionIds = new Set(jurisdictions.map((j) => j.id));
  const sourceIds = new Set(sources.map((s) => s.id));
  const datasetIds = new Set(sources.filter((s) => s.kind === 'dataset').map((s) => s.id));

  // Levels of each scale, in file order (looked up once per scale, not once per cell).
  const scaleLevels = new Map<string, Level[]>();
  for (const l of levels) {
    const list = scaleLevels.get(l.scale);
    if (list) list.push(l);
    else scaleLevels.set(l.scale, [l]);
  }

  // The two large tables are read by index: a row object is made only for a problem.
  const cTable = (files.cells = readOne('cells'));
  const [cDimension, cJurisdiction, cPeriod, cValue, cLevel, cFrom, cUntil, cObserved, cStatus, cConfidence, cRelative, cNote] =
    ['dimension', 'jurisdiction', 'period', 'value', 'level', 'in_force_from', 'in_force_until', 'observed', 'status', 'confidence', 'relative', 'note']
      .map(cTable.column);
  const cells: Cell[] = new Array(cTable.size);
  for (let i = 0; i < cells.length; i++) {
    const f = cTable.fields(i);
    const rawStatus = field(f, cStatus).trim();
    let status = rawStatus as CellStatus;
    const rawConfidence = field(f, cConfidence);
    const rawRelative = field(f, cRelative);
    const c: Cell = (cells[i] = {
      dimension: field(f, cDimension), jurisdiction: field(f, cJurisdiction), period: readPeriod(field(f, cPeriod), cTable, i),
      value: field(f, cValue), level: field(f, cLevel),
      inForceFrom: field(f, cFrom), inForceUntil: field(f, cUntil), observed: field(f, cObserved), status,
      confidence: '', relative: rawRelative === 'yes', note: field(f, cNote), extra: cTable.extra(i),
    });
    // Most cells leave these empty or as saved: read with no call then.
    if (rawConfidence !== '' || (rawRelative !== '' && rawRelative !== 'no' && rawRelative !== 'yes')) {
      const report = (column: string, message: string) => cTable.row(i).report(column, message, 'error', cellTarget(c));
      c.confidence = readEnum<Confidence>(rawConfidence, 'confidence', CONFIDENCES, '', report);
      c.relative = readYesNo(rawRelative, 'relative', report);
    }
    if (!CELL_STATUSES.includes(status)) {
      cTable.row(i).report('status', `status "${rawStatus}" is not one of ${CELL_STATUSES.join(', ')} (read as draft)`, 'error', cellTarget(c));
      c.status = status = 'draft';
    }
    const dimension = dimensionById.get(c.dimension);
    if (!dimension) cTable.row(i).report('dimension', `unknown dimension "${c.dimension}" (not in dimensions.csv)`, 'error', cellTarget(c));
    if (!jurisdictionIds.has(c.jurisdiction)) cTable.row(i).report('jurisdiction', `unknown jurisdiction "${c.jurisdiction}" (not in jurisdictions.csv)`, 'error', cellTarget(c));
    if (dimension) {
      const scale = scaleLevels.get(dimension.scale) ?? [];
      for (const v of cellViolations(c, dimension, scale)) cTable.row(i).report(v.field, v.message, 'error', cellTarget(c));
    }
  }
  // Pairs by number, not by key string (see pair-ids.ts): the same checks as by cellKey.
  // Each entry (a pair's period) has an id: period 1 the pair's own, a later one an id of its own.
  const pairs = new PairIds(dimensions.map((d) => d.id), jurisdictions.map((j) => j.id));
  const cellPairs = new Int32Array(cells.length);
  // A pair's own id for every cell: whether the pair has a row at all.
  const pairHasRow = new PairTable(pairs.size);
  let later = false;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    const pair = pairs.id(c.dimension, c.jurisdiction);
    if (c.period === 1) cellPairs[i] = pair;
    else {
      cellPairs[i] = pairs.entry(c.dimension, c.jurisdiction, c.period);
      later = true;
    }
    if (pair < pairs.size) pairHasRow.set(pair, 1);
  }
  const firstCell = new PairTable(pairs.size);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    // As uniqueKeys: a key ending in NUL (no jurisdiction) is not checked.
    if (c.jurisdiction === '' || c.jurisdiction.endsWith('\u0000')) continue;
    const first = firstCell.get(cellPairs[i]);
    if (first >= 0) cTable.row(i).report(later ? 'period' : 'dimension', `duplicate cell ${entryWords(c)} (first at line ${cTable.row(first).line}); the first is used`);
    else firstCell.set(cellPairs[i], i);
  }
  const present = new PairTable(pairs.size);
  for (let i = 0; i < cells.length; i++) present.set(cellPairs[i], 1);
  const hasCell = (dimension: string, jurisdiction: string) => {
    const id = pairs.find(dimension, jurisdiction);
    return id >= 0 && pairHasRow.get(id) === 1;
  };
  for (const d of dimensions) {
    for (const j of jurisdictions) {
      if (!hasCell(d.id, j.id)) {
        problems.push({
          severity: 'warning', file: TABLES.cells.file, line: 0, column: 0,
          message: `no row for cell (${d.id}, ${j.id}): add one, with status not_in_source if the sources say nothing`,
          target: { kind: 'cell', dimension: d.id, jurisdiction: j.id },
        });
      }
    }
  }

  // What reading citations needs from the tables above.
  const lookup: CitationLookup = { pairs, present, sourceIds, datasetIds };

  // Cells computed from datasets (computed.csv, optional).
  const sourceById = new Map<string, Source>();
  for (const s of sources) if (!sourceById.has(s.id)) sourceById.set(s.id, s);
  const coTable = (files.computed = readOne('computed'));
  // A rule computes one entry: its pair's cell of its period.
  const hasEntry = (dimension: string, jurisdiction: string, period: number) => {
    const id = pairs.findEntry(dimension, jurisdiction, period);
    return id >= 0 && present.get(id) === 1;
  };
  const computed = readComputed(coTable, { hasCell: hasEntry, sources: sourceById });

  const tables: Omit<Matrix, 'citations'> = {
    name, title: descriptor.title, description: descriptor.description,
    // No computed cells: undefined, as in a matrix made before them.
    jurisdictions, dimensions, levels, cells, sources, computed: computed.length ? computed : undefined, extraColumns, descriptorExtras: descriptor.extras,
  };
  const step = (citationsText: string | undefined): LoadResult => {
    const ciTable = (files.citations = readOne('citations', citationsText));
    const { citations, pairs: citationPairs } = readCitations(ciTable, lookup);
    reportDuplicateCitations(ciTable, citations, citationPairs);
    // Each table's items were made from its file's rows, in order.
    locations.addFile('jurisdictions', jurisdictions, files.jurisdictions!);
    locations.addFile('levels', levels, files.scales!);
    locations.addFile('dimensions', dimensions, files.dimensions!);
    locations.addFile('sources', sources, files.sources!);
    locations.addFile('cells', cells, cTable);
    locations.addFile('citations', citations, ciTable);
    locations.addFile('computed', computed, coTable);
    return { matrix: { ...tables, citations }, problems, locations, pairs: { ids: pairs, cells, cellPairs, citations, citationPairs } };
  };
  return Object.assign(step, { tables, cellsFile: cTable });
}
