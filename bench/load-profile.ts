/**
 * The Node half's load figure alone (read + validate + anchor against papaparse on the same
 * bytes, alternating, medians, as `npm run bench` measures it), with wall-clock and CPU time,
 * for a quick measure or a CPU profile. Built with the bench (`npm run bench` bundles it into
 * dist/bench/); reads the case's folder that the bench writes:
 *
 *   npm run bench -- large      # once: writes dist/bench/data/large/
 *   node --expose-gc dist/bench/load-profile.js large 9
 *   node --expose-gc --cpu-prof --cpu-prof-dir=dist/bench/profiles dist/bench/load-profile.js large 5 ours
 *
 * With `ours` as third argument only our load runs (a profile of it alone).
 */
import Papa from 'papaparse';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkMatrix, SourceIndexCache } from '../src/model/check/check.ts';
import { readMatrix } from '../src/model/format/read.ts';
import { compare, compareCpu, median } from './measure.ts';

const [key = 'large', runsArg = '9', which] = process.argv.slice(2);
const dir = join('dist', 'bench', 'data', key);
const bytes = new Map(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]));
const csvNames = [...bytes.keys()].filter((n) => n.endsWith('.csv'));
const runs = Number(runsArg);

async function load() {
  const bundle = await readMatrix(async (p) => bytes.get(p), 'bench');
  const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache(), locations: bundle.locations, pairs: bundle.pairs, datasets: bundle.datasets });
  return { bundle, check };
}
const papaparseAll = () => {
  for (const name of csvNames) Papa.parse(new TextDecoder().decode(bytes.get(name)), { skipEmptyLines: true });
};

if (which === 'ours') {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    /$/.test('');
    (globalThis as { gc?: () => void }).gc?.();
    const t = performance.now();
    await load();
    times.push(performance.now() - t);
  }
  console.log(`load (ours only): median ${median(times).toFixed(1)} ms   runs ${times.map((x) => x.toFixed(0)).join(', ')}`);
} else {
  const wall = await compare(runs, load, papaparseAll);
  console.log(`load (wall): ${wall.ours.toFixed(1)} against ${wall.baseline.toFixed(1)} ms (${(wall.ours / wall.baseline).toFixed(2)}×)`);
  const cpu = await compareCpu(runs, load, papaparseAll);
  console.log(`load (CPU):  ${cpu.ours.toFixed(1)} against ${cpu.baseline.toFixed(1)} ms (${(cpu.ours / cpu.baseline).toFixed(2)}×)`);
}
