/**
 * The source reader with a long source: it shows the part of the text around the cited
 * passage (laying out megabytes of text would hold the page up for seconds), says which part,
 * shows more on request, and citing by selection still anchors at the right place.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/policy-matrix/policy-matrix.ts';
import '../../src/components/citation-panel/citation-panel.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicySourceReader } from '../../src/components/source-reader/policy-source-reader.ts';
import { readMatrix, type FileReader } from '../../src/model/format/read.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { SMALL_MATRIX, clickCell, shadow, squash } from './helpers.ts';

/** The small test matrix, its source text buried in the middle of about 1.2 MB of other lines. */
async function longSourceStore(): Promise<{ store: MatrixStore; source: string }> {
  const texts: Record<string, string> = {};
  for (const file of MATRIX_FILES) texts[file] = await (await fetch(new URL(file, new URL(SMALL_MATRIX, location.href)))).text();
  const original = await (await fetch(new URL('../sources/small-source.txt', new URL(SMALL_MATRIX, location.href)))).text();
  const filler = (tag: string) => Array.from({ length: 10_000 }, (_, i) => `${tag} line ${i} of filler text, not cited anywhere at all.\n`).join('');
  const source = filler('Before') + original + filler('After');
  const read: FileReader = async (path) => (path.endsWith('small-source.txt') ? source : texts[path]);
  const store = new MatrixStore();
  store.load(await readMatrix(read, 'long'), 'long-source/');
  return { store, source };
}

describe('source reader with a long source', () => {
  it('shows the part around the cited passage, more on request, and cites by selection at the right place', async () => {
    const { store, source } = await longSourceStore();
    expect(source.length).to.be.greaterThan(1_000_000);
    const page = await fixture<HTMLElement>(html`
      <div><policy-matrix .store=${store} no-autosave style="height: 420px"><policy-citation-panel></policy-citation-panel></policy-matrix></div>`);
    const el = page.querySelector<PolicyMatrix>('policy-matrix')!;
    const grid = shadow(el);
    const panel = shadow(el.querySelector('policy-citation-panel'));
    // Common visa — Northland cites "Visitors need one visa for the whole area."
    await clickCell(grid, 1, 'north');
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent) === 'Common visa — Northland', 'the cell is not selected');
    panel.querySelector<HTMLButtonElement>('.cite-from-source')!.click();
    await waitUntil(() => panel.querySelector('dialog.reader-dialog')?.hasAttribute('open'), 'the reader did not open');
    const reader = panel.querySelector<PolicySourceReader>('policy-source-reader')!;
    await reader.updateComplete;
    const text = shadow(reader);
    const pane = text.querySelector<HTMLElement>('.text')!;

    // A part of the text, with the cited passage in it, is shown; the reader says which part.
    await waitUntil(() => squash(pane.querySelector('mark.cited')?.textContent) === 'Visitors need one visa for the whole area.', 'the cited passage is not shown');
    const shownLength = () => (pane.textContent ?? '').length;
    expect(shownLength()).to.be.lessThan(60_000);
    const status = () => squash(text.querySelector('.part-status')?.textContent);
    expect(status()).to.match(/^Showing characters [\d,]+–[\d,]+ of 1,\d{3},\d{3}\.$/);
    const [from, to] = status().match(/[\d,]+(?=–)|(?<=–)[\d,]+/g)!.map((n) => Number(n.replaceAll(',', '')));
    expect(source.slice(from - 1, to)).to.equal(pane.textContent);

    // More text on request, before and after; the passage stays shown.
    text.querySelector<HTMLButtonElement>('.show-earlier')!.click();
    await waitUntil(() => shownLength() > to - from + 1, 'no earlier text shown');
    const afterEarlier = shownLength();
    text.querySelector<HTMLButtonElement>('.show-later')!.click();
    await waitUntil(() => shownLength() > afterEarlier, 'no later text shown');
    expect(pane.querySelector('mark.cited')).to.not.equal(null);
    expect(shownLength()).to.be.lessThan(160_000);

    // Cite by selection inside the part shown: anchored where it was selected.
    const quote = 'The southern state detains claimants at the border.';
    const start = source.indexOf(quote);
    expect(start).to.be.greaterThan(from);
    expect(reader.selectRange(start, start + quote.length)).to.equal(true);
    await waitUntil(() => squash(text.querySelector('.selected')?.textContent) === `Selected: ${quote}`, 'the selection is not captured');
    expect(reader.attach()).to.equal(2);
    const added = store.snapshot.check!.citations.get('common-visa\u0000north')!.find((c) => c.citation.seq === 2)!;
    expect(added.citation.quote).to.equal(quote);
    expect(added.anchor).to.deep.include({ status: 'found', range: { start, end: start + quote.length } });
    expect([added.citation.start, added.citation.end]).to.deep.equal([start, start + quote.length]);
    // A range outside the part shown cannot be selected there.
    expect(reader.selectRange(10, 20)).to.equal(false);
  });
});
