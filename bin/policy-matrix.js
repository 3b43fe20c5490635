#!/usr/bin/env node
// Entry of the `policy-matrix` command; the code is bundled to dist/cli.js by `npm run build`
// (or `npm run build:cli`), which the published package ships. In a clone (the sources and
// scripts/ beside this file), dist/cli.js is built here first when it is missing or older than
// the sources: after `npm ci`, or after a pull, the command runs the code of the checkout.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
const builder = new URL('../scripts/build-cli.mjs', import.meta.url);
const sources = fileURLToPath(new URL('../src/', import.meta.url));

/** The newest modification time of the files under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const clone = existsSync(builder) && existsSync(sources);
if (clone && (!existsSync(built) || statSync(built).mtimeMs < newest(sources))) {
  const { buildCli } = await import(builder.href);
  await buildCli();
} else if (!existsSync(built)) {
  console.error('policy-matrix: dist/cli.js is missing from this installation');
  process.exit(2);
}
const cli = await import(built.href);
process.exitCode = await cli.main(process.argv.slice(2));
