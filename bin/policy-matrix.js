#!/usr/bin/env node
// Entry of the `policy-matrix` command; the code is bundled to dist/cli.js by `npm run build`
// (or `npm run build:cli`), which the published package ships. In a clone where it is not
// built yet (after `npm ci`), it is built here first, from the sources, with esbuild.
import { existsSync } from 'node:fs';

const built = new URL('../dist/cli.js', import.meta.url);
const builder = new URL('../scripts/build-cli.mjs', import.meta.url);
if (!existsSync(built)) {
  if (!existsSync(builder)) {
    console.error('policy-matrix: dist/cli.js is missing from this installation');
    process.exit(2);
  }
  const { buildCli } = await import(builder.href);
  await buildCli();
}
const cli = await import(built.href);
process.exitCode = await cli.main(process.argv.slice(2));
