/**
 * Rules of the format that a merge of concurrent edits can break, and how each is resolved.
 * Pure functions of the document's rows, so every client (and the server) reaches the same
 * result; the server also writes the resolution into the document and the history.
 *
 *  - A row whose key names a row of another table (a cell's dimension, a citation's cell)
 *    belongs to that row: when that row was removed (by someone else, at the same time as
 *    this row was made or edited), this row goes too.
 *  - Two rows with the same key where the key holds a place in a list (two citations 3 of
 *    one cell, added at once): the one with the smaller row id keeps the place; the others
 *    move to the next free places, in row id order.
 */
import { TABLE_NAMES, type TableName } from '../../model/types.ts';
import type { DocRows } from './doc-rows.ts';
import { LAYOUTS, identityOf, rowKeyOf, type TableLayout } from './layout.ts';
import { listKey, type DocMirror, type MirrorRow } from './mirror.ts';

export interface Dropped {
  readonly table: TableName;
  readonly row: MirrorRow;
  /** The table and key values of the removed row it belonged to. */
  readonly owner: { readonly table: TableName; readonly key: readonly string[] };
}

export interface Moved {
  readonly table: TableName;
  readonly row: MirrorRow;
  readonly from: readonly string[];
  readonly to: readonly string[];
}

export interface Resolution {
  readonly dropped: readonly Dropped[];
  readonly moved: readonly Moved[];
}

/** Tables in an order where a row's owners come before it. */
export const OWNER_ORDER: readonly TableName[] = (() => {
  const out: TableName[] = [];
  const left = new Set<TableName>(TABLE_NAMES);
  while (left.size) {
    const next = [...left].filter((t) => LAYOUTS[t].owners.every((o) => o.table === t || !left.has(o.table)));
    const take = next.length ? next : [...left];
    for (const t of take) {
      out.push(t);
      left.delete(t);
    }
  }
  return out;
})();

/** What to look at: every row, or the rows made or changed and the rows removed by a change. */
export type Scope = 'all' | { readonly changed: ReadonlyMap<TableName, ReadonlySet<string>>; readonly removed: ReadonlyMap<TableName, ReadonlySet<string>> };

/** The key values of the row that `row` (of `layout`) names through one of its owners, in the owner's key order. */
function ownerKey(layout: TableLayout, row: MirrorRow, owner: TableLayout['owners'][number]): string[] | undefined {
  const plan = ownerPlan(layout, owner);
  if (!plan) return undefined;
  const out: string[] = new Array(plan.length);
  for (let i = 0; i < plan.length; i++) {
    const [inIdentity, at] = plan[i];
    out[i] = (inIdentity ? row.identity[at] : row.positions[at]) ?? '';
  }
  return out;
}

/** Where each of the owner's key values is in a row (identity or places, at which index); undefined when the reference is not the owner's whole key. */
const OWNER_PLANS = new WeakMap<object, [boolean, number][] | null>();
function ownerPlan(layout: TableLayout, owner: TableLayout['owners'][number]): [boolean, number][] | undefined {
  let plan = OWNER_PLANS.get(owner);
  if (plan === undefined) {
    const target = LAYOUTS[owner.table];
    plan = owner.reference.length !== target.key.length || !target.key.every((c) => owner.reference.includes(c))
      ? null
      : target.key.map((c) => {
          const column = owner.fields[owner.reference.indexOf(c)];
          const i = layout.identity.indexOf(column);
          return i >= 0 ? [true, i] : [false, layout.positions.indexOf(column)];
        });
    OWNER_PLANS.set(owner, plan);
  }
  return plan ?? undefined;
}

const numeric = (s: string): number => (/^-?\d+$/.test(s.trim()) ? Number(s) : Number.NaN);

export function resolve(mirror: DocMirror, doc: DocRows, scope: Scope): Resolution {
  const dropped: Dropped[] = [];
  const gone = new Map<TableName, Set<string>>();
  const isGone = (t: TableName, rowKey: string) => gone.get(t)?.has(rowKey) ?? false;
  const removedIdentities = new Map<TableName, Set<string>>();
  /** Whether a row of `table` with these identity values was removed in the document (not merely never there). */
  const wasRemoved = (table: TableName, identity: readonly string[]): boolean => {
    const layout = LAYOUTS[table];
    if (!layout.keyHasRowId) return doc.wasRemoved(table, rowKeyOf(layout, identity, '')) || isGone(table, rowKeyOf(layout, identity, ''));
    let set = removedIdentities.get(table);
    if (!set) {
      set = new Set();
      for (const rowKey of doc.removedKeys(table)) set.add(JSON.stringify(identityOf(layout, rowKey)));
      for (const rowKey of gone.get(table) ?? []) set.add(JSON.stringify(identityOf(layout, rowKey)));
      removedIdentities.set(table, set);
    }
    return set.has(JSON.stringify(identity));
  };

  // A row is dropped only when a row it belongs to was removed: with none removed in its
  // owners' tables (a join, most merges), its owners are not looked up at all.
  const removedIn = new Map<TableName, boolean>();
  const mayBeRemoved = (t: TableName): boolean => {
    if ((gone.get(t)?.size ?? 0) > 0) return true;
    let any = removedIn.get(t);
    if (any === undefined) removedIn.set(t, (any = doc.hasRemoved(t)));
    return any;
  };
  for (const table of OWNER_ORDER) {
    const layout = LAYOUTS[table];
    if (layout.owners.length === 0 || !layout.owners.some((o) => mayBeRemoved(o.table))) continue;
    const rows = mirror.tables[table];
    let candidates: Iterable<MirrorRow>;
    if (scope === 'all' || layout.owners.some((o) => (scope.removed.get(o.table)?.size ?? 0) > 0 || (gone.get(o.table)?.size ?? 0) > 0)) {
      candidates = rows.rows.values();
    } else {
      candidates = [...(scope.changed.get(table) ?? [])].map((k) => rows.rows.get(k)).filter((r): r is MirrorRow => r !== undefined);
    }
    // Rows come a block at a time (a dimension's cells, a cell's citations): an owner just
    // found present is not looked up again for the next row that names it.
    const present: { key: string; ok: boolean; rowKey?: string }[] = layout.owners.map(() => ({ key: '', ok: false }));
    for (const row of candidates) {
      for (let o = 0; o < layout.owners.length; o++) {
        const owner = layout.owners[o];
        const key = ownerKey(layout, row, owner);
        if (!key) continue;
        const target = LAYOUTS[owner.table];
        const full = JSON.stringify(key);
        const last = present[o];
        if (last.ok && last.key === full && !isGone(owner.table, last.rowKey!)) continue;
        const found = mirror.tables[owner.table].byKey(full);
        if (found && !isGone(owner.table, found.rowKey)) {
          present[o] = { key: full, ok: true, rowKey: found.rowKey };
          continue;
        }
        const identity = target.identity.map((c) => key[target.key.indexOf(c)]);
        if (!wasRemoved(owner.table, identity)) continue;
        dropped.push({ table, row, owner: { table: owner.table, key } });
        let set = gone.get(table);
        if (!set) gone.set(table, (set = new Set()));
        set.add(row.rowKey);
        removedIdentities.delete(table);
        break;
      }
    }
  }

  const moved: Moved[] = [];
  for (const table of TABLE_NAMES) {
    const layout = LAYOUTS[table];
    if (!layout.keyHasRowId) continue;
    const rows = mirror.tables[table];
    const lists = scope === 'all'
      ? [...rows.crowdedLists()]
      : [...new Set([...(scope.changed.get(table) ?? [])].map((k) => rows.rows.get(k)).filter((r): r is MirrorRow => !!r).map((r) => listKey(layout, r)))];
    const last = layout.positions.length - 1;
    for (const list of lists) {
      const members = rows.list(list).filter((r) => !isGone(table, r.rowKey));
      if (members.length < 2) continue;
      const seen = new Set<string>();
      let dup = false;
      for (const r of members) {
        const p = r.positions[last] ?? '';
        if (seen.has(p)) dup = true;
        seen.add(p);
      }
      if (!dup) continue;
      members.sort((a, b) => {
        const x = numeric(a.positions[last] ?? '');
        const y = numeric(b.positions[last] ?? '');
        if (x !== y) return Number.isNaN(x) ? 1 : Number.isNaN(y) ? -1 : x - y;
        return a.rowId < b.rowId ? -1 : a.rowId > b.rowId ? 1 : 0;
      });
      let next = Math.max(0, ...members.map((r) => numeric(r.positions[last] ?? '')).filter((n) => !Number.isNaN(n))) + 1;
      const kept = new Set<string>();
      for (const r of members) {
        const p = r.positions[last] ?? '';
        if (!kept.has(p)) {
          kept.add(p);
          continue;
        }
        const to = [...r.positions];
        to[last] = String(next++);
        moved.push({ table, row: r, from: r.positions, to });
      }
    }
  }
  return { dropped, moved };
}
