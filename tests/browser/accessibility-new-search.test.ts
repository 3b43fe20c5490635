/**
 * Accessibility (axe-core, tests/browser/axe.ts) of the views for starting a matrix and
 * finding evidence: the New matrix dialog (blank, with a new scale and problems said next to
 * their fields, and with the open matrix's structure), Export references with its formats
 * shown, Search sources with results, and the source reader opened from a result. The app
 * runs as a real page in a frame, so page-level rules apply; nothing is created or edited.
 */
import { waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyFileMenu } from '../../src/components/policy-file-menu/policy-file-menu.component.ts';
import type { PolicySourceSearch } from '../../src/components/source-search/source-search.component.ts';
import { expectAccessible } from './axe.ts';
import { shadow } from './helpers.ts';

async function openPage(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.className = 'app-frame';
  frame.title = url;
  frame.src = url;
  frame.width = '1200';
  frame.height = '900';
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

describe('accessibility (axe-core) of New matrix, Export references and Search sources', () => {
  before(() => setViewport({ width: 1300, height: 1000 }));
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('the New matrix dialog and Export references: no critical or serious violation', async function () {
    this.timeout(90000);
    const frame = await openPage('/index.html');
    const win = frame.contentWindow!;
    const doc = frame.contentDocument!;
    const root = () => shadow(doc.querySelector('policy-matrix-app'));
    await waitUntil(() => doc.querySelector('policy-matrix-app')?.shadowRoot?.querySelector('policy-matrix')?.shadowRoot?.querySelector('.ag-row[row-index="0"] .ag-cell .cell'), 'the grid is not shown', { timeout: 20000 });
    const menu = root().querySelector<PolicyFileMenu>('policy-file-menu')!;
    await menu.newMatrix();
    const dialog = shadow(shadow(menu).querySelector('policy-new-matrix'));
    await expectAccessible(win, 'New matrix (blank)');

    // A dimension with levels of a new scale, and a Create refused: problems next to their fields.
    const type = dialog.querySelector<HTMLSelectElement>('li.dimension select[id$="-type"]')!;
    type.value = 'ordinal';
    type.dispatchEvent(new Event('change'));
    await waitUntil(() => dialog.querySelector('button.new-scale'));
    dialog.querySelector<HTMLButtonElement>('button.new-scale')!.click();
    await waitUntil(() => dialog.querySelector('li.level'));
    dialog.querySelector<HTMLButtonElement>('button.create')!.click();
    await waitUntil(() => dialog.querySelector('#err-title'), 'no problem said');
    await expectAccessible(win, 'New matrix with a new scale and problems');

    dialog.querySelector<HTMLInputElement>('input[value="copy"]')!.click();
    await waitUntil(() => dialog.querySelectorAll('li.dimension').length > 5, 'the structure is not copied');
    await expectAccessible(win, 'New matrix with the structure of the open matrix');
    dialog.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await waitUntil(() => !dialog.querySelector('dialog[open]'));

    const references = shadow(shadow(menu).querySelector('policy-references-menu'));
    references.querySelector<HTMLButtonElement>('button.export-references')!.click();
    await waitUntil(() => references.querySelector('.formats:not([hidden])'), 'the formats are not shown');
    await expectAccessible(win, 'Export references with its formats');
  });

  it('Search sources with results, and the source reader opened at a result: no critical or serious violation', async function () {
    this.timeout(90000);
    const frame = await openPage('/index.html?view=search');
    const win = frame.contentWindow!;
    const doc = frame.contentDocument!;
    await waitUntil(() => doc.querySelector('policy-matrix-app')?.shadowRoot?.querySelector('policy-source-search')?.shadowRoot?.querySelector('input.query'), 'no search view', { timeout: 20000 });
    const app = doc.querySelector<PolicyMatrixApp>('policy-matrix-app')!;
    await waitUntil(() => app.store.snapshot.status === 'ready', 'the matrix is not loaded', { timeout: 20000 });
    const search = shadow(app.shadowRoot!.querySelector<PolicySourceSearch>('policy-source-search'));
    await expectAccessible(win, 'Search sources (empty)');
    app.shadowRoot!.querySelector<PolicySourceSearch>('policy-source-search')!.setQuery('border "integrated approach"');
    await waitUntil(() => search.querySelectorAll('article.hit').length > 0, 'no results', { timeout: 10000 });
    await expectAccessible(win, 'Search sources with results');
    search.querySelector<HTMLButtonElement>('article.hit button.open')!.click();
    await waitUntil(() => search.querySelector('dialog.reader-dialog[open] policy-source-reader')?.shadowRoot?.querySelector('mark.passage'), 'the reader did not open at the passage');
    await expectAccessible(win, 'source reader opened from a search result');
  });
});
