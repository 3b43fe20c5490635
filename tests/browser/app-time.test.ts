import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.component.ts';
import { expectAccessible } from './axe.ts';
import { REAL_MATRIX, gridReady, shadow, squash } from './helpers.ts';

const LABEL = 'Trusted-traveller lane sites';

/** The text of a cell of the grid (its row found by its label; scrolled to first: rows are virtual). */
function gridCell(grid: ShadowRoot, dimension: string, rowLabel: string, jurisdiction: string): string {
  (grid.host as PolicyMatrix).reveal({ dimension, jurisdiction });
  const label = [...grid.querySelectorAll<HTMLElement>('.ag-row[row-index] .ag-cell')].find((c) => squash(c.textContent).startsWith(rowLabel));
  const index = label?.closest('.ag-row')?.getAttribute('row-index');
  if (index == null) return '';
  return squash(grid.querySelector(`.ag-row[row-index="${index}"] .ag-cell[col-id="${jurisdiction}"]`)?.textContent);
}

/** The text of the Canada cell of the NEXUS sites row. */
const nexusCell = (grid: ShadowRoot): string => gridCell(grid, 'trusted-traveller-sites', LABEL, 'ca');

describe('<policy-matrix-app> in time', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('an "As of" date typed from the keyboard changes the grid and the briefing; "Latest" restores them', async () => {
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${REAL_MATRIX} style="height: 1400px"></policy-matrix-app>`);
    const root = shadow(app);
    const grid = shadow(root.querySelector('policy-matrix'));
    await gridReady(grid);
    // NEXUS: 1 site in June 2000, lanes at 15 sites by the fall of 2003 (the latest, shown by default).
    await waitUntil(() => nexusCell(grid).startsWith('15'), `the NEXUS cell shows ${nexusCell(grid)}`, { timeout: 10000 });

    const asOf = shadow(root.querySelector('policy-as-of'));
    const input = asOf.querySelector<HTMLInputElement>('#as-of')!;
    input.focus();
    await sendKeys({ type: '2001' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => nexusCell(grid).startsWith('1 '), `as of 2001 the NEXUS cell shows ${nexusCell(grid)}`, { timeout: 10000 });
    expect(squash(asOf.querySelector('#as-of-state')?.textContent)).to.equal('Showing values as of 2001');
    expect(app.store.snapshot.view?.asOf).to.equal('2001');
    // The US safe-third-country rule came into force on 29 December 2004: not yet in force in 2001.
    await waitUntil(() => gridCell(grid, 'safe-third-country', 'Safe third country', 'us').startsWith('Not yet in force'), `as of 2001 the US safe-third-country cell shows ${gridCell(grid, 'safe-third-country', 'Safe third country', 'us')}`);
    // Revealing a cell selects it, and the briefing below follows the selection: back to NEXUS.
    await waitUntil(() => nexusCell(grid).startsWith('1 '), 'the NEXUS cell is not shown again');

    // A date that is not one is refused; the view stays as it was.
    input.focus();
    input.select();
    await sendKeys({ type: '2001-13' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => asOf.querySelector('#as-of-error'), 'no message for a bad date');
    expect(squash(asOf.querySelector('#as-of-error')?.textContent)).to.equal('"2001-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD).');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(app.store.snapshot.view?.asOf).to.equal('2001');
    input.focus();
    input.select();
    await sendKeys({ type: '2001' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !asOf.querySelector('#as-of-error'), 'the message stays');

    // The briefing shows the same date: its period, and the value of 2001.
    app.show('briefing');
    await waitUntil(() => root.querySelector('policy-briefing')?.shadowRoot?.querySelector('table'), 'no briefing table', { timeout: 10000 });
    const briefing = shadow(root.querySelector('policy-briefing'));
    await waitUntil(() => /Values as of 2001; they describe/.test(squash(briefing.querySelector('.meta')?.textContent)), `the briefing says ${squash(briefing.querySelector('.meta')?.textContent)}`);
    const row = [...briefing.querySelectorAll('tbody tr')].find((r) => squash(r.querySelector('th')?.textContent).startsWith(LABEL))!;
    expect(squash(row.textContent)).to.contain('1 site');
    expect(squash(row.textContent)).not.to.contain('1 sites');
    expect(squash(row.textContent)).to.contain('as of 2000-06');
    await expectAccessible(window, 'briefing as of 2001', app);

    // "Latest" clears the date: the briefing and the grid show the latest values again.
    asOf.querySelector<HTMLButtonElement>('button')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => /Latest values; they describe/.test(squash(briefing.querySelector('.meta')?.textContent)), 'the briefing stays as of 2001');
    const latest = [...briefing.querySelectorAll('tbody tr')].find((r) => squash(r.querySelector('th')?.textContent).startsWith(LABEL))!;
    expect(squash(latest.textContent)).to.contain('15 sites');
    app.show('matrix');
    await waitUntil(() => nexusCell(grid).startsWith('15'), `the NEXUS cell shows ${nexusCell(grid)}`, { timeout: 10000 });

    // The evidence panel says a reported claim is one, and whose.
    (grid.host as PolicyMatrix).reveal({ dimension: 'safe-third-country', jurisdiction: 'us' });
    const panel = shadow(root.querySelector('policy-citation-panel'));
    await waitUntil(() => panel.querySelector('.support-reports'), `no reported claim in the evidence panel: ${squash(panel.textContent).slice(0, 600)}`);
    expect(squash(panel.querySelector('.support-reports')?.textContent)).to.equal('Reported claim, according to a U.S. State Department official (n. 13)');
    expect(squash(panel.querySelector('.support-states')?.textContent)).to.equal('States the fact');
  });

  it('the Changes view lists what changed between two dates with its direction; the Codebook view edits a basis as an undoable edit', async () => {
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${REAL_MATRIX} style="height: 1400px"></policy-matrix-app>`);
    const root = shadow(app);
    await gridReady(shadow(root.querySelector('policy-matrix')));

    app.show('changes');
    await waitUntil(() => root.querySelector('policy-changes')?.shadowRoot?.querySelector('table'), 'no changes table', { timeout: 10000 });
    const changes = shadow(root.querySelector('policy-changes'));
    const from = changes.querySelector<HTMLInputElement>('#changes-from')!;
    from.focus();
    from.select();
    await sendKeys({ type: '2001' });
    const to = changes.querySelector<HTMLInputElement>('#changes-to')!;
    to.focus();
    to.select();
    await sendKeys({ type: '2004' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => /between 2001 and 2004/.test(squash(changes.querySelector('[role="status"]')?.textContent)), 'the dates are not applied');
    const nexus = [...changes.querySelectorAll('tbody tr')].find((r) => squash(r.querySelector('th')?.textContent) === LABEL)!;
    expect(squash(nexus.textContent)).to.contain('1 (as of 2000-06)');
    expect(squash(nexus.textContent)).to.contain('15 (as of 2003)');
    // A value not yet in force at the first date says so, as the grid does (not "none yet").
    const stca = [...changes.querySelectorAll('tbody tr')].find((r) => squash(r.querySelector('th')?.textContent) === 'Safe third country' && squash(r.querySelector('td')?.textContent) === 'United States');
    expect(squash(stca?.textContent)).to.contain('(Not yet in force)');
    expect(changes.querySelectorAll('td.more, td.less').length, 'some change has a direction').to.be.greaterThan(0);
    await expectAccessible(window, 'changes', app);

    app.show('codebook');
    await waitUntil(() => root.querySelector('policy-codebook')?.shadowRoot?.querySelector('section.dimension'), 'no codebook', { timeout: 10000 });
    const codebook = shadow(root.querySelector('policy-codebook'));
    expect(codebook.querySelectorAll('section.dimension').length).to.equal(app.store.snapshot.matrix!.dimensions.length);
    const basis = codebook.querySelector<HTMLSelectElement>('#cb-detention-basis')!;
    expect(basis.value).to.equal('de_facto');
    basis.focus();
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => app.store.snapshot.matrix!.dimensions.find((d) => d.id === 'detention')!.basis === 'de_jure', 'the basis is not edited');
    expect(app.store.snapshot.edits.history.at(-1)?.label ?? '').to.contain('Detention');
    app.store.undo();
    await waitUntil(() => codebook.querySelector<HTMLSelectElement>('#cb-detention-basis')!.value === 'de_facto', 'undo does not restore the basis');
    await expectAccessible(window, 'codebook', app);
  });
});
