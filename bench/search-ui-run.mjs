// Search across sources in the app's element, in Chromium (run by bench/run.mjs with the
// `search` case; `node bench/search-ui-run.mjs` alone). Generates the search corpus (50
// reports of about 200 KB; one 300-page report), serves a page with <policy-source-search> on
// it (bench/search-ui-page.ts) on 127.0.0.1, and measures with real key presses:
//   - indexing every source in the worker, against on the main thread: time until all are
//     searchable, and the longest main-thread task (typing must never wait for indexing);
//   - the time from the last key press of a typed query to its results painted, against the
//     bare model search of the same query (the target: results within 100 ms of the last key).
// Writes dist/bench/search-ui-figures.json.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';

const root = process.cwd();
const out = 'dist/bench/search-ui';
mkdirSync(out, { recursive: true });

// The corpus, written once per run (the generator reads the bundled source in Node).
await build({ entryPoints: { 'corpus': 'bench/search-corpus.ts' }, outdir: out, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
const { generateSources, generateReport } = await import(join(root, out, 'corpus.js'));
const CASES = [
  { key: 'fifty', size: 'search: 50 sources of 200 KB', sources: generateSources(50, 200_000) },
  { key: 'long', size: 'search: one 300-page document', sources: [generateReport('long-report', 'A long report on regional security', 300, 3400, 11)] },
];
for (const c of CASES) writeFileSync(join(out, `${c.key}.json`), JSON.stringify({ sources: c.sources.map(({ id, title, text }) => ({ id, title, text })) }));

// The page and its search worker, as production builds.
await build({
  entryPoints: { 'page': 'bench/search-ui-page.ts', 'search.worker': 'src/worker/search.worker.ts' },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  define: { 'globalThis.POLICY_MATRIX_PRODUCTION': 'true' },
  logLevel: 'warning',
});

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>loading</title>
<script type="module" src="/${out}/page.js"></script></head><body></body></html>`;
const TYPES = { '.js': 'text/javascript', '.json': 'application/json' };
const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  if (path === '/bench.html') {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
    return;
  }
  // The bundled page asks for its worker at ../worker/search.worker.js from the page bundle: the one built beside it.
  const file = path.endsWith('/worker/search.worker.js') ? join(root, out, 'search.worker.js') : normalize(join(root, path));
  if (!file.startsWith(join(root, out)) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const executablePath = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
const browser = await puppeteer.launch({
  executablePath, headless: true, protocolTimeout: 600_000, defaultViewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const chromium = await browser.version();

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;
const ratio = (a, b) => (b > 0 ? Math.round((a / b) * 100) / 100 : null);
const figure = (f) => ({ where: 'chromium', unit: 'ms', ...f, median: round(f.median), baseline: round(f.baseline), ratio: ratio(f.median, f.baseline) });

/** A query for a source: two words from a sentence at `at` (0–1) of it and a phrase of two that follow each other there. */
function queryFor(text, at = 0.5) {
  const middle = text.indexOf('. ', Math.floor(text.length * at)) + 2;
  const words = text.slice(middle, middle + 600).split(/\s+/);
  const plain = (w) => w !== undefined && /^\p{Ll}{4,}$/u.test(w);
  const i = words.findIndex((w, k) => k >= 4 && plain(w) && plain(words[k + 1]));
  const before = words.slice(0, i).filter(plain);
  return `${before[0]} ${before[before.length - 1]} "${words[i]} ${words[i + 1]}"`;
}

const figures = [];
try {
  for (const c of CASES) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}/bench.html`);
    await page.waitForFunction(() => document.title === 'ready', { timeout: 30000 });
    const { bytes } = await page.evaluate((u) => window.bench.load(u), `${origin}/${out}/${c.key}.json`);
    const at = { size: `${c.size} (${(bytes / 1e6).toFixed(1)} MB)` };

    const worker = [];
    const main = [];
    for (let i = 0; i < 3; i++) {
      worker.push(await page.evaluate(() => window.bench.indexing(true)));
      main.push(await page.evaluate(() => window.bench.indexing(false)));
    }
    figures.push(figure({ ...at, runs: 3, name: 'search view: every source indexed (in the worker) → searchable', median: median(worker.map((x) => x.ms)), baseline: median(main.map((x) => x.ms)), baselineName: 'the same indexing on the main thread, one source per task' }));
    figures.push(figure({ ...at, runs: 3, name: 'search view: longest main-thread task while the sources are indexed (worker)', median: median(worker.map((x) => x.longest)), baseline: median(main.map((x) => x.longest)), baselineName: 'longest task when indexing on the main thread', note: 'Long Tasks API (≥ 50 ms; 0 = none)' }));

    await page.evaluate(() => window.bench.mount());
    // Five queries: from five sources, or from five places of the one document.
    const queries = c.sources.length >= 5 ? c.sources.slice(0, 5).map((s) => queryFor(s.text)) : [0.1, 0.3, 0.5, 0.7, 0.9].map((at) => queryFor(c.sources[0].text, at));
    const ui = [];
    const bare = [];
    for (const query of queries) {
      for (let run = 0; run < 3; run++) {
        await page.evaluate(() => window.bench.focusBox());
        const painted = page.evaluate((q) => window.bench.resultsPainted(q), query);
        // A fast typist: 60 ms between keys (the results of earlier keys still come and go).
        await page.keyboard.type(query, { delay: 60 });
        ui.push(await painted);
      }
      bare.push(median(await page.evaluate((q) => window.bench.bareSearch(q, 5), query)));
    }
    figures.push(figure({ ...at, runs: ui.length, name: 'search view: last key press of a typed query → its results painted', median: median(ui), baseline: median(bare), baselineName: 'the bare model search of the same query (SearchIndex.search, 30 results)', target: '≤ 100 ms', note: `slowest ${round(Math.max(...ui))} ms; the view waits 40 ms after a key before searching` }));
    if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
    await page.close();
    console.error(`  measured ${at.size} (chromium, search view)`);
  }
} finally {
  await browser.close();
  server.close();
}
writeFileSync('dist/bench/search-ui-figures.json', JSON.stringify(figures, null, 2));
console.error(`chromium ${chromium}`);
for (const f of figures) console.error(`  ${f.size}: ${f.name}: ${f.median} ms (baseline ${f.baseline} ms, ${f.ratio}×)`);
