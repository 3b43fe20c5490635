/**
 * A join's way into a shared document (readMatrixDoc's `defer`, src/sync/doc/block-feed.ts):
 * the big tables' untouched blocks are taken whole, and the mirror's rows are made later. It
 * must read exactly what the long way (readMatrixDoc) reads; and where its assumptions fail
 * (a key twice, a block whose lengths do not cut its records), the matrix must end as the
 * long way reads it.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { TABLE_NAMES } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { Binding } from '../../src/sync/binding.ts';
import { readMatrixDoc, writeMatrixDoc } from '../../src/sync/doc/convert.ts';
import type { DocMirror } from '../../src/sync/doc/mirror.ts';
import { random } from './support/random.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';
import { Hub } from './support/sync-hub.ts';
import { until } from './support/team-server.ts';

type Texts = Record<string, string | undefined>;

const docOf = (texts: Texts): Y.Doc => {
  const doc = new Y.Doc();
  writeMatrixDoc(doc, 'm', texts);
  return doc;
};

/** Every row of a mirror, as the document has it, table by table in the mirror's order. */
const rowsOf = (mirror: DocMirror) =>
  Object.fromEntries(TABLE_NAMES.map((t) => [t, [...mirror.tables[t].rows.values()].map((r) => [r.rowKey, r.rowId, [...r.positions], r.record])]));

/** A matrix whose fields hold what CSV finds hard: commas, quotes, line breaks, edge spaces, formulas, emoji; cells with several periods, citations with several places. */
function awkwardTexts(seed: number): Texts {
  const next = random(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const bits = ['plain', 'a, comma', 'a "quote"', 'two\nlines', ' edge ', '=1+1', 'é😀', '', 'CR\r\nLF'];
  const text = () => Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(bits)).join(' ');
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const jurisdictions = ['north', 'south', 'east', 'west'].slice(0, 2 + Math.floor(next() * 3));
  const cells = ['dimension,jurisdiction,period,value,status,note'];
  const citations = ['dimension,jurisdiction,period,seq,source,quote'];
  for (const d of ['stc', 'detention', 'year']) {
    for (const j of jurisdictions) {
      const periods = 1 + Math.floor(next() * 3);
      for (let p = 1; p <= periods; p++) {
        cells.push([d, j, p, q(text()), 'supported', q(text())].join(','));
        const seqs = Math.floor(next() * 4);
        for (let s = 1; s <= seqs; s++) citations.push([d, j, p, s, 'src', q(text())].join(','));
      }
    }
  }
  return smallMatrixTexts({
    'jurisdictions.csv': ['id,label,group,order', ...jurisdictions.map((j, i) => `${j},${q(text() || j)},Group,${i + 1}`)].join('\n') + '\n',
    'cells.csv': cells.join('\n') + '\n',
    'citations.csv': citations.join('\n') + '\n',
  });
}

describe('joining a shared document, its big tables taken a block at a time', () => {
  it('reads the same files, and in the end the same rows, as the long way, for awkward matrices', () => {
    const cases: Texts[] = [smallMatrixTexts(), ...Array.from({ length: 25 }, (_, i) => awkwardTexts(1000 + i))];
    for (const texts of cases) {
      const doc = docOf(texts);
      const long = readMatrixDoc(doc);
      expect(long.resolution).toEqual({ dropped: [], moved: [] });
      const fresh = readMatrixDoc(doc, { defer: true });
      expect([...fresh.fed]).toEqual(['cells', 'citations']);
      let inconsistent = false;
      fresh.mirror.onInconsistent = () => (inconsistent = true);
      expect(fresh.texts).toEqual(long.texts);
      // The rows, once made (the look-up makes them all), are those of the long way.
      expect(rowsOf(fresh.mirror)).toEqual(rowsOf(long.mirror));
      expect(inconsistent).toBe(false);
    }
  });

  it('after edits, rows made and rows removed, reads the same files and rows as the long way; where a rule could need the rows, the long way itself', async () => {
    const hub = new Hub(smallMatrixTexts());
    await hub.serve();
    const alice = await hub.join('Alice');
    const same = (fedExpected: string[]) => {
      const long = readMatrixDoc(hub.doc);
      const deferred = readMatrixDoc(hub.doc, { defer: true });
      expect([...deferred.fed]).toEqual(fedExpected);
      expect(deferred.texts).toEqual(long.texts);
      let inconsistent = false;
      deferred.mirror.onInconsistent = () => (inconsistent = true);
      expect(rowsOf(deferred.mirror)).toEqual(rowsOf(long.mirror));
      expect(inconsistent).toBe(false);
    };
    same(['cells', 'citations']);
    const edits = [
      { type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'edited, "quoted"\nand on two lines' } },
      { type: 'add-citation', dimension: 'detention', jurisdiction: 'south', citation: { source: 'src', quote: 'a quote added' } },
      { type: 'add-citation', dimension: 'detention', jurisdiction: 'south', citation: { source: 'src', quote: 'another' } },
      { type: 'move-citation', dimension: 'detention', jurisdiction: 'south', seq: 1, to: 1 },
      { type: 'remove-citation', dimension: 'detention', jurisdiction: 'south', seq: 1 },
      { type: 'remove-citation', dimension: 'stc', jurisdiction: 'north', seq: 1 },
      { type: 'add-jurisdiction', jurisdiction: { id: 'centre', label: 'Centre', group: 'Group A' } },
    ] as const;
    for (const edit of edits) {
      expect(alice.store.edit(edit as never), edit.type).toEqual({ ok: true });
      same(['cells', 'citations']);
    }
    // A dimension removed, and its cells with it: the cells could belong to it, and the
    // citations to a removed cell, so both are read the long way.
    expect(alice.store.edit({ type: 'remove-dimension', id: 'year' })).toEqual({ ok: true });
    same([]);
    // A joiner now has the matrix as it stands, and its edits reach the others.
    const bob = await hub.join('Bob');
    expect(saveMatrix(bob.store.snapshot.matrix!)).toEqual(saveMatrix(alice.store.snapshot.matrix!));
    expect(bob.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'from Bob' } })).toEqual({ ok: true });
    expect(saveMatrix(alice.store.snapshot.matrix!)).toEqual(saveMatrix(bob.store.snapshot.matrix!));
  });

  it('edits made right after the join, before its rows are made, reach the others', async () => {
    const hub = new Hub(awkwardTexts(7));
    await hub.serve();
    const alice = await hub.join('Alice');
    const bob = await hub.join('Bob');
    // (At once: the rows are made when the edit needs them.)
    expect(alice.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { note: 'first thing' } })).toEqual({ ok: true });
    expect(bob.store.snapshot.matrix!.cells.find((c) => c.dimension === 'detention' && c.jurisdiction === 'north' && c.period === 1)?.note).toBe('first thing');
    expect(saveMatrix(bob.store.snapshot.matrix!)).toEqual(saveMatrix(alice.store.snapshot.matrix!));
  });
});

describe('a document whose rows the join cannot take as they are', () => {
  /** Join `doc` as a client; wait until its rows are all made and anything found is read again. */
  async function join(doc: Y.Doc) {
    const store = new MatrixStore();
    const binding = await Binding.open(doc, store, { user: 'Alice', readSource: async (p) => smallMatrixTexts()[p] });
    const first = saveMatrix(store.snapshot.matrix!);
    // The rows are made a slice at a time after the join; what they find is acted on a moment later.
    await new Promise((r) => setTimeout(r, 50));
    await binding.settled();
    return { store, binding, first };
  }
  /** The matrix as the long way reads the document. */
  const longWay = (doc: Y.Doc) => saveMatrix(loadMatrix('m', readMatrixDoc(doc).texts).matrix);

  it('a cell twice (a folder no server resolved): read again the long way, which moves one of its rows to a place of its own', async () => {
    const texts = smallMatrixTexts();
    texts['cells.csv'] = texts['cells.csv']!.replace('stc,south,yes,,2004-12,supported,\n', 'stc,south,yes,,2004-12,supported,\nstc,south,no,,2004-12,supported,twice\n');
    const doc = docOf(texts);
    expect(readMatrixDoc(doc).resolution.moved).toHaveLength(1);
    const { store, binding } = await join(doc);
    // The load itself gives the second cell a period of its own; the rows of the document must
    // say so too: the long way moves one to the next place (the folder's cells have no period
    // column, so the rows' places are empty and the next is 1). The rows the join took have
    // no row at place 1: one there is the long way's.
    await until(() => binding.rowByKey('cells', JSON.stringify(['stc', 'south', '1'])) !== undefined, 'the document row moved to a place of its own');
    expect(saveMatrix(store.snapshot.matrix!)).toEqual(longWay(doc));
  });

  it('a jurisdiction twice: the small tables are read row by row at once, which keeps the last', async () => {
    const texts = smallMatrixTexts({ 'jurisdictions.csv': 'id,label,group,order\nnorth,North,Group A,1\nsouth,South,Group B,2\nnorth,Northern,Group A,3\n' });
    const doc = docOf(texts);
    const { store, first } = await join(doc);
    expect(first).toEqual(longWay(doc));
    expect(store.snapshot.matrix!.jurisdictions.map((j) => j.label)).toEqual(['Northern', 'South']);
  });

  it('a block whose lengths do not cut its records: read again the long way', async () => {
    const doc = docOf(smallMatrixTexts());
    const blocks = doc.getMap<string>('cells');
    const [name, text] = [...blocks.entries()][0];
    const at = text.indexOf('\n');
    const head = JSON.parse(text.slice(0, at)) as { n: number[] };
    head.n[0] += 3;
    blocks.set(name, JSON.stringify(head) + text.slice(at));
    expect([...readMatrixDoc(doc, { defer: true }).fed]).toEqual(['cells', 'citations']);
    const { store, first } = await join(doc);
    expect(first).not.toEqual(longWay(doc));
    await until(() => JSON.stringify(saveMatrix(store.snapshot.matrix!)) === JSON.stringify(longWay(doc)), 'the matrix read again');
  });

  it('a block that is not one (its head is not JSON): the matrix stays as loaded, and nothing is thrown', async () => {
    const doc = docOf(smallMatrixTexts());
    const blocks = doc.getMap<string>('cells');
    const [name, text] = [...blocks.entries()][0];
    blocks.set(name, 'not a head' + text.slice(text.indexOf('\n')));
    expect(() => readMatrixDoc(doc)).toThrow();
    const { store, first, binding } = await join(doc);
    expect(saveMatrix(store.snapshot.matrix!)).toEqual(first);
    expect(store.snapshot.matrix!.cells.length).toBeGreaterThan(0);
    // And says why (the app's line above the grid shows it: sync-unreadable-doc.test.ts).
    expect(binding.unreadable).toBe(`the shared document's cells.csv rows for “${name}”: not a block of rows: its first line is not JSON`);
  });
});
