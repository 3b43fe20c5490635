import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import { BROKEN_MATRIX, REAL_MATRIX, SMALL_MATRIX, SOURCELESS_MATRIX, click, clickCell, fetchCsv, gridReady, shadow, squash } from './helpers.ts';

async function showApp(src: string) {
  const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${src} style="height: 900px"></policy-matrix-app>`);
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-matrix'), 'no grid element');
  const grid = shadow(root.querySelector('policy-matrix'));
  const panel = shadow(root.querySelector('policy-citation-panel'));
  return { app, root, grid, panel };
}

const problems = (root: ShadowRoot) =>
  [...root.querySelectorAll('.problems:not(.findings) li code')].map((c) => squash(c.textContent));

describe('<policy-matrix-app>', () => {
  it('lists the problems of a matrix with a missing file, a bad value and an unreadable source as file:line:column: message', async () => {
    const { root } = await showApp(BROKEN_MATRIX);
    await waitUntil(() => problems(root).length > 0, 'no problems listed');

    const heading = squash(root.querySelector('.problems h2')?.textContent);
    expect(heading).to.match(/^\d+ problems? loading the matrix$/);
    const listed = problems(root);
    expect(listed).to.include.members([
      'citations.csv: missing file citations.csv: a matrix folder needs it (Citations of cells: passages of source texts (W3C TextQuoteSelector semantics).)',
    ]);
    expect(listed.some((p) => /^cells\.csv:3:\d+: status "maybe" is not one of/.test(p)), listed.join('\n')).to.equal(true);
    expect(listed.some((p) => /^sources\.csv:2:\d+: the text of source "small" cannot be read at \.\.\/sources\/missing\.txt/.test(p)), listed.join('\n')).to.equal(true);
    // Errors are labelled in words, not only by colour.
    expect(squash(root.querySelector('.problems li.error .sev')?.textContent)).to.equal('Error');
    // The list scrolls past a few problems, and a problem about a whole file is no button: the
    // list itself takes focus, under its name, so the keyboard can scroll it.
    const list = root.querySelector<HTMLElement>('.problems:not(.findings) .problem-list')!;
    expect(list.tabIndex).to.equal(0);
    expect(list.getAttribute('aria-label')).to.equal('Problems loading the matrix');
    list.focus();
    expect(root.activeElement).to.equal(list);
  });

  it('a missing source text is one problem; its citations show as unchecked, not orphaned', async () => {
    const { root, grid, panel } = await showApp(SOURCELESS_MATRIX);
    await gridReady(grid);
    await waitUntil(() => problems(root).length > 0, 'no problems listed');
    expect(problems(root)).to.deep.equal(['sources.csv:2:42: the text of source "small" cannot be read at ../sources/not-here.txt']);
    expect(squash(root.querySelector('.problems h2')?.textContent)).to.equal('1 problem loading the matrix');
    // No finding per citation or per cell: the one missing text is the cause.
    expect(root.querySelectorAll('.findings').length, '.findings').to.equal(0);
    const summary = squash(root.querySelector('.summary')?.textContent);
    expect(summary).to.contain('0 orphaned');
    expect(summary).to.contain('7 unchecked');
    await clickCell(grid, 0, 'north');
    await waitUntil(() => panel.querySelector('.citation .badge'), 'no citation shown');
    expect(squash(panel.querySelector('.citation .badge')?.textContent)).to.equal('○ Unchecked: the source text is not loaded');
    expect(squash(panel.querySelector('.citation .reason')?.textContent)).to.equal('The text of source "small" is not available.');
  });

  it('lists the load problems once: in its problem panel, not again above the grid', async () => {
    const { root, grid } = await showApp(BROKEN_MATRIX);
    await waitUntil(() => problems(root).length > 0, 'no problems listed');
    await gridReady(grid);
    expect(grid.querySelector('.pm-load') === null, 'a second list above the grid').to.equal(true);
    expect(squash(grid.textContent)).not.to.contain('cells.csv:3');
  });

  it('after a value is given to a cell marked not in source, "Cite from source…" opens the evidence panel\'s source reader for it', async () => {
    const { root, grid, panel, app } = await showApp(SMALL_MATRIX);
    await clickCell(grid, 1, 'south');
    await sendKeys({ type: 'y' });
    await waitUntil(() => grid.querySelector('.pm-editor'), 'typing did not start editing', { timeout: 5000 });
    await waitUntil(() => !grid.querySelector<HTMLElement>('.pm-editor-note')?.hidden, 'no note in the editor', { timeout: 5000 });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => grid.querySelector('.edit-feedback button.cite-from-source'), 'no "Cite from source…" after the edit', { timeout: 5000 });
    expect(app.store.snapshot.matrix!.cells.find((c) => c.dimension === 'common-visa' && c.jurisdiction === 'south')).to.include({ value: 'yes', status: 'draft' });
    expect(squash(grid.querySelector('.edit-message')?.textContent)).to.contain('Common visa — Southland was marked not in source, and it is flagged');
    await click(grid.querySelector('.edit-feedback button.cite-from-source')!);
    await waitUntil(() => panel.querySelector('dialog.reader-dialog')?.hasAttribute('open'), 'the reader did not open', { timeout: 5000 });
    expect(squash(panel.querySelector('#reader-title')?.textContent)).to.equal('Cite from the source — Common visa, Southland');
    expect(root.querySelector('policy-matrix')!.store.snapshot.selection).to.equal('common-visa\u0000south');
  });

  it('shows no problem list for a clean matrix, and the coverage summary', async () => {
    const { root, grid } = await showApp(SMALL_MATRIX);
    await gridReady(grid);
    expect(squash(root.querySelector('h1')?.textContent)).to.equal('Small test matrix');
    expect(root.querySelectorAll('.problems:not(.findings)').length, '.problems:not(.findings)').to.equal(0);

    const summary = squash(root.querySelector('.summary')?.textContent);
    expect(summary).to.contain('6 cells');
    expect(summary).to.contain('4 supported');
    expect(summary).to.contain('1 not in source');
    expect(summary).to.contain('1 flagged');
    expect(summary).to.contain('7 citations');
    expect(summary).to.contain('4 found');
    expect(summary).to.contain('1 ambiguous');
    expect(summary).to.contain('2 orphaned');
    // Check findings (orphaned citation, flagged cell) are listed, collapsed.
    expect(squash(root.querySelector('.findings summary')?.textContent)).to.match(/^\d+ check findings/);
  });

  it('shows the bundled matrix, and the evidence of a cell selected in the grid', async () => {
    const dimensions = await fetchCsv(`${REAL_MATRIX}dimensions.csv`);
    const { root, grid, panel } = await showApp(REAL_MATRIX);
    await gridReady(grid);
    const title = (await (await fetch(`${REAL_MATRIX}datapackage.json`)).json()).title as string;
    expect(squash(root.querySelector('h1')?.textContent)).to.equal(title);
    // Every period of every pair is a cell (the bundled matrix has values over time).
    expect(squash(root.querySelector('.summary')?.textContent)).to.contain(`${(await fetchCsv(`${REAL_MATRIX}cells.csv`)).length} cells`);
    expect(dimensions.length).to.equal(27);

    await clickCell(grid, 0, 'eu');
    await waitUntil(() => panel.querySelector('mark'), 'no quote highlighted');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent).endsWith('Canada'), 'ArrowRight did not select the next cell');
    expect(panel.querySelectorAll('mark').length).to.be.greaterThan(0);
  });
});
