// `npm start` serves what `npm run build` would write, built from the sources on request, so
// the embedding guide (/docs/) and any page of the dev server that uses the embed bundle work
// in a fresh clone and always show the current sources:
//   /dist/policy-matrix.js, /dist/elements/*, /dist/chunks/*, /dist/policy-matrix.worker.js
//       the embed bundle (scripts/bundle.mjs), rebuilt incrementally when an entry is asked for
//   /custom-elements.json
//       the elements' manifest (custom-elements-manifest.config.mjs), made again when a
//       component's source changed
// Anything else under /dist/ (dist/esm, dist/bench…) is left to the files on disk.
import { cli as analyze } from '@custom-elements-manifest/analyzer/cli.js';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleContext, ENTRIES, WORKER_FILE } from './bundle.mjs';

const TYPES = { '.js': 'text/javascript; charset=utf-8', '.txt': 'text/plain; charset=utf-8' };
const ROOT_FILES = new Set([...Object.keys(ENTRIES).map((e) => `${e}.js`), WORKER_FILE]);

/** The newest modification time of the files under `dir` (a change to any source shows here). */
function newest(dir) {
  let latest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    latest = Math.max(latest, stat.isDirectory() ? newest(path) : stat.mtimeMs);
  }
  return latest;
}

/** One job at a time; callers that come while it runs share its result. */
function shared(job) {
  let running;
  return () => (running ??= job().finally(() => (running = undefined)));
}

export function serveBuilt({ root = process.cwd() } = {}) {
  const sources = join(root, 'src');
  /** Every file built so far: a page that asked for an entry gets the chunks of that build. */
  const files = new Map();
  let bundler;
  let builtAt = -1;
  const rebuild = shared(async () => {
    const changed = newest(sources);
    if (changed === builtAt && files.size) return;
    bundler ??= await bundleContext(join(root, 'dist'));
    const bundle = await bundler.rebuild();
    for (const [name, bytes] of bundle.files) files.set(name, bytes);
    builtAt = changed;
  });

  let manifest;
  let manifestAt = -1;
  const remake = shared(async () => {
    const changed = newest(join(sources, 'components'));
    if (changed === manifestAt && manifest) return;
    const made = await analyze({ argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], cwd: root, noWrite: true });
    manifest = `${JSON.stringify(made, null, 2)}\n`;
    manifestAt = changed;
  });

  return async function builtFromSources(ctx, next) {
    if (ctx.path === '/custom-elements.json') {
      await remake();
      ctx.type = 'application/json';
      ctx.set('cache-control', 'no-store');
      ctx.body = manifest;
      return undefined;
    }
    if (!ctx.path.startsWith('/dist/')) return next();
    const name = ctx.path.slice('/dist/'.length);
    const ours = ROOT_FILES.has(name) || name.startsWith('chunks/') || name.endsWith('.LEGAL.txt');
    if (!ours) return next();
    // An entry: the sources as they are now. A chunk: from the build that named it.
    if (ROOT_FILES.has(name) || !files.has(name)) await rebuild();
    const bytes = files.get(name);
    if (!bytes) return next();
    ctx.type = TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
    ctx.set('cache-control', 'no-store');
    ctx.body = Buffer.from(bytes);
    return undefined;
  };
}
