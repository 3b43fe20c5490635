/**
 * Find evidence across sources, in the app with real key presses: Ctrl+Shift+F, a phrase that
 * runs across a hyphenated line end of the bundled source, the result opened in the reader at
 * its passage, cited to a cell picked from the keyboard (no cell was selected), the citation
 * found in the evidence panel, and undone. Then the search's index in a real worker: the same
 * results as on the main thread, a worker that cannot start, a text replaced while indexed.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicySourceSearch } from '../../src/components/source-search/source-search.component.ts';
import { cellKey } from '../../src/model/types.ts';
import { SourceSearch, createSearchWorker, type SearchView } from '../../src/state/source-search.ts';
import { REAL_MATRIX, fetchText, gridReady, shadow, squash } from './helpers.ts';

let db = 0;

async function showApp() {
  const drafts = `test-search-${Date.now()}-${++db}`;
  const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${REAL_MATRIX} drafts=${drafts} style="height: 900px"></policy-matrix-app>`);
  const root = shadow(app);
  await waitUntil(() => root.querySelector('policy-matrix')?.shadowRoot, 'no grid');
  const grid = shadow(root.querySelector('policy-matrix'));
  await gridReady(grid);
  return { app, root, grid, panel: shadow(root.querySelector('policy-citation-panel')) };
}

async function chord(modifiers: string[], key: string): Promise<void> {
  for (const m of modifiers) await sendKeys({ down: m });
  await sendKeys({ press: key });
  for (const m of [...modifiers].reverse()) await sendKeys({ up: m });
}

const focusedIn = (root: ShadowRoot) => root.activeElement as HTMLElement | null;

describe('Search sources', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('finds a phrase across a hyphenated line end; Enter opens the reader there; Ctrl+Enter cites it to a cell picked by keyboard; the evidence shows it found; Ctrl+Z undoes it', async function () {
    this.timeout(60000);
    const { app, root, panel } = await showApp();
    const source = await fetchText('../sources/security-in-the-americas.txt', REAL_MATRIX);
    // The phrase as printed: "neces-" ends a line, "sary" starts the next.
    expect(source).to.contain('cooperation neces-\nsary to eliminate');

    // Ctrl+Shift+F from the page: the Search sources view, its box focused.
    root.querySelector<HTMLElement>('#tab-matrix')!.focus();
    await chord(['Control', 'Shift'], 'F');
    await waitUntil(() => root.querySelector('policy-source-search')?.shadowRoot?.querySelector('input.query'), 'the search view did not open');
    const search = root.querySelector<PolicySourceSearch>('policy-source-search')!;
    const s = shadow(search);
    expect(root.querySelector('#tab-search')?.getAttribute('aria-selected')).to.equal('true');
    await waitUntil(() => focusedIn(s)?.matches('input.query'), 'the search box is not focused');

    await sendKeys({ type: '"cooperation necessary to eliminate"' });
    // The results of the whole query typed (a query typed so far can also find one passage).
    await waitUntil(
      () => squash(s.querySelector('.status')?.textContent) === '1 passage in 1 source.' && squash(s.querySelector('article.hit .excerpt mark')?.textContent) === 'cooperation necessary to eliminate',
      'not the one passage', { timeout: 10000 },
    );
    expect(s.querySelector('.status')?.getAttribute('role')).to.equal('status');
    const hit = s.querySelector('article.hit')!;
    expect(squash(hit.querySelector('.where')?.textContent)).to.equal('1. Security in the Americas (edited volume excerpt)');
    const excerpt = squash(hit.querySelector('.excerpt')?.textContent);
    expect(excerpt).to.contain('established new policies to ensure cooperation necessary to eliminate internal border checks');
    expect([...hit.querySelectorAll('.excerpt mark')].map((m) => squash(m.textContent))).to.deep.equal(['cooperation necessary to eliminate']);

    // ↓ to the result; Enter opens the source reader at the passage; Escape comes back.
    await sendKeys({ press: 'ArrowDown' });
    expect(focusedIn(s)?.matches('article.hit')).to.equal(true);
    await sendKeys({ press: 'Enter' });
    const dialog = () => s.querySelector<HTMLDialogElement>('dialog.reader-dialog');
    await waitUntil(() => dialog()?.open, 'the reader did not open');
    const reader = shadow(dialog()!.querySelector('policy-source-reader'));
    await waitUntil(() => reader.querySelector('mark.passage'), 'the passage is not marked in the reader');
    const passage = squash([...reader.querySelectorAll('mark.passage')].map((m) => m.textContent).join(''));
    expect(passage).to.contain('cooperation neces- sary to eliminate internal border checks');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(), 'Escape did not close the reader');
    expect(focusedIn(s)?.matches('article.hit')).to.equal(true);

    // No cell is selected: Ctrl+Enter says so and goes to the cell picker.
    expect(app.store.snapshot.selection).to.equal(undefined);
    await chord(['Control'], 'Enter');
    await waitUntil(() => focusedIn(s)?.matches('select.target-dimension'), 'the dimension picker is not focused');
    expect(squash(s.querySelector('.said')?.textContent)).to.equal('No cell is selected: choose the dimension and jurisdiction to cite this passage to.');
    await sendKeys({ type: 'Visa harm' });
    await sendKeys({ press: 'Tab' });
    expect(focusedIn(s)?.matches('select.target-jurisdiction')).to.equal(true);
    await sendKeys({ type: 'Canada' });
    const key = cellKey('visa-harmonization', 'ca');
    await waitUntil(() => app.store.snapshot.selection === key, 'the picked cell is not selected');
    await waitUntil(() => squash(panel.querySelector('h2')?.textContent) === 'Visa harmonization — Canada', 'the evidence panel does not show the picked cell');
    expect(squash(s.querySelector('#target-state')?.textContent)).to.equal('Results are cited to Visa harmonization — Canada.');
    const before = app.store.snapshot.check!.citations.get(key)?.length ?? 0;
    const beforeCoverage = app.store.snapshot.check!.coverage.citations;

    // Back to the result, and cite it.
    s.querySelector<HTMLInputElement>('input.query')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await chord(['Control'], 'Enter');
    await waitUntil(() => (app.store.snapshot.check!.citations.get(key)?.length ?? 0) === before + 1, 'the result was not cited');
    const added = app.store.snapshot.check!.citations.get(key)!.at(-1)!;
    expect(added.anchor.status).to.equal('found');
    expect(added.citation.quote).to.contain('cooperation neces');
    expect(squash(s.querySelector('.said')?.textContent)).to.equal(`Cited to Visa harmonization — Canada as citation ${added.citation.seq}: found in the source. Ctrl+Z undoes it.`);
    expect(app.store.snapshot.edits.history.at(-1)?.label).to.match(/^Add citation/);

    // The evidence panel shows it, found, with the quote marked in its passage.
    await waitUntil(() => panel.querySelectorAll('.citation').length === before + 1, 'the evidence panel does not list the new citation');
    const shown = [...panel.querySelectorAll('.citation')].at(-1)!;
    expect(squash(shown.querySelector('.badge')?.textContent)).to.contain('Found');
    expect(squash(shown.querySelector('mark')?.textContent)).to.contain('ensure cooperation neces');

    // Undone with Ctrl+Z (the focus is on the result, not in a text field).
    expect(focusedIn(s)?.matches('article.hit')).to.equal(true);
    await chord(['Control'], 'z');
    await waitUntil(() => (app.store.snapshot.check!.citations.get(key)?.length ?? 0) === before, 'Ctrl+Z did not undo the citation');
    await waitUntil(() => panel.querySelectorAll('.citation').length === before, 'the evidence panel still lists it');
    expect(app.store.snapshot.check!.coverage.citations).to.equal(beforeCoverage);
  });

  it('results follow the typing: a word being typed matches the words it begins; Home, End and Escape move in the results', async () => {
    const { app, root } = await showApp();
    await app.searchSources();
    const s = shadow(root.querySelector('policy-source-search'));
    const input = s.querySelector<HTMLInputElement>('input.query')!;
    await waitUntil(() => root.activeElement === root.querySelector('policy-source-search') && s.activeElement === input, 'the box is not focused');
    await sendKeys({ type: 'schen' });
    // Every result marks a word that "schen" begins (typing "s", "sc"… showed others a moment before).
    const marks = () => [...s.querySelectorAll('.excerpt mark')].map((m) => squash(m.textContent).toLowerCase());
    await waitUntil(() => s.querySelectorAll('article.hit').length > 1 && marks().every((m) => m.startsWith('schengen')), `a beginning of a word does not find its words: ${marks().join(', ')}`, { timeout: 10000 });
    const count = s.querySelectorAll('article.hit').length;
    await sendKeys({ type: 'gen agreement' });
    await waitUntil(() => /passages? in 1 source/.test(squash(s.querySelector('.status')?.textContent)) && s.querySelectorAll('article.hit').length < count, 'the results did not follow the typing');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'End' });
    const last = s.querySelectorAll('article.hit').length - 1;
    expect(focusedIn(s)?.getAttribute('data-index')).to.equal(String(last));
    expect([...s.querySelectorAll('article.hit')].filter((a) => a.getAttribute('tabindex') === '0').length, 'one result in the Tab order').to.equal(1);
    await sendKeys({ press: 'Home' });
    expect(focusedIn(s)?.getAttribute('data-index')).to.equal('0');
    await sendKeys({ press: 'Escape' });
    expect(focusedIn(s)).to.equal(input);
  });
});

describe('SourceSearch: the index built in a worker', () => {
  const collect = () => {
    const views: SearchView[] = [];
    return { views, onChange: (v: SearchView) => views.push(v) };
  };
  const settled = async (views: SearchView[], done: (v: SearchView) => boolean, what = 'the search') => {
    const seen = () => JSON.stringify(views.map((v) => ({ indexed: v.indexed, of: v.sources, failed: v.failed, total: v.results?.total })));
    await waitUntil(() => views.length > 0 && done(views.at(-1)!), `${what} did not settle (views: ${seen()})`, { timeout: 10000 });
    return views.at(-1)!;
  };

  it('gives the same results from a worker as on the main thread, and falls back when the worker cannot start', async () => {
    const text = await fetchText('../sources/security-in-the-americas.txt', REAL_MATRIX);
    let replies = 0;
    const inWorker = collect();
    const worker = new SourceSearch({
      onChange: inWorker.onChange,
      worker: () => {
        const w = createSearchWorker()!;
        w.addEventListener('message', () => replies++);
        return w;
      },
    });
    const here = collect();
    const main = new SourceSearch({ onChange: here.onChange, worker: () => undefined });
    const broken = collect();
    const failing = new SourceSearch({ onChange: broken.onChange, worker: () => new Worker('/no/such/worker.js', { type: 'module' }) });
    for (const s of [worker, main, failing]) {
      s.sync([{ id: 'security-americas', text }]);
      s.query('schengen "border checks"');
      s.flush();
    }
    const ready = (v: SearchView) => v.indexed === 1 && v.results !== undefined && v.results.total > 0;
    const a = await settled(inWorker.views, ready, 'the search in a worker');
    const b = await settled(here.views, ready, 'the search on the main thread');
    const c = await settled(broken.views, ready, 'the search whose worker cannot start');
    expect(replies, 'the worker answered').to.equal(1);
    const summary = (v: SearchView) => v.results!.results.map((r) => [r.passage.start, r.excerpt.text, r.excerpt.marks]);
    expect(summary(a)).to.deep.equal(summary(b));
    expect(summary(c)).to.deep.equal(summary(b));
    for (const s of [worker, main, failing]) s.dispose();
  });

  it('a text replaced while it is indexed: only the new text is ever searched', async () => {
    const { views, onChange } = collect();
    const search = new SourceSearch({ onChange });
    search.query('zanzibar');
    search.sync([{ id: 's', text: 'Zanzibar is named in the old text only. '.repeat(2000) }]);
    search.sync([{ id: 's', text: 'The new text names no island. '.repeat(2000) }]);
    const last = await settled(views, (v) => v.indexed === 1 && v.results !== undefined);
    // Let any answer for the old text arrive: it is dropped.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(last.results!.total).to.equal(0);
    expect(views.every((v) => (v.results?.total ?? 0) === 0), 'no view ever had the old text').to.equal(true);
    search.dispose();
  });
});
