// Takes docs/own-matrix.png, the screenshot of README's "Your own matrix in five minutes":
// the app on an empty matrix (tests/fixtures/matrices/empty/), a two-page PDF added as a
// source (Add source…, as an analyst adds one), the cell "Detention of families — Southland"
// citing a passage of page 2, and the source reader open on the PDF's pages with a passage
// selected. Runs the dev server and Debian's Chromium (CHROME_PATH to use another):
//   node scripts/screenshot-own-matrix.mjs [out.png]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2] ?? `${root}docs/own-matrix.png`;
const chrome = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

/** A free port on the loopback interface. */
const freePort = () => new Promise((resolve, reject) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => resolve(port));
  });
  server.on('error', reject);
});

const port = await freePort();
const server = spawn(`${root}node_modules/.bin/web-dev-server`, ['--port', String(port), '--hostname', '127.0.0.1'], { cwd: root, stdio: 'ignore' });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(`${base}/index.html`)).ok) break;
  } catch { /* not listening yet */ }
  await new Promise((r) => setTimeout(r, 200));
}

const browser = await puppeteer.launch({
  executablePath: chrome,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1360, height: 860, deviceScaleFactor: 1 });
  await page.goto(`${base}/?matrix=tests/fixtures/matrices/empty/`, { waitUntil: 'networkidle0' });
  await page.evaluate(async () => {
    const wait = async (ok, what) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
      if (!ok()) throw new Error(`timed out: ${what}`);
    };
    const app = document.querySelector('policy-matrix-app');
    await wait(() => app.store?.snapshot.status === 'ready', 'the matrix');
    const { handPdf } = await import('/tests/unit/support/pdf-writer.ts');
    const pdf = handPdf({
      title: 'Family detention report',
      pages: [
        ['Part one: the northern practice.', 'Families are not detained in the north; claimants', 'report to an office once a month while their claim', 'is decided.'],
        ['Part two: the southern practice.', 'Detention of families ended in 2019', 'after a court ruling in the capital. Single adults', 'may still be held for up to 90 days.'],
      ],
    });
    // Add source…, as the analyst picks the file.
    const adder = app.shadowRoot.querySelector('policy-add-source');
    adder.open();
    await adder.choose(new File([pdf], 'Family detention report.pdf', { type: 'application/pdf' }));
    adder.add();
    adder.shadowRoot.querySelector('.said').textContent = '';
    // The cell, and the reader on the PDF's pages with a passage of page 2 selected.
    app.store.select('detention\u0000south');
    const panel = app.shadowRoot.querySelector('policy-citation-panel');
    await wait(() => panel.shadowRoot.querySelector('.cite-from-source') && !panel.shadowRoot.querySelector('.cite-from-source').disabled, 'the panel');
    panel.shadowRoot.querySelector('.cite-from-source').click();
    const reader = await (async () => {
      await wait(() => panel.shadowRoot.querySelector('policy-source-reader'), 'the reader');
      return panel.shadowRoot.querySelector('policy-source-reader');
    })();
    await reader.updateComplete;
    const text = app.store.snapshot.sourceTexts.get('family-detention-report');
    const quote = 'Detention of families ended in 2019\nafter a court ruling in the capital.';
    const start = text.indexOf(quote);
    reader.selectRange(start, start + quote.length);
    await reader.updateComplete;
  });
  await new Promise((r) => setTimeout(r, 300));
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  server.kill();
}
