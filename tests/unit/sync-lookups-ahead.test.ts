/**
 * The server makes its look-ups (the mirror's rows by list, the check's rows by object) a
 * slice at a time after it opens a matrix, so that its first merge finds them made. What is
 * made in slices must give what a look-up made at once gives, whatever changes in between.
 */
import { describe, expect, it } from 'vitest';
import { RowLocations } from '../../src/model/format/row-locations.ts';
import type { RowLocator } from '../../src/model/format/table.ts';
import { LAYOUTS, rowKeyOf } from '../../src/sync/doc/layout.ts';
import { DocMirror, TableMirror, listKey, type MirrorRow } from '../../src/sync/doc/mirror.ts';

const layout = LAYOUTS.citations;

/** Row `i` of list `list` (the list's cell: identity values; its last place: `seq`). */
function row(list: number, seq: number, id = `r${list}-${seq}`): MirrorRow {
  const identity = layout.identity.map((c) => `${c}${list % 7}-${list}`);
  const positions = layout.positions.map((_, i) => (i === layout.positions.length - 1 ? String(seq) : '1'));
  return DocMirror.row('citations', rowKeyOf(layout, identity, id), id, positions);
}

/** Lists 0..lists-1 of 1..3 rows each. */
function rows(lists: number): MirrorRow[] {
  const out: MirrorRow[] = [];
  for (let l = 0; l < lists; l++) for (let s = 1; s <= 1 + (l % 3); s++) out.push(row(l, s));
  return out;
}

/** Every list and its rows' keys, sorted: what the mirror answers. */
function listsOf(tm: TableMirror): [string, string[]][] {
  return [...tm.listKeys()].sort().map((k) => [k, tm.list(k).map((r) => r.rowKey).sort()]);
}

describe('look-ups made ahead, in slices', () => {
  it('a table’s rows by list are made a slice at a time, and are those a table made at once has', () => {
    const tm = new TableMirror(layout);
    tm.addLater(rows(50));
    let calls = 0;
    while (tm.indexSome(7, true)) {
      calls++;
      if (calls === 5) expect(tm.listsWaiting).toBe(true);
    }
    expect(calls).toBeGreaterThan(10);
    expect(tm.listsWaiting).toBe(false);
    const plain = new TableMirror(layout);
    for (const r of rows(50)) plain.add(r);
    expect(listsOf(tm)).toEqual(listsOf(plain));
  });

  for (const change of ['add', 'remove', 'move'] as const) {
    it(`a row ${change === 'add' ? 'added' : change === 'remove' ? 'removed' : 'given another place'} between two slices is where it belongs in the lists`, () => {
      // At each point of the making: before it, after each slice.
      for (let stop = 0; stop < 30; stop++) {
        const tm = new TableMirror(layout);
        const plain = new TableMirror(layout);
        tm.addLater(rows(30));
        for (const r of rows(30)) plain.add(r);
        for (let i = 0; i < stop && tm.indexSome(5, true); i++);
        for (const m of [tm, plain]) {
          if (change === 'add') m.add(row(3, 9, 'new'));
          else if (change === 'remove') {
            // Lists of one row each: one the making reaches early (list 0), one late (list 27).
            m.remove(row(0, 1).rowKey);
            m.remove(row(27, 1).rowKey);
            m.remove(row(2, 1).rowKey);
          } else {
            // Rows the making reaches early (2-1) and late (28-1) take other places in their lists.
            m.move(m.rows.get(row(2, 1).rowKey)!, row(2, 7).positions);
            m.move(m.rows.get(row(28, 1).rowKey)!, row(28, 8).positions);
          }
        }
        while (tm.indexSome(5, true));
        expect(listsOf(tm), `after ${stop} slices`).toEqual(listsOf(plain));
        const places = (m: TableMirror, list: number) => m.list(listKey(layout, row(list, 1))).map((r) => r.positions.join()).sort();
        for (const list of [0, 2, 27, 28]) expect(places(tm, list), `after ${stop} slices`).toEqual(places(plain, list));
      }
    });
  }

  it('a document mirror makes its rows by list only when asked to (the server), after its rows by key and object', () => {
    const mirror = new DocMirror();
    mirror.tables.citations.addLater(rows(40));
    while (mirror.indexSome(1000));
    expect(mirror.tables.citations.listsWaiting).toBe(true);
    let calls = 0;
    while (mirror.indexSome(10, true)) calls++;
    expect(calls).toBeGreaterThan(3);
    expect(mirror.tables.citations.listsWaiting).toBe(false);
  });

  it('rows by object made in slices find each row, and a look-up between two slices finishes them first', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ seq: i }));
    const others = Array.from({ length: 30 }, (_, i) => ({ id: `x${i}` }));
    // Which files were asked where a row is (the first ask scans a real table's file).
    const asked = new Set<string>();
    const at = (table: string) => (index: number): RowLocator => ({ file: table, locate: () => (asked.add(table), { line: index + 2, column: 1 }) });
    const locations = new RowLocations();
    locations.addTable('citations', items, at('citations.csv'));
    locations.addTable('sources', others, at('sources.csv'));
    expect(locations.indexSome(40)).toBe(true);
    // Half made: a look-up of a row not yet reached still finds it.
    expect(locations.get(items[90])?.locate('seq')).toEqual({ line: 92, column: 1 });
    expect(locations.get({ seq: 5 })).toBeUndefined();
    asked.clear();
    let calls = 0;
    while (locations.indexSome(7)) calls++;
    // Each table's file has been asked once ahead, so that its first look-up finds it scanned.
    expect([...asked].sort()).toEqual(['citations.csv', 'sources.csv']);
    expect(calls).toBeGreaterThan(1);
    for (const item of items) expect(locations.get(item)?.file).toBe('citations.csv');
    for (const [i, item] of others.entries()) expect(locations.get(item)?.locate('id').line).toBe(i + 2);
    expect(locations.indexSome(7)).toBe(false);
    expect(calls).toBeLessThan(20);
  });
});
