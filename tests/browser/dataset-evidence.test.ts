/**
 * Cells computed from a dataset, in the app: the bundled visa-harmonization matrix (Passport
 * Index, 39,601 rows) opened, a computed cell followed to the rows that decide it (summary
 * first, the rows on demand, each line's rows one Enter away), a row citation shown in its
 * place in the file, and a newer release of the data flagging the cells it changes.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import { fetchReader, readMatrix } from '../../src/model/format/read.ts';
import { expectAccessible } from './axe.ts';
import { click, gridReady, shadow, shownCell, squash } from './helpers.ts';

const VISAS = '/matrices/visa-harmonization-2025/';
const DATASET_FIXTURE = '/tests/fixtures/matrices/dataset/';

async function showApp(src: string) {
  const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${src} style="height: 900px"></policy-matrix-app>`);
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-matrix'), 'no grid element');
  const grid = shadow(root.querySelector('policy-matrix'));
  const panel = shadow(root.querySelector('policy-citation-panel'));
  await gridReady(grid);
  return { app, root, grid, panel };
}

/** Click a grid cell once the grid's rows stopped moving (their heights are measured after the first paint). */
async function clickSettled(grid: ShadowRoot, row: number, column: string): Promise<HTMLElement> {
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  let last = '';
  for (let still = 0; still < 3; ) {
    await frame();
    const cell = await shownCell(grid, row, column);
    const box = cell.getBoundingClientRect();
    const now = `${box.top},${box.left},${box.height}`;
    still = now === last ? still + 1 : 0;
    last = now;
  }
  const cell = await shownCell(grid, row, column);
  await click(cell);
  return cell;
}

/** The grid row of a dimension (rows follow dimensions.csv's order). */
async function rowOf(folder: string, dimension: string): Promise<number> {
  const text = await (await fetch(`${folder}dimensions.csv`)).text();
  return text.trim().split('\n').slice(1).findIndex((line) => line.startsWith(`${dimension},`));
}

describe('cells computed from a dataset', () => {
  // The whole matrix in view: a click lands on the cell asked for.
  before(() => setViewport({ width: 1300, height: 1000 }));

  it('follows a computed cell (Canada, differing from the US: 15) to its 15 passports, and each to its two rows', async function () {
    this.timeout(60000);
    const { grid, panel } = await showApp(VISAS);
    const row = await rowOf(VISAS, 'differing-visa-us');
    const cell = await clickSettled(grid, row, 'ca');
    expect(squash(cell.textContent)).to.contain('15');
    await waitUntil(() => /^Different visa requirement from the United States/.test(squash(panel.querySelector('h2')?.textContent)), 'the cell is not selected');
    await waitUntil(() => panel.querySelector('.computed'), 'no computed evidence shown');
    const computed = () => squash(panel.querySelector('.computed')?.textContent);
    expect(computed()).to.contain('Computed from data');
    expect(computed()).to.contain('Passport Index dataset');
    expect(computed()).to.contain('Matches the data');
    expect(computed()).to.contain('The data gives 15');
    expect(computed()).to.contain('182 same, 15 differ, 2 left out (30 rows decide it)');
    // The rows come on demand.
    expect(panel.querySelector('.row-list')).to.equal(null);
    const show = panel.querySelector<HTMLButtonElement>('.show-rows')!;
    expect(squash(show.textContent)).to.equal('Show the 15 Passport values with different Requirement');
    await click(show);
    await waitUntil(() => panel.querySelector('.row-list'), 'the rows are not listed');
    const options = () => [...panel.querySelectorAll('[role="option"]')].map((o) => squash(o.textContent));
    expect(options()).to.have.length(15);
    // Keyboard: the list is one stop; arrows move, Enter shows the line's rows.
    panel.querySelector<HTMLElement>('.row-list')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.querySelector('.chosen-rows table'), 'no rows shown for the line');
    const second = options()[1];
    const passport = second.split(' ')[0];
    const rows = [...panel.querySelectorAll('.chosen-rows tbody tr')].map((r) => squash(r.textContent));
    expect(rows).to.have.length(2);
    expect(rows[0]).to.contain('Canada');
    expect(rows[1]).to.contain('United States');
    expect(squash(panel.querySelector('.chosen-rows .row-place')?.textContent)).to.contain(`2 rows of ../sources/passport-index/passport-index-tidy.csv`);
    expect(rows.every((r) => r.includes(passport))).to.equal(true);
  });

  it('lists thousands of rows without rendering them all: 4,930 rows of the Schengen members behind one cell', async function () {
    this.timeout(60000);
    const { grid, panel } = await showApp(VISAS);
    await clickSettled(grid, await rowOf(VISAS, 'same-visa-members'), 'eu');
    await waitUntil(() => /^Same visa requirement among members/.test(squash(panel.querySelector('h2')?.textContent)), `the cell is not selected: ${squash(panel.querySelector('h2')?.textContent)}`);
    await waitUntil(() => panel.querySelector('.show-rows'), 'no rows to show');
    expect(squash(panel.querySelector('.computed-counts')?.textContent)).to.contain('4,930 rows decide it');
    await click(panel.querySelector('.show-rows')!);
    await waitUntil(() => panel.querySelector('.row-list'), 'the rows are not listed');
    const list = panel.querySelector<HTMLElement>('.row-list')!;
    expect(list.getAttribute('aria-label')).to.equal('The 170 Passport values with the same Requirement');
    const rendered = panel.querySelectorAll('[role="option"]').length;
    expect(rendered).to.be.below(40);
    list.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => squash(panel.querySelector('[role="option"].active')?.textContent) !== '' && list.scrollTop > 0, 'End did not scroll to the last line');
    expect(panel.querySelector('[role="option"].active')?.getAttribute('aria-posinset')).to.equal('170');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.querySelectorAll('.chosen-rows tbody tr').length === 29, 'the 29 rows of the last passport are not shown');
    await expectAccessible(window, 'computed cell evidence', panel.querySelector('.computed')!);
  });

  it('shows a row citation in its place in the file, the cited row marked among its neighbours', async () => {
    const { grid, panel } = await showApp(DATASET_FIXTURE);
    await clickSettled(grid, await rowOf(DATASET_FIXTURE, 'aland-entry'), 'north');
    await waitUntil(() => panel.querySelector('.dataset-rows'), 'no row shown');
    expect(squash(panel.querySelector('.citation .badge')?.textContent)).to.equal('✓ Found');
    expect(squash(panel.querySelector('.row-place')?.textContent)).to.match(/^row \d+ of data\/visas\.csv \(line \d+\)$/);
    const cited = squash(panel.querySelector('.dataset-rows tr.cited')?.textContent);
    expect(cited).to.contain('Aland');
    expect(cited).to.contain('Northland');
    expect([...panel.querySelectorAll('.dataset-rows tr.cited mark')].map((m) => m.textContent)).to.deep.equal(['Aland', 'Northland', 'visa required']);
    expect(panel.querySelectorAll('.dataset-rows tr.context').length).to.be.greaterThan(0);
  });

  it('flags the cells a newer release of the dataset changes, with the stored and the computed value', async function () {
    this.timeout(60000);
    const { app, grid, panel } = await showApp(VISAS);
    const row = await rowOf(VISAS, 'differing-visa-us');
    // A newer release: Canada asks Brazilians for an eTA only (the US still asks for a visa).
    const changed: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith('passport-index-tidy.csv')) return response;
      return new Response((await response.text()).replace('Brazil,Canada,visa required', 'Brazil,Canada,eta'));
    };
    app.store.load(await readMatrix(fetchReader(new URL(VISAS, location.href).href, changed), 'visa-harmonization-2025'));
    await waitUntil(() => /⚑/.test(squash(grid.querySelector(`.ag-row[row-index="${row}"] .ag-cell[col-id="ca"]`)?.textContent)), 'the changed cell is not flagged');
    await clickSettled(grid, row, 'ca');
    await waitUntil(() => /Differs from the data/.test(squash(panel.querySelector('.computed')?.textContent)), 'the panel does not say the data differs');
    expect(squash(panel.querySelector('.computed')?.textContent)).to.contain('has the value "15", but its rule computes "16" from dataset "passport-index"');
    // A cell the release does not touch stays as it was.
    expect(squash(grid.querySelector(`.ag-row[row-index="${row}"] .ag-cell[col-id="mx"]`)?.textContent)).not.to.contain('⚑');
  });

  it('builds a rule in a form with the keyboard, previews its value, attaches it to a cell, and undoes it', async function () {
    this.timeout(60000);
    const { grid, panel } = await showApp(DATASET_FIXTURE);
    const row = await rowOf(DATASET_FIXTURE, 'visa-needed');
    await clickSettled(grid, row, 'south');
    await waitUntil(() => panel.querySelector('.compute-cell'), 'no way to compute the cell');
    panel.querySelector<HTMLElement>('.compute-cell')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.querySelector('#rule-form'), 'the rule form is not shown');
    await expectAccessible(window, 'rule form', panel.querySelector('#rule-form')!);
    const type = async (id: string, text: string) => {
      panel.querySelector<HTMLElement>(id)!.focus();
      await sendKeys({ type: text });
      await sendKeys({ press: 'Tab' });
    };
    // The column: a select, chosen by typing its first letter.
    panel.querySelector<HTMLElement>('#r-column')!.focus();
    await sendKeys({ type: 'R' });
    await waitUntil(() => panel.querySelector<HTMLSelectElement>('#r-column')!.value === 'Requirement', 'the column is not chosen');
    await type('#r-categories', 'free=visa free|eta|{number}; visa=visa required|e-visa; {leave out}=-1');
    await type('#r-filter', 'Destination=Southland');
    await type('#r-category', 'visa');
    // Enter in a field previews.
    panel.querySelector<HTMLElement>('#r-category')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.querySelector('.preview-value'), `no preview: ${squash(panel.querySelector('.rule-preview')?.textContent)}`);
    expect(squash(panel.querySelector('.rule-preview')?.textContent)).to.match(/Value: 2 \(2 counted, \d+ considered.*2 rows decide it\)/);
    const attach = panel.querySelector<HTMLButtonElement>('.attach-rule')!;
    expect(attach.disabled).to.equal(false);
    attach.focus();
    await sendKeys({ press: 'Enter' });
    const shown = () => squash(grid.querySelector(`.ag-row[row-index="${row}"] .ag-cell[col-id="south"]`)?.textContent);
    await waitUntil(() => /^2/.test(shown()), `the cell does not show the computed value: ${shown()}`);
    await waitUntil(() => /Matches the data/.test(squash(panel.querySelector('.computed')?.textContent)), 'the panel does not show the computed evidence');
    // One undo: the rule and the value go.
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'z' });
    await sendKeys({ up: 'Control' });
    await waitUntil(() => !/^2/.test(shown()), 'undo did not take the computed value back');
    expect(panel.querySelector('.computed')).to.equal(null);
  });
});
