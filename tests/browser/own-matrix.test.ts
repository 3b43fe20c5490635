/**
 * An analyst's own matrix from nothing, end to end in the real app: a new matrix (New
 * matrix…, the structure of an empty one), a PDF
 * added as a source (keyboard and file picker, or dropped on the dialog), a passage on page 2
 * cited by selection in the reader (locator "p. 2" from the PDF's pages), the matrix exported
 * as a zip, and the real `policy-matrix validate` run on what was exported: 0 errors.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicySourceReader } from '../../src/components/source-reader/policy-source-reader.ts';
import { handPdf } from '../unit/support/pdf-writer.ts';
import { expectAccessible } from './axe.ts';
import { EMPTY_MATRIX, clickCell, gridReady, shadow, squash } from './helpers.ts';

const REPORT = handPdf({
  title: 'Family detention report',
  author: 'R. Analyst',
  pages: [
    ['Part one: the northern practice.', 'Families are not detained in the north.'],
    ['Part two: the southern practice.', 'Detention of families ended in 2019', 'after a court ruling in the capital.'],
  ],
});

const fileOf = (bytes: Uint8Array, name: string, type: string) => new File([bytes as BlobPart], name, { type });

function pickFile(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

async function openApp() {
  const drafts = `test-own-matrix-${Date.now()}-${Math.random()}`;
  const page = await fixture<HTMLElement>(html`<div><policy-matrix-app src=${EMPTY_MATRIX} drafts=${drafts} style="height: 900px"></policy-matrix-app></div>`);
  const app = page.querySelector<PolicyMatrixApp>('policy-matrix-app')!;
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-matrix'));
  await gridReady(shadow(root.querySelector('policy-matrix')));
  await waitUntil(() => app.store.snapshot.status === 'ready', 'the matrix did not load');
  const adder = root.querySelector('policy-add-source')!;
  return { app, root, adder, dialog: () => shadow(adder) };
}

describe('your own matrix, end to end', () => {
  it('makes a new matrix, adds a PDF from the keyboard, cites page 2 by selection ("p. 2"), exports, and validates the export with 0 errors', async () => {
    const { app, root, adder, dialog } = await openApp();
    const d = dialog();

    // New matrix…: a title, the structure of the open (empty) matrix.
    const menuRoot = shadow(root.querySelector('policy-file-menu'));
    menuRoot.querySelector<HTMLButtonElement>('button.new-matrix')!.click();
    await waitUntil(() => menuRoot.querySelector('policy-new-matrix')?.shadowRoot?.querySelector('dialog[open]'), 'the New matrix dialog did not open');
    const nm = shadow(menuRoot.querySelector('policy-new-matrix'));
    nm.querySelector<HTMLInputElement>('#nm-title')!.focus();
    await sendKeys({ type: 'Family detention in the Americas' });
    nm.querySelector<HTMLInputElement>('input[value="copy"]')!.click();
    await waitUntil(() => nm.querySelectorAll('li.dimension').length === 2, 'the structure is not copied');
    nm.querySelector<HTMLButtonElement>('button.create')!.click();
    await waitUntil(() => squash(root.querySelector('h1')?.textContent) === 'Family detention in the Americas', 'the new matrix is not shown');
    expect(app.store.snapshot.matrix!.sources).to.have.length(0);
    expect(app.store.snapshot.matrix!.cells.every((c) => c.status === 'not_in_source')).to.equal(true);

    // Add source… from the keyboard: the dialog opens with focus inside it.
    d.querySelector<HTMLButtonElement>('button.open')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => d.querySelector('dialog')?.open, 'the dialog did not open');
    expect(d.querySelector('dialog')!.contains(d.activeElement)).to.equal(true);
    pickFile(d.querySelector<HTMLInputElement>('input.file')!, fileOf(REPORT, 'Family detention.pdf', 'application/pdf'));
    await waitUntil(() => !d.querySelector<HTMLButtonElement>('button.add')!.disabled, 'the PDF was not read', { timeout: 15000 });
    expect(squash(d.querySelector('.status')?.textContent)).to.contain('Family detention.pdf: PDF, 2 pages');
    expect(d.querySelector<HTMLInputElement>('#field-title')!.value).to.equal('Family detention report');
    await expectAccessible(window, 'Add source dialog', adder);
    // The record of the source: its publisher, the type of evidence and a date retrieved, by keyboard.
    d.querySelector<HTMLInputElement>('#field-publisher')!.select();
    await sendKeys({ type: 'Ministry of the Interior' });
    d.querySelector<HTMLInputElement>('#field-retrieved')!.select();
    await sendKeys({ type: '2025-03-14' });
    d.querySelector<HTMLSelectElement>('#field-evidence-type')!.focus();
    await sendKeys({ press: 'G' });
    await waitUntil(() => d.querySelector<HTMLSelectElement>('#field-evidence-type')!.value === 'government-document', 'the type of evidence is not chosen');
    d.querySelector<HTMLButtonElement>('button.add')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => app.store.snapshot.matrix!.sources.length === 1, 'the source was not added').catch((e: Error) => { throw new Error(`${e.message}: ${squash(d.querySelector('.error')?.textContent)}`); });
    expect(d.querySelector('dialog')!.open).to.equal(false);
    expect(squash(d.querySelector('.said')?.textContent)).to.contain('Added source “Family detention report” from Family detention.pdf (2 pages)');
    const source = app.store.snapshot.matrix!.sources[0];
    expect(source).to.deep.include({
      id: 'family-detention', kind: 'pdf', path: 'sources/family-detention.txt', original: 'sources/family-detention.pdf',
      publisher: 'Ministry of the Interior', retrieved: '2025-03-14', evidenceType: 'government-document',
    });

    // Cite a passage on page 2 by selection in the reader.
    const grid = shadow(root.querySelector('policy-matrix'));
    const panel = shadow(root.querySelector('policy-citation-panel'));
    await clickCell(grid, 0, 'south');
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent) === 'Detention of families — Southland', 'the cell is not selected');
    panel.querySelector<HTMLButtonElement>('.cite-from-source')!.click();
    await waitUntil(() => panel.querySelector('dialog.reader-dialog')?.hasAttribute('open'), 'the reader did not open');
    const reader = panel.querySelector<PolicySourceReader>('policy-source-reader')!;
    await reader.updateComplete;
    const text = app.store.snapshot.sourceTexts.get(source.id)!;
    // The PDF's pages, with their numbers, in the reader.
    const pane = shadow(reader).querySelector<HTMLElement>('.text')!;
    expect([...pane.querySelectorAll('.page-break')].map((b) => squash(b.textContent))).to.deep.equal(['Page 1', 'Page 2']);
    // A selection that begins on a page's number begins at the page's first word.
    const heading = 'Part two: the southern practice.';
    const headingEnd = text.indexOf(heading) + heading.length;
    const segment = [...pane.querySelectorAll<HTMLElement>('[data-start]')].find((el) => Number(el.dataset.start) < headingEnd && Number(el.dataset.start) + el.textContent!.length >= headingEnd)!;
    const segmentText = [...segment.childNodes].find((n) => n.nodeType === Node.TEXT_NODE)!;
    const pageNumber = [...pane.querySelectorAll('.page-break')[1].childNodes].find((n) => n.nodeType === Node.TEXT_NODE)!;
    document.getSelection()!.setBaseAndExtent(pageNumber, 2, segmentText, headingEnd - Number(segment.dataset.start));
    document.dispatchEvent(new Event('selectionchange'));
    await waitUntil(() => squash(shadow(reader).querySelector('.selected')?.textContent) === `Selected: ${heading}`, 'a selection from the page number is not the page\'s text');
    expect(shadow(reader).querySelector<HTMLInputElement>('.locator input')!.placeholder).to.equal('p. 2');
    await expectAccessible(window, 'source reader with pages', reader);
    const quote = 'Detention of families ended in 2019';
    const start = text.indexOf(quote);
    expect(start).to.be.greaterThan(0);
    expect(reader.selectRange(start, start + quote.length)).to.equal(true);
    await waitUntil(() => squash(shadow(reader).querySelector('.selected')?.textContent) === `Selected: ${quote}`, 'the selection is not captured');
    shadow(reader).querySelector<HTMLButtonElement>('.attach-button')!.click();
    await waitUntil(() => app.store.snapshot.matrix!.citations.length === 1, 'not attached');
    expect(app.store.snapshot.matrix!.citations[0]).to.deep.include({ quote, locator: 'p. 2', source: source.id });
    await waitUntil(() => squash(panel.querySelector('.locator')?.textContent) === '· p. 2', 'the locator is not shown');
    // A citation without a locator of its own (as checked on load) shows the page its quote is found on.
    expect(app.store.edit({ type: 'set-citation', dimension: 'detention', jurisdiction: 'south', seq: 1, set: { locator: '' } })).to.deep.equal({ ok: true });
    await waitUntil(() => app.store.snapshot.matrix!.citations[0].locator === '');
    await new Promise((r) => setTimeout(r, 50));
    expect(squash(panel.querySelector('.locator')?.textContent)).to.equal('· p. 2');

    // Export the zip as the app downloads it, and validate it with the command line.
    const menu = root.querySelector('policy-file-menu')!;
    let exported: Blob | undefined;
    menu.download = (blob) => (exported = blob);
    shadow(menu).querySelector<HTMLButtonElement>('.export-zip')!.click();
    await waitUntil(() => exported, 'nothing exported');
    const result = await executeServerCommand<{ status: number; stdout: string; stderr: string; files: string[] }, { zip: string }>('validate-export', { zip: await base64(exported!) });
    const folder = result!.files.find((f) => f.endsWith('/citations.csv'))!.replace(/\/citations\.csv$/, '');
    expect(result!.files).to.include.members(['sources/family-detention.pdf', 'sources/family-detention.txt', 'sources/family-detention.map.json'].map((f) => `${folder}/${f}`));
    const report = JSON.parse(result!.stdout).matrices[0];
    expect(report.errors, result!.stdout).to.equal(0);
    expect(report.citations).to.have.length(1);
    expect(report.citations[0]).to.deep.include({ source: 'family-detention', status: 'found', locator: 'p. 2' });
    expect(result!.status).to.equal(0);
  });

  it('takes a file dropped on the dialog; refuses a scanned PDF with a message, adding nothing; undo takes an added source back', async () => {
    const { app, dialog } = await openApp();
    const d = dialog();
    d.querySelector<HTMLButtonElement>('button.open')!.click();
    const drop = (file: File) => {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      d.querySelector('dialog')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true, composed: true }));
    };
    drop(fileOf(handPdf({ pages: [['x']], imageOnly: true }), 'scan.pdf', 'application/pdf'));
    await waitUntil(() => squash(d.querySelector('.error')?.textContent) !== '', 'no message for a scan', { timeout: 15000 });
    expect(squash(d.querySelector('.error')?.textContent)).to.match(/"scan\.pdf" .*text.*Nothing was added\./);
    expect(d.querySelector<HTMLButtonElement>('button.add')!.disabled).to.equal(true);
    expect(app.store.snapshot.matrix!.sources).to.have.length(0);
    // The page's own drop (opening a matrix) did not take the file.
    expect(app.store.snapshot.matrix!.title).to.equal('Detention and visas');

    drop(fileOf(new TextEncoder().encode('# Article 3\n\nVisa policy is harmonized across the union.\n'), 'notes.md', 'text/markdown'));
    await waitUntil(() => !d.querySelector<HTMLButtonElement>('button.add')!.disabled, 'the Markdown file was not read', { timeout: 15000 });
    expect(squash(d.querySelector('.error')?.textContent)).to.equal('');
    d.querySelector<HTMLButtonElement>('button.add')!.click();
    await waitUntil(() => app.store.snapshot.matrix!.sources.length === 1);
    expect(app.store.undo()).to.equal(true);
    expect(app.store.snapshot.matrix!.sources).to.have.length(0);
    expect(app.store.snapshot.sourceTexts.size).to.equal(0);
  });
});
