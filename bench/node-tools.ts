/**
 * Helpers of `npm run bench` that run as their own processes (bundled by run.mjs):
 *
 *   node-tools.js write <folder> [case]       write each case's matrix folder (CSV files, source.txt) under <folder>/<case>/
 *   node-tools.js peak ours|papaparse <dir>   in a fresh process: load that folder (ours: read + validate + anchor;
 *                                             papaparse: parse its CSV files) and print the process's peak RSS and heap (MB)
 *
 * The same bytes serve the Chromium half (browser-run.mjs) and the peak-memory figures.
 */
import Papa from 'papaparse';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkMatrix, SourceIndexCache } from '../src/model/check/check.ts';
import { readMatrix } from '../src/model/format/read.ts';
import { benchCases } from './cases.ts';

const [command, ...args] = process.argv.slice(2);

if (command === 'write') {
  const [folder, only] = args;
  for (const c of benchCases(only)) {
    const data = c.data();
    const dir = join(folder, c.key);
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(data.files)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'source.txt'), data.source);
    console.error(`  wrote ${dir}`);
  }
} else if (command === 'peak') {
  const [which, dir] = args;
  const files = new Map(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]));
  let heapPeak = 0;
  const sample = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));
  const timer = setInterval(sample, 5);
  const t = performance.now();
  let loaded: unknown;
  let kept: unknown;
  if (which === 'ours') {
    const bundle = await readMatrix(async (p) => files.get(p), 'bench');
    sample();
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache(), locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
    sample();
    loaded = { bundle, check };
  } else {
    kept = [...files].filter(([name]) => name.endsWith('.csv')).map(([, bytes]) => Papa.parse(new TextDecoder().decode(bytes), { skipEmptyLines: true }).data);
    sample();
  }
  const ms = performance.now() - t;
  clearInterval(timer);
  // Heap still held (the loaded matrix and its check, or papaparse's rows), after a full GC.
  (globalThis as { gc?: () => void }).gc?.();
  const heldMB = process.memoryUsage().heapUsed / 1e6;
  console.log(JSON.stringify({ rssMB: process.resourceUsage().maxRSS / 1024, heapMB: heapPeak / 1e6, heldMB, ms, kept: !!(kept ?? loaded) }));
} else {
  console.error('usage: node-tools.js write <folder> [case] | peak ours|papaparse <dir>');
  process.exit(2);
}
