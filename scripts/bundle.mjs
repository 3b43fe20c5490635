// The embed bundle: what `npm run build` writes to dist/, what `npm start` serves at /dist/
// from the sources (web-dev-server.config.mjs), and what tests/unit/bundle-size.test.ts
// measures. One definition for the three, so the sizes tested are the sizes shipped.
//
//   dist/policy-matrix.js                  every element (one script tag)
//   dist/elements/policy-matrix.js         <policy-matrix> and a citation panel inside it
//   dist/elements/policy-compare.js        <policy-compare> only
//   dist/elements/policy-briefing.js       <policy-briefing> only
//   dist/chunks/*.js                       code the entries share, and code loaded on demand:
//                                          AG Grid (when a grid first renders), the source reader
//   dist/policy-matrix.worker.js           the load worker (self-contained)
//
// ES modules with code splitting: a page loads an entry and the chunks it imports; AG Grid is
// a dynamic import, so a page without a grid never loads it.
import { build, context } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, posix, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ENTRIES = {
  'policy-matrix': 'src/define.ts',
  'elements/policy-matrix': 'src/elements/policy-matrix.ts',
  'elements/policy-compare': 'src/components/policy-compare/policy-compare.ts',
  'elements/policy-briefing': 'src/components/policy-briefing/policy-briefing.ts',
};

/** The worker's output file, relative to the output folder. */
export const WORKER_FILE = 'policy-matrix.worker.js';

// src/state/load-worker.ts names its worker the way bundlers understand; esbuild leaves
// `new URL(…, import.meta.url)` as it is, so the path is set here: the source's path is
// replaced by a marker, and the marker, once the files are written out, by the path from the
// output file that holds the code (an entry or a chunk) to the worker file.
const WORKER_SOURCE_URL = "new URL('../worker/load.worker.js', import.meta.url)";
const MARKER = '__policy_matrix_load_worker_url__';

const workerUrl = {
  name: 'load-worker-url',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]state[\\/]load-worker\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes(WORKER_SOURCE_URL)) throw new Error(`${path} no longer has ${WORKER_SOURCE_URL}: update scripts/bundle.mjs`);
      return { contents: source.replace(WORKER_SOURCE_URL, `new URL('${MARKER}', import.meta.url)`), loader: 'ts' };
    });
  },
};

const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  // Licences of the bundled packages in *.LEGAL.txt beside each file, linked from it.
  legalComments: 'linked',
  metafile: true,
  write: false,
  logLevel: 'warning',
};

const pageOptions = (outdir, entryPoints = ENTRIES) => ({
  ...common,
  entryPoints,
  outdir,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [workerUrl],
});

const workerOptions = (outdir) => ({
  ...common,
  entryPoints: { [WORKER_FILE.replace(/\.js$/, '')]: 'src/worker/load.worker.ts' },
  outdir,
});

const toPosix = (path) => path.split(sep).join('/');

/** The outputs by path relative to `outdir`, with the worker's URL set in the file that creates it. */
function collect(outdir, results) {
  const root = resolve(outdir);
  const files = new Map();
  const inputs = new Map();
  const imports = new Map();
  for (const result of results) {
    for (const file of result.outputFiles) {
      const name = toPosix(relative(root, file.path));
      let contents = file.contents;
      const text = Buffer.from(contents).toString('utf8');
      if (text.includes(MARKER)) {
        const up = posix.relative(posix.dirname(name), '.') || '.';
        contents = Buffer.from(text.replaceAll(MARKER, `${up}/${WORKER_FILE}`));
      }
      files.set(name, contents);
    }
    for (const [path, output] of Object.entries(result.metafile.outputs)) {
      const name = toPosix(relative(root, resolve(path)));
      inputs.set(name, Object.fromEntries(Object.entries(output.inputs).map(([input, { bytesInOutput }]) => [toPosix(input), bytesInOutput])));
      imports.set(name, output.imports.filter((i) => !i.external).map((i) => ({ path: toPosix(relative(root, resolve(i.path))), kind: i.kind })));
    }
  }
  return { files, inputs, imports };
}

/**
 * Other pages built like the bundle (the bench's page): `entryPoints` with the load worker
 * beside them in `outdir`, written there. Returns the files written.
 */
export async function buildPages(entryPoints, outdir, overrides = {}) {
  const results = await Promise.all([build({ ...pageOptions(outdir, entryPoints), ...overrides }), build(workerOptions(outdir))]);
  const { files } = collect(outdir, results);
  for (const [name, contents] of files) {
    const path = resolve(outdir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, contents);
  }
  return [...files.keys()];
}

/**
 * Build the bundle into memory: `files` (relative path → bytes), `inputs` (relative path →
 * source file → bytes it takes there) and `imports` (relative path → the files it imports).
 */
export async function buildBundle(outdir = 'dist') {
  const results = await Promise.all([build(pageOptions(outdir)), build(workerOptions(outdir))]);
  return collect(outdir, results);
}

/** The same as `buildBundle`, rebuilt incrementally on each `rebuild()` (the dev server). */
export async function bundleContext(outdir = 'dist') {
  const contexts = await Promise.all([context(pageOptions(outdir)), context(workerOptions(outdir))]);
  return {
    rebuild: async () => collect(outdir, await Promise.all(contexts.map((c) => c.rebuild()))),
    dispose: () => Promise.all(contexts.map((c) => c.dispose())),
  };
}

const gzipSize = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * What a page that loads an entry fetches: `first` (the entry and every chunk it imports
 * statically, all fetched before the entry runs) and `later` (dynamic imports and the load
 * worker: fetched when a grid first renders, a matrix first loads, a source is opened), each
 * with its files, raw bytes and gzipped bytes (each file gzipped alone, as a server sends it).
 */
export function entrySizes(bundle) {
  const { files, inputs, imports } = bundle;
  const closure = (start, kinds) => {
    const seen = new Set(start);
    const stack = [...start];
    while (stack.length) {
      for (const i of imports.get(stack.pop()) ?? []) {
        if (kinds.includes(i.kind) && !seen.has(i.path)) {
          seen.add(i.path);
          stack.push(i.path);
        }
      }
    }
    return seen;
  };
  const measure = (names) => {
    const list = [...names].sort();
    return {
      files: list,
      raw: list.reduce((n, f) => n + files.get(f).length, 0),
      gzip: list.reduce((n, f) => n + gzipSize(files.get(f)), 0),
    };
  };
  const report = {};
  for (const entry of [...Object.keys(ENTRIES).map((e) => `${e}.js`), WORKER_FILE]) {
    const first = closure([entry], ['import-statement']);
    const everything = closure([entry], ['import-statement', 'dynamic-import']);
    const later = new Set([...everything].filter((f) => !first.has(f)));
    const startsWorker = [...everything].some((f) => Object.keys(inputs.get(f) ?? {}).some((i) => i.endsWith('src/state/load-worker.ts')));
    if (startsWorker && entry !== WORKER_FILE) later.add(WORKER_FILE);
    // `later` may reach chunks already loaded at first: only what is new counts.
    report[entry] = { first: measure(first), later: measure(later) };
  }
  return report;
}

/** The printed table: each entry's first load and what it loads on demand, raw and gzipped. */
export function formatSizes(report) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const lines = [];
  for (const [entry, { first, later }] of Object.entries(report)) {
    lines.push(`dist/${entry}`);
    lines.push(`  first load  ${kb(first.gzip).padStart(9)} gzipped  ${kb(first.raw).padStart(9)} raw  (${first.files.length} file${first.files.length === 1 ? '' : 's'})`);
    if (later.files.length) {
      lines.push(`  on demand   ${kb(later.gzip).padStart(9)} gzipped  ${kb(later.raw).padStart(9)} raw  (${later.files.join(', ')})`);
    }
  }
  return lines.join('\n');
}

/** Bytes of each package in the given files, largest first (what a first load is made of). */
export function packagesIn(bundle, names) {
  const by = new Map();
  for (const name of names) {
    for (const [path, bytes] of Object.entries(bundle.inputs.get(name) ?? {})) {
      const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? 'policy-matrix (src)';
      by.set(pkg, (by.get(pkg) ?? 0) + bytes);
    }
  }
  return [...by].sort((a, b) => b[1] - a[1]);
}
