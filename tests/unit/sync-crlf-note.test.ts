/**
 * Windows line breaks (a passage pasted from a word processor) are kept through team mode: a
 * row is kept in the shared document as a CSV record, and a field of it edited later is laid
 * over that record read back one at a time (parseCsvRecord).
 */
import { describe, expect, it } from 'vitest';
import { saveMatrix } from '../../src/model/format/save.ts';
import { cellKey } from '../../src/model/types.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';
import { Hub } from './support/sync-hub.ts';

describe('a note with Windows line breaks, in team mode', () => {
  it('is kept whole, on every side, when another field of its cell is edited', async () => {
    // In the folder already (a row of a block of the document)…
    const note = 'First line,\r\nsecond line, "quoted"\r\nthird';
    const texts = smallMatrixTexts();
    texts['cells.csv'] = texts['cells.csv']!.replace('detention,north,Rare,rare,,supported,\n', `detention,north,Rare,rare,,supported,"${note.replaceAll('"', '""')}"\n`);
    const hub = new Hub(texts);
    await hub.serve();
    const [alice, bob] = [await hub.join('Alice'), await hub.join('Bob')];
    expect(alice.store.snapshot.index!.cells.get(cellKey('detention', 'north'))!.note).toBe(note);
    // … or in a row made since (a citation added with such a quote).
    const quote = 'Detention of claimants is rare\r\nin the north';
    expect(alice.store.edit({ type: 'add-citation', dimension: 'year', jurisdiction: 'north', citation: { source: 'src', quote, locator: 'p. 1' } })).toEqual({ ok: true });
    expect(bob.store.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { status: 'draft' } })).toEqual({ ok: true });
    expect(bob.store.edit({ type: 'set-citation', dimension: 'year', jurisdiction: 'north', seq: 1, set: { locator: 'p. 2' } })).toEqual({ ok: true });
    for (const side of [alice.store, bob.store, hub.server!.store]) {
      expect(side.snapshot.index!.cells.get(cellKey('detention', 'north'))).toMatchObject({ note, status: 'draft', value: 'Rare' });
      expect(side.snapshot.matrix!.citations.find((c) => c.dimension === 'year' && c.jurisdiction === 'north')).toMatchObject({ quote, locator: 'p. 2', source: 'src' });
    }
    // A joiner reads the document as it now is.
    const carol = await hub.join('Carol');
    expect(saveMatrix(carol.store.snapshot.matrix!)).toEqual(saveMatrix(alice.store.snapshot.matrix!));
  });
});
