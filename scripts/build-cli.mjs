// Bundles the command line (src/cli/main.ts and the model it shares with the app) into
// dist/cli.js, so `policy-matrix` runs on plain Node without a TypeScript loader.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
