/**
 * A new version of a matrix folder (a `git pull`, an edit in a spreadsheet) brought into its
 * shared document as the changes made on disk since the version the server last saw or
 * wrote (a three-way merge): rows and fields changed on disk are changed in the document; an
 * edit made meanwhile by an analyst to another field stays. Called in a transaction.
 */
import type { Change, ChangeTarget } from '../../model/edit/commands.ts';
import { parseCsv } from '../../model/format/csv/parse-csv.ts';
import { parseDescriptor } from '../../model/format/descriptor.ts';
import type { MatrixTexts } from '../../model/format/load.ts';
import { DESCRIPTOR_FILE, TABLES } from '../../model/format/schema.ts';
import { TABLE_NAMES, type Problem, type TableName } from '../../model/types.ts';
import { META_KEYS, docHeader } from './convert.ts';
import { columnsKey, type DocRows } from './doc-rows.ts';
import { LAYOUTS, newRowId, rowKeyOf } from './layout.ts';

type Row = Record<string, string>;

function rowsOf(table: TableName, text: string | undefined): { header: string[]; rows: Map<string, Row> } {
  const layout = LAYOUTS[table];
  const csv = text === undefined ? undefined : parseCsv(text, TABLES[table].file);
  const header = csv?.header ?? [];
  const rows = new Map<string, Row>();
  for (const fields of csv?.rows ?? []) {
    const row: Row = {};
    header.forEach((c, i) => (row[c] = fields[i] ?? ''));
    const key = JSON.stringify(layout.key.map((c) => row[c] ?? ''));
    if (!rows.has(key)) rows.set(key, row);
  }
  return { header, rows };
}

function targetOf(table: TableName, row: Row): ChangeTarget | undefined {
  if (table === 'cells') return { kind: 'cell', dimension: row.dimension ?? '', jurisdiction: row.jurisdiction ?? '' };
  if (table === 'citations') return { kind: 'citation', dimension: row.dimension ?? '', jurisdiction: row.jurisdiction ?? '', seq: Number(row.seq) };
  if (table === 'dimensions' || table === 'jurisdictions') return { kind: table === 'dimensions' ? 'dimension' : 'jurisdiction', id: row.id ?? '' };
  return undefined;
}

export interface FolderVersion {
  /** Rows added, removed and changed, per table (only tables with some). */
  readonly counts: Partial<Record<TableName, { added: number; removed: number; changed: number }>>;
  readonly changes: Change[];
  /** The title, description or descriptor extras changed. */
  readonly descriptor: boolean;
}

const MAX_CHANGES = 500;

/**
 * Apply the changes from `base` to `next` (canonical file texts) to the document. `find` gives
 * the document's row with a full primary key, as the document now stands.
 */
export function applyFolderVersion(
  rows: DocRows,
  find: (table: TableName, fullKey: string) => { rowKey: string; rowId: string } | undefined,
  base: MatrixTexts,
  next: MatrixTexts,
  clientId: number,
): FolderVersion {
  const counts: FolderVersion['counts'] = {};
  const changes: Change[] = [];
  const note = (table: TableName, kind: 'added' | 'removed' | 'changed') => {
    const c = (counts[table] ??= { added: 0, removed: 0, changed: 0 });
    c[kind] += 1;
  };
  const record = (change: Change) => {
    if (changes.length < MAX_CHANGES) changes.push(change);
  };

  for (const table of TABLE_NAMES) {
    const file = TABLES[table].file;
    if (base[file] === next[file]) continue;
    const layout = LAYOUTS[table];
    const before = rowsOf(table, base[file]);
    const after = rowsOf(table, next[file]);
    // Columns new on disk go at the end of the document's columns (rows written before read them as empty).
    let header = docHeader(rows, table);
    const added = after.header.filter((c) => !header.includes(c));
    if (added.length) {
      header = [...header, ...added];
      rows.meta.set(columnsKey(table), JSON.stringify(header));
    }
    for (const [key, row] of after.rows) {
      const old = before.rows.get(key);
      const now = find(table, key);
      if (!old && !now) {
        const rowId = newRowId(clientId);
        rows.makeRow(table, rowKeyOf(layout, layout.identity.map((c) => row[c] ?? ''), rowId), rowId, header.map((c) => row[c] ?? ''));
        note(table, 'added');
        const target = targetOf(table, row);
        if (target) record({ target, field: table === 'citations' ? 'quote' : table === 'cells' ? 'value' : table.replace(/s$/, ''), old: '', new: row.quote ?? row.value ?? row.label ?? '' });
        continue;
      }
      if (!now) continue; // removed in the document meanwhile: the removal stands
      const current = rows.row(table, now.rowKey);
      let changed = false;
      for (const column of header) {
        const was = old ? (old[column] ?? '') : undefined;
        const value = row[column] ?? '';
        // Only what changed on disk: a field an analyst changed meanwhile keeps their value unless disk changed it too.
        if (was !== undefined && was === value) continue;
        const i = header.indexOf(column);
        if ((current?.fields[i] ?? '') === value) continue;
        rows.setField(table, now.rowKey, now.rowId, column, value);
        changed = true;
        const target = targetOf(table, row);
        if (target) record({ target, field: column, old: current?.fields[i] ?? '', new: value });
      }
      if (changed) note(table, old ? 'changed' : 'added');
    }
    for (const [key, row] of before.rows) {
      if (after.rows.has(key)) continue;
      const now = find(table, key);
      if (!now) continue;
      rows.removeRow(table, now.rowKey);
      note(table, 'removed');
      const target = targetOf(table, row);
      if (target) record({ target, field: table === 'citations' ? 'quote' : table === 'cells' ? 'value' : table.replace(/s$/, ''), old: row.quote ?? row.value ?? row.label ?? '', new: '' });
    }
  }

  let descriptor = false;
  if (base[DESCRIPTOR_FILE] !== next[DESCRIPTOR_FILE]) {
    const problems: Problem[] = [];
    const was = parseDescriptor(base[DESCRIPTOR_FILE], problems);
    const now = parseDescriptor(next[DESCRIPTOR_FILE], problems);
    if (was.title !== now.title) rows.meta.set(META_KEYS.title, now.title);
    if (was.description !== now.description) rows.meta.set(META_KEYS.description, now.description);
    if (JSON.stringify(was.extras) !== JSON.stringify(now.extras)) rows.meta.set(META_KEYS.extras, JSON.stringify(now.extras));
    descriptor = was.title !== now.title || was.description !== now.description || JSON.stringify(was.extras) !== JSON.stringify(now.extras);
  }
  return { counts, changes, descriptor };
}

/** The words of a folder version for the history: "Changed on disk: cells 3 changed; citations 1 added". */
export function versionWords(version: FolderVersion): string {
  const parts = Object.entries(version.counts).map(([table, c]) =>
    `${table} ${[c!.added ? `${c!.added} added` : '', c!.changed ? `${c!.changed} changed` : '', c!.removed ? `${c!.removed} removed` : ''].filter(Boolean).join(', ')}`);
  if (version.descriptor) parts.push('title or description');
  return `Changed on disk: ${parts.join('; ') || 'no change to the matrix'}`;
}
