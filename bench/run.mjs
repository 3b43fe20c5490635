// `npm run bench [-- case]` (case: small, medium, large, passport, search, dataset, sources, sync; default all):
//   1. writes each case's matrix folder to dist/bench/data/<case>/ (deterministic bytes),
//   2. runs the Node half (bench/node-bench.ts, with --expose-gc for heap figures), each case
//      in a process of its own,
//   3. measures peak RSS of fresh processes loading each folder (ours vs papaparse),
//   4. runs the Chromium half (bench/browser-run.mjs: headless Chromium, puppeteer-core),
//   5. extracts the text of a 300-page PDF against bare pdf.js (bench/source-pdf.ts),
// then prints every figure and writes bench-results.json (one entry per figure: name, size,
// median, baseline median, ratio; plus the machine it ran on and whether each target is met).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const only = process.argv[2];
const node = (args, options = {}) => spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', ...args], { stdio: ['ignore', 'inherit', 'inherit'], ...options });
const check = (r) => {
  if (r.status !== 0) process.exit(r.status ?? 1);
  return r;
};

await build({
  entryPoints: { 'node-main': 'bench/node-main.ts', 'node-tools': 'bench/node-tools.ts', 'anchor-profile': 'bench/anchor-profile.ts', 'load-profile': 'bench/load-profile.ts', 'sources-main': 'bench/sources-main.ts', 'sync-editors': 'bench/sync-editors.ts' },
  outdir: 'dist/bench',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // pdf.js is loaded from its package, as the command line would (its worker and data files beside it).
  // The team server's packages, from node_modules (one copy of Yjs; CommonJS and native modules).
  external: ['pdfjs-dist', '@napi-rs/canvas', 'better-sqlite3', 'ws', 'yjs', 'y-protocols', 'y-protocols/*', 'lib0', 'lib0/*', '@hocuspocus/*', 'bufferutil', 'utf-8-validate'],
  logLevel: 'warning',
});
// The sync case runs the team server through the command line.
check(node(['scripts/build-cli.mjs']));

if (only !== 'sources') check(node(['dist/bench/node-tools.js', 'write', 'dist/bench/data', ...(only ? [only] : [])]));
// The Node half runs each case in a process of its own: a case's figures do not depend on
// which cases ran before it in the same process (the largest load measured about 10 % more
// after the small and medium cases than alone, papaparse about 5 %: the engine sizes its heap
// from what the process did before).
// `search`: search across sources and re-anchoring (bench/search-bench.ts), in a process of its own too.
// `sync`: team mode on the largest matrix (bench/sync-bench.ts): server, editors and client in three processes.
const CASES = ['small', 'medium', 'large', 'passport', 'search', 'dataset', 'sync'].filter((k) => !only || k.startsWith(only) || only.startsWith(k));
const figures = [];
for (const key of CASES.length || only === 'sources' ? CASES : [only]) {
  check(node(['dist/bench/node-main.js', key]));
  figures.push(...JSON.parse(readFileSync('dist/bench/node-figures.json', 'utf8')));
}

// Peak memory of a whole process: a fresh one per measurement, three of each, medians.
const CASE_KEYS = ['small', 'medium', 'large', 'passport'];
const sizes = Object.fromEntries(figures.map((f) => [f.size.split(' ')[0].replace('passport-index', 'passport'), f.size]));
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const key of CASE_KEYS.filter((k) => !only || k.startsWith(only) || sizes[k]?.startsWith(only))) {
  if (!existsSync(`dist/bench/data/${key}/cells.csv`)) continue;
  const peak = (which) => JSON.parse(spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', 'dist/bench/node-tools.js', 'peak', which, `dist/bench/data/${key}`], { encoding: 'utf8' }).stdout);
  const ours = [];
  const base = [];
  for (let i = 0; i < 3; i++) {
    base.push(peak('papaparse'));
    ours.push(peak('ours'));
  }
  const mb = (x) => Math.round(x * 10) / 10;
  const add = (name, baselineName, field) => {
    const m = median(ours.map((x) => x[field]));
    const b = median(base.map((x) => x[field]));
    figures.push({ size: sizes[key] ?? key, where: 'node', runs: 3, unit: 'MB', name, median: mb(m), baseline: mb(b), ratio: Math.round((m / b) * 100) / 100, baselineName });
  };
  add('peak RSS of a fresh process loading the folder (read + validate + anchor)', 'peak RSS of a fresh process parsing the same files with papaparse', 'rssMB');
  add('heap held after load (matrix, check, source index; after GC)', 'heap held by papaparse rows of the same files (after GC)', 'heldMB');
}

if (!only || only === 'sources') {
  check(node(['dist/bench/sources-main.js']));
  figures.push(...JSON.parse(readFileSync('dist/bench/source-figures.json', 'utf8')));
}

let chromium;
if (existsSync('bench/browser-run.mjs') && only !== 'sources' && only !== 'sync') {
  check(spawnSync(process.execPath, ['bench/browser-run.mjs', ...(only ? [only] : [])], { stdio: ['ignore', 'inherit', 'inherit'] }));
  figures.push(...JSON.parse(readFileSync('dist/bench/browser-figures.json', 'utf8')));
  chromium = JSON.parse(readFileSync('dist/bench/browser-info.json', 'utf8')).chromium;
}
// The search view in Chromium (bench/search-ui-run.mjs): indexing in its worker, and typing to results painted.
if (CASES.includes('search') && existsSync('bench/search-ui-run.mjs')) {
  check(spawnSync(process.execPath, ['bench/search-ui-run.mjs'], { stdio: ['ignore', 'inherit', 'inherit'] }));
  figures.push(...JSON.parse(readFileSync('dist/bench/search-ui-figures.json', 'utf8')));
}

// The targets, at the largest size.
const TARGETS = [
  { where: 'node', name: /^load \(parse/, target: '≤ 2× papaparse', met: (f) => f.ratio !== null && f.ratio <= 2 },
  { where: 'chromium', name: /^load in a worker/, target: '≤ 2× papaparse', met: (f) => f.ratio !== null && f.ratio <= 2 },
  { where: 'chromium', name: /^first render/, target: '≤ 1.3× bare AG Grid', met: (f) => f.ratio !== null && f.ratio <= 1.3 },
  { where: 'chromium', name: /^edit:/, target: '≤ 16 ms median', met: (f) => f.median <= 16 },
  { where: 'node', name: /^anchor all/, target: '≤ 1000 ms', met: (f) => f.median <= 1000 },
  { where: 'chromium', name: /^longest main-thread task during load \(worker\)/, target: '≤ 100 ms', met: (f) => f.median <= 100 },
  { where: 'chromium', name: /^longest main-thread task of the grid's set-up/, target: '≤ 100 ms', met: (f) => f.median <= 100 },
  // Search: at both sizes of the search case (50 sources; one 300-page document).
  { where: 'node', name: /^search: slowest key press/, target: '≤ 100 ms', met: (f) => f.median <= 100, sizes: /^search:/ },
  // Datasets: computing every cell and checking every row citation of the Passport Index.
  { where: 'node', name: /^read (the dataset )?\+ compute/, target: '≤ 2× papaparse', met: (f) => f.ratio !== null && f.ratio <= 2, sizes: /^visa-harmonization-2025/ },
  { where: 'node', name: /^extract text of a PDF/, target: '≤ 1.2× bare pdf.js', met: (f) => f.ratio !== null && f.ratio <= 1.2 },
  { where: 'chromium', name: /^search view: last key press/, target: '≤ 100 ms', met: (f) => f.median <= 100, sizes: /^search:/ },
  // Team mode (largest matrix, 20 editors × 10 edits a second).
  { where: 'node', name: /^join a shared matrix/, target: '≤ 2× loading from disk', met: (f) => f.ratio !== null && f.ratio <= 2, sizes: /^sync:/ },
  { where: 'node', name: /^edit → other client: median/, target: '≤ 100 ms', met: (f) => f.median <= 100, sizes: /^sync:/ },
  { where: 'node', name: /^edit → other client: 95th/, target: '≤ 250 ms', met: (f) => f.median <= 250, sizes: /^sync:/ },
];
for (const f of figures) {
  delete f.met;
  const t = TARGETS.find((x) => x.where === f.where && x.name.test(f.name) && (x.sizes ? x.sizes.test(f.size) : f.size.startsWith('large')));
  if (t) Object.assign(f, { target: t.target, met: t.met(f) });
}

const rows = figures.map((f) => [f.where, f.size.split(' (')[0], f.name, `${f.median} ${f.unit}`, `${f.baseline} ${f.unit}`, f.ratio === null ? '—' : `${f.ratio}×`, f.met === undefined ? '' : f.met ? 'met' : 'NOT met']);
const header = ['where', 'size', 'figure', 'ours', 'baseline', 'ratio', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
console.log('\n' + [header, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n'));

const machine = {
  node: process.version,
  chromium,
  platform: `${process.platform} ${process.arch}`,
  cpus: cpus()[0]?.model,
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 1e9),
};
writeFileSync('bench-results.json', JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2) + '\n');
console.log(`\nwrote bench-results.json (${figures.length} figures)`);
