/**
 * Opening a matrix from picked or dropped files (and zips), the problems panel, and the
 * exports (canonical zip, wide CSV), in the real app in Chromium.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyFileMenu } from '../../src/components/policy-file-menu/policy-file-menu.component.ts';
import { readMatrixZip } from '../../src/model/export/zip.ts';
import { withFoundPositions } from '../../src/model/check/positions.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { cellKey, type Matrix } from '../../src/model/types.ts';
import { REAL_MATRIX, SMALL_MATRIX, click, gridCell, gridReady, rowIndexes, shadow, shownCell, squash } from './helpers.ts';

async function showApp(src: string) {
  const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${src} style="height: 900px"></policy-matrix-app>`);
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-file-menu')?.shadowRoot?.querySelector('button'), 'no file menu');
  const menu = root.querySelector<PolicyFileMenu>('policy-file-menu')!;
  const grid = shadow(root.querySelector('policy-matrix'));
  const panel = shadow(root.querySelector('policy-citation-panel'));
  return { app, root, menu, menuRoot: shadow(menu), grid, panel };
}

const problems = (root: ShadowRoot) => [...root.querySelectorAll('.problems:not(.findings) li code')].map((c) => squash(c.textContent));

/** Files as a FileList, the way a file input holds them. */
function fileList(files: File[]): FileList {
  const data = new DataTransfer();
  for (const f of files) data.items.add(f);
  return data.files;
}

/** Pick files with one of the menu's file inputs, as the browser does after the user chose. */
function pick(menuRoot: ShadowRoot, selector: string, files: File[]) {
  const input = menuRoot.querySelector<HTMLInputElement>(selector)!;
  input.files = fileList(files);
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The files of a folder that are there (an optional table such as computed.csv may not be). */
async function folderFiles(folder: string, names: readonly string[], edit: (name: string, text: string) => string = (_, t) => t): Promise<File[]> {
  const files = await Promise.all(names.map(async (name) => {
    const response = await fetch(`${folder}${name}`);
    return response.ok ? new File([edit(name, await response.text())], name) : undefined;
  }));
  return files.filter((f): f is File => f !== undefined);
}

/** Capture what the menu would download. */
function captureDownloads(menu: PolicyFileMenu) {
  const got: { blob: Blob; filename: string }[] = [];
  menu.download = (blob, filename) => got.push({ blob, filename });
  return got;
}

describe('opening a matrix from files', () => {
  it('loads picked files with a malformed cells.csv: problems as file:line:column, good rows loaded; Enter on a problem selects and shows its cell', async () => {
    const { root, menuRoot, grid, app } = await showApp(SMALL_MATRIX);
    await gridReady(grid);
    let badLine = 0;
    let lastCell = { dimension: '', jurisdiction: '' };
    let strayLine = 0;
    const files = await folderFiles(REAL_MATRIX, MATRIX_FILES, (name, text) => {
      if (name !== 'cells.csv') return text;
      const lines = text.split('\n');
      // The last row but one gets a status that is not in the format…
      const bad = lines.length - 3;
      const [dimension, jurisdiction] = lines[bad].split(',');
      lastCell = { dimension, jurisdiction };
      lines[bad] = lines[bad].replace(/,supported,|,not_in_source,/, ',perhaps,');
      badLine = bad + 1;
      // …and the last row a stray quote that never closes (a field of its own: the row's value may be quoted already).
      const last = lines.length - 2;
      lines[last] = `${lines[last]},"`;
      strayLine = last + 1;
      return lines.join('\n');
    });
    const source = new File([await (await fetch('/matrices/sources/security-in-the-americas.txt')).text()], 'security-in-the-americas.txt');
    pick(menuRoot, 'input.open-files', [...files, source]);

    await waitUntil(() => squash(root.querySelector('h1')?.textContent).startsWith('EU vs North America'), 'the picked matrix is not shown', { timeout: 10000 });
    await waitUntil(() => problems(root).length >= 2, 'no problems listed');
    const listed = problems(root);
    expect(listed.some((p) => new RegExp(`^cells\\.csv:${badLine}:\\d+: status "perhaps" is not one of`).test(p)), listed.join('\n')).to.equal(true);
    expect(listed.some((p) => new RegExp(`^cells\\.csv:${strayLine}:\\d+: unclosed quote`).test(p)), listed.join('\n')).to.equal(true);
    // The other rows loaded, and the source text was found by its name.
    expect(app.store.snapshot.matrix!.cells.length).to.equal(124);
    expect(squash(root.querySelector('.summary')?.textContent)).to.contain('124 cells');
    expect(app.store.snapshot.sourceTexts.size).to.equal(1);
    expect(squash(menuRoot.querySelector('.message')?.textContent)).to.contain('../sources/security-in-the-americas.txt is not among the files at that path; using security-in-the-americas.txt');
    await gridReady(grid);
    expect(squash((await shownCell(grid, 0, 'eu')).textContent)).to.contain('Integrated border management');

    // Choose the problem of the cell in the last row (not rendered before the grid scrolls there) with the keyboard.
    const row = app.store.snapshot.matrix!.dimensions.length - 1;
    expect(gridCell(grid, row, lastCell.jurisdiction) === null, `row ${row} is rendered before scrolling (rows ${rowIndexes(grid).join(',')})`).to.equal(true);
    const button = [...root.querySelectorAll<HTMLButtonElement>('.problems:not(.findings) button.problem')].find((b) => b.textContent!.includes('"perhaps"'))!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    const key = cellKey(lastCell.dimension, lastCell.jurisdiction);
    await waitUntil(() => app.store.snapshot.selection === key, 'Enter did not select the cell');
    // The grid scrolled to the row and focused the cell.
    await waitUntil(() => gridCell(grid, row, lastCell.jurisdiction)?.classList.contains('pm-selected'), 'the cell is not shown selected');
    await waitUntil(() => gridCell(grid, row, lastCell.jurisdiction)?.classList.contains('ag-cell-focus'), 'the cell has no focus');
    // …and it is within the grid's visible area.
    const cellBox = gridCell(grid, row, lastCell.jurisdiction)!.getBoundingClientRect();
    const viewBox = grid.querySelector('.ag-body-vertical-scroll-viewport')!.getBoundingClientRect();
    expect(cellBox.top >= viewBox.top - 1 && cellBox.top < viewBox.bottom, `cell at ${cellBox.top}, viewport ${viewBox.top}–${viewBox.bottom}`).to.equal(true);
  });

  it('opens files dropped on the page, says which source text is missing, and lets the user add it', async () => {
    const { root, menuRoot, app, grid } = await showApp(REAL_MATRIX);
    await gridReady(grid);
    const files = await folderFiles(SMALL_MATRIX, MATRIX_FILES);
    const data = new DataTransfer();
    for (const f of files) data.items.add(f);
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: data, cancelable: true }));
    await waitUntil(() => menuRoot.querySelector('.drop-overlay'), 'no drop hint while dragging');
    const drop = new DragEvent('drop', { dataTransfer: data, cancelable: true });
    window.dispatchEvent(drop);
    expect(drop.defaultPrevented).to.equal(true);

    await waitUntil(() => squash(root.querySelector('h1')?.textContent) === 'Small test matrix', 'the dropped matrix is not shown');
    expect(menuRoot.querySelectorAll('.drop-overlay').length).to.equal(0);
    expect(problems(root).length).to.equal(1);
    expect(problems(root)[0]).to.match(/^sources\.csv:2:\d+: the text of source "small" cannot be read at \.\.\/sources\/small-source\.txt$/);
    expect(squash(menuRoot.querySelector('.missing')?.textContent)).to.contain('No text for source “A small test text”: ../sources/small-source.txt is not there.');
    expect(squash(root.querySelector('.summary')?.textContent)).to.contain('0 found');

    menuRoot.querySelector<HTMLButtonElement>('button.add-source')!.click();
    const text = await (await fetch('/tests/fixtures/matrices/sources/small-source.txt')).text();
    pick(menuRoot, 'input.add-source', [new File([text], 'my-copy.txt')]);
    await waitUntil(() => menuRoot.querySelectorAll('.missing').length === 0, 'the source is still missing');
    expect(problems(root)).to.deep.equal([]);
    expect(app.store.snapshot.sourceTexts.get('small')).to.equal(text);
    expect(squash(root.querySelector('.summary')?.textContent)).to.contain('4 found');
  });

  it('says so when the picked files hold no matrix, and keeps the matrix shown', async () => {
    const { root, menuRoot, grid } = await showApp(SMALL_MATRIX);
    await gridReady(grid);
    pick(menuRoot, 'input.open-files', [new File(['hello'], 'notes.txt')]);
    await waitUntil(() => menuRoot.querySelector('.message.error'), 'no error said');
    expect(squash(menuRoot.querySelector('.message')?.textContent)).to.match(/^Could not open notes\.txt: no matrix among the 1 file/);
    expect(squash(root.querySelector('h1')?.textContent)).to.equal('Small test matrix');
  });
});

describe('exporting', () => {
  const PAYLOAD = '=HYPERLINK("http://example.invalid","x")';

  /** An edit: a formula-like value and note in one cell, a new label. */
  function edit(matrix: Matrix): Matrix {
    const m = structuredClone(matrix);
    const cell = m.cells.find((c) => c.dimension === 'claimant-work' && c.jurisdiction === 'south')!;
    cell.value = PAYLOAD;
    cell.note = '@SUM(1+1)*cmd|\' /C calc\'!A0';
    m.jurisdictions[0].label = '+Northland';
    return m;
  }

  it('exports a canonical zip that loads back equal to the edited matrix, also when opened in the app', async () => {
    const { app, menu, menuRoot, grid, root } = await showApp(SMALL_MATRIX);
    await gridReady(grid);
    const { snapshot } = app.store;
    const edited = edit(snapshot.matrix!);
    app.store.load({ matrix: edited, problems: [...snapshot.problems], locations: snapshot.locations, sourceTexts: new Map(snapshot.sourceTexts) });
    const downloads = captureDownloads(menu);

    await click(menuRoot.querySelector('button.export-zip')!);
    await waitUntil(() => downloads.length === 1, 'nothing downloaded');
    const [{ blob, filename }] = downloads;
    expect(filename).to.equal('small.zip');
    expect(blob.type).to.equal('application/zip');
    expect(squash(menuRoot.querySelector('.message')?.textContent)).to.equal('Exported small.zip: small/ with 7 files and 1 source text.');

    const back = await readMatrixZip(new Uint8Array(await blob.arrayBuffer()), filename);
    expect(back.bundle.problems).to.deep.equal([]);
    // The export writes where each found quote is (citations.csv start, end).
    const exported = withFoundPositions(edited, snapshot.sourceTexts);
    expect(exported.citations.filter((c) => c.start !== undefined).length).to.equal(4);
    expect(saveMatrix(back.bundle.matrix)).to.deep.equal(saveMatrix(exported));
    expect(back.bundle.matrix.cells.find((c) => c.value === PAYLOAD)).to.not.equal(undefined);
    expect([...back.bundle.sourceTexts]).to.deep.equal([...snapshot.sourceTexts]);

    // Open the zip in the app: the same matrix again.
    pick(menuRoot, 'input.open-files', [new File([blob], filename)]);
    await waitUntil(() => app.store.snapshot.matrix !== edited && app.store.snapshot.status === 'ready' && app.store.snapshot.origin === 'small.zip', 'the zip was not opened');
    expect(saveMatrix(app.store.snapshot.matrix!)).to.deep.equal(saveMatrix(exported));
    expect(problems(root)).to.deep.equal([]);
    await waitUntil(() => squash(gridCell(grid, 2, 'south')?.textContent).includes(PAYLOAD), 'the edited value is not shown');
  });

  it('exports the view as a wide CSV whose fields are inert in a spreadsheet', async () => {
    const { app, menu, menuRoot, grid } = await showApp(SMALL_MATRIX);
    await gridReady(grid);
    const { snapshot } = app.store;
    app.store.load({ matrix: edit(snapshot.matrix!), problems: [...snapshot.problems], locations: snapshot.locations, sourceTexts: new Map(snapshot.sourceTexts) });
    const downloads = captureDownloads(menu);
    await click(menuRoot.querySelector('button.export-wide')!);
    await waitUntil(() => downloads.length === 1, 'nothing downloaded');
    const [{ blob, filename }] = downloads;
    expect(filename).to.equal('small.csv');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(await blob.text()).to.equal(
      [
        "Dimension,'+Northland,Southland",
        'Internal border checks,Abolished in 1995 [Full],Abolished in 2001 [Partial]',
        'Common visa,Yes,Not in source',
        `Claimants' access to work,After six months <b>(or later)</b>,"'=HYPERLINK(""http://example.invalid"",""x"")"`,
        '',
      ].join('\n'),
    );
  });
});
