/**
 * The autosave's draft writer gives exactly the canonical files, whether primed in steps,
 * stopped while priming, or patched after an edit (the edit property test in edit.test.ts
 * covers every kind of edit).
 */
import { describe, expect, it } from 'vitest';
import { DraftWriter } from '../../src/model/format/draft-writer.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { smallMatrixTexts, textsReader } from './support/small-matrix.ts';

const matrixOf = async () => (await readMatrix(textsReader(smallMatrixTexts()), 'small')).matrix;

describe('draft writer', () => {
  it('primed in steps, then given an edited matrix, writes the canonical files', async () => {
    const matrix = await matrixOf();
    const writer = new DraftWriter(2);
    let pauses = 0;
    await writer.prime(matrix, async () => (pauses++, true), 1);
    expect(pauses).toBeGreaterThanOrEqual(matrix.cells.length + matrix.citations.length);
    expect(writer.files(matrix)).toEqual(saveMatrix(matrix));
    const cells = matrix.cells.slice();
    cells[1] = { ...cells[1], value: '=1+1, "quoted"\nnew line', note: 'edited' };
    const edited = { ...matrix, cells };
    expect(writer.files(edited)).toEqual(saveMatrix(edited));
    expect(writer.files(edited)[`cells.csv`]).toContain(`"'=1+1, ""quoted""\nnew line"`);
  });

  it('patched after edits of rows in different blocks, writes the canonical files', async () => {
    const matrix = await matrixOf();
    for (const blockRows of [1, 2, 3, 2000]) {
      const writer = new DraftWriter(blockRows);
      expect(writer.files(matrix)).toEqual(saveMatrix(matrix));
      const cells = matrix.cells.slice();
      const last = cells.length - 1;
      cells[0] = { ...cells[0], note: 'first edited' };
      cells[last] = { ...cells[last], value: 'last, "edited"' };
      const citations = matrix.citations.slice();
      citations[1] = { ...citations[1], quote: `${citations[1].quote} (edited)` };
      const edited = { ...matrix, cells, citations };
      expect(writer.files(edited)).toEqual(saveMatrix(edited));
      // And again on top of that edit (the blocks kept from the last patch).
      const again = { ...edited, cells: edited.cells.map((c, i) => (i === 1 ? { ...c, note: 'second' } : c)) };
      expect(writer.files(again)).toEqual(saveMatrix(again));
    }
  });

  it('stops priming when told to, and still writes the canonical files', async () => {
    const matrix = await matrixOf();
    const writer = new DraftWriter();
    let pauses = 0;
    await writer.prime(matrix, async () => ++pauses < 2, 1);
    expect(pauses).toBe(2);
    expect(writer.files(matrix)).toEqual(saveMatrix(matrix));
  });
});
