/**
 * <policy-compare> in Chromium, on the hand-made comparison fixture (its figures are worked
 * out in tests/unit/compare.test.ts and docs/compare.md) and on the bundled matrix: choosing
 * sides, filters, a link with state, and evidence opened with the keyboard.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-compare/policy-compare.ts';
import '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicyCompare } from '../../src/components/policy-compare/policy-compare.ts';
import { REAL_MATRIX, click, shadow, squash } from './helpers.ts';

const FIXTURE = '/tests/fixtures/compare/matrix/';

// The test page's own address (the runner's session parameters): restored after each test.
const originalUrl = location.pathname + location.search + location.hash;
afterEach(() => history.replaceState(history.state, '', originalUrl));

/** Open the page at this address's query plus `extra` (as following a link would), then show the element. */
function goTo(extra: string) {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of new URLSearchParams(extra)) params.set(k, v);
  history.replaceState(history.state, '', `${location.pathname}?${params}`);
}

async function showCompare(template = html`<policy-compare src=${FIXTURE}></policy-compare>`) {
  const page = await fixture<HTMLElement>(html`<div>${template}</div>`);
  const el = page.querySelector<PolicyCompare>('policy-compare')!;
  const root = shadow(el);
  await waitUntil(() => root.querySelector('.summary, .status:not([role="alert"])') && !squash(root.textContent).includes('Loading'), 'never loaded', { timeout: 10000 });
  return { el, root };
}

const rowIds = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>('.compare-table tbody tr')].map((tr) => tr.dataset.dimension);
const headers = (root: ShadowRoot) => [...root.querySelectorAll('.compare-table thead tr:last-child th')].map((th) => squash(th.textContent));
const convergenceOf = (root: ShadowRoot, dimension: string) =>
  squash(root.querySelector(`.compare-table tr[data-dimension="${dimension}"] .convergence`)?.textContent);
const checkbox = (root: ShadowRoot, name: string, value: string) =>
  [...root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`)].find((i) => i.value === value)!;
const panelText = (root: ShadowRoot) => squash(shadow(root.querySelector('policy-citation-panel')).textContent);
const query = () => new URLSearchParams(location.search);
/** A cell of the table or level overview by its cell key (CSS selectors cannot hold the key's NUL separator). */
const cellOf = (root: ShadowRoot, scope: string, key: string) =>
  [...root.querySelectorAll<HTMLElement>(`${scope} [data-key]`)].find((c) => c.dataset.key === key)!;

describe('<policy-compare> on the hand-made matrix', () => {
  it('shows each dimension side by side with its convergence in words, and the figures on hover and for screen readers', async () => {
    const { root } = await showCompare();
    expect(headers(root)).to.deep.equal(['Dimension', 'Alpha', 'Beta', 'Gamma', 'Convergence']);
    expect(rowIds(root)).to.deep.equal(['visa', 'checks', 'detention', 'work', 'removals', 'returns']);
    expect(convergenceOf(root, 'visa')).to.equal('≠Far apart · 2 steps');
    expect(convergenceOf(root, 'checks')).to.equal('≈One step apart');
    expect(convergenceOf(root, 'detention')).to.equal('≠Far apart · 2 steps 2 of 3 sides with evidence');
    expect(convergenceOf(root, 'work')).to.equal('=Same level 2 of 3 sides with evidence');
    expect(convergenceOf(root, 'removals')).to.equal('∅Not comparable no scale (number values)');
    expect(squash(root.querySelector('.summary')?.textContent)).to.equal(
      '6 of 6 dimensions shown: 3 far apart, 1 one step apart, 1 at the same level, 1 not comparable.',
    );
    // A legend says what every class means, in words.
    expect(squash(root.querySelector('.legend')?.textContent)).to.contain('Far apart two or more steps apart on the scale');

    // Pairwise heatmap: each cell names its pair and figures (tooltip and accessible name),
    // starting with the figures it shows (WCAG 2.5.3 Label in Name).
    const pairCells = [...root.querySelectorAll<HTMLElement>('.pairs [role="gridcell"]')];
    expect(pairCells.length).to.equal(9);
    const alphaBeta = pairCells.find((c) => c.dataset.r === '0' && c.dataset.c === '1')!;
    const sentence =
      '50%, n=4 — Alpha and Beta: same level on 2 of 4 dimensions (50%); one step apart on 1, far apart on 1; mean distance 0.75 steps (0.31 of the scale).';
    expect(alphaBeta.getAttribute('aria-label')).to.equal(sentence);
    expect(alphaBeta.getAttribute('title')).to.equal(sentence);
    expect(squash(alphaBeta.textContent)).to.equal('50% n=4');
    const betaGamma = pairCells.find((c) => c.dataset.r === '1' && c.dataset.c === '2')!;
    expect(squash(betaGamma.textContent)).to.equal('0% n=3');
    expect(betaGamma.getAttribute('aria-label')).to.match(/^0%, n=3 — Beta and Gamma: /);
    expect(pairCells.find((c) => c.dataset.r === '1' && c.dataset.c === '1')!.getAttribute('aria-label')).to.equal('Beta: itself');

    // Level overview: text in every cell, a label on each.
    const visaGamma = cellOf(root, '.levels', 'visa\u0000cc');
    expect(squash(visaGamma.textContent)).to.equal('3');
    expect(visaGamma.getAttribute('aria-label')).to.equal('Common visa, Gamma: Middle, level 3 of 5');
    expect(cellOf(root, '.levels', 'detention\u0000cc').getAttribute('aria-label')).to.equal(
      'Detention, Gamma: Not in source',
    );
  });

  it('lets the user choose jurisdictions and groups, and writes them into the address', async () => {
    const { root } = await showCompare();
    // Untick Gamma with the keyboard.
    checkbox(root, 'jurisdiction', 'cc').focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => headers(root).length === 4, 'Gamma still shown');
    expect(headers(root)).to.deep.equal(['Dimension', 'Alpha', 'Beta', 'Convergence']);
    expect(root.querySelectorAll('.pairs [role="gridcell"]').length).to.equal(4);
    expect(query().get('compare')).to.equal('aa,bb');
    expect(convergenceOf(root, 'detention')).to.equal('≠Far apart · 2 steps');

    // Tick the group East: it takes Beta's place, with Gamma.
    await click(checkbox(root, 'group', 'East'));
    await waitUntil(() => root.querySelector('.side-head'), 'no group header');
    expect([...root.querySelectorAll('.side-head')].map((th) => squash(th.textContent))).to.deep.equal(['Alpha', 'East']);
    expect(headers(root)).to.deep.equal(['Dimension', 'Alpha', 'Beta', 'Gamma', 'Convergence']);
    expect(checkbox(root, 'jurisdiction', 'bb').disabled).to.equal(true);
    expect(query().get('compare')).to.equal('aa,East');
    // Alpha against East (Beta and Gamma as one side): same figures as West against East.
    expect(squash(root.querySelector('.group-pairs')?.textContent)).to.equal(
      'Alpha and East: same level on 1 of 5 dimensions (20%); one step apart on 1, far apart on 3; mean distance 1.40 steps (0.55 of the scale).',
    );
  });

  it('filters by theme, differences and evidence, and sorts by divergence', async () => {
    const { root } = await showCompare();
    await click(checkbox(root, 'only-differences', 'on'));
    await waitUntil(() => rowIds(root).length === 4, 'only differences not applied');
    expect(rowIds(root)).to.deep.equal(['visa', 'checks', 'detention', 'returns']);
    expect(query().get('only')).to.equal('differences');

    const sort = root.querySelector<HTMLSelectElement>('select[name="sort"]')!;
    sort.value = 'divergence';
    sort.dispatchEvent(new Event('change'));
    await waitUntil(() => rowIds(root)[0] === 'detention', 'not sorted');
    expect(rowIds(root)).to.deep.equal(['detention', 'returns', 'visa', 'checks']);

    await click(checkbox(root, 'only-differences', 'on'));
    await click(checkbox(root, 'only-evidence', 'on'));
    await waitUntil(() => rowIds(root).length === 4 && rowIds(root)[0] === 'returns', 'only evidence not applied');
    expect(rowIds(root)).to.deep.equal(['returns', 'visa', 'checks', 'removals']);

    const theme = root.querySelector<HTMLSelectElement>('select[name="theme"]')!;
    theme.value = 'Borders';
    theme.dispatchEvent(new Event('change'));
    await waitUntil(() => rowIds(root).length === 2, 'theme not applied');
    expect(rowIds(root)).to.deep.equal(['visa', 'checks']);
    // The figures follow the theme: Alpha–Beta over visa and checks only.
    expect(root.querySelector('.pairs [data-r="0"][data-c="1"]')?.getAttribute('aria-label')).to.match(/^50%, n=2 — Alpha and Beta: same level on 1 of 2 dimensions \(50%\)/);
    expect(query().get('theme')).to.equal('Borders');
    expect(query().get('sort')).to.equal('divergence');
    expect(query().get('only')).to.equal('evidence');
  });

  it('reproduces the view from a link: sides, filters, sort and the selected cell with its evidence', async () => {
    goTo('compare=West,East&only=differences&sort=divergence&cell=returns/cc');
    const { root } = await showCompare();
    await waitUntil(() => panelText(root).includes('Gamma seldom returns anyone'), 'the linked cell\'s evidence is not shown');
    expect([...root.querySelectorAll('.side-head')].map((th) => squash(th.textContent))).to.deep.equal(['West', 'East']);
    expect(rowIds(root)).to.deep.equal(['detention', 'returns', 'visa', 'checks']);
    expect(checkbox(root, 'only-differences', 'on').checked).to.equal(true);
    expect(root.querySelector<HTMLSelectElement>('select[name="sort"]')!.value).to.equal('divergence');
    const selected = root.querySelector<HTMLElement>('.compare-table [aria-selected="true"]')!;
    expect(selected.dataset.key).to.equal('returns\u0000cc');
    expect(panelText(root)).to.contain('Returns — Gamma');
    // The address is left as the link gave it.
    expect(query().get('cell')).to.equal('returns/cc');
    expect(query().get('compare')).to.equal('West,East');
  });

  it('opens a cell\'s evidence with the keyboard: Tab into the table, arrows, Enter', async () => {
    const { root } = await showCompare(html`<policy-compare src=${FIXTURE} jurisdictions="aa,bb"></policy-compare>`);
    expect(panelText(root)).to.contain('Select a cell');
    // From the last control, Tab passes each heatmap (one stop each) and reaches the table.
    root.querySelector<HTMLSelectElement>('select[name="sort"]')!.focus();
    const table = root.querySelector('.compare-table')!;
    for (let i = 0; i < 5 && !table.contains(root.activeElement); i++) await sendKeys({ press: 'Tab' });
    expect(table.contains(root.activeElement), 'Tab reaches the side-by-side table').to.equal(true);
    expect((root.activeElement as HTMLElement).dataset.key).to.equal('visa\u0000aa');
    // Down twice, right once: (detention, Beta).
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => (root.activeElement as HTMLElement | null)?.dataset.key === 'detention\u0000bb', 'focus did not move');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panelText(root).includes('Beta detains claimants until their hearing as a rule'), 'no evidence shown');
    expect(panelText(root)).to.contain('Detention — Beta');
    expect(panelText(root)).to.contain('Found');
    expect(query().get('cell')).to.equal('detention/bb');
  });

  it('uses the store of an enclosing element: a cell chosen here is selected there, and no second panel is shown', async () => {
    const page = await fixture<HTMLElement>(html`
      <policy-matrix src=${FIXTURE} style="height: 400px">
        <policy-compare no-url-state jurisdictions="aa,cc"></policy-compare>
        <policy-citation-panel></policy-citation-panel>
      </policy-matrix>
    `);
    const matrix = page as unknown as { store: { snapshot: { selection?: string } } };
    const el = page.querySelector<PolicyCompare>('policy-compare')!;
    const root = shadow(el);
    await waitUntil(() => root.querySelector('.compare-table'), 'no table', { timeout: 10000 });
    expect(root.querySelector('policy-citation-panel')).to.equal(null);
    expect(el.store).to.equal(matrix.store);
    await click(cellOf(root, '.compare-table', 'visa\u0000cc'));
    await waitUntil(() => matrix.store.snapshot.selection === 'visa\u0000cc', 'not selected in the shared store');
    const outside = shadow(page.querySelector('policy-citation-panel'));
    await waitUntil(() => squash(outside.textContent).includes('Gamma keeps a visa list of its own'), 'the page\'s panel does not show it');
    expect(location.search.includes('cell=')).to.equal(false);
  });
});

describe('<policy-compare> on the bundled matrix', () => {
  it('compares the EU with North America', async () => {
    const { root } = await showCompare(html`<policy-compare no-url-state src=${REAL_MATRIX} jurisdictions="EU,North America"></policy-compare>`);
    const jurisdictions = (await (await fetch(`${REAL_MATRIX}jurisdictions.csv`)).text()).trim().split('\n').length - 1;
    expect([...root.querySelectorAll('.side-head')].map((th) => squash(th.textContent))).to.deep.equal(['EU', 'North America']);
    expect(headers(root).length).to.equal(jurisdictions + 2);
    expect(squash(root.querySelector('.group-pairs')?.textContent)).to.match(/^EU and North America: same level on \d+ of \d+ dimensions/);
    expect(root.querySelectorAll('.pairs [role="gridcell"]').length).to.equal(jurisdictions * jurisdictions);
  });
});
