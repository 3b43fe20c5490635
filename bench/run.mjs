// `npm run bench`: bundles the benchmarks with esbuild, runs the Node half (with --expose-gc
// for memory figures) and the Chromium half, prints the table and writes bench-results.json.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';

const only = process.argv[2];
await build({ entryPoints: ['bench/node-main.ts'], outfile: 'dist/bench/node-main.js', bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
const node = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', 'dist/bench/node-main.js', ...(only ? [only] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
if (node.status !== 0) process.exit(node.status ?? 1);
const figures = JSON.parse(readFileSync('dist/bench/node-figures.json', 'utf8'));
if (existsSync('bench/browser-run.mjs')) {
  const browser = spawnSync(process.execPath, ['bench/browser-run.mjs', ...(only ? [only] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (browser.status !== 0) process.exit(browser.status ?? 1);
  figures.push(...JSON.parse(readFileSync('dist/bench/browser-figures.json', 'utf8')));
}
const machine = { node: process.version, platform: `${process.platform} ${process.arch}`, cpus: (await import('node:os')).cpus().map((c) => c.model)[0], cores: (await import('node:os')).cpus().length, memoryGB: Math.round((await import('node:os')).totalmem() / 1e9) };
writeFileSync('bench-results.json', JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2) + '\n');
console.log(`\nwrote bench-results.json (${figures.length} figures)`);
