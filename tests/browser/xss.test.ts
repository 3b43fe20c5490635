/**
 * Script injection: every XSS payload of tests/fixtures/conformance/xss, used as a cell value, note,
 * quote, locator, source title, dimension or jurisdiction label and matrix (file) name, shows
 * as text in the grid, the citation panel, the comparison and the briefing (on screen and in
 * its HTML, Markdown and clipboard outputs) — and nothing executes or loads.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/policy-matrix/policy-matrix.ts';
import '../../src/components/citation-panel/citation-panel.ts';
import '../../src/components/policy-compare/policy-compare.ts';
import '../../src/components/policy-briefing/policy-briefing.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.component.ts';
import { buildBriefing, renderBriefingFragment, renderBriefingHtml, renderBriefingMarkdown } from '../../src/model/briefing/index.ts';
import { checkMatrix } from '../../src/model/check/check.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Matrix } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { click, gridReady, shadow, squash } from './helpers.ts';
import { makeCell, makeCitation, makeDimension, makeLevel } from '../../src/model/make.ts';

const fired: string[] = [];
const loaded: string[] = [];

/** Every element under a root, through shadow roots. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
  }
  return out;
}

const FORBIDDEN = new Set(['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'IMG', 'BASE', 'META', 'VIDEO', 'AUDIO', 'IMAGE', 'LINK', 'BODY', 'MARQUEE', 'ISINDEX', 'APPLET']);

/** What injected markup would leave behind: handler attributes, script-bearing elements, script URLs. */
function injected(root: ParentNode): string[] {
  const found: string[] = [];
  for (const el of allElements(root)) {
    if (FORBIDDEN.has(el.tagName.toUpperCase())) found.push(`<${el.tagName.toLowerCase()}>`);
    for (const a of el.attributes) {
      if (a.name.startsWith('on')) found.push(`${el.tagName.toLowerCase()}[${a.name}]`);
      if (/^\s*(javascript|vbscript|data):/i.test(a.value) && /href|src|action|data/i.test(a.name)) found.push(`${el.tagName.toLowerCase()}[${a.name}=${a.value}]`);
    }
  }
  return found;
}

let payloads: string[] = [];

function hostileMatrix(): Matrix {
  const p = (i: number) => payloads[i % payloads.length];
  const dimensions = payloads.map((_, i) => makeDimension({
    id: `d${i}`, label: p(i), definition: p(i + 1), theme: p(i % 3), valueType: 'ordinal', scale: 's', order: i + 1, codingRules: p(i + 2),
  }));
  return {
    name: p(7), title: p(6), description: p(8),
    jurisdictions: [
      { id: 'a', label: p(0), group: p(2), order: 1 },
      { id: 'b', label: p(1), group: p(3), order: 2 },
    ],
    dimensions,
    levels: [
      makeLevel({ scale: 's', rank: 1, id: 'low', label: p(4), definition: p(5) }),
      makeLevel({ scale: 's', rank: 2, id: 'high', label: p(9), definition: p(10) }),
    ],
    cells: dimensions.flatMap((d, i) => [
      makeCell({ dimension: d.id, jurisdiction: 'a', value: p(i + 1), level: 'low', status: 'supported', note: p(i + 2) }),
      makeCell({ dimension: d.id, jurisdiction: 'b', value: p(i + 1), level: i % 2 ? 'high' : 'low', status: 'supported' }),
    ]),
    citations: dimensions.flatMap((d, i) => [
      makeCitation({ dimension: d.id, jurisdiction: 'a', seq: 1, source: 'src', quote: `Passage ${i}: ${p(i)}`, locator: p(i + 3) }),
      makeCitation({ dimension: d.id, jurisdiction: 'b', seq: 1, source: 'src', quote: `Passage ${i}: ${p(i)}` }),
    ]),
    sources: [{ id: 'src', title: p(11), authors: p(12), year: '2024', path: 'source.txt' }],
    extraColumns: {}, descriptorExtras: {},
  };
}

describe('XSS payloads show as text and never run', () => {
  before(async () => {
    const text = await (await fetch('/tests/fixtures/conformance/xss/payloads.jsonl')).text();
    payloads = text.trim().split('\n').map((l) => (JSON.parse(l) as { payload: string }).payload);
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => { fired.push(`${name}(${args.join(',')})`); };
    }
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (!e.name.startsWith(location.origin)) loaded.push(e.name);
    }).observe({ type: 'resource', buffered: true });
    document.addEventListener('securitypolicyviolation', (e) => loaded.push(`blocked ${e.blockedURI}`));
  });

  it('has the payloads', () => {
    expect(payloads.length).to.be.greaterThan(200);
  });

  it('in the grid, the citation panel, the comparison and the briefing', async () => {
    const matrix = hostileMatrix();
    const files: Record<string, string> = { ...saveMatrix(matrix), 'source.txt': matrix.citations.filter((c) => c.jurisdiction === 'a').map((c) => c.quote).join('\n\n') };
    const bundle = await readMatrix(async (path) => files[path], matrix.name);
    expect(bundle.problems.filter((p) => p.severity === 'error')).to.deep.equal([]);
    const store = new MatrixStore();
    const el = await fixture<PolicyMatrix>(html`<policy-matrix .store=${store} style="height: 600px">
      <policy-citation-panel></policy-citation-panel>
      <policy-compare no-url-state></policy-compare>
      <policy-briefing></policy-briefing>
    </policy-matrix>`);
    store.load(bundle, 'xss');
    const grid = shadow(el);
    await gridReady(grid);

    // Grid: labels and values of the rows on screen, verbatim (asserted as booleans: a failing
    // `include` would print the whole grid).
    const rowText = (i: number) => squash([...grid.querySelectorAll(`.ag-row[row-index="${i}"]`)].map((r) => r.textContent).join(' '));
    const shown = [...new Set([...grid.querySelectorAll('.ag-row[row-index]')].map((r) => Number(r.getAttribute('row-index'))))];
    expect(shown.length).to.be.greaterThan(3);
    for (const i of shown) {
      await waitUntil(() => rowText(i).includes(squash(payloads[i])), `dimension ${i}: ${JSON.stringify(payloads[i])} not shown as text`);
      expect(rowText(i).includes(squash(payloads[i + 1])), `value of row ${i}`).to.equal(true);
    }
    expect(squash(grid.querySelector('.ag-header')?.textContent).includes(squash(payloads[0])), 'jurisdiction label').to.equal(true);

    // Citation panel: select cells with the keyboard; quote, note and locator are text.
    const panel = shadow(el.querySelector('policy-citation-panel'));
    await click(grid.querySelector<HTMLElement>('.ag-row[row-index="0"] .ag-cell[col-id="a"]')!);
    for (let i = 0; i < 5; i++) {
      await waitUntil(() => panel.querySelector('mark'), `no passage for row ${i}`);
      const panelText = squash(panel.textContent);
      const row = Number(grid.querySelector('.ag-cell-focus')?.closest('.ag-row')?.getAttribute('row-index') ?? i);
      expect(panelText.includes(squash(payloads[row])), `panel of row ${row}`).to.equal(true);
      expect(squash(panel.querySelector('mark')?.textContent).includes(squash(payloads[row])), `quote of row ${row}`).to.equal(true);
      await sendKeys({ press: 'ArrowDown' });
    }

    // Source reader: the whole source text (every payload) shown as text, the cited passage marked.
    panel.querySelector<HTMLButtonElement>('button.cite-from-source')!.click();
    await waitUntil(() => panel.querySelector('policy-source-reader')?.shadowRoot?.textContent?.includes('Passage 3'), 'the source reader does not show the source');
    const readerText = squash(panel.querySelector('policy-source-reader')!.shadowRoot!.textContent);
    for (const i of [0, 1, 2, 50, 100, 150, 200]) {
      expect(readerText.includes(squash(`Passage ${i}: ${payloads[i]}`)), `reader shows passage ${i} as text`).to.equal(true);
    }

    // Comparison and briefing on screen.
    const compare = shadow(el.querySelector('policy-compare'));
    await waitUntil(() => /dimensions shown/.test(squash(compare.textContent)), 'no comparison');
    expect(squash(compare.textContent).includes(squash(payloads[0])), 'comparison shows the label').to.equal(true);
    const briefing = shadow(el.querySelector('policy-briefing'));
    await waitUntil(() => briefing.querySelector('table'), 'no briefing table');

    expect(injected(el), 'injected markup in the elements').to.deep.equal([]);

    // Briefing outputs: HTML and clipboard fragment parsed (not run) hold no injected markup;
    // Markdown holds no raw tag of a payload.
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts);
    const b = buildBriefing({ matrix: bundle.matrix, check, sourceTexts: bundle.sourceTexts, produced: '2026-01-01' });
    for (const [name, out] of [['html', renderBriefingHtml(b)], ['fragment', renderBriefingFragment(b)]] as const) {
      const doc = new DOMParser().parseFromString(out, 'text/html');
      // The page's own head holds our meta tags; the payloads can only have landed in the body.
      expect(injected(doc.body), name).to.deep.equal([]);
      expect(doc.querySelectorAll('script, base, link').length, `${name}: script, base or link anywhere`).to.equal(0);
      expect(squash(doc.body.textContent).includes(squash(payloads[20])), `${name} shows payload 20 as text`).to.equal(true);
    }
    const md = renderBriefingMarkdown(b);
    // CommonMark reads "\\<" as a literal "<": every "<" that could open a tag must be escaped.
    const unescaped = md.split('\n').filter((line) => /(^|[^\\])<[a-z!/?]/i.test(line));
    expect(unescaped, 'Markdown lines with a raw tag').to.deep.equal([]);

    await new Promise((r) => setTimeout(r, 300));
    expect(fired, 'script ran').to.deep.equal([]);
    expect(loaded, 'resources loaded from elsewhere').to.deep.equal([]);
  });
});
