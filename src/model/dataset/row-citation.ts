/**
 * Checking a citation of a dataset's row, as a quote is checked against its text: the row
 * key (`Passport=Brazil; Destination=Canada`) is looked up among the dataset's rows —
 *
 * - found: one row has the key, and it still holds the cited values (the `quote`,
 *   `Requirement=eta`);
 * - ambiguous: several rows have the key (the first few are listed, all are counted);
 * - orphaned: no row has it, or the one that has it now holds other values (a changed
 *   dataset: the row is kept on the anchor, so that what it holds now can be shown);
 * - unchecked: the dataset is not loaded.
 *
 * Rows are found through an index of the key's columns (made once per set of key columns and
 * dataset), so checking tens of thousands of row citations is a look-up each.
 */
import { type Anchor, type Citation } from '../types.ts';
import { HASH_START, hashStep, spanHash, type SpanCodes } from '../collections/span-codes.ts';
import { codeMap, columnIndex, rowValues, spanCodes, valueAt, type Dataset } from './dataset.ts';
import { MAX_KEY_SETS, MAX_LISTED_ROWS } from './limits.ts';
import { formatPairs, isEdgeSpace, parseRowValues } from './pairs.ts';

/** Rows by key: a row's index when one row has the key, else the list of them. */
interface KeyIndex {
  /** Whether keys are numbers (codes in mixed radix) or strings (codes joined). */
  numeric: boolean;
  radix: number[];
  /**
   * For numeric keys that are few enough (at most DENSE_PER_ROW per row): by key, the row + 1
   * when one row has it, 0 when none, -1 when several (listed in `rows`). A look-up is then an
   * array access, and building it makes no map of tens of thousands of entries.
   */
  dense?: Int32Array;
  rows: Map<number | string, number | number[]>;
}

/** Keys per row up to which a numeric index is an array (4 bytes each): 8 keys, 32 bytes, a row. */
const DENSE_PER_ROW = 8;

const keyIndexes = new WeakMap<Dataset, Map<string, KeyIndex>>();

function keyOf(index: KeyIndex, codes: readonly number[]): number | string {
  if (!index.numeric) return codes.join(',');
  let k = 0;
  for (let i = 0; i < codes.length; i++) k = k * index.radix[i] + codes[i];
  return k;
}

/** The index of rows by the values of `columns` (indexes, in the order given); undefined past MAX_KEY_SETS. */
function keyIndex(dataset: Dataset, columns: readonly number[]): KeyIndex | undefined {
  let byColumns = keyIndexes.get(dataset);
  if (!byColumns) keyIndexes.set(dataset, (byColumns = new Map()));
  const name = columns.join(',');
  let index = byColumns.get(name);
  if (index) return index;
  if (byColumns.size >= MAX_KEY_SETS) return undefined;
  const radix = columns.map((c) => Math.max(1, dataset.columns[c].strings.length));
  const numeric = radix.reduce((p, r) => p * r, 1) < Number.MAX_SAFE_INTEGER;
  const space = radix.reduce((p, r) => p * r, 1);
  index = { numeric, radix, dense: undefined, rows: new Map() };
  const codes = columns.map(() => 0);
  const data = columns.map((c) => dataset.columns[c].codes);
  if (numeric && space <= Math.max(1024, dataset.rowCount * DENSE_PER_ROW)) {
    const dense = new Int32Array(space);
    for (let r = 0; r < dataset.rowCount; r++) {
      for (let i = 0; i < data.length; i++) codes[i] = data[i][r];
      const key = keyOf(index, codes) as number;
      const had = dense[key];
      if (had === 0) dense[key] = r + 1;
      else if (had > 0) {
        dense[key] = -1;
        index.rows.set(key, [had - 1, r]);
      } else (index.rows.get(key) as number[]).push(r);
    }
    index.dense = dense;
    byColumns.set(name, index);
    return index;
  }
  for (let r = 0; r < dataset.rowCount; r++) {
    for (let i = 0; i < data.length; i++) codes[i] = data[i][r];
    const key = keyOf(index, codes);
    const had = index.rows.get(key);
    if (had === undefined) index.rows.set(key, r);
    else if (typeof had === 'number') index.rows.set(key, [had, r]);
    else had.push(r);
  }
  byColumns.set(name, index);
  return index;
}

/** Per dataset, the last key columns looked up (its row citations name the same ones, one after another). */
interface LastLookup {
  columns: readonly string[];
  indexes: number[];
  lookups: Map<string, number>[];
  spans: SpanCodes[];
  index: KeyIndex;
  /**
   * The last plain key read by `foundQuickly` up to its last value (`Passport=Brazil; Destination=`),
   * and the key number its values before the last make: the next key that starts with it (the
   * rows of one passport, cited one after another) is read from there. '' when none.
   */
  keyPrefix: string;
  keyPrefixNumber: number;
  /** The same for the cited values, when the last was one (`Requirement=`), and its column. */
  quotePrefix: string;
  quoteColumn: number;
}

const lastLookup = new WeakMap<Dataset, LastLookup>();

const sameColumns = (a: readonly string[], b: readonly string[]): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The row whose key columns hold the given values: its index, -1 when no row has them, the
 * list of rows when several do; a string: why the key cannot be looked up.
 */
function locateRow(dataset: Dataset, columns: readonly string[], values: readonly string[]): number | number[] | string {
  let cached = lastLookup.get(dataset);
  if (!cached || !sameColumns(cached.columns, columns)) {
    const indexes: number[] = [];
    for (const name of columns) {
      const c = columnIndex(dataset, name);
      if (c < 0) return `the dataset has no column "${name}" (its columns: ${dataset.columns.map((x) => x.name).join(', ')})`;
      indexes.push(c);
    }
    const index = keyIndex(dataset, indexes);
    if (!index) return `not checked: the row citations of this dataset name more than ${MAX_KEY_SETS} different sets of key columns`;
    cached = { columns: [...columns], indexes, lookups: indexes.map((c) => codeMap(dataset, c)), spans: indexes.map((c) => spanCodes(dataset, c)), index, keyPrefix: '', keyPrefixNumber: 0, quotePrefix: '', quoteColumn: -1 };
    lastLookup.set(dataset, cached);
  }
  const { index, lookups } = cached;
  if (index.dense) {
    // The key as a number, in mixed radix, without a list of codes.
    let key = 0;
    for (let i = 0; i < lookups.length; i++) {
      const code = lookups[i].get(values[i]);
      if (code === undefined) return -1;
      key = key * index.radix[i] + code;
    }
    const at = index.dense[key];
    return at > 0 ? at - 1 : at === 0 ? -1 : (index.rows.get(key) as number[]);
  }
  const codes: number[] = [];
  for (let i = 0; i < lookups.length; i++) {
    const code = lookups[i].get(values[i]);
    if (code === undefined) return -1;
    codes.push(code);
  }
  const found = index.rows.get(keyOf(index, codes));
  return found === undefined ? -1 : found;
}

/** The rows whose key columns hold the given values; a string: why the key cannot be looked up. */
export function findRows(dataset: Dataset, columns: readonly string[], values: readonly string[]): number[] | string {
  const found = locateRow(dataset, columns, values);
  return typeof found === 'string' || Array.isArray(found) ? found : found < 0 ? [] : [found];
}

/** The values of some columns of a row, as a citation's quote holds them (`Column=value; …`). */
export function rowQuote(dataset: Dataset, row: number, columns: readonly string[]): string {
  const values = rowValues(dataset, row);
  return formatPairs(columns.map((name) => ({ name, values: [values[columnIndex(dataset, name)] ?? ''] })));
}

/** The columns of a dataset that are not in a key: a row's decisive values, cited as its quote. */
export const valueColumns = (dataset: Dataset, key: readonly string[]): string[] => dataset.columns.map((c) => c.name).filter((n) => !key.includes(n));

/** Whether `text` from `from` to `to`, white space at either end left out, is `value`; made into no string. */
function spanIs(text: string, from: number, to: number, value: string): boolean {
  while (from < to && isEdgeSpace(text.charCodeAt(from))) from++;
  while (to > from && isEdgeSpace(text.charCodeAt(to - 1))) to--;
  // One native comparison (a loop of charCodeAt reads each character through the string's representation).
  return to - from === value.length && text.startsWith(value, from);
}

const isPlain = (text: string) => !text.includes('\\') && !text.includes('|');

/** Where the value read by `plainValue` is, and its hash (module-level, reused: reading makes nothing). */
const value = { from: 0, to: 0, hash: 0 };

/**
 * The last value of a plain text, from `from` to its end, white space at either end left out,
 * with its hash (spanHash), in one pass; false when the rest is not one plain value (a `;`,
 * an escape or a `|`: the general reader then decides).
 */
function plainValue(text: string, from: number): boolean {
  const n = text.length;
  while (from < n && isEdgeSpace(text.charCodeAt(from))) from++;
  let to = from;
  let h = HASH_START;
  let hash = h;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 59 /* ; */ || c === 92 /* \ */ || c === 124 /* | */) return false;
    h = hashStep(h, c);
    if (!isEdgeSpace(c)) {
      to = i + 1;
      hash = h;
    }
  }
  value.from = from;
  value.to = to;
  value.hash = hash;
  return true;
}

/** Whether `text` from `from` to `to` is `expected` (no string made). */
const spanEquals = (text: string, from: number, to: number, expected: string): boolean => to - from === expected.length && text.startsWith(expected, from);

/**
 * A plain row citation (no escape, no `|`) whose row is found and holds the cited values,
 * read without making lists or strings: the citations of a dataset cited row by row name the
 * key columns of the one before (`lastLookup`), so each is a few comparisons and one look-up
 * per key value, by its span and hash (no value sliced out). Most often a key repeats the one
 * before up to its last value, and the cited values name the same column: each is then one
 * comparison of that start, and a pass over the last value. Undefined for anything else: the
 * general reader then decides, and words any problem.
 */
function foundQuickly(citation: Pick<Citation, 'rowKey' | 'quote'>, dataset: Dataset): Anchor | undefined {
  const cached = lastLookup.get(dataset);
  const dense = cached?.index.dense;
  if (!cached || !dense) return undefined;
  const key = citation.rowKey ?? '';
  const { quote } = citation;
  const { columns, spans, index, keyPrefix } = cached;
  const lastColumn = columns.length - 1;
  let k = -1;
  if (keyPrefix !== '' && key.startsWith(keyPrefix) && plainValue(key, keyPrefix.length)) {
    const code = spans[lastColumn].find(key, value.from, value.to, value.hash);
    if (code < 0) return undefined;
    k = cached.keyPrefixNumber * index.radix[lastColumn] + code;
  } else {
    if (!isPlain(key)) return undefined;
    k = 0;
    let from = 0;
    for (let i = 0; i < columns.length; i++) {
      let end = key.indexOf(';', from);
      if (end < 0) end = key.length;
      const eq = key.indexOf('=', from);
      if (eq < 0 || eq > end || !spanIs(key, from, eq, columns[i])) return undefined;
      if (i === lastColumn && end === key.length) {
        // The start of the next keys, most likely (a plain key, read up to its last value).
        cached.keyPrefix = key.slice(0, eq + 1);
        cached.keyPrefixNumber = k;
      }
      // The value looked up in place: its span, white space at either end left out.
      let a = eq + 1;
      let b = end;
      while (a < b && isEdgeSpace(key.charCodeAt(a))) a++;
      while (b > a && isEdgeSpace(key.charCodeAt(b - 1))) b--;
      const code = spans[i].find(key, a, b, spanHash(key, a, b));
      if (code < 0) return undefined;
      k = k * index.radix[i] + code;
      from = end + 1;
    }
    if (from < key.length) return undefined;
  }
  const at = dense[k];
  if (at <= 0) return undefined;
  const row = at - 1;
  const { quotePrefix } = cached;
  if (quotePrefix !== '' && quote.startsWith(quotePrefix) && plainValue(quote, quotePrefix.length)) {
    return spanEquals(quote, value.from, value.to, valueAt(dataset, row, cached.quoteColumn)) ? { status: 'found', row } : undefined;
  }
  if (!isPlain(quote)) return undefined;
  // Each cited value as the row holds it, each column named once.
  let named = 0;
  let from = 0;
  while (from <= quote.length) {
    let end = quote.indexOf(';', from);
    if (end < 0) end = quote.length;
    const eq = quote.indexOf('=', from);
    if (eq < 0 || eq > end) {
      if (!spanIs(quote, from, end, '')) return undefined;
    } else {
      let c = 0;
      while (c < dataset.columns.length && !spanIs(quote, from, eq, dataset.columns[c].name)) c++;
      if (c >= 31 || c >= dataset.columns.length || named & (1 << c) || !spanIs(quote, eq + 1, end, valueAt(dataset, row, c))) return undefined;
      named |= 1 << c;
      if (from === 0 && end === quote.length) {
        // One cited value: the start of the next ones, most likely.
        cached.quotePrefix = quote.slice(0, eq + 1);
        cached.quoteColumn = c;
      }
    }
    from = end + 1;
  }
  return named ? { status: 'found', row } : undefined;
}

/** Where a row citation stands in its dataset (see the statuses above). */
export function anchorRow(citation: Pick<Citation, 'source' | 'rowKey' | 'quote'>, dataset: Dataset | undefined): Anchor {
  if (!dataset) return { status: 'unchecked', reason: `the dataset of source "${citation.source}" is not available` };
  const quick = foundQuickly(citation, dataset);
  if (quick) return quick;
  const key = parseRowValues(citation.rowKey ?? '');
  if (!key.ok) return { status: 'orphaned', reason: `the row key cannot be read: ${key.message}` };
  // Words for the key, only when a reason needs them (a found row needs none).
  const keyWords = () => formatPairs(key.columns.map((name, i) => ({ name, values: [key.values[i]] })));
  const found = locateRow(dataset, key.columns, key.values);
  if (typeof found === 'string') return { status: found.startsWith('not checked') ? 'unchecked' : 'orphaned', reason: found };
  if (found === -1) return { status: 'orphaned', reason: `no row of the dataset has ${keyWords()}` };
  if (Array.isArray(found)) {
    return {
      status: 'ambiguous', rows: found.slice(0, MAX_LISTED_ROWS), occurrences: found.length,
      reason: `${found.length} rows have ${keyWords()}: add a column to the key to tell them apart`,
    };
  }
  const row = found;
  const cited = parseRowValues(citation.quote);
  if (!cited.ok) return { status: 'orphaned', row, reason: `the cited values cannot be read: ${cited.message}` };
  const changed: string[] = [];
  for (let i = 0; i < cited.columns.length; i++) {
    const c = columnIndex(dataset, cited.columns[i]);
    if (c < 0) return { status: 'orphaned', row, reason: `the dataset has no column "${cited.columns[i]}" any more` };
    const value = valueAt(dataset, row, c);
    if (value !== cited.values[i]) changed.push(`${cited.columns[i]} is "${value}", not "${cited.values[i]}"`);
  }
  if (changed.length) return { status: 'orphaned', row, reason: `the row with ${keyWords()} has changed: ${changed.join('; ')}` };
  return { status: 'found', row };
}
