/** Adding a source as an edit of the store: one undo step, its text, map and files with it, locators from its map. */
import { describe, expect, it } from 'vitest';
import { readMatrix } from '../../src/model/format/read.ts';
import { newSourceFromFile } from '../../src/model/sources/new-source.ts';
import { cellKey } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { handPdf } from './support/pdf-writer.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';

async function loadedStore(): Promise<MatrixStore> {
  const texts = smallMatrixTexts();
  const store = new MatrixStore();
  store.load(await readMatrix(async (path) => texts[path], 'small'));
  return store;
}

const PDF = handPdf({
  title: 'Border report',
  pages: [
    ['Chapter one of the border report.', 'Visa rules differ between the states.'],
    ['Detention of families ended in 2019', 'after a court ruling in the capital.'],
    ['A third page with nothing of note.'],
  ],
});

describe('the add-source edit', () => {
  it('adds the row, the text, the map and the original in one undoable step; undo takes all of it back', async () => {
    const store = await loadedStore();
    const { edit } = await newSourceFromFile(store.snapshot.matrix!, PDF, 'Border Report.pdf');
    expect(store.edit(edit)).toEqual({ ok: true });
    const s = store.snapshot;
    expect(s.matrix!.sources.map((x) => x.id)).toEqual(['src', 'border-report']);
    expect(s.sourceTexts.get('border-report')).toContain('Detention of families ended in 2019');
    expect(s.sourceMaps.get('border-report')!.pages).toHaveLength(3);
    expect(s.sourceFiles.get('sources/border-report.pdf')).toEqual(PDF);
    expect(s.edits.history.at(-1)!.label).toBe('Add source “Border report”');

    expect(store.undo()).toBe(true);
    expect(store.snapshot.matrix!.sources.map((x) => x.id)).toEqual(['src']);
    expect(store.snapshot.sourceTexts.has('border-report')).toBe(false);
    expect(store.snapshot.sourceMaps.has('border-report')).toBe(false);
    expect(store.snapshot.sourceFiles.size).toBe(0);
    expect(store.redo()).toBe(true);
    expect(store.snapshot.sourceTexts.has('border-report')).toBe(true);
  });

  it('is refused when the id is taken, leaving the matrix as it was', async () => {
    const store = await loadedStore();
    const { edit } = await newSourceFromFile(store.snapshot.matrix!, PDF, 'x.pdf', { id: 'src' });
    const result = store.edit(edit);
    expect(result.ok).toBe(false);
    expect(store.snapshot.matrix!.sources).toHaveLength(1);
  });

  it('gives a citation made by selection the locator of its page, and of both pages across a page break', async () => {
    const store = await loadedStore();
    const { edit } = await newSourceFromFile(store.snapshot.matrix!, PDF, 'report.pdf');
    store.edit(edit);
    const text = store.snapshot.sourceTexts.get('report')!;
    const cite = (quote: string, seq: number) => {
      const start = text.indexOf(quote.split('\n')[0]);
      const end = start + quote.length;
      expect(store.edit({ type: 'add-citation', dimension: 'year', jurisdiction: 'north', citation: { source: 'report', quote: text.slice(start, end), start, end } })).toEqual({ ok: true });
      return store.snapshot.check!.citations.get(cellKey('year', 'north'))!.find((c) => c.citation.seq === seq)!;
    };
    const onTwo = cite('Detention of families ended in 2019', 1);
    expect(onTwo.citation.locator).toBe('p. 2');
    expect(onTwo.anchor.status).toBe('found');
    // From the end of page 1 into page 2: one quote across the page break.
    const across = text.slice(text.indexOf('Visa rules differ'), text.indexOf('Detention of families') + 'Detention of families'.length);
    const both = cite(across, 2);
    expect(both.citation.locator).toBe('pp. 1\u20132');
    expect(both.anchor.status).toBe('found');
  });

  it('keeps the locator an analyst typed', async () => {
    const store = await loadedStore();
    store.edit((await newSourceFromFile(store.snapshot.matrix!, PDF, 'report.pdf')).edit);
    const text = store.snapshot.sourceTexts.get('report')!;
    const start = text.indexOf('Detention of families');
    store.edit({ type: 'add-citation', dimension: 'year', jurisdiction: 'north', citation: { source: 'report', quote: 'Detention of families', start, end: start + 21, locator: 'Chapter 2' } });
    expect(store.snapshot.matrix!.citations.at(-1)!.locator).toBe('Chapter 2');
  });
});
