/**
 * A wide matrix's grid is set up over several tasks (the columns in view, the rows in view,
 * the other rows, the other columns: grid-controller.ts). Whatever the order of what a user
 * does meanwhile, the grid ends up with every row and every column of the matrix.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Matrix } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { clickCell, gridCell, shadow, shownCell, squash } from './helpers.ts';
import { expectAccessible } from './axe.ts';
import { makeCell, makeDimension } from '../../src/model/make.ts';

const JURISDICTIONS = 200;
const DIMENSIONS = 500;

function largeMatrix(): Matrix {
  const js = Array.from({ length: JURISDICTIONS }, (_, i) => ({ id: `j${i}`, label: `Jurisdiction ${i}`, group: '', order: i + 1 }));
  const ds = Array.from({ length: DIMENSIONS }, (_, i) => makeDimension({ id: `d${i}`, label: `Dimension ${i}`, theme: 'Theme', valueType: 'text', order: i + 1 }));
  return {
    name: 'large', title: 'Large', description: '', jurisdictions: js, dimensions: ds, levels: [],
    cells: ds.flatMap((d) => js.map((j) => makeCell({ dimension: d.id, jurisdiction: j.id, value: `${d.id}/${j.id}`, status: 'draft' }))),
    citations: [], sources: [], extraColumns: {}, descriptorExtras: {},
  };
}

let bundle: MatrixBundle | undefined;
/** The 200 × 500 matrix (100,000 cells), read once for the file. */
async function largeBundle(): Promise<MatrixBundle> {
  if (!bundle) {
    const files = saveMatrix(largeMatrix());
    bundle = await readMatrix(async (path) => files[path], 'large');
  }
  return bundle;
}

/** The grid's size as it tells assistive technology: rows (with the header row) and columns. */
function announcedSize(grid: ShadowRoot): { rows: number; columns: number } {
  const table = grid.querySelector('[role="grid"], [role="treegrid"]');
  return { rows: Number(table?.getAttribute('aria-rowcount')), columns: Number(table?.getAttribute('aria-colcount')) };
}

/** Wait until the cell has the grid's keyboard focus. */
async function focusOn(grid: ShadowRoot, rowIndex: number, colId: string, message: string): Promise<HTMLElement> {
  await shownCell(grid, rowIndex, colId);
  await waitUntil(() => gridCell(grid, rowIndex, colId)?.classList.contains('ag-cell-focus'), message);
  return gridCell(grid, rowIndex, colId)!;
}

async function loaded(): Promise<{ el: PolicyMatrix; store: MatrixStore; grid: ShadowRoot }> {
  const store = new MatrixStore();
  const el = await fixture<PolicyMatrix>(html`<policy-matrix .store=${store} no-autosave style="height: 500px; width: 900px"></policy-matrix>`);
  store.load(await largeBundle(), 'large');
  return { el, store, grid: shadow(el) };
}

describe('<policy-matrix> setting up a 200 × 500 grid', () => {
  it('ends with every row and column: End reaches the last cell, Home the first; axe finds nothing serious', async function () {
    // Reading 100,000 cells and setting up the grid take a few seconds on a busy machine.
    this.timeout(60000);
    const { el, grid } = await loaded();
    // Focused by a click, as a user would: nothing asks the grid to finish its set-up at once.
    await clickCell(grid, 0, 'j0');
    await waitUntil(() => announcedSize(grid).rows === DIMENSIONS + 1 && announcedSize(grid).columns === JURISDICTIONS + 1, `the grid does not announce ${DIMENSIONS} rows and ${JURISDICTIONS + 1} columns`, { timeout: 20000 });
    await sendKeys({ press: 'End' });
    const last = await focusOn(grid, DIMENSIONS - 1, `j${JURISDICTIONS - 1}`, 'End did not focus the last cell');
    expect(squash(last.textContent)).to.contain(`d${DIMENSIONS - 1}/j${JURISDICTIONS - 1}`);
    expect(squash(gridCell(grid, DIMENSIONS - 1, '__dimension')?.textContent)).to.contain(`Dimension ${DIMENSIONS - 1}`);
    await sendKeys({ press: 'Home' });
    await focusOn(grid, 0, '__dimension', 'Home did not focus the first cell');
    // Left of the last column, one row up: the arrow keys move through the grid as before.
    await sendKeys({ press: 'End' });
    await focusOn(grid, DIMENSIONS - 1, `j${JURISDICTIONS - 1}`, 'End did not focus the last cell again');
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'ArrowUp' });
    const moved = await focusOn(grid, DIMENSIONS - 2, `j${JURISDICTIONS - 2}`, 'the arrow keys did not move the focus');
    expect(squash(moved.textContent)).to.contain(`d${DIMENSIONS - 2}/j${JURISDICTIONS - 2}`);
    await expectAccessible(window, 'a 200 × 500 grid once set up', el);
  });

  it('shows an edit made while the grid is being set up, and reveals a far cell at once', async function () {
    this.timeout(60000);
    const { el, store, grid } = await loaded();
    // At once after the load: the grid is still being set up.
    const edit = store.edit({ type: 'set-cell', dimension: 'd1', jurisdiction: 'j1', set: { value: 'edited during set-up' } });
    expect(edit.ok).to.equal(true);
    expect(el.reveal({ dimension: `d${DIMENSIONS - 1}`, jurisdiction: `j${JURISDICTIONS - 1}` })).to.equal(true);
    const far = await shownCell(grid, DIMENSIONS - 1, `j${JURISDICTIONS - 1}`);
    expect(squash(far.textContent)).to.contain(`d${DIMENSIONS - 1}/j${JURISDICTIONS - 1}`);
    expect(el.reveal({ dimension: 'd1', jurisdiction: 'j1' })).to.equal(true);
    const edited = await shownCell(grid, 1, 'j1');
    await waitUntil(() => squash(edited.textContent).includes('edited during set-up'), 'the edit is not shown');
    expect(announcedSize(grid)).to.deep.equal({ rows: DIMENSIONS + 1, columns: JURISDICTIONS + 1 });
  });

  it('shows an edit made between the set-up\'s first step and the next', async function () {
    this.timeout(60000);
    const { store, grid } = await loaded();
    // The grid's element appears in the set-up's first task; this observer's callback runs
    // right after that task, before the next step.
    let edited = false;
    await new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        if (edited || !grid.querySelector('[role="grid"]')) return;
        observer.disconnect();
        edited = store.edit({ type: 'set-cell', dimension: 'd0', jurisdiction: 'j1', set: { value: 'edited between steps' } }).ok;
        resolve();
      });
      observer.observe(grid, { childList: true, subtree: true });
    });
    expect(edited).to.equal(true);
    const cell = await shownCell(grid, 0, 'j1');
    await waitUntil(() => announcedSize(grid).rows === DIMENSIONS + 1 && announcedSize(grid).columns === JURISDICTIONS + 1, 'the grid was not set up');
    await waitUntil(() => squash(gridCell(grid, 0, 'j1')?.textContent).includes('edited between steps'), `the edit is not shown: "${squash(cell.textContent)}"`);
  });

  it("paints the rows in view, with their cells' content and names, before it adds the other rows and columns", async function () {
    this.timeout(60000);
    const store = new MatrixStore();
    const el = await fixture<PolicyMatrix>(html`<policy-matrix .store=${store} no-autosave style="height: 500px; width: 900px"></policy-matrix>`);
    const grid = shadow(el);
    // The first frame whose layout has row 0 with its content: a resize observer's first
    // notification comes in that frame, after its layout and before its paint.
    const firstFrame = new Promise<{ size: { rows: number; columns: number }; text: string; name: string | null; rowsShown: number }>((resolve) => {
      const observer = new MutationObserver(() => {
        const cell = gridCell(grid, 0, 'j1');
        if (!cell?.querySelector('.pm-renderer')) return;
        observer.disconnect();
        const laidOut = new ResizeObserver(() => {
          laidOut.disconnect();
          const rowsShown = new Set([...grid.querySelectorAll('.ag-row')].map((r) => r.getAttribute('row-index'))).size;
          resolve({ size: announcedSize(grid), text: squash(cell.textContent), name: cell.getAttribute('aria-label'), rowsShown });
        });
        laidOut.observe(cell);
      });
      observer.observe(grid, { childList: true, subtree: true });
    });
    store.load(await largeBundle(), 'large');
    const frame = await firstFrame;
    // What a user sees first: the cell's value and its marker (a value no citation backs is
    // flagged), and its name for a screen reader, which says why.
    expect(frame.text).to.contain('d0/j1');
    expect(frame.text).to.contain('Flagged');
    expect(frame.name).to.match(/^d0\/j1, Flagged\. flagged: /);
    // The rows that fit in the grid's height, and no more yet (AG Grid would add 10 below the
    // view, and the other 190 columns, before the first paint).
    expect(frame.size.rows).to.be.below(DIMENSIONS + 1);
    expect(frame.size.columns).to.be.below(JURISDICTIONS + 1);
    expect(frame.rowsShown).to.be.within(5, 12);
    // Then the rest, without anything asking for it.
    await waitUntil(() => announcedSize(grid).rows === DIMENSIONS + 1 && announcedSize(grid).columns === JURISDICTIONS + 1, 'the grid was not set up', { timeout: 20000 });
  });
});
