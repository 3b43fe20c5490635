#!/usr/bin/env node
// Entry of the `policy-matrix` command; the code is bundled to dist/cli.js by `npm run build:cli`
// (run automatically by `npm ci` / `npm install` and by `npm test`).
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND') {
    console.error('policy-matrix: dist/cli.js is missing; run `npm run build:cli` first');
    process.exit(2);
  }
  throw e;
}
process.exitCode = await cli.main(process.argv.slice(2));
