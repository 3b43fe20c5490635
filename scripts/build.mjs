// `npm run build`:
//   dist/policy-matrix.js  one self-contained ES module: <script type="module" src=…> registers every element
//   dist/esm/              unbundled ES modules + .d.ts for applications with their own bundler
//   custom-elements.json   the elements' API from their JSDoc, pointing at dist/esm
// and prints the bundle's size, raw and gzipped.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

rmSync('dist/esm', { recursive: true, force: true });

const result = await build({
  // The load worker is its own file beside the bundle (a worker needs a script URL; a Blob
  // URL would break under a strict CSP's worker-src 'self').
  entryPoints: { 'policy-matrix': 'src/define.ts', 'policy-matrix.worker': 'src/worker/load.worker.ts' },
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  metafile: true,
  // Production build: no AG Grid validation module, Lit's production build.
  define: { 'globalThis.POLICY_MATRIX_PRODUCTION': 'true', 'globalThis.POLICY_MATRIX_WORKER': '"./policy-matrix.worker.js"' },
  logLevel: 'warning',
});

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { stdio: 'inherit' });

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const bundle = readFileSync('dist/policy-matrix.js');
console.log(`dist/policy-matrix.js  ${kb(bundle.length)} raw, ${kb(gzipSync(bundle, { level: 9 }).length)} gzipped`);
const worker = readFileSync('dist/policy-matrix.worker.js');
console.log(`dist/policy-matrix.worker.js  ${kb(worker.length)} raw, ${kb(gzipSync(worker, { level: 9 }).length)} gzipped (loads large matrices off the main thread)`);
const inputs = Object.entries(result.metafile.outputs['dist/policy-matrix.js'].inputs);
const byPackage = new Map();
for (const [path, { bytesInOutput }] of inputs) {
  const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? 'policy-matrix (src)';
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
}
for (const [pkg, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(`  ${pkg.padEnd(24)} ${kb(bytes)}`);
