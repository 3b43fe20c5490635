// For tests/browser/hostile-*.test.ts: a hostile matrix served by the test server, and a
// second real server on another port of 127.0.0.1 playing "another origin". Both log every
// request, so a test can prove that nothing outside the matrix was fetched.
//
// - `hostileMiddleware` (in the test runner's middleware): logs each request of the page's
//   origin, and serves /__confine/: the matrix m/small/ (its sources.csv naming, besides its
//   good source ../sources/source.txt, sources that lead out of it), m/sources/source.txt, a
//   same-origin m/small/redirect.txt that redirects to the other origin, and a canary at
//   /__confine/canary.txt that must never be fetched.
// - `hostilePlugin` (a test-runner plugin): starts the other origin, and answers the
//   commands `hostile-origin` (its URL), `hostile-log` and `hostile-reset` from the tests.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

export const CANARY = 'CANARY-7f3a-do-not-read';

const state = { other: undefined, port: 0, site: [], elsewhere: [] };

const SMALL = join(process.cwd(), 'tests', 'fixtures', 'matrices', 'small');

/** The evil sources: [id, path] (each cited once); `port` is the other origin's. */
export function evilSources(port) {
  return [
    ['site-root', '../../../package.json'],
    ['canary', '../../canary.txt'],
    ['absolute', '/__confine/canary.txt'],
    ['other-origin', `http://127.0.0.1:${port}/canary.txt`],
    ['protocol-relative', `//127.0.0.1:${port}/canary.txt`],
    ['encoded', '%2e%2e/%2e%2e/canary.txt'],
    ['redirect', 'redirect.txt'],
  ];
}

function hostileFile(name) {
  const sources = evilSources(state.port);
  if (name === 'sources.csv') {
    const fixture = readFileSync(join(SMALL, 'sources.csv'), 'utf8').trimEnd().split('\n');
    const [id, title, authors, year] = fixture[1].split(',');
    return [
      fixture[0],
      ...sources.map(([evil, path]) => `${evil},Evil ${evil},X,2020,"${path}"`),
      [id, title, authors, year, '../sources/source.txt'].join(','),
      '',
    ].join('\n');
  }
  const text = readFileSync(join(SMALL, name), 'utf8');
  if (name !== 'citations.csv') return text;
  // One citation of each evil source, on a cell that has citations already (every good row stays).
  const lines = text.trimEnd().split('\n');
  const header = lines[0].split(',');
  const first = lines[1].split(',');
  const at = (column) => header.indexOf(column);
  const extra = sources.map(([evil], k) => {
    const row = header.map(() => '');
    row[at('dimension')] = first[at('dimension')];
    row[at('jurisdiction')] = first[at('jurisdiction')];
    row[at('seq')] = String(100 + k);
    row[at('source')] = evil;
    row[at('quote')] = 'a';
    return row.join(',');
  });
  return [...lines, ...extra, ''].join('\n');
}

export async function hostileMiddleware(ctx, next) {
  state.site.push(ctx.path);
  if (!ctx.path.startsWith('/__confine/')) return next();
  ctx.set('Cache-Control', 'no-store');
  const path = ctx.path.slice('/__confine/'.length);
  if (path === 'canary.txt') {
    ctx.type = 'text/plain';
    ctx.body = CANARY;
  } else if (path === 'm/small/redirect.txt') {
    ctx.redirect(`http://127.0.0.1:${state.port}/canary.txt`);
  } else if (path === 'm/sources/source.txt') {
    ctx.type = 'text/plain';
    ctx.body = readFileSync(join(SMALL, '..', 'sources', 'small-source.txt'));
  } else if (path.startsWith('m/small/') && !path.slice(8).includes('/')) {
    try {
      ctx.body = hostileFile(path.slice(8));
      ctx.type = path.endsWith('.json') ? 'application/json' : 'text/csv';
    } catch {
      ctx.status = 404;
    }
  } else {
    ctx.status = 404;
  }
  return undefined;
}

export function hostilePlugin() {
  return {
    name: 'hostile-origins',
    async serverStart() {
      state.other = createServer((req, res) => {
        state.elsewhere.push(req.url);
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.end(CANARY);
      });
      await new Promise((resolve) => state.other.listen(0, '127.0.0.1', resolve));
      state.port = state.other.address().port;
    },
    async serverStop() {
      state.other?.closeAllConnections();
      await new Promise((resolve) => (state.other ? state.other.close(() => resolve()) : resolve()));
    },
    executeCommand({ command }) {
      if (command === 'hostile-origin') return { origin: `http://127.0.0.1:${state.port}`, canary: CANARY };
      if (command === 'hostile-log') return { site: [...state.site], elsewhere: [...state.elsewhere] };
      if (command === 'hostile-reset') {
        state.site.length = 0;
        state.elsewhere.length = 0;
        return true;
      }
      return undefined;
    },
  };
}
