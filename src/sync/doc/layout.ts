/**
 * How a matrix is laid out in a shared (Yjs) document. Everything here is derived from the
 * format's schema (TABLES: tables, columns, primary keys), so a column added to the format
 * flows through without a change here.
 *
 * Per table, three root maps:
 *  - `<table>`  blocks: the rows as loaded, grouped by the first column of their key (a
 *    dimension's cells, a dimension's citations, …), each block one string. Written only when
 *    a document is made from a folder (or rebuilt): a 100,000-cell matrix is a few hundred
 *    Yjs items instead of a million, so joining it costs about what reading the folder does.
 *  - `<table>+` rows made or removed since: row key → the row's record, or '' (removed).
 *  - `<table>.` fields edited since: `row key \u0001 column` → `row id \u0001 value`. One
 *    item per field, so two analysts editing different fields of one cell both keep theirs;
 *    the same field: the last writer wins (and the history keeps both values).
 * plus `meta` (title, description, descriptor extras, each table's columns), `history`, and
 * `files` (the texts, originals and maps of sources added in the app, by path).
 *
 * A row's key is its primary key's values; where the key holds a place in a list (an integer
 * column: a citation's `seq`), that place is a field and the key gets the row's id instead,
 * so renumbering is a field edit and two citations added at once both survive (a duplicate
 * place is resolved after the merge: see resolve.ts). Every row has an id, made when it is
 * made; an edited field names the row id it was made for, so an edit made at the same time
 * as the row's removal does not come back to life in a row made later under the same key.
 */
import { TABLES, type TableDef } from '../../model/format/schema.ts';
import { TABLE_NAMES, type TableName } from '../../model/types.ts';

/** Version of this layout, stored in `meta` (a document of another layout is not read: convert.ts). */
export const LAYOUT_VERSION = 1;

export const META = 'meta';
export const HISTORY = 'history';
/** Sources' files added in the app, by path (see DocRows.files). */
export const FILES = 'files';

export const blocksName = (table: TableName): string => table;
export const rowsName = (table: TableName): string => `${table}+`;
export const fieldsName = (table: TableName): string => `${table}.`;

/** Separates a row key from a column in a field key, and a row id from a value. JSON never holds it raw. */
export const SEP = '\u0001';

export const fieldKey = (rowKey: string, column: string): string => rowKey + SEP + column;

/** The row key and column of a field key. */
export function splitFieldKey(key: string): { rowKey: string; column: string } {
  const at = key.lastIndexOf(SEP);
  return { rowKey: key.slice(0, at), column: key.slice(at + 1) };
}

/** What the layout needs to know of a table, from its definition. */
export interface TableLayout {
  readonly name: TableName;
  readonly def: TableDef;
  /** The primary key's columns. */
  readonly key: readonly string[];
  /** Key columns that are a place in a list (integer): fields of the row, not part of its identity. */
  readonly positions: readonly string[];
  /** Key columns that are the row's identity (the others). */
  readonly identity: readonly string[];
  /** Whether the row key holds the row id (the key has a place in a list). */
  readonly keyHasRowId: boolean;
  /** Foreign keys whose fields are all in this table's key: a row belongs to the row it names and goes with it. */
  readonly owners: readonly { readonly fields: readonly string[]; readonly table: TableName; readonly reference: readonly string[] }[];
}

function layoutOf(name: TableName): TableLayout {
  const def = TABLES[name];
  const typeOf = (column: string) => def.columns.find((c) => c.name === column)?.type;
  const positions = def.primaryKey.filter((c) => typeOf(c) === 'integer');
  const identity = def.primaryKey.filter((c) => typeOf(c) !== 'integer');
  return {
    name, def, key: def.primaryKey, positions, identity, keyHasRowId: positions.length > 0,
    owners: def.foreignKeys.filter((fk) => fk.fields.every((f) => def.primaryKey.includes(f))).map((fk) => ({ fields: fk.fields, table: fk.resource, reference: fk.reference })),
  };
}

export const LAYOUTS: Readonly<Record<TableName, TableLayout>> = Object.fromEntries(TABLE_NAMES.map((t) => [t, layoutOf(t)])) as Record<TableName, TableLayout>;

/** A row key: the identity values (and the row id where the key has a place in a list). JSON, so any text is safe in it. */
export function rowKeyOf(layout: TableLayout, identity: readonly string[], rowId: string): string {
  return JSON.stringify(layout.keyHasRowId ? [...identity, rowId] : identity);
}

/** The identity values a row key holds. */
export function identityOf(layout: TableLayout, rowKey: string): string[] {
  const values = JSON.parse(rowKey) as string[];
  return layout.keyHasRowId ? values.slice(0, -1) : values;
}

/** The block a row is in: its first identity value. */
export const blockOf = (identity: readonly string[]): string => identity[0] ?? '';

/** The full primary key of a row (identity and places, in the key's order), as one string. */
export function fullKeyOf(layout: TableLayout, get: (column: string) => string): string {
  return JSON.stringify(layout.key.map(get));
}

let counter = 0;
/**
 * A new row id: the document's client id and a counter, in base 36. Client ids are random per
 * document instance (32 bits), so ids made by different analysts do not collide.
 */
export function newRowId(clientId: number): string {
  counter += 1;
  return `${clientId.toString(36)}.${counter.toString(36)}`;
}
