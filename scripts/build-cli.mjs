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
    // So is PDFKit, loaded when a codebook is written as PDF (its font is read from node_modules),
    // with fontkit, which reads the font for PDFKit and tells which characters it can draw.
    external: ['pdfjs-dist', 'pdfjs-dist/*', 'mammoth', 'mammoth/*', '@mozilla/readability', '@mozilla/readability/*', 'linkedom', 'marked', 'pdfkit', 'pdfkit/*', 'fontkit',
      // The team server's packages (serve, token) likewise: a native module (better-sqlite3),
      // CommonJS ones (ws), and Yjs, which must be one copy for all of them.
      'better-sqlite3', 'ws', 'yjs', 'y-protocols', 'y-protocols/*', 'lib0', 'lib0/*', '@hocuspocus/*', 'bufferutil', 'utf-8-validate', 'esbuild'],
    // Spaces and line breaks out: the package's largest file, a quarter smaller. Names are
    // kept, so stack traces and error messages read as before.
    minifyWhitespace: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
