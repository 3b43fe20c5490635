/**
 * Confinement over HTTP (the app, the load worker, the compare and briefing views all read
 * through fetchReader): a matrix opened from one server reads that server's matrix folder and
 * its ../sources/ folder, nothing else — not the site's other files, not another origin (here
 * a second real server on another port), not through a redirect — and a file over the limits
 * is refused by its declared length or once that many bytes arrived.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchReader, readMatrix } from '../../../src/model/format/read.ts';
import { CANARY, GOOD, hostileTexts } from './support.ts';
import { SMALL_SOURCE } from '../support/small-matrix.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ server: Server; origin: string; log: string[] }> {
  const log: string[] = [];
  const server = createServer((req, res) => {
    log.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}`, log };
}

let site: Awaited<ReturnType<typeof serve>>;
let other: Awaited<ReturnType<typeof serve>>;
/** The matrix's files, by path on the site (changed by each test). */
let files: Record<string, string> = {};
/** Bytes streamed for /m/sources/endless.txt before the client gives up (a body with no length). */
let streamed = 0;

beforeAll(async () => {
  other = await serve((_, res) => res.end(CANARY));
  site = await serve((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/m/small/redirect.txt') {
      res.writeHead(302, { location: `${other.origin}/canary.txt` }).end();
    } else if (path === '/m/sources/huge.txt') {
      // Says it is 300 MB; sends a little, then waits (the client must not wait for the rest).
      res.writeHead(200, { 'content-length': String(300 * 1024 * 1024) });
      res.write('x'.repeat(1024));
    } else if (path === '/m/sources/endless.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const more = () => {
        while (!res.destroyed && streamed < 512 * 1024 * 1024) {
          streamed += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => undefined);
      more();
    } else if (path in files) {
      res.end(files[path]);
    } else if (path === '/secret.txt' || path === '/m/secret.txt') {
      res.end(CANARY);
    } else {
      res.writeHead(404).end();
    }
  });
});

afterAll(async () => {
  for (const s of [site, other]) {
    s.server.closeAllConnections();
    await new Promise<void>((resolve) => s.server.close(() => resolve()));
  }
});

beforeEach(() => {
  site.log.length = 0;
  other.log.length = 0;
  streamed = 0;
});

/** Load the hostile matrix served under /m/small/ with the evil source at `evilPath`. */
async function load(evilPath: string, limits?: Parameters<typeof fetchReader>[2]) {
  files = Object.fromEntries(Object.entries(hostileTexts(evilPath)).filter(([, t]) => t !== undefined).map(([n, t]) => [`/m/small/${n}`, t!]));
  files['/m/sources/source.txt'] = SMALL_SOURCE;
  const bundle = await readMatrix(fetchReader(`${site.origin}/m/small/`, undefined, limits), 'small');
  const evil = bundle.problems.filter((p) => p.file === 'sources.csv');
  return { bundle, evil };
}

/** The evil source refused at sources.csv:2 (its path column), the good one read, no request out of the matrix. */
function confined({ bundle, evil }: Awaited<ReturnType<typeof load>>, refusal: RegExp): void {
  expect(evil).toHaveLength(1);
  expect(evil[0]).toMatchObject({ severity: 'error', file: 'sources.csv', line: 2, field: 'path' });
  expect(evil[0].column).toBeGreaterThan(0);
  expect(evil[0].message).toMatch(refusal);
  expect(bundle.sourceTexts.has('evil')).toBe(false);
  expect(bundle.sourceTexts.get('src')).toBe(SMALL_SOURCE);
  expect(bundle.matrix.citations).toHaveLength(GOOD.citations);
  expect(bundle.matrix.cells).toHaveLength(GOOD.cells);
  expect(JSON.stringify([...bundle.sourceTexts])).not.toContain(CANARY);
  expect(site.log.filter((url) => !url.startsWith('/m/small/') && !url.startsWith('/m/sources/'))).toEqual([]);
  expect(other.log).toEqual([]);
}

describe('fetchReader reads the matrix folder and ../sources/ of where it was opened, nothing else', () => {
  it('reads a good matrix', async () => {
    const { bundle } = await load('../sources/source.txt');
    expect(bundle.problems).toEqual([]);
    // Its descriptor lists no tables, so the optional computed.csv is asked for too (in the folder; missing is no problem).
    expect([...new Set(site.log)].sort()).toEqual([...Object.keys(files), '/m/small/computed.csv'].sort());
  });

  const OUTSIDE = /leads outside the matrix folder and its sources folder/;
  const cases: [string, () => string, RegExp][] = [
    ['the site root (../../)', () => '../../secret.txt', OUTSIDE],
    ['the parent folder', () => '../secret.txt', OUTSIDE],
    ['far up', () => '../../../../../../secret.txt', OUTSIDE],
    ['an absolute path on the site', () => '/secret.txt', /is absolute/],
    ['another origin', () => `${other.origin}/canary.txt`, /is a URL/],
    ['another origin, protocol-relative', () => `//${other.origin.slice(7)}/canary.txt`, /is absolute/],
    ['percent-encoded dots', () => '%2e%2e/%2e%2e/secret.txt', OUTSIDE],
    ['percent-encoded slashes', () => '..%2f..%2fsecret.txt', OUTSIDE],
    ['backslashes', () => '..\\..\\secret.txt', OUTSIDE],
    ['a data: URL', () => `data:text/plain,${CANARY}`, /is a URL/],
  ];
  for (const [name, path, refusal] of cases) {
    it(name, async () => confined(await load(path()), refusal));
  }

  it('a same-origin file that redirects to another origin: the redirect is not followed', async () => {
    confined(await load('redirect.txt'), /cannot be read at redirect\.txt: the server answered with a redirect, which is not followed/);
    expect(site.log).toContain('/m/small/redirect.txt');
  });

  it('the reader itself refuses what the model would never ask it (defence in depth)', async () => {
    const read = fetchReader(`${site.origin}/m/small/`);
    for (const path of ['../../secret.txt', `${other.origin}/canary.txt`, '%2e%2e/secret.txt', '..%2Fsecret.txt']) {
      await expect(read(path)).rejects.toMatchObject({ name: 'RefusedFile' });
    }
    expect(site.log).toEqual([]);
    expect(other.log).toEqual([]);
  });
});

describe('fetchReader holds each file to the limits', () => {
  it('a source declared as 300 MB is refused by its Content-Length, without waiting for its body', async () => {
    const started = performance.now();
    const { evil } = await load('../sources/huge.txt');
    expect(evil[0].message).toMatch(/cannot be read at \.\.\/sources\/huge\.txt: the file is 300 MiB, over the limit of 128 MiB for one file; it was not read/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('a source with no declared length is cut off once it passes the limit (a running count)', async () => {
    const limits = { fileBytes: 2 * 1024 * 1024, totalBytes: 64 * 1024 * 1024, zipBytes: 1, zipEntries: 1 };
    const heap = process.memoryUsage().arrayBuffers;
    const { evil, bundle } = await load('../sources/endless.txt', limits);
    expect(evil[0].message).toMatch(/the file is over the limit of 2 MiB for one file; it was not read/);
    expect(bundle.sourceTexts.get('src')).toBe(SMALL_SOURCE);
    // The server was stopped long before its 512 MiB: the reader cancelled the body.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(streamed).toBeLessThan(64 * 1024 * 1024);
    expect(process.memoryUsage().arrayBuffers - heap).toBeLessThan(128 * 1024 * 1024);
  });
});
