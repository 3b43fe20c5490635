/**
 * A new matrix made in the app, by keyboard: the New matrix dialog (title, jurisdictions,
 * dimensions, a new scale with its levels), the grid with every cell not in source, the
 * export zip's files, and the structure of the open matrix copied (without its values).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyFileMenu } from '../../src/components/policy-file-menu/policy-file-menu.component.ts';
import { checkMatrix } from '../../src/model/check/check.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { REAL_MATRIX, gridCell, gridReady, headerTexts, rowIndexes, shadow, shownCell, squash } from './helpers.ts';

let db = 0;

async function showApp(src: string) {
  const drafts = `test-new-matrix-${Date.now()}-${++db}`;
  const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${src} drafts=${drafts} style="height: 900px"></policy-matrix-app>`);
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-file-menu')?.shadowRoot?.querySelector('button.new-matrix'), 'no file menu');
  const menu = root.querySelector<PolicyFileMenu>('policy-file-menu')!;
  const menuRoot = shadow(menu);
  const grid = shadow(root.querySelector('policy-matrix'));
  await gridReady(grid);
  const downloads: { blob: Blob; filename: string }[] = [];
  menu.download = (blob, filename) => downloads.push({ blob, filename });
  return { app, root, menuRoot, grid, downloads };
}

/** The element focused inside a shadow root (or nothing). */
const focused = (root: ShadowRoot) => root.activeElement as HTMLElement | null;

/** Press Tab (or Shift+Tab) until the focused element matches `selector` (at most `max` times): real key presses, with a clear failure. */
async function tabTo(root: ShadowRoot, selector: string, max = 12, back = false): Promise<HTMLElement> {
  for (let i = 0; i < max; i++) {
    const el = focused(root);
    if (el?.matches(selector)) return el;
    if (back) {
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
    } else await sendKeys({ press: 'Tab' });
  }
  const el = focused(root);
  if (!el?.matches(selector)) throw new Error(`Tab did not reach ${selector} (at ${el?.outerHTML.slice(0, 120) ?? 'nothing'})`);
  return el;
}

const rowsOf = (text: string) => Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;

describe('New matrix', () => {
  it('is made from nothing with the keyboard: 2 jurisdictions, 2 dimensions (one with a new 3-level scale); every cell not in source; exported as a zip', async function () {
    this.timeout(60000);
    const { root, menuRoot, grid, downloads } = await showApp(REAL_MATRIX);
    // The dialog's code is loaded on first use.
    expect(menuRoot.querySelector('policy-new-matrix')).to.equal(null);
    menuRoot.querySelector<HTMLElement>('button.new-matrix')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => menuRoot.querySelector('policy-new-matrix')?.shadowRoot?.querySelector('dialog[open]'), 'the dialog did not open');
    const dialogRoot = shadow(menuRoot.querySelector('policy-new-matrix'));
    const dialog = dialogRoot.querySelector('dialog')!;
    expect(focused(dialogRoot)?.id).to.equal('nm-title');

    // Create with nothing typed: refused, said next to the title, which gets the focus.
    const create = dialogRoot.querySelector<HTMLElement>('button.create')!;
    create.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogRoot.querySelector('#err-title'), 'no problem said for the title');
    expect(squash(dialogRoot.querySelector('#err-title')?.textContent)).to.equal('The matrix needs a title.');
    expect(focused(dialogRoot)?.id).to.equal('nm-title');
    expect(dialog.open).to.equal(true);

    await sendKeys({ type: 'Asylum in the Americas' });
    expect(dialogRoot.querySelector('#err-title'), 'the fixed field is no longer marked').to.equal(null);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Who detains claimants, and for how long' });

    // Jurisdictions: the first row is there; a second is added with its button.
    await tabTo(dialogRoot, 'li.jurisdiction input[id$="-label"]');
    await sendKeys({ type: 'Canada' });
    await sendKeys({ press: 'Tab' });
    expect(focused(dialogRoot)?.getAttribute('placeholder'), 'the id made from the label').to.equal('canada');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'North America' });
    await tabTo(dialogRoot, 'button.add-jurisdiction');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => dialogRoot.querySelectorAll('li.jurisdiction').length === 2, 'no second jurisdiction row');
    expect(focused(dialogRoot)?.matches('li.jurisdiction:nth-child(2) input[id$="-label"]')).to.equal(true);
    await sendKeys({ type: 'México' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'North America' });

    // Dimension 1: levels of a new scale of three levels.
    await tabTo(dialogRoot, 'li.dimension input[id$="-label"]');
    await sendKeys({ type: 'Detention of claimants' });
    await tabTo(dialogRoot, 'li.dimension select[id$="-type"]');
    await sendKeys({ type: 'L' });
    await waitUntil(() => dialogRoot.querySelector('li.dimension button.new-scale'), 'choosing "Levels of a scale" shows no scale choice');
    await tabTo(dialogRoot, 'li.dimension button.new-scale');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(dialogRoot)?.matches('li.level input[id$="-label"]'), 'New scale did not focus its first level');
    expect((dialogRoot.querySelector<HTMLInputElement>('li.scale-item input[id$="-id"]'))!.value).to.equal('detention-of-claimants-scale');
    await sendKeys({ type: 'Rare' });
    await tabTo(dialogRoot, 'li.level input[id$="-definition"]');
    await sendKeys({ type: 'Seldom used' });
    for (const level of ['Common', 'Systematic']) {
      await tabTo(dialogRoot, 'button.add-level');
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused(dialogRoot)?.matches('li.level:last-child input[id$="-label"]'), 'Add level did not focus the new level');
      await sendKeys({ type: level });
    }
    expect([...dialogRoot.querySelectorAll<HTMLInputElement>('li.level input[id$="-id"]')].map((i) => i.placeholder)).to.deep.equal(['rare', 'common', 'systematic']);
    expect(squash(dialogRoot.querySelector('li.dimension select[id$="-scale"] option:checked')?.textContent)).to.equal('detention-of-claimants-scale — 3 levels');

    // Dimension 2: text, added with its button (back up the form: the scales come after the dimensions).
    await tabTo(dialogRoot, 'button.add-dimension', 30, true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused(dialogRoot)?.matches('li.dimension:nth-child(2) input[id$="-label"]'), 'Add dimension did not focus the new row');
    await sendKeys({ type: 'Appeal body' });
    expect(squash(dialogRoot.querySelector('.foot .summary')?.textContent)).to.equal('4 cells, each not in source.');

    await tabTo(dialogRoot, 'button.create', 30);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !dialog.open, 'the dialog did not close');

    // The grid shows the new matrix: its title, two rows, two columns, every cell not in source.
    await waitUntil(() => squash(root.querySelector('h1')?.textContent) === 'Asylum in the Americas', 'the app does not show the new matrix');
    await waitUntil(() => headerTexts(grid).has('mexico'), 'no column of the new matrix');
    expect([...headerTexts(grid)]).to.deep.equal([['__dimension', 'Dimension'], ['canada', 'Canada'], ['mexico', 'México']]);
    expect(rowIndexes(grid)).to.deep.equal([0, 1]);
    for (const row of [0, 1]) for (const col of ['canada', 'mexico']) expect(squash((await shownCell(grid, row, col)).textContent), `${row}/${col}`).to.equal('Not in source');
    expect(squash(gridCell(grid, 0, '__dimension')?.textContent)).to.contain('Detention of claimants');
    const summary = squash(root.querySelector('.summary')?.textContent);
    expect(summary).to.contain('4 cells');
    expect(summary).to.contain('4 not in source');
    expect(summary).to.contain('0 citations');
    expect(squash(menuRoot.querySelector('.message')?.textContent)).to.contain('Created “Asylum in the Americas”: 2 jurisdictions × 2 dimensions, every cell not in source');
    expect(root.querySelectorAll('.problems:not(.findings)').length, 'no load problem').to.equal(0);

    // Exported like any matrix: the canonical files, which load and check with no problem.
    menuRoot.querySelector<HTMLElement>('button.export-zip')!.click();
    expect(downloads.map((d) => d.filename)).to.deep.equal(['asylum-in-the-americas.zip']);
    const zip = unzipSync(new Uint8Array(await downloads[0].blob.arrayBuffer()));
    const files = Object.fromEntries(Object.entries(zip).map(([path, bytes]) => [path.replace(/^asylum-in-the-americas\//, ''), strFromU8(bytes)]));
    expect(Object.keys(files).sort()).to.deep.equal(['cells.csv', 'citations.csv', 'datapackage.json', 'dimensions.csv', 'jurisdictions.csv', 'scales.csv', 'sources.csv']);
    expect(JSON.parse(files['datapackage.json'])).to.include({ title: 'Asylum in the Americas', description: 'Who detains claimants, and for how long' });
    expect(rowsOf(files['jurisdictions.csv'])).to.deep.equal([
      { id: 'canada', label: 'Canada', group: 'North America', order: '1' },
      { id: 'mexico', label: 'México', group: 'North America', order: '2' },
    ]);
    expect(rowsOf(files['dimensions.csv']).map((d) => [d.id, d.label, d.value_type, d.scale])).to.deep.equal([
      ['detention-of-claimants', 'Detention of claimants', 'ordinal', 'detention-of-claimants-scale'],
      ['appeal-body', 'Appeal body', 'text', ''],
    ]);
    expect(rowsOf(files['scales.csv'])).to.deep.equal([
      { scale: 'detention-of-claimants-scale', rank: '1', level: 'rare', label: 'Rare', definition: 'Seldom used', needs_absolute: 'no' },
      { scale: 'detention-of-claimants-scale', rank: '2', level: 'common', label: 'Common', definition: '', needs_absolute: 'no' },
      { scale: 'detention-of-claimants-scale', rank: '3', level: 'systematic', label: 'Systematic', definition: '', needs_absolute: 'no' },
    ]);
    const cells = rowsOf(files['cells.csv']);
    expect(cells.map((c) => `${c.dimension}/${c.jurisdiction}:${c.status}:${c.value}${c.level}`)).to.deep.equal([
      'detention-of-claimants/canada:not_in_source:', 'detention-of-claimants/mexico:not_in_source:',
      'appeal-body/canada:not_in_source:', 'appeal-body/mexico:not_in_source:',
    ]);
    expect(files['citations.csv'].trim().split('\n')).to.have.length(1);
    expect(files['sources.csv']).to.equal('id,title,authors,year,path,kind,original,map,sha256,text_sha256,url,archive_url,retrieved,evidence_type,publisher\n');
    const loaded = loadMatrix('asylum-in-the-americas', files);
    const check = checkMatrix(loaded.matrix, new Map(), { locations: loaded.locations });
    expect([...loaded.problems, ...check.problems]).to.deep.equal([]);
  });

  it('copies the structure of the open matrix (keeping its sources when asked), never its values or citations', async function () {
    this.timeout(40000);
    const { app, root, menuRoot, grid } = await showApp(REAL_MATRIX);
    // An edit of the open matrix: the dialog says where it stays.
    expect(app.store.edit({ type: 'set-jurisdiction', id: 'eu', set: { label: 'European Union (EU)' } }).ok).to.equal(true);
    const before = app.store.snapshot.matrix!;
    await (menuRoot.host as PolicyFileMenu).newMatrix();
    const dialogRoot = shadow(menuRoot.querySelector('policy-new-matrix'));
    const dialog = dialogRoot.querySelector('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(squash(dialogRoot.querySelector('.replaces')?.textContent)).to.equal(`The new matrix takes the place of “${before.title}” in the app; its edits stay in its draft in this browser (Export zip first to keep a copy as files).`);
    await sendKeys({ type: 'A copy to fill in' });
    // Start from: the radio group (arrow keys choose), then keep the sources.
    await tabTo(dialogRoot, 'input[name="start"]');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => dialogRoot.querySelector('input.keep-sources'), 'no choice to keep the sources');
    expect(dialogRoot.querySelectorAll('li.jurisdiction').length).to.equal(before.jurisdictions.length);
    expect(dialogRoot.querySelectorAll('li.dimension').length).to.equal(before.dimensions.length);
    await sendKeys({ press: 'Tab' });
    expect(focused(dialogRoot)?.matches('input.keep-sources')).to.equal(true);
    await sendKeys({ press: 'Space' });
    // Back to blank and to the copy again: nothing typed in either is lost.
    dialogRoot.querySelector<HTMLInputElement>('input[value="blank"]')!.click();
    await waitUntil(() => dialogRoot.querySelectorAll('li.dimension').length === 1, 'blank shows its own rows');
    dialogRoot.querySelector<HTMLInputElement>('input[value="copy"]')!.click();
    await waitUntil(() => dialogRoot.querySelectorAll('li.dimension').length === before.dimensions.length, 'the copy is kept');
    expect(dialogRoot.querySelector<HTMLInputElement>('input.keep-sources')!.checked).to.equal(true);

    dialogRoot.querySelector<HTMLElement>('button.create')!.click();
    await waitUntil(() => !dialog.open, 'the dialog did not close');
    await waitUntil(() => squash(root.querySelector('h1')?.textContent) === 'A copy to fill in', 'the new matrix is not shown');
    const made = app.store.snapshot.matrix!;
    expect(made.dimensions.map((d) => [d.id, d.valueType, d.scale])).to.deep.equal([...before.dimensions].sort((a, b) => a.order - b.order).map((d) => [d.id, d.valueType, d.scale]));
    expect(made.levels.length).to.equal(before.levels.length);
    expect(made.cells.every((c) => c.status === 'not_in_source' && c.value === '')).to.equal(true);
    expect(made.citations).to.deep.equal([]);
    expect(made.sources.map((s) => s.id)).to.deep.equal(before.sources.map((s) => s.id));
    expect(app.store.snapshot.sourceTexts.get(before.sources[0].id)?.length).to.be.greaterThan(1000);
    expect(squash((await shownCell(grid, 0, 'eu')).textContent)).to.equal('Not in source');

    // Edited and autosaved like any matrix.
    app.store.edit({ type: 'set-dimension', id: made.dimensions[0].id, set: { label: 'Border integration' } });
    const bar = () => shadow(grid.querySelector('policy-edit-bar'));
    await waitUntil(() => squash(bar().querySelector('.saved')?.textContent).startsWith('Saved in this browser at'), 'the new matrix was not saved as a draft', { timeout: 10000 });
  });
});
