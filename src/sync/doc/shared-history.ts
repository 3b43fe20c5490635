/**
 * The shared history: every edit, undo and redo of every analyst, and every merge resolution
 * and version from disk, with who made it and when. One Yjs array of plain entries; each
 * entry is checked when read (a document comes from a server: untrusted).
 */
import type { Change, ChangeTarget } from '../../model/edit/commands.ts';
import type { HistoryAction, HistoryEntry } from '../../model/edit/history.ts';

export type SharedEntry = Omit<HistoryEntry, 'id'>;

const ACTIONS: readonly HistoryAction[] = ['edit', 'undo', 'redo', 'merge', 'disk'];

const isText = (x: unknown): x is string => typeof x === 'string';

/** A cell's or citation's period: left out for period 1 (as the edits name it). */
const periodOf = (t: Record<string, unknown>): { period?: number } =>
  typeof t.period === 'number' && Number.isInteger(t.period) && t.period > 1 ? { period: t.period } : {};

function target(x: unknown): ChangeTarget | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const t = x as Record<string, unknown>;
  switch (t.kind) {
    case 'cell':
      return isText(t.dimension) && isText(t.jurisdiction) ? { kind: 'cell', dimension: t.dimension, jurisdiction: t.jurisdiction, ...periodOf(t) } : undefined;
    case 'citation':
      return isText(t.dimension) && isText(t.jurisdiction) && typeof t.seq === 'number' ? { kind: 'citation', dimension: t.dimension, jurisdiction: t.jurisdiction, seq: t.seq, ...periodOf(t) } : undefined;
    case 'dimension':
    case 'jurisdiction':
    case 'source':
      return isText(t.id) ? { kind: t.kind, id: t.id } : undefined;
    case 'level':
      return isText(t.scale) && isText(t.id) ? { kind: 'level', scale: t.scale, id: t.id } : undefined;
    default:
      return undefined;
  }
}

function change(x: unknown): Change | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const c = x as Record<string, unknown>;
  const t = target(c.target);
  return t && isText(c.field) && isText(c.old) && isText(c.new) ? { target: t, field: c.field, old: c.old, new: c.new } : undefined;
}

/** An entry as read from the document, or undefined when it is not one. */
export function readEntry(x: unknown): SharedEntry | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const e = x as Record<string, unknown>;
  if (typeof e.at !== 'number' || !ACTIONS.includes(e.action as HistoryAction) || !isText(e.label) || !Array.isArray(e.changes)) return undefined;
  const changes = e.changes.map(change).filter((c): c is Change => c !== undefined);
  return { at: e.at, action: e.action as HistoryAction, label: e.label, changes, ...(isText(e.by) ? { by: e.by } : {}) };
}

/** Entries of the shared history from `from` on, checked. */
export function readEntries(items: readonly unknown[]): SharedEntry[] {
  return items.map(readEntry).filter((e): e is SharedEntry => e !== undefined);
}

/** An entry as stored (plain JSON). */
export function toStored(entry: SharedEntry): Record<string, unknown> {
  return {
    at: entry.at, action: entry.action, label: entry.label, by: entry.by ?? '',
    changes: entry.changes.map((c) => ({ target: { ...c.target }, field: c.field, old: c.old, new: c.new })),
  };
}
