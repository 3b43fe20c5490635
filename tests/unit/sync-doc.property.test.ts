import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadMatrix } from '../../src/model/format/load.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
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
