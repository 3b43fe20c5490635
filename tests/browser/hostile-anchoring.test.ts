/**
 * A hostile matrix in the browser (made by the test server: tests/fixtures/hostile/serve.mjs):
 * a 3 MB source of one word repeated a million times, long quotes of it, near misses of it,
 * single characters with a context found nowhere. It loads in bounded time, every citation
 * checked, with no main-thread task of 100 ms or more (the look-ups run in the load worker);
 * a hostile quote looked up on the page, as an edit does, is bounded too. Before the look-up
 * had its limits, one such quote froze a tab for 30 seconds.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/policy-matrix/policy-matrix.ts';
import '../../src/components/policy-compare/policy-compare.ts';
import '../../src/components/policy-briefing/policy-briefing.ts';
import type { PolicyCompare } from '../../src/components/policy-compare/policy-compare.ts';
import type { PolicyBriefing } from '../../src/components/policy-briefing/policy-briefing.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import { sharedSourceIndexCache } from '../../src/model/check/check.ts';
import { captureQuote } from '../../src/model/edit/cite.ts';
import { SMALL_MATRIX } from './helpers.ts';

const HOSTILE = '/__hostile/repeat/';

describe('a hostile matrix in the browser', () => {
  it('loads in bounded time with no long main-thread task, every citation checked; a hostile look-up on the page is bounded', async () => {
    // A first grid on the page costs its first render (AG Grid's set-up, its theme parsed):
    // made first, with a small matrix, so that what is measured is the hostile load.
    const warm = await fixture<PolicyMatrix>(html`<policy-matrix src=${SMALL_MATRIX} no-autosave style="height: 200px"></policy-matrix>`);
    await waitUntil(() => warm.store.snapshot.status === 'ready' && warm.shadowRoot?.querySelector('.ag-row'), 'the small matrix did not load', { timeout: 20000 });
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    const el = await fixture<PolicyMatrix>(html`<policy-matrix src=${HOSTILE} no-autosave style="height: 300px"></policy-matrix>`);
    await waitUntil(() => el.store.snapshot.status === 'ready' && el.store.snapshot.check, 'the hostile matrix did not load', { timeout: 60000 });
    const loadMs = performance.now() - t0;
    observer.disconnect();
    const { coverage } = el.store.snapshot.check!;
    expect(coverage.citations).to.equal(130);
    expect(coverage.ambiguous).to.equal(10);
    expect(coverage.orphaned).to.equal(120);
    expect(loadMs).to.be.lessThan(30000);
    expect(Math.max(0, ...tasks), `long tasks during the load: ${tasks.map(Math.round).join(', ')} ms`).to.be.lessThan(100);

    // Looked up on the page (an edit of a quote, a selection cited), with the index the worker sent.
    const text = el.store.snapshot.sourceTexts.get('src')!;
    const index = sharedSourceIndexCache().get(text);
    const timed = (run: () => unknown) => {
      const t = performance.now();
      run();
      return performance.now() - t;
    };
    const quotes = [
      'ab '.repeat(666).trim(),
      `${'ab ab ab ab ab ab ab ac ac ac '.repeat(60)}ab ab ab ac`,
      `${'ab '.repeat(600)}abc`,
    ];
    for (const quote of quotes) expect(timed(() => index.anchor({ quote })), quote.slice(-20)).to.be.lessThan(100);
    expect(timed(() => index.anchor({ quote: 'a', prefix: 'zz', suffix: 'yy' }))).to.be.lessThan(100);
    // Citing a selection tries the quote alone, then with growing contexts: all of it bounded.
    let captured: ReturnType<typeof captureQuote>;
    expect(timed(() => (captured = captureQuote(index, 3000, 3000 + 1800)))).to.be.lessThan(100);
    // The place is told apart by its position (no context can).
    expect(captured!.anchor).to.deep.equal({ status: 'found', range: { start: 3000, end: 4799 } });
  });

  it('the comparison and the briefing load it as the grid does: in the worker, with no long main-thread task', async () => {
    // Each element rendered once first (its first render is not the load's).
    await fixture<PolicyCompare>(html`<policy-compare src=${SMALL_MATRIX}></policy-compare>`);
    const brief = await fixture<PolicyBriefing>(html`<policy-briefing src=${SMALL_MATRIX}></policy-briefing>`);
    await waitUntil(() => brief.shadowRoot?.textContent?.includes('Small'), 'the small briefing did not load', { timeout: 20000 });
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const compare = await fixture<PolicyCompare>(html`<policy-compare src=${HOSTILE}></policy-compare>`);
    await waitUntil(() => compare.store.snapshot.status === 'ready' && compare.store.snapshot.check, 'the comparison did not load', { timeout: 60000 });
    expect(compare.store.snapshot.check!.coverage.citations).to.equal(130);
    const briefing = await fixture<PolicyBriefing>(html`<policy-briefing src=${HOSTILE}></policy-briefing>`);
    await waitUntil(() => briefing.shadowRoot?.textContent?.includes('Hostile: a repeated source'), 'the briefing did not load', { timeout: 60000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    observer.disconnect();
    expect(Math.max(0, ...tasks), `long tasks: ${tasks.map(Math.round).join(', ')} ms`).to.be.lessThan(100);
  });
});
