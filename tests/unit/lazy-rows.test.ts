/** The grid's lazily built rows (lazy-rows.ts) are the rows of rows.ts, cell for cell. */
import { describe, expect, it } from 'vitest';
import { lazyMatrixRow, lazyMatrixRows } from '../../src/components/policy-matrix/lazy-rows.ts';
import { matrixRow, matrixRows } from '../../src/components/policy-matrix/rows.ts';
import { fixtureStore } from './support/fixture-store.ts';

const store = () => fixtureStore('broken');

describe('lazy grid rows', () => {
  it('give the same rows and cell views as matrixRows, built only when read', async () => {
    const s = await store();
    const eager = matrixRows(s.snapshot);
    const lazy = lazyMatrixRows(s.snapshot);
    expect(eager.length).toBeGreaterThan(1);
    expect(Object.keys(eager[0].cells).length).toBeGreaterThan(1);
    expect(lazy.map((r) => r.dimension)).toEqual(eager.map((r) => r.dimension));
    lazy.forEach((row, i) => {
      expect(Object.keys(row.cells)).toEqual(Object.keys(eager[i].cells));
      for (const id of Object.keys(eager[i].cells)) {
        expect(id in row.cells).toBe(true);
        expect(row.cells[id]).toEqual(eager[i].cells[id]);
        expect(row.cells[id]).toBe(row.cells[id]);
      }
      expect(row.cells['no such jurisdiction']).toBeUndefined();
      expect('no such jurisdiction' in row.cells).toBe(false);
    });
    expect(lazy).toEqual(eager);
  });

  it('give the row of one dimension after an edit, as matrixRow', async () => {
    const s = await store();
    const matrix = s.snapshot.matrix!;
    const d = matrix.dimensions[0];
    const j = matrix.jurisdictions[0];
    s.edit({ type: 'set-cell', dimension: d.id, jurisdiction: j.id, set: { note: 'edited' } });
    expect(lazyMatrixRow(s.snapshot, d.id)).toEqual(matrixRow(s.snapshot, d.id));
    expect(lazyMatrixRow(s.snapshot, 'nope')).toBeUndefined();
    expect(lazyMatrixRows({ ...s.snapshot, matrix: undefined })).toEqual([]);
  });
});
