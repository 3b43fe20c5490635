/**
 * The change history of a matrix: every edit, undo and redo, with what changed (old → new)
 * and when. Plain data (it is saved with the draft), written as CSV with the formula-safe
 * writer, so a history opened in a spreadsheet runs nothing.
 */
import { writeCsv } from '../format/csv/write-csv.ts';
import { cellKey, entryWords } from '../types.ts';
import type { Change, ChangeTarget } from './commands.ts';

export type HistoryAction = 'edit' | 'undo' | 'redo';

export interface HistoryEntry {
  /** 1, 2, … in the order the entries were recorded. */
  readonly id: number;
  /** When, in milliseconds since the epoch. */
  readonly at: number;
  readonly action: HistoryAction;
  /** What was done, in words (an undo names the edit it undid). */
  readonly label: string;
  readonly changes: readonly Change[];
}

/** The cell a change is about (for a cell or one of its citations), as a `cellKey`. */
export function changeCellKey(target: ChangeTarget): string | undefined {
  return target.kind === 'cell' || target.kind === 'citation' ? cellKey(target.dimension, target.jurisdiction) : undefined;
}

/** The entries that changed the cell `key` (or its citations), newest first, each with only those changes. */
export function cellHistory(history: readonly HistoryEntry[], key: string): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const entry = history[i];
    const changes = entry.changes.filter((c) => changeCellKey(c.target) === key);
    if (changes.length) out.push(changes.length === entry.changes.length ? entry : { ...entry, changes });
  }
  return out;
}

/**
 * The target of a change in words: `cell (detention, ca)`, `cell (detention, ca, period 2)`,
 * `citation 2 of (detention, ca)`, `dimension detention`, `level strict of scale stringency`.
 */
export function targetWords(t: ChangeTarget): string {
  switch (t.kind) {
    case 'cell':
      return `cell ${entryWords({ ...t, period: t.period ?? 1 })}`;
    case 'citation':
      return `citation ${t.seq} of ${entryWords({ ...t, period: t.period ?? 1 })}`;
    case 'dimension':
      return `dimension ${t.id}`;
    case 'jurisdiction':
      return `jurisdiction ${t.id}`;
    case 'level':
      return `level ${t.id} of scale ${t.scale}`;
    case 'source':
      return `source ${t.id}`;
  }
}

/**
 * The columns of the history CSV: each target's identifiers have a column of their own (a
 * source's id too, so that a source's changes can be filtered like a cell's).
 */
export const HISTORY_CSV_HEADER = ['entry', 'time', 'action', 'what', 'target', 'dimension', 'jurisdiction', 'period', 'citation', 'scale', 'level', 'source', 'field', 'old', 'new'] as const;

/** The history as CSV: one row per change (an entry without changes gets one row), oldest first. */
export function historyCsv(history: readonly HistoryEntry[]): string {
  const rows: string[][] = [];
  for (const e of history) {
    const time = new Date(e.at).toISOString();
    const base = [String(e.id), time, e.action, e.label];
    if (e.changes.length === 0) rows.push([...base, ...HISTORY_CSV_HEADER.slice(base.length).map(() => '')]);
    for (const c of e.changes) {
      const t = c.target;
      const onCell = t.kind === 'cell' || t.kind === 'citation';
      rows.push([
        ...base,
        t.kind,
        onCell ? t.dimension : t.kind === 'dimension' ? t.id : '',
        onCell ? t.jurisdiction : t.kind === 'jurisdiction' ? t.id : '',
        onCell ? String(t.period ?? 1) : '',
        t.kind === 'citation' ? String(t.seq) : '',
        t.kind === 'level' ? t.scale : '',
        t.kind === 'level' ? t.id : '',
        t.kind === 'source' ? t.id : '',
        c.field,
        c.old,
        c.new,
      ]);
    }
  }
  return writeCsv(HISTORY_CSV_HEADER, rows);
}
