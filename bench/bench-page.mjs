// What the bench's Chromium scripts share (bench/browser-run.mjs, bench/render-profile.mjs): the
// bench page, served on 127.0.0.1 with the bench matrices, and headless Chromium to drive it.
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import puppeteer from 'puppeteer-core';

/** The page: the bench bundle (built by the caller with buildPages into dist/bench/browser) and a host for the grids. */
export const BENCH_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>loading</title>
<script type="module" src="/dist/bench/browser/browser-bench.js"></script></head>
<body style="margin:0"><div id="host" style="width:1200px"></div></body></html>`;

const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.html': 'text/html' };

/**
 * Serves /bench.html, /data/<case>/<file> from `dataRoot`, and anything else under `root`'s
 * dist/; nothing else. No caching: every load reads the files again, as a first visit would.
 */
export async function serveBenchPage(root, dataRoot) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    if (path === '/bench.html') {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
      res.end(BENCH_PAGE);
      return;
    }
    const file = path.startsWith('/data/') ? normalize(join(dataRoot, path.slice('/data/'.length))) : normalize(join(root, path));
    if (!(file.startsWith(dataRoot) || file.startsWith(join(root, 'dist'))) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Headless Chromium with the garbage collector exposed to the page (the bench's heap figures). */
export function launchChromium() {
  const executablePath = process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);
  return puppeteer.launch({
    executablePath,
    protocolTimeout: 600_000,
    headless: true,
    defaultViewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc', '--enable-precise-memory-info',
    ],
  });
}
