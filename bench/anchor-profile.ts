/**
 * The bench's "anchor all quotes" alone, for a CPU profile: index the case's source, then look
 * every quote of its citations up (as for a matrix saved without positions), several times,
 * printing the wall-clock and CPU time of each half. Built with the bench (`npm run bench`
 * bundles it into dist/bench/); reads the case's folder that the bench writes:
 *
 *   npm run bench -- large      # once: writes dist/bench/data/large/
 *   node --expose-gc --cpu-prof --cpu-prof-dir=dist/bench/profiles dist/bench/anchor-profile.js large 5
 *
 * The profile (a .cpuprofile file) opens in Chromium's DevTools (Performance panel).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SourceIndex } from '../src/model/anchor/source-index.ts';
import { readMatrix } from '../src/model/format/read.ts';
import { median } from './measure.ts';

const [key = 'large', runsArg = '5'] = process.argv.slice(2);
const dir = join('dist', 'bench', 'data', key);
const files = new Map(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]));
const bundle = await readMatrix(async (p) => files.get(p), 'bench');
const source = new TextDecoder().decode(files.get('source.txt'));
const quotes = bundle.matrix.citations;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times: Record<string, number[]> = {};
const add = (name: string, ms: number) => (times[name] ??= []).push(ms);
for (let run = 0; run < Number(runsArg); run++) {
  (globalThis as { gc?: () => void }).gc?.();
  const [w0, c0] = [performance.now(), cpu()];
  const index = new SourceIndex(source);
  const [w1, c1] = [performance.now(), cpu()];
  for (const q of quotes) index.anchor(q);
  const [w2, c2] = [performance.now(), cpu()];
  add('index (wall)', w1 - w0);
  add('index (CPU)', c1 - c0);
  add(`${quotes.length} look-ups (wall)`, w2 - w1);
  add(`${quotes.length} look-ups (CPU)`, c2 - c1);
  add('both (wall)', w2 - w0);
  add('both (CPU)', c2 - c0);
}
for (const [name, ms] of Object.entries(times)) {
  console.log(`${name.padEnd(28)} median ${median(ms).toFixed(0).padStart(6)} ms   runs ${ms.map((x) => x.toFixed(0)).join(', ')}`);
}
