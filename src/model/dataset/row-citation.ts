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
import { codeMap, columnIndex, rowValues, valueAt, type Dataset } from './dataset.ts';
import { MAX_KEY_SETS, MAX_LISTED_ROWS } from './limits.ts';
import { formatPairs, parseRowValues } from './pairs.ts';

/** Rows by key: a row's index when one row has the key, else the list of them. */
interface KeyIndex {
  /** Whether keys are numbers (codes in mixed radix) or strings (codes joined). */
  numeric: boolean;
  radix: number[];
  rows: Map<number | string, number | number[]>;
}

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
  index = { numeric, radix, rows: new Map() };
  const codes = columns.map(() => 0);
  const data = columns.map((c) => dataset.columns[c].codes);
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
const lastLookup = new WeakMap<Dataset, { columns: readonly string[]; indexes: number[]; lookups: Map<string, number>[]; index: KeyIndex }>();

/** The rows whose key columns hold the given values; a string: why the key cannot be looked up. */
export function findRows(dataset: Dataset, columns: readonly string[], values: readonly string[]): number[] | string {
  let cached = lastLookup.get(dataset);
  if (!cached || cached.columns.length !== columns.length || cached.columns.some((c, i) => c !== columns[i])) {
    const indexes: number[] = [];
    for (const name of columns) {
      const c = columnIndex(dataset, name);
      if (c < 0) return `the dataset has no column "${name}" (its columns: ${dataset.columns.map((x) => x.name).join(', ')})`;
      indexes.push(c);
    }
    const index = keyIndex(dataset, indexes);
    if (!index) return `not checked: the row citations of this dataset name more than ${MAX_KEY_SETS} different sets of key columns`;
    cached = { columns: [...columns], indexes, lookups: indexes.map((c) => codeMap(dataset, c)), index };
    lastLookup.set(dataset, cached);
  }
  const codes: number[] = [];
  for (let i = 0; i < cached.indexes.length; i++) {
    const code = cached.lookups[i].get(values[i]);
    if (code === undefined) return [];
    codes.push(code);
  }
  const found = cached.index.rows.get(keyOf(cached.index, codes));
  return found === undefined ? [] : typeof found === 'number' ? [found] : found;
}

/** The values of some columns of a row, as a citation's quote holds them (`Column=value; …`). */
export function rowQuote(dataset: Dataset, row: number, columns: readonly string[]): string {
  const values = rowValues(dataset, row);
  return formatPairs(columns.map((name) => ({ name, values: [values[columnIndex(dataset, name)] ?? ''] })));
}

/** The columns of a dataset that are not in a key: a row's decisive values, cited as its quote. */
export const valueColumns = (dataset: Dataset, key: readonly string[]): string[] => dataset.columns.map((c) => c.name).filter((n) => !key.includes(n));

/** Where a row citation stands in its dataset (see the statuses above). */
export function anchorRow(citation: Pick<Citation, 'source' | 'rowKey' | 'quote'>, dataset: Dataset | undefined): Anchor {
  if (!dataset) return { status: 'unchecked', reason: `the dataset of source "${citation.source}" is not available` };
  const key = parseRowValues(citation.rowKey ?? '');
  if (!key.ok) return { status: 'orphaned', reason: `the row key cannot be read: ${key.message}` };
  // Words for the key, only when a reason needs them (a found row needs none).
  const keyWords = () => formatPairs(key.columns.map((name, i) => ({ name, values: [key.values[i]] })));
  const rows = findRows(dataset, key.columns, key.values);
  if (typeof rows === 'string') return { status: rows.startsWith('not checked') ? 'unchecked' : 'orphaned', reason: rows };
  if (rows.length === 0) return { status: 'orphaned', reason: `no row of the dataset has ${keyWords()}` };
  if (rows.length > 1) {
    return {
      status: 'ambiguous', rows: rows.slice(0, MAX_LISTED_ROWS), occurrences: rows.length,
      reason: `${rows.length} rows have ${keyWords()}: add a column to the key to tell them apart`,
    };
  }
  const row = rows[0];
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
