import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-matrix/policy-matrix.ts';
import '../../src/components/citation-panel/citation-panel.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import {
  REAL_MATRIX, SMALL_MATRIX, byOrder, click, clickCell, fetchCsv, fetchText, gridCell, gridReady, headerTexts, rowIndexes, shadow, squash,
  shownCell, tabIntoGrid,
} from './helpers.ts';

const DIMENSION_COLUMN = '__dimension';

async function showMatrix(src: string, height = 3200) {
  const page = await fixture<HTMLElement>(html`
    <div>
      <button>Before the matrix</button>
      <policy-matrix src=${src} style=${`height: ${height}px`}>
        <policy-citation-panel></policy-citation-panel>
      </policy-matrix>
    </div>
  `);
  const el = page.querySelector<PolicyMatrix>('policy-matrix')!;
  const grid = shadow(el);
  await gridReady(grid);
  const panel = shadow(el.querySelector('policy-citation-panel'));
  return { el, grid, panel, before: page.querySelector('button')! };
}

describe('<policy-matrix> with the bundled matrix', () => {
  it('shows one row per dimension, in order, and one column per jurisdiction', async () => {
    const dimensions = (await fetchCsv(`${REAL_MATRIX}dimensions.csv`)).sort(byOrder);
    const jurisdictions = (await fetchCsv(`${REAL_MATRIX}jurisdictions.csv`)).sort(byOrder);
    const { grid } = await showMatrix(REAL_MATRIX);

    expect(dimensions.length).to.be.greaterThan(0);
    await waitUntil(() => rowIndexes(grid).length === dimensions.length, 'not every dimension is shown');
    expect(rowIndexes(grid)).to.deep.equal(dimensions.map((_, i) => i));
    // AG Grid fills cells over a few animation frames.
    await waitUntil(() => dimensions.every((_, i) => squash(gridCell(grid, i, DIMENSION_COLUMN)?.textContent)), 'labels missing');
    dimensions.forEach((d, i) => {
      const label = gridCell(grid, i, DIMENSION_COLUMN);
      expect(squash(label?.textContent), `row ${i}`).to.contain(d.label);
      expect(squash(label?.textContent), `row ${i}`).to.contain(d.theme);
    });
    // The grid as assistive technology sees it: named after the matrix, a header row plus one row per dimension.
    const title = (await (await fetch(`${REAL_MATRIX}datapackage.json`)).json()).title as string;
    const table = grid.querySelector('[role="grid"], [role="treegrid"]');
    expect(table?.getAttribute('aria-label')).to.equal(title);
    expect(table?.getAttribute('aria-rowcount')).to.equal(String(dimensions.length + 1));

    const headers = headerTexts(grid);
    expect([...headers.keys()]).to.deep.equal([DIMENSION_COLUMN, ...jurisdictions.map((j) => j.id)]);
    jurisdictions.forEach((j) => expect(headers.get(j.id)).to.equal(j.label));
  });

  it('selecting a cell with the arrow keys shows its quote highlighted in the source passage', async () => {
    const dimensions = (await fetchCsv(`${REAL_MATRIX}dimensions.csv`)).sort(byOrder);
    const jurisdictions = (await fetchCsv(`${REAL_MATRIX}jurisdictions.csv`)).sort(byOrder);
    const citations = await fetchCsv(`${REAL_MATRIX}citations.csv`);
    const sources = await fetchCsv(`${REAL_MATRIX}sources.csv`);
    const texts = new Map<string, string>();
    for (const s of sources) texts.set(s.id, squash(await fetchText(s.path, REAL_MATRIX)));

    // The first cell (reading order) past the first row and column with a citation whose quote
    // occurs exactly once in its source, so that both ArrowDown and ArrowRight are needed.
    const once = (quote: string, text: string) => text.indexOf(quote) >= 0 && text.indexOf(quote) === text.lastIndexOf(quote);
    let target: { row: number; col: number; quote: string } | undefined;
    dimensions.some((d, row) =>
      jurisdictions.some((j, col) => {
        if (row < 2 || col < 1) return false;
        const c = citations.find((x) => x.dimension === d.id && x.jurisdiction === j.id && once(squash(x.quote), texts.get(x.source) ?? ''));
        if (c) target = { row, col, quote: squash(c.quote) };
        return c !== undefined;
      }),
    );
    expect(target, 'a citation quoted verbatim from the source').to.not.equal(undefined);
    const { row, col, quote } = target!;

    const { grid, panel, before } = await showMatrix(REAL_MATRIX, 900);
    expect(squash(panel.textContent)).to.contain('Select a cell');

    // Tab into the grid (first row, dimension column), then walk with the arrow keys.
    await tabIntoGrid(before);
    expect((grid.activeElement as HTMLElement | null)?.getAttribute('col-id')).to.equal(DIMENSION_COLUMN);
    for (let i = 0; i < row; i++) await sendKeys({ press: 'ArrowDown' });
    for (let i = 0; i <= col; i++) await sendKeys({ press: 'ArrowRight' });

    const dimension = dimensions[row];
    const jurisdiction = jurisdictions[col];
    await waitUntil(() => panel.querySelector('h2'), 'the panel shows no cell');
    expect(squash(panel.querySelector('h2')?.textContent)).to.equal(`${dimension.label} — ${jurisdiction.label}`);
    const focused = grid.activeElement as HTMLElement | null;
    expect(focused?.getAttribute('col-id')).to.equal(jurisdiction.id);

    const marks = [...panel.querySelectorAll('mark')].map((m) => squash(m.textContent));
    expect(marks).to.include(quote);
    // The quote sits inside its passage: there is source text around it.
    const passage = [...panel.querySelectorAll('blockquote')].find((b) => squash(b.querySelector('mark')?.textContent) === quote);
    expect(squash(passage?.textContent).length).to.be.greaterThan(quote.length + 100);
    expect(squash(panel.textContent)).to.contain('Found');
  });

  it('says "Not in source" in a cell the source does not address', async () => {
    const dimensions = (await fetchCsv(`${REAL_MATRIX}dimensions.csv`)).sort(byOrder);
    const cells = await fetchCsv(`${REAL_MATRIX}cells.csv`);
    const nis = cells.find((c) => c.status === 'not_in_source' && c.value === '');
    expect(nis, 'a not_in_source cell in cells.csv').to.not.equal(undefined);
    const row = dimensions.findIndex((d) => d.id === nis!.dimension);

    const { grid } = await showMatrix(REAL_MATRIX);
    expect(squash((await shownCell(grid, row, nis!.jurisdiction)).textContent)).to.equal('Not in source');
  });
});

describe('<policy-matrix> with a small fixture matrix', () => {
  // Rows: 0 border-checks, 1 common-visa, 2 claimant-work; columns north, south.

  it('marks orphaned citations with a warning and their cell as flagged, in text', async () => {
    const { grid } = await showMatrix(SMALL_MATRIX, 600);
    const orphaned = await shownCell(grid, 0, 'south');
    const text = squash(orphaned.textContent);
    expect(text).to.contain('Abolished in 2001');
    expect(text).to.contain('Flagged');
    expect(orphaned.querySelectorAll('.badge.flag').length, '.badge.flag').to.equal(1);
    expect(orphaned.querySelectorAll('.badge.warn').length, '.badge.warn').to.equal(1);
    expect(orphaned.querySelector('.badge.warn')!.getAttribute('title')).to.equal('Citation warning: 2 orphaned citations');
    // A screen reader hears the cell as one phrase: what it shows, then its markers and counts in words.
    expect(orphaned.getAttribute('role')).to.equal('gridcell');
    expect(text).to.equal('Abolished in 2001 2 ⚑ Flagged ⚠ Partial · 2 of 3');
    expect(orphaned.getAttribute('aria-label')).to.match(/^Abolished in 2001, 2, Flagged, Partial, 2 of 3\. 2 citations; flagged: .+; citation warning: 2 orphaned citations$/);

    // A cell whose citations are all found has neither marker; it shows its level and citation count.
    const found = await shownCell(grid, 0, 'north');
    expect(squash(found.textContent)).to.contain('Full · 3 of 3');
    expect(found.querySelector('.cites')?.textContent).to.equal('1');
    expect(found.querySelector('.cites')?.getAttribute('title')).to.equal('1 citation');
    expect(found.querySelectorAll('.badge').length, '.badge').to.equal(0);
    expect(found.getAttribute('aria-label')).to.match(/, 1, Full, 3 of 3\. 1 citation$/);

    // An ambiguous citation warns without flagging (the cell has a found citation).
    const ambiguous = await shownCell(grid, 2, 'north');
    expect(ambiguous.getAttribute('aria-label')).to.contain('citation warning: 1 ambiguous citation');
    expect(ambiguous.getAttribute('aria-label')).to.not.match(/flagged/i);
    expect(squash(ambiguous.textContent)).to.not.contain('Flagged');

    const notInSource = await shownCell(grid, 1, 'south');
    expect(squash(notInSource.textContent)).to.equal('Not in source');
    expect(notInSource.getAttribute('aria-label')).to.equal('Not in source');
  });

  it('names every cell with the words it shows, in the order shown (WCAG 2.5.3 Label in Name)', async () => {
    const { grid } = await showMatrix(SMALL_MATRIX, 600);
    await shownCell(grid, 2, 'south');
    // Words as a speech-input user would say them: letters and digits, without punctuation or symbols.
    const words = (s: string | null) => (s ?? '').toLowerCase().replace(/\([^()]*\)/g, ' ').match(/[\p{L}\p{N}]+/gu)?.join(' ') ?? '';
    const cells = [...grid.querySelectorAll<HTMLElement>('.ag-cell[role="gridcell"][aria-label]')];
    expect(cells.length).to.equal(6);
    for (const cell of cells) {
      const shown = words(cell.textContent);
      expect(words(cell.getAttribute('aria-label')).startsWith(shown), `"${cell.getAttribute('aria-label')}" starts with "${squash(cell.textContent)}"`).to.equal(true);
    }
  });

  it('renders data as text, never as HTML', async () => {
    const { grid, panel } = await showMatrix(SMALL_MATRIX, 600);
    const cell = await shownCell(grid, 2, 'north');
    expect(squash(cell.textContent)).to.contain('After six months <b>(or later)</b>');
    expect(cell.querySelectorAll('b').length, 'b').to.equal(0);

    await click(cell);
    await waitUntil(() => panel.querySelector('.note'), 'the panel shows no note');
    expect(squash(panel.querySelector('.note')!.textContent)).to.contain('<img src=x onerror="window.__pwned=1">');
    expect(panel.querySelectorAll('img').length, 'img').to.equal(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows the status of each citation of the selected cell in the panel', async () => {
    const { grid, panel } = await showMatrix(SMALL_MATRIX, 600);

    await clickCell(grid, 2, 'north');
    await waitUntil(() => panel.querySelectorAll('.citation').length === 2, 'the panel does not list two citations');
    const [found, ambiguous] = [...panel.querySelectorAll('.citation')].map((c) => squash(c.textContent));
    expect(found).to.contain('Found');
    expect(found).to.contain('A small test text');
    expect(found).to.contain('ch. 2');
    expect(ambiguous).to.contain('Ambiguous: matches 2 places');
    expect(panel.querySelectorAll('.citation.ambiguous mark')).to.have.length(2);

    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent) === 'Internal border checks — Northland');
    expect(squash(panel.querySelector('.citation')?.textContent)).to.contain('Found');

    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent) === 'Internal border checks — Southland');
    const orphanedItems = [...panel.querySelectorAll('.citation.orphaned')];
    expect(orphanedItems.length).to.equal(2);
    const [orphaned, close] = orphanedItems.map((c) => squash(c.textContent));
    expect(orphaned).to.contain('Orphaned: not found in the source');
    expect(orphaned).to.contain('The southern state abolished every border check in 2001');
    expect(orphanedItems[0].querySelectorAll('mark').length, 'nothing is highlighted for a quote not in the source').to.equal(0);
    // An orphaned citation close to a passage: the passage is suggested, marked, not attached.
    expect(close).to.match(/Closest passage in the source \(\d+% similar\), not attached/);
    expect(squash(orphanedItems[1].querySelector('mark')?.textContent)).to.equal(
      'The southern state keeps its own border guards and its own visa list.',
    );
    expect(squash(panel.querySelector('.status')?.textContent)).to.contain('Flagged');
  });

  it('loads another matrix when src changes, and shows it again after being moved in the page', async () => {
    const { el, grid } = await showMatrix(SMALL_MATRIX, 600);
    expect([...headerTexts(grid).values()]).to.deep.equal(['Dimension', 'Northland', 'Southland']);

    el.src = REAL_MATRIX;
    await waitUntil(() => headerTexts(grid).get('eu') === 'European Union', 'the new matrix is not shown');
    expect(headerTexts(grid).has('north')).to.equal(false);

    const parent = el.parentElement!;
    el.remove();
    expect(grid.querySelectorAll('.ag-row').length, '.ag-row').to.equal(0);
    parent.append(el);
    await waitUntil(() => squash(gridCell(grid, 0, 'eu')?.textContent), 'the grid is not rebuilt after re-attaching');
  });
});
