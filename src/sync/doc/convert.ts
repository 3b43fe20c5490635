/**
 * A matrix folder's files → a shared document, and a shared document → the files of the
 * matrix it holds (with the rules a merge can break resolved: resolve.ts). The files are
 * read and written by the format's own reader and writer, so the round trip is exact.
 */
import * as Y from 'yjs';
import { parseCsv } from '../../model/format/csv/parse-csv.ts';
import { csvLine } from '../../model/format/csv/write-csv.ts';
import { parseDescriptor, writeDescriptor } from '../../model/format/descriptor.ts';
import type { MatrixTexts } from '../../model/format/load.ts';
import { DESCRIPTOR_FILE, TABLES } from '../../model/format/schema.ts';
import { TABLE_NAMES, type Matrix, type Problem, type TableName } from '../../model/types.ts';
import { BlockFeed, blockBody, type FeedEntry } from './block-feed.ts';
import { eachBlockRow, writeBlock } from './blocks.ts';
import { DocRows, columnsKey, parseRecord } from './doc-rows.ts';
import { LAYOUTS, LAYOUT_VERSION, blockOf, identityOf, newRowId, rowKeyOf, splitFieldKey } from './layout.ts';
import { BulkCheck } from './bulk-check.ts';
import { DocMirror, type MirrorRow } from './mirror.ts';
import { resolve, type Resolution } from './resolve.ts';
import { emptyMatrix } from './table-rows.ts';

/** Keys of the `meta` map. */
export const META_KEYS = { layout: 'layout', name: 'name', title: 'title', description: 'description', extras: 'descriptorExtras' } as const;

/** The columns of the format a table has (the others of a header are the matrix's extra columns). */
const formatColumns = (table: TableName): Set<string> => new Set(TABLES[table].columns.map((c) => c.name));

/**
 * Fill an empty document with a matrix, given the canonical text of its files (saveMatrix).
 * One transaction, with `origin`.
 */
export function writeMatrixDoc(doc: Y.Doc, name: string, texts: MatrixTexts, origin: unknown = null): void {
  const rows = new DocRows(doc);
  const problems: Problem[] = [];
  const descriptor = parseDescriptor(texts[DESCRIPTOR_FILE], problems);
  doc.transact(() => {
    rows.meta.set(META_KEYS.layout, LAYOUT_VERSION);
    rows.meta.set(META_KEYS.name, name);
    rows.meta.set(META_KEYS.title, descriptor.title);
    rows.meta.set(META_KEYS.description, descriptor.description);
    rows.meta.set(META_KEYS.extras, JSON.stringify(descriptor.extras));
    for (const table of TABLE_NAMES) {
      const layout = LAYOUTS[table];
      const file = TABLES[table].file;
      const text = texts[file];
      const csv = text === undefined ? undefined : parseCsv(text, file);
      const header = csv?.header.length ? csv.header : TABLES[table].columns.map((c) => c.name);
      rows.meta.set(columnsKey(table), JSON.stringify(header));
      const at = (column: string) => header.indexOf(column);
      const identityAt = layout.identity.map(at);
      const positionsAt = layout.positions.map(at);
      const blocks = new Map<string, { rowKey: string; rowId: string; positions: string[]; fields: string[] }[]>();
      for (const fields of csv?.rows ?? []) {
        const identity = identityAt.map((i) => (i < 0 ? '' : (fields[i] ?? '')));
        const rowId = newRowId(doc.clientID);
        const row = { rowKey: rowKeyOf(layout, identity, rowId), rowId, positions: positionsAt.map((i) => (i < 0 ? '' : (fields[i] ?? ''))), fields: header.map((_, i) => fields[i] ?? '') };
        const block = blockOf(identity);
        const list = blocks.get(block);
        if (list) list.push(row);
        else blocks.set(block, [row]);
      }
      const map = rows.blocks(table);
      for (const [block, list] of blocks) map.set(block, writeBlock(list));
    }
  }, origin);
}

/** The matrix of a document as the text of its files, and which row of the document each file row is. */
export interface DocTexts {
  readonly texts: MatrixTexts;
  /** Per table, the document row of each data row of its file, in order (none for a table in `fed`). */
  readonly order: Readonly<Record<TableName, MirrorRow[]>>;
  /** Tables whose rows a feed makes when first needed (ReadOptions.defer): give it the store's objects with `mirror.attachFed`. */
  readonly fed: ReadonlySet<TableName>;
  readonly mirror: DocMirror;
  /** What was resolved (see resolve.ts). */
  readonly resolution: Resolution;
}

/** The header a document gives a table (the format's columns when it has none). */
export function docHeader(rows: DocRows, table: TableName): string[] {
  const header = rows.header(table);
  return header.length ? header : TABLES[table].columns.map((c) => c.name);
}

/** The name, title, description, descriptor extras and extra columns a document holds. */
export function docMatrixInfo(rows: DocRows): Pick<Matrix, 'name' | 'title' | 'description' | 'descriptorExtras' | 'extraColumns'> {
  const text = (key: string) => {
    const v = rows.meta.get(key);
    return typeof v === 'string' ? v : '';
  };
  let descriptorExtras: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(text(META_KEYS.extras) || '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) descriptorExtras = parsed;
  } catch {
    // A broken value is taken as none.
  }
  const extraColumns: Matrix['extraColumns'] = {};
  for (const table of TABLE_NAMES) {
    const known = formatColumns(table);
    const extra = docHeader(rows, table).filter((c) => !known.has(c));
    if (extra.length) extraColumns[table] = extra;
  }
  return { name: text(META_KEYS.name) || 'matrix', title: text(META_KEYS.title), description: text(META_KEYS.description), descriptorExtras, extraColumns };
}

/**
 * The big tables, whose rows a join can leave to be made when first needed (ReadOptions.defer):
 * 300,000 rows on the largest matrix, against a few hundred in the others.
 */
const DEFERRABLE: readonly TableName[] = ['cells', 'citations'];

export interface ReadOptions {
  /**
   * A join's way (a client's; the server reads every row, as it resolves and writes what it
   * finds): of the big tables, each block with no row made, edited or removed since is taken
   * whole, its rows made when first needed and checked then (block-feed.ts); the others are
   * read row by row as always. Not where a rule of resolve.ts could need their rows (a row of
   * a table they belong to was removed), nor where it would change them: those are read the
   * long way.
   */
  readonly defer?: boolean;
}

/** The document's matrix as file texts (rows in the document's order; saveMatrix makes the order canonical). */
export function readMatrixDoc(doc: Y.Doc, options: ReadOptions = {}): DocTexts {
  const rows = new DocRows(doc);
  // A document laid out otherwise (by another version of the server) is not guessed at.
  const layout = rows.meta.get(META_KEYS.layout);
  if (layout !== undefined && layout !== LAYOUT_VERSION) throw new Error(`the shared document is laid out as version ${typeof layout === 'number' ? layout : JSON.stringify(layout).slice(0, 40)}, and this version of policy-matrix reads version ${LAYOUT_VERSION}`);
  const mirror = new DocMirror();
  const deferrable = new Set(options.defer ? DEFERRABLE.filter((t) => LAYOUTS[t].owners.every((o) => !rows.hasRemoved(o.table))) : []);
  /** Tables whose rows a feed makes (deferred), and each one's file's sections in order. */
  const fed = new Map<TableName, string[]>();
  // Each row's record goes on its mirror row (row.record); fields parsed on the way are kept for a move.
  const fieldsOf = new Map<MirrorRow, string[]>();
  /** Per table, its rows in the document's order (as its mirror has them once indexed). */
  const taken = {} as Record<TableName, MirrorRow[]>;
  /**
   * Per table taken in bulk whose rows are its blocks' records as they stand (no row made or
   * edited since, every block's records cut cleanly), the blocks' records: its file's text is then made from
   * them, one string per block instead of one per row.
   */
  const whole = {} as Record<TableName, string[] | undefined>;
  for (const table of TABLE_NAMES) {
    const layout = LAYOUTS[table];
    const header = docHeader(rows, table);
    const positionsAt = layout.positions.map((c) => header.indexOf(c));
    const made = rows.rows(table);
    const edited = new Set<string>();
    for (const key of rows.fields(table).keys()) edited.add(splitFieldKey(key).rowKey);
    const mirrorTable = mirror.tables[table];
    const list: MirrorRow[] = (taken[table] = []);
    const madeBlocks = new Set<string>();
    if (layout.keyHasRowId) for (const [rowKey, record] of made) if (record !== '') madeBlocks.add(blockOf(identityOf(layout, rowKey)));
    const check = layout.keyHasRowId ? new BulkCheck(layout, madeBlocks) : undefined;
    const take = (rowKey: string, rowId: string, positions: readonly string[], record: string, fields?: string[]): MirrorRow => {
      let parsed = fields;
      if (edited.has(rowKey)) {
        parsed ??= header.map((_, i) => parseRecord(record)[i] ?? '');
        if (rows.applyEdits(table, rowKey, rowId, header, parsed)) record = csvLine(parsed);
      }
      const row = DocMirror.row(table, rowKey, rowId, parsed ? positionsAt.map((i) => (i < 0 ? '' : (parsed![i] ?? ''))) : positions);
      row.record = record;
      if (check) list.push(row);
      else mirrorTable.add(row);
      if (parsed) fieldsOf.set(row, parsed);
      return row;
    };
    // (Y.Map's size counts its entries one by one: the raw map tells "none ever" at once.)
    const anyMade = (made as unknown as { _map: Map<string, unknown> })._map.size > 0;
    let sections: string[] | undefined = !check || anyMade || edited.size ? undefined : [];
    const visit = (rowKey: string, rowId: string, positions: readonly string[], record: string): void => {
      if (anyMade && made.has(rowKey)) return;
      const row = take(rowKey, rowId, positions, record);
      check?.blockRow(row);
    };
    // Deferred: the blocks a row made, edited or removed since belongs to are read row by row.
    let touched: Set<string> | undefined;
    const entries: FeedEntry[] = [];
    const fedSections: string[] = [];
    const takenSince = (before: number) => {
      const taken = list.slice(before);
      entries.push({ rows: taken });
      if (taken.length) fedSections.push(taken.map((r) => r.record!).join('\n'));
    };
    if (check && deferrable.has(table)) {
      touched = new Set();
      for (const rowKey of made.keys()) touched.add(blockOf(identityOf(layout, rowKey)));
      for (const rowKey of edited) touched.add(blockOf(identityOf(layout, rowKey)));
    }
    for (const [block, text] of rows.blocks(table)) {
      if (touched && !touched.has(block)) {
        const body = blockBody(text);
        if (body !== '') fedSections.push(body);
        entries.push({ block: [block, text] });
        continue;
      }
      check?.block(block);
      const before = list.length;
      let section: string | undefined;
      try {
        section = eachBlockRow(text, visit);
      } catch (e) {
        throw new Error(`the shared document's ${TABLES[table].file} rows for “${block.slice(0, 80)}”: ${(e as Error).message}`);
      }
      if (touched) takenSince(before);
      if (!sections) continue;
      if (section === undefined) sections = undefined;
      else if (list.length > before) sections.push(section);
    }
    whole[table] = sections;
    const beforeMade = list.length;
    for (const [rowKey, record] of made) {
      if (record === '') continue;
      const [rowId, ...fields] = parseRecord(record);
      const full = header.map((_, i) => fields[i] ?? '');
      const row = take(rowKey, rowId, [], csvLine(full), full);
      check?.madeRow(row);
    }
    if (!check) continue;
    if (touched) {
      // Rows read now that share a key would need resolving: the long way.
      if (!check.ok) return readMatrixDoc(doc);
      takenSince(beforeMade);
      mirror.feed(table, new BlockFeed(table, entries, mirror));
      fed.set(table, fedSections);
      continue;
    }
    // Rows that share a key (to be resolved) are indexed now, as one by one.
    if (check.ok) mirrorTable.addLater(list);
    else for (const row of list) mirrorTable.add(row);
  }

  const resolution = resolve(mirror, rows, 'all');
  // (Not expected where it defers: read the long way if it comes.)
  if (fed.size && [...resolution.dropped, ...resolution.moved].some((x) => fed.has(x.table))) return readMatrixDoc(doc);
  const dropped = new Set(resolution.dropped.map((d) => d.row));
  for (const m of resolution.moved) {
    const header = docHeader(rows, m.table);
    const fields = fieldsOf.get(m.row) ?? header.map((_, i) => parseRecord(m.row.record!)[i] ?? '');
    LAYOUTS[m.table].positions.forEach((c, i) => {
      const at = header.indexOf(c);
      if (at >= 0) fields[at] = m.to[i];
    });
    m.row.record = csvLine(fields);
    mirror.tables[m.table].move(m.row, m.to);
  }
  for (const d of resolution.dropped) mirror.tables[d.table].remove(d.row.rowKey);

  const texts: MatrixTexts = {};
  const order = {} as Record<TableName, MirrorRow[]>;
  for (const table of TABLE_NAMES) {
    const header = csvLine(docHeader(rows, table));
    const fedSections = fed.get(table);
    if (fedSections) {
      texts[TABLES[table].file] = fedSections.length ? header + '\n' + fedSections.join('\n') + '\n' : header + '\n';
      order[table] = [];
      continue;
    }
    // (A table indexed now: its rows as indexed, where a row key met twice keeps the last.)
    const tm = mirror.tables[table];
    const all = tm.waiting ? taken[table] : [...tm.rows.values()];
    const list = dropped.size ? all.filter((r) => !dropped.has(r)) : all;
    order[table] = list;
    const sections = whole[table];
    // The blocks' records whole: when the rows are the ones taken, in that order, none moved.
    if (sections && list === taken[table] && !resolution.moved.some((m) => m.table === table)) {
      texts[TABLES[table].file] = sections.length ? header + '\n' + sections.join('\n') + '\n' : header + '\n';
      continue;
    }
    const lines = [header];
    for (const r of list) lines.push(r.record!);
    texts[TABLES[table].file] = lines.join('\n') + '\n';
  }
  texts[DESCRIPTOR_FILE] = docDescriptor(rows, order.computed.length);
  return { texts, order, mirror, resolution, fed: new Set(fed.keys()) };
}

/** The text of the descriptor of a document's matrix, which has `computedRows` computed cells. */
export function docDescriptor(rows: DocRows, computedRows: number): string {
  const info = docMatrixInfo(rows);
  // The descriptor lists computed.csv when the document has computed cells, as the matrix's
  // own descriptor does: the reader reads an optional table only when it is listed (only the
  // number of rows decides it, so none need be read here).
  const computed = computedRows ? (new Array(computedRows) as NonNullable<Matrix['computed']>) : undefined;
  return writeDescriptor({ ...emptyMatrix(info), ...info, ...(computed ? { computed } : {}) });
}
