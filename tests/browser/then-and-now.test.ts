/**
 * Then and now: the bundled visa matrix opened, the "Then and now" view chosen from the
 * keyboard, Canada's shared visa policy with the US read side by side — 175 around 2005 from
 * the source text, 182 in 2025 computed from the Passport Index — and each value followed,
 * with Tab and Enter, to its own evidence: the passage of the text, or the rule and the rows
 * of the dataset. Escape in the evidence comes back to the value.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import { expectAccessible } from './axe.ts';
import { gridReady, shadow, squash } from './helpers.ts';

const VISAS = '/matrices/visa-harmonization-2025/';

function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function tabUntil(match: (el: Element) => boolean, max: number): Promise<void> {
  for (let i = 0; i < max; i++) {
    await sendKeys({ press: 'Tab' });
    const el = focused();
    if (el && match(el)) return;
  }
  throw new Error(`not reached in ${max} Tab presses; focus on ${focused()?.outerHTML.slice(0, 120)}`);
}

/** The accessible name of a value: the texts its aria-labelledby names (dimension, jurisdiction, date, value, whence). */
const label = (el: Element | null): string => {
  const ids = el?.getAttribute('aria-labelledby')?.split(' ') ?? [];
  const root = el?.getRootNode() as ShadowRoot | undefined;
  return squash(ids.map((id) => root?.getElementById(id)?.textContent ?? '').join(' '));
};

describe('then and now: values of two dates side by side, each one key press from its evidence', () => {
  before(() => setViewport({ width: 1400, height: 1000 }));
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('shows Canada–US 175 (c. 2005, the text) beside 182 (2025, the data); Enter on each opens its passage or its rows', async function () {
    this.timeout(60000);
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${VISAS} style="height: 1000px"></policy-matrix-app>`);
    const root = shadow(app);
    await gridReady(shadow(root.querySelector('policy-matrix')));
    await waitUntil(() => app.store.snapshot.check, 'the matrix is not checked');

    // The tab list from the keyboard: End (Codebook), then one to the left.
    root.querySelector<HTMLElement>('#tab-matrix')!.focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowLeft' });
    await waitUntil(() => focused()?.id === 'tab-periods', `focus is on ${focused()?.id}`);
    expect(squash(focused()?.textContent)).to.equal('Then and now');
    expect(new URL(location.href).searchParams.get('view')).to.equal('periods');
    await waitUntil(() => root.querySelector('policy-periods')?.shadowRoot?.querySelector('tbody tr'), 'no values side by side');
    const periods = shadow(root.querySelector('policy-periods'));

    // The dates: the earliest and the latest of the cells with several periods.
    expect(periods.querySelector<HTMLInputElement>('#periods-then')!.value).to.equal('2005');
    expect(periods.querySelector<HTMLInputElement>('#periods-now')!.value).to.equal('2025-01-12');
    const rows = [...periods.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => squash(c.textContent)));
    expect(rows).to.have.length(6);
    const canadaUs = rows.find((r) => r[0] === 'Same visa requirement as the United States' && r[1] === 'Canada')!;
    expect(canadaUs[2]).to.equal('175 passports Period 1 of 2, 2005 — 1 passage cited: Security in the Americas (edited volume excerpt)');
    expect(canadaUs[3]).to.match(/^182 passports Period 2 of 2, 2025-01-12 — computed from the data: Passport Index dataset \(tidy form\), release of 12 January 2025, \d+ rows deciding it$/);
    const harmonization = rows.find((r) => r[0] === 'Visa harmonization (measured)' && r[1] === 'Canada')!;
    expect(harmonization[2]).to.contain('175 common, 18 different (c. 2005) · Collaboration');
    expect(harmonization[3]).to.contain('182 of 197 (92.4%) · Collaboration');
    await expectAccessible(window, 'then and now', periods.host as HTMLElement);

    // Tab goes on from the tab into the view; on to the value of 2005, Enter opens its passage.
    const then = 'Same visa requirement as the United States Canada As of 2005 175 passports Period 1 of 2, 2005';
    await tabUntil((el) => label(el).startsWith(then), 20);
    await sendKeys({ press: 'Enter' });
    const panel = shadow(root.querySelector('policy-citation-panel'));
    await waitUntil(() => /175 countries/.test(squash(panel.querySelector('blockquote.passage')?.textContent)), 'the passage of the text is not shown');
    expect(app.store.snapshot.view?.asOf).to.equal('2005');
    expect(squash(shadow(root.querySelector('policy-as-of')).querySelector('#as-of-state')?.textContent)).to.equal('Showing values as of 2005');
    expect(panel.querySelector('.computed')).to.equal(null);
    // Focus is on the evidence; Escape comes back to the value.
    await waitUntil(() => panel.contains(focused()), 'focus did not move to the evidence');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => label(focused()).startsWith(then), `focus is on ${label(focused())}`);
    expect(focused()?.getAttribute('aria-current')).to.equal('true');

    // The next value (2025): computed from the data, its rows one more Enter away.
    await sendKeys({ press: 'Tab' });
    expect(label(focused())).to.match(/^Same visa requirement as the United States Canada As of 2025-01-12 182 passports Period 2 of 2, 2025-01-12 — computed from the data/);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => /The data gives 182/.test(squash(panel.querySelector('.computed')?.textContent)), 'the computed evidence is not shown');
    expect(app.store.snapshot.view?.asOf).to.equal('2025-01-12');
    expect(panel.querySelector('blockquote.passage')).to.equal(null);
    const show = panel.querySelector<HTMLButtonElement>('.show-rows')!;
    expect(squash(show.textContent)).to.equal('Show the 182 Passport values with the same Requirement');
    show.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => panel.querySelectorAll('[role="option"]').length > 0, 'the rows are not listed');
    await expectAccessible(window, 'then and now with the evidence of 2025', root.querySelector('main')!);
  });

  it('refuses a date that is not one, and shows other dates when asked', async function () {
    this.timeout(60000);
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${VISAS} view="periods" style="height: 1000px"></policy-matrix-app>`);
    const root = shadow(app);
    await waitUntil(() => root.querySelector('policy-periods')?.shadowRoot?.querySelector('tbody tr'), 'no values side by side', { timeout: 20000 });
    const periods = shadow(root.querySelector('policy-periods'));
    const thenInput = periods.querySelector<HTMLInputElement>('#periods-then')!;
    thenInput.focus();
    thenInput.select();
    await sendKeys({ type: '2005-13' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => periods.querySelector('[role="alert"]'), 'no message for a bad date');
    expect(squash(periods.querySelector('[role="alert"]')?.textContent)).to.equal('"2005-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD).');
    expect(thenInput.getAttribute('aria-invalid')).to.equal('true');
    // As of 2024 and 2025: no value of 2005 is shown, the values of 2025 come only in the second column.
    thenInput.focus();
    thenInput.select();
    await sendKeys({ type: '2024' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !periods.querySelector('[role="alert"]') && squash(periods.querySelector('caption')?.textContent) === 'Values as of 2024 and as of 2025-01-12', 'the dates did not change');
    const cells = [...periods.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => squash(c.textContent)));
    expect(cells.every((r) => r[2].includes('Period 1 of 2, 2005') && r[3].includes('Period 2 of 2, 2025-01-12'))).to.equal(true);
  });
});
