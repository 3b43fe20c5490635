import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/app/app-shell.ts';
import type { PolicyMatrixApp } from '../../src/app/app-shell.ts';
import { REAL_MATRIX, gridReady, shadow, squash } from './helpers.ts';

const visible = (el: Element | null) => !!el && (el as HTMLElement).offsetParent !== null;

describe('<policy-matrix-app> views', () => {
  afterEach(() => history.replaceState(null, '', location.pathname));

  it('switches between matrix, compare and briefing with the arrow keys, keeping the view in the address', async () => {
    const app = await fixture<PolicyMatrixApp>(html`<policy-matrix-app src=${REAL_MATRIX} style="height: 900px"></policy-matrix-app>`);
    const root = shadow(app);
    await gridReady(shadow(root.querySelector('policy-matrix')));
    const tabs = () => [...root.querySelectorAll('[role="tab"]')].map((t) => `${squash(t.textContent)}:${t.getAttribute('aria-selected')}`);
    expect(tabs()).to.deep.equal(['Matrix:true', 'Compare:false', 'Briefing:false', 'Search sources:false', 'Changes:false', 'Then and now:false', 'Codebook:false']);

    root.querySelector<HTMLElement>('#tab-matrix')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => visible(root.querySelector('policy-compare')), 'the compare view is not shown');
    expect(tabs()).to.deep.equal(['Matrix:false', 'Compare:true', 'Briefing:false', 'Search sources:false', 'Changes:false', 'Then and now:false', 'Codebook:false']);
    expect(new URL(location.href).searchParams.get('view')).to.equal('compare');
    expect(visible(root.querySelector('policy-matrix'))).to.equal(false);
    // The comparison runs on the app's matrix.
    const compare = shadow(root.querySelector('policy-compare'));
    await waitUntil(() => /dimensions shown/.test(squash(compare.textContent)), 'no comparison');

    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => visible(root.querySelector('policy-briefing')), 'the briefing view is not shown');
    expect(new URL(location.href).searchParams.get('view')).to.equal('briefing');
    const briefing = shadow(root.querySelector('policy-briefing'));
    await waitUntil(() => briefing.querySelector('table'), 'no briefing table');
    expect(squash(briefing.querySelector('table th')?.textContent)).to.equal('Dimension');

    await sendKeys({ press: 'Home' });
    await waitUntil(() => visible(root.querySelector('policy-matrix')), 'the grid is not shown again');
    expect(new URL(location.href).searchParams.has('view')).to.equal(false);
    expect(root.activeElement?.id).to.equal('tab-matrix');
  });
});
