/**
 * A strict Content Security Policy (docs/security.md): `default-src 'self'; script-src 'self';
 * style-src 'self'` — no inline script, no eval, no inline style, no `<style>` element. The
 * app, the one-file bundle and the documentation page run under it, sent as a real header
 * (`?csp=strict`, see web-dev-server.config.mjs), with no violation, and are styled: the grid
 * lays out as AG Grid's theme says, the heatmaps have their colours. The pages run in an
 * iframe (so the test runner itself is free) and record violations (watch.js).
 */
import { expect, waitUntil } from '@open-wc/testing';

interface Watched extends Window {
  __violations?: string[];
}

async function open(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.width = '1200';
  frame.height = '800';
  frame.src = url;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

/** Every element matching `selector` in the frame, in any shadow root. */
function deepAll(doc: Document, selector: string): Element[] {
  const out: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    out.push(...root.querySelectorAll(selector));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(doc);
  return out;
}

/**
 * Violations: those the page recorded (watch.js, where it has it) and those the browser
 * reported to the server (the policy's report-uri: any page, any time, see
 * web-test-runner.config.mjs), after a moment for the reports to arrive.
 */
async function violations(frame: HTMLIFrameElement): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const reports: { 'violated-directive'?: string; 'blocked-uri'?: string; 'source-file'?: string; 'line-number'?: number }[] =
    await (await fetch('/__csp-reports')).json();
  const seen = (frame.contentWindow as Watched).__violations ?? [];
  return [...seen, ...reports.map((r) => `${r['violated-directive']} ${r['blocked-uri']} ${r['source-file']}:${r['line-number']}`)];
}

/** The grid is styled by AG Grid's theme: rows are laid out absolutely, the wrapper has its border, the header its height. */
function expectStyledGrid(doc: Document): void {
  const view = doc.defaultView!;
  const row = deepAll(doc, '.ag-row[row-index]')[0];
  expect(view.getComputedStyle(row).position, 'rows laid out by the theme').to.equal('absolute');
  const wrapper = deepAll(doc, '.ag-root-wrapper')[0];
  const border = view.getComputedStyle(wrapper);
  expect(border.borderTopStyle, 'the theme\'s wrapper border').to.equal('solid');
  const header = deepAll(doc, '.ag-header')[0] as HTMLElement;
  expect(header.getBoundingClientRect().height).to.be.greaterThan(20);
}

describe('a strict Content Security Policy, sent as a header', () => {
  beforeEach(async () => {
    // Reports of an earlier page are forgotten.
    await fetch('/__csp-reports');
  });
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('is sent with the test pages', async () => {
    const response = await fetch('/tests/fixtures/csp/app.html?csp=strict');
    expect(response.headers.get('content-security-policy')).to.contain("style-src 'self';").and.contain("script-src 'self';");
    expect(response.headers.get('content-security-policy')).not.to.contain('unsafe-inline');
  });

  it('runs the app styled, with no violation', async () => {
    const frame = await open('/tests/fixtures/csp/app.html?csp=strict');
    const doc = frame.contentDocument!;
    await waitUntil(() => deepAll(doc, '.ag-row[row-index]').length > 5, 'the app shows no grid rows under the policy', { timeout: 15000 });
    expectStyledGrid(doc);
    expect(await violations(frame)).to.deep.equal([]);
  });

  it('runs the embed bundle (grid, comparison, briefing) styled, with no violation', async () => {
    const frame = await open('/tests/fixtures/csp/embed.html?csp=strict');
    const doc = frame.contentDocument!;
    await waitUntil(() => deepAll(doc, '.ag-row[row-index]').length > 5, 'the bundle shows no grid rows under the policy', { timeout: 15000 });
    expectStyledGrid(doc);
    const briefing = doc.querySelector('policy-briefing')!;
    await waitUntil(() => briefing.shadowRoot?.querySelector('table'), 'no briefing table', { timeout: 15000 });
    // The comparison's heatmap colours are set through the CSSOM, not style attributes.
    await waitUntil(() => deepAll(doc, '.scale-step').length > 0, 'no comparison legend', { timeout: 15000 });
    const step = deepAll(doc, '.scale-step:not(.empty)')[0];
    expect(doc.defaultView!.getComputedStyle(step).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    // Printing the briefing: its frame inherits the policy, and gets its stylesheet adopted.
    const print = [...briefing.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Print')!;
    print.click();
    const printFrame = await waitUntil(() => briefing.shadowRoot!.querySelector<HTMLIFrameElement>('iframe.print-frame')?.contentDocument?.adoptedStyleSheets.length, 'the print frame has no stylesheet', { timeout: 15000 })
      .then(() => briefing.shadowRoot!.querySelector<HTMLIFrameElement>('iframe.print-frame')!);
    const th = printFrame.contentDocument!.querySelector('th')!;
    expect(printFrame.contentWindow!.getComputedStyle(th).borderBottomStyle).to.equal('solid');
    expect(await violations(frame)).to.deep.equal([]);
  });

  it('runs the documentation page (/docs/), every example live, with no violation', async () => {
    const frame = await open('/docs/index.html?csp=strict');
    const doc = frame.contentDocument!;
    await waitUntil(() => deepAll(doc, '.ag-row[row-index]').length > 10, 'the examples show no grid rows under the policy', { timeout: 20000 });
    // The theming example's stylesheet (a file) reached the element.
    const brand = doc.querySelector('policy-matrix.brand')!;
    expect(doc.defaultView!.getComputedStyle(brand).getPropertyValue('--policy-matrix-accent-color').trim()).to.equal('#7b2d8b');
    // The events example's script (a file) runs: it logs what the page hears.
    expect(doc.querySelector('script:not([src])'), 'no inline script').to.equal(null);
    expect(await violations(frame)).to.deep.equal([]);
  });

  it('runs the app page itself (index.html) with no violation', async () => {
    const frame = await open('/index.html?csp=strict');
    const doc = frame.contentDocument!;
    await waitUntil(() => deepAll(doc, '.ag-row[row-index]').length > 5, 'the app page shows no grid rows under the policy', { timeout: 15000 });
    expect(doc.defaultView!.getComputedStyle(doc.body).marginTop).to.equal('0px');
    expect(doc.querySelector('style, [style]')).to.equal(null);
    expect(await violations(frame)).to.deep.equal([]);
  });
});
