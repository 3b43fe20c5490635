/**
 * A wide matrix (more than 12 jurisdictions) in `<policy-matrix>`: fixed-width, fixed-height
 * cells, so that AG Grid renders only the columns in view; values still show and edit.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Matrix } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { gridReady, shadow, shownCell, squash } from './helpers.ts';
import { makeCell, makeDimension } from '../../src/model/make.ts';

function wideMatrix(jurisdictions: number, dimensions: number): Matrix {
  const js = Array.from({ length: jurisdictions }, (_, i) => ({ id: `j${i}`, label: `Jurisdiction ${i}`, group: '', order: i + 1 }));
  const ds = Array.from({ length: dimensions }, (_, i) => makeDimension({ id: `d${i}`, label: `Dimension ${i}`, theme: 'Theme', valueType: 'text', order: i + 1 }));
  return {
    name: 'wide', title: 'Wide', description: '', jurisdictions: js, dimensions: ds, levels: [],
    cells: ds.flatMap((d) => js.map((j) => makeCell({ dimension: d.id, jurisdiction: j.id, value: `${d.id}/${j.id}`, status: 'draft' }))),
    citations: [], sources: [], extraColumns: {}, descriptorExtras: {},
  };
}

describe('<policy-matrix> with many jurisdictions', () => {
  it('renders only the columns in view, one line per cell, and edits as usual', async () => {
    const files = saveMatrix(wideMatrix(60, 40));
    const bundle = await readMatrix(async (path) => files[path], 'wide');
    const store = new MatrixStore();
    const el = await fixture<PolicyMatrix>(html`<policy-matrix .store=${store} no-autosave style="height: 500px; width: 900px"></policy-matrix>`);
    store.load(bundle, 'wide');
    const grid = shadow(el);
    await gridReady(grid);
    const cell = await shownCell(grid, 0, 'j0');
    expect(squash(cell.textContent)).to.contain('d0/j0');
    expect(cell.classList.contains('pm-one-line')).to.equal(true);
    const rendered = new Set([...grid.querySelectorAll('.ag-row[row-index="0"] .ag-cell[col-id]')].map((c) => c.getAttribute('col-id')));
    expect(rendered.size).to.be.greaterThan(2);
    expect(rendered.size).to.be.lessThan(30);
    expect(rendered.has('j59')).to.equal(false);
    // Revealing a far column renders it.
    expect(el.reveal({ dimension: 'd3', jurisdiction: 'j59' })).to.equal(true);
    const far = await shownCell(grid, 3, 'j59');
    expect(squash(far.textContent)).to.contain('d3/j59');
    // Typing edits the focused cell; Enter commits it to the store, and the grid shows it.
    await sendKeys({ type: 'new value' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => squash(grid.querySelector('.ag-row[row-index="3"] .ag-cell[col-id="j59"]')?.textContent).includes('new value'), 'the edit is not shown');
    expect(store.snapshot.index?.cells.get('d3\u0000j59')?.value).to.equal('new value');
  });
});
