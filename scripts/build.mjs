// `npm run build`:
//   dist/policy-matrix.js (+ dist/elements/, dist/chunks/, dist/policy-matrix.worker.js)
//                          the embed bundle (scripts/bundle.mjs): <script type="module" src=…>
//                          registers every element; dist/elements/<tag>.js registers one
//   dist/esm/              unbundled ES modules + .d.ts for applications with their own bundler
//   dist/cli.js            the command line (scripts/build-cli.mjs)
//   custom-elements.json   the elements' API from their JSDoc, pointing at dist/esm
// and prints what each entry of the bundle loads, raw and gzipped, at first and on demand.
// No source maps: the package ships what runs (see tests/unit/package.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildBundle, entrySizes, formatSizes, packagesIn } from './bundle.mjs';
import { buildCli } from './build-cli.mjs';

for (const old of ['dist/esm', 'dist/elements', 'dist/chunks']) rmSync(old, { recursive: true, force: true });
for (const old of ['dist/policy-matrix.js', 'dist/policy-matrix.js.map', 'dist/policy-matrix.worker.js.map']) rmSync(old, { force: true });

const bundle = await buildBundle('dist');
for (const [name, contents] of bundle.files) {
  const path = join('dist', name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, contents);
}
await buildCli();

execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
// tsc's rewriteRelativeImportExtensions leaves some dynamic import('./x.ts') as written (seen on a
// lazily loaded dialog of the file menu): rewrite what it left, so no module of dist/esm asks for a .ts file.
for (const entry of readdirSync('dist/esm', { recursive: true })) {
  if (!String(entry).endsWith('.js')) continue;
  const file = join('dist/esm', String(entry));
  const code = readFileSync(file, 'utf8');
  const fixed = code.replace(/(\bimport\(\s*)(['"])(\.{1,2}\/[^'"]+)\.ts\2/g, '$1$2$3.js$2');
  if (fixed !== code) writeFileSync(file, fixed);
}
execFileSync(process.execPath, ['node_modules/@custom-elements-manifest/analyzer/cem.js', 'analyze', '--config', 'custom-elements-manifest.config.mjs'], { stdio: 'inherit' });

const sizes = entrySizes(bundle);
console.log(formatSizes(sizes));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log('dist/policy-matrix.js at first load, by package (minified, before gzip):');
for (const [pkg, bytes] of packagesIn(bundle, sizes['policy-matrix.js'].first.files)) console.log(`  ${pkg.padEnd(24)} ${kb(bytes)}`);
