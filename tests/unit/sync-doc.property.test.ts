import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { parseCsv } from '../../src/model/format/csv/parse-csv.ts';
import { writeCsv } from '../../src/model/format/csv/write-csv.ts';
import type { Matrix } from '../../src/model/types.ts';
import { readMatrixDoc, writeMatrixDoc } from '../../src/sync/doc/convert.ts';
import { matrixArb, nasty } from './support/matrix-arbitrary.ts';

/** A document made from a matrix, sent to a second document as an update (as a client receives it). */
function throughDoc(matrix: Matrix): Y.Doc {
  const doc = new Y.Doc();
  writeMatrixDoc(doc, matrix.name, saveMatrix(matrix));
  const received = new Y.Doc();
  Y.applyUpdate(received, Y.encodeStateAsUpdate(doc));
  return received;
}

/** Matrices with extra columns a user added and keys of datapackage.json the format does not own. */
const withExtras = fc.tuple(matrixArb, nasty, nasty).map(([m, a, b]): Matrix => ({
  ...m,
  name: 'shared',
  extraColumns: { cells: ['reviewer'], sources: ['curator', 'shelfmark'] },
  cells: m.cells.map((c, i) => ({ ...c, extra: { reviewer: i % 2 ? a : '' } })),
  sources: m.sources.map((s) => ({ ...s, extra: { curator: b, shelfmark: 'Box 4, folder "a,b"' } })),
  descriptorExtras: { licenses: [{ name: 'CC-BY-4.0' }], keywords: [a] },
}));

describe('matrix ↔ shared document (property-based)', () => {
  it('matrix → document → matrix gives back exactly the matrix, and the same canonical files', () => {
    fc.assert(
      fc.property(fc.oneof(matrixArb, withExtras), (matrix) => {
        const files = saveMatrix(matrix);
        const { texts, resolution } = readMatrixDoc(throughDoc(matrix));
        expect(resolution).toEqual({ dropped: [], moved: [] });
        const { matrix: back, problems } = loadMatrix(matrix.name, texts);
        expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
        expect(back).toEqual(loadMatrix(matrix.name, files).matrix);
        expect(saveMatrix(back)).toEqual(files);
      }),
      { numRuns: 200 },
    );
  });

  it('each file row is the document row the order says (key and place)', () => {
    fc.assert(
      fc.property(matrixArb, (matrix) => {
        const { texts, order } = readMatrixDoc(throughDoc(matrix));
        const back = loadMatrix(matrix.name, texts).matrix;
        // A cell's period and a citation's period and seq are places in a list (fields of the row, renumbered by edits).
        expect(order.cells.map((r) => [...r.identity, ...r.positions])).toEqual(back.cells.map((c) => [c.dimension, c.jurisdiction, String(c.period)]));
        expect(order.citations.map((r) => [...r.identity, ...r.positions])).toEqual(back.citations.map((c) => [c.dimension, c.jurisdiction, String(c.period), String(c.seq)]));
        expect(order.scales.map((r) => r.identity)).toEqual(back.levels.map((l) => [l.scale, l.id]));
        expect(order.dimensions.map((r) => r.identity)).toEqual(back.dimensions.map((d) => [d.id]));
      }),
      { numRuns: 100 },
    );
  });
});

describe('reading a document whose rows share keys (property-based)', () => {
  it('rows of a saved folder repeated and out of order: every repeat is found and given a new place, and every row is found by its key', () => {
    fc.assert(
      fc.property(matrixArb, fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), (matrix, repeats, swaps) => {
        fc.pre(matrix.citations.length > 0);
        const files = saveMatrix(matrix);
        const { header, rows } = parseCsv(files['citations.csv']!, 'citations.csv');
        const all = [...rows];
        // Some rows again (the same key: a folder with a citation written twice), some rows swapped.
        for (const r of repeats) all.push(rows[r % rows.length]);
        for (const s of swaps) {
          const a = s % all.length;
          const b = (s * 7 + 3) % all.length;
          [all[a], all[b]] = [all[b], all[a]];
        }
        const doc = new Y.Doc();
        writeMatrixDoc(doc, matrix.name, { ...files, 'citations.csv': writeCsv(header, all) });
        const received = new Y.Doc();
        Y.applyUpdate(received, Y.encodeStateAsUpdate(doc));
        const { mirror, resolution, order } = readMatrixDoc(received);
        const keyOf = (fields: readonly string[]) => JSON.stringify(['dimension', 'jurisdiction', 'period', 'seq'].map((c) => fields[header.indexOf(c)]));
        const distinct = new Set(all.map(keyOf)).size;
        expect(resolution.moved.length).toBe(all.length - distinct);
        expect(resolution.dropped).toEqual([]);
        const table = mirror.tables.citations;
        expect(order.citations.length).toBe(all.length);
        const keys = new Set<string>();
        for (const row of order.citations) {
          const key = JSON.stringify([...row.identity, ...row.positions]);
          keys.add(key);
          expect(table.byKey(key)).toBe(row);
          expect(table.rows.get(row.rowKey)).toBe(row);
        }
        expect(keys.size).toBe(all.length);
      }),
      { numRuns: 150 },
    );
  });
});
