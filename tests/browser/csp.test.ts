/**
 * A strict Content Security Policy (no inline script, no eval; see docs/security.md): the
 * app and the one-file bundle run under it with no violation. The pages set the policy in a
 * meta tag and record violations; they run in an iframe so the test runner itself is free.
 */
import { expect, waitUntil } from '@open-wc/testing';

interface Watched extends Window {
  __violations?: string[];
}

async function open(url: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 1200px; height: 800px; border: 0';
  frame.src = url;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

/** Count rows rendered by AG Grid in any shadow root of the frame. */
function gridRows(doc: Document): number {
  let rows = 0;
  const visit = (root: Document | ShadowRoot) => {
    rows += root.querySelectorAll('.ag-row[row-index]').length;
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(doc);
  return rows;
}

describe('a strict Content Security Policy', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));

  it('runs the app with no violation', async () => {
    const frame = await open('/tests/fixtures/csp/app.html');
    const doc = frame.contentDocument!;
    await waitUntil(() => gridRows(doc) > 5, 'the app shows no grid rows under the policy', { timeout: 15000 });
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).to.contain("script-src 'self'");
    expect((frame.contentWindow as Watched).__violations).to.deep.equal([]);
  });

  it('runs the embed bundle (grid, comparison, briefing) with no violation', async () => {
    const frame = await open('/tests/fixtures/csp/embed.html');
    const doc = frame.contentDocument!;
    await waitUntil(() => gridRows(doc) > 5, 'the bundle shows no grid rows under the policy', { timeout: 15000 });
    const briefing = doc.querySelector('policy-briefing')!;
    await waitUntil(() => briefing.shadowRoot?.querySelector('table'), 'no briefing table', { timeout: 15000 });
    expect((frame.contentWindow as Watched).__violations).to.deep.equal([]);
  });
});
