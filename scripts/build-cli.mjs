// Bundles the command line (src/cli/main.ts and the model it shares with the app) into
// dist/cli.js, so `policy-matrix` runs on plain Node without a TypeScript loader.
// `node scripts/build-cli.mjs` (npm run build:cli), `npm run build`, and bin/policy-matrix.js
// itself in a clone where dist/cli.js is not built yet.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildCli() {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The sources' format libraries (runtime dependencies of the package) are loaded from
    // node_modules when a file of their kind is added, not bundled: pdf.js alone is megabytes.
    // So is PDFKit, loaded when a codebook is written as PDF (its font is read from node_modules).
    external: ['pdfjs-dist', 'pdfjs-dist/*', 'mammoth', 'mammoth/*', '@mozilla/readability', '@mozilla/readability/*', 'linkedom', 'marked', 'pdfkit', 'pdfkit/*'],
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
