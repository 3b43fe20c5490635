// `node bench/edit-run.mjs [small|medium|large]`: the store's cost per edit (bench/edit-bench.ts).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

await build({ entryPoints: ['bench/edit-bench.ts'], outfile: 'dist/bench/edit-bench.js', bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', 'dist/bench/edit-bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
