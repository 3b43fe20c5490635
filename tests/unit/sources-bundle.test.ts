/**
 * The format libraries (pdf.js, Readability, linkedom, mammoth, marked) are loaded only when a
 * file is extracted: they are in no static import graph, so the embed bundle never holds them
 * and an application's bundler puts them in chunks of their own.
 *
 * The extraction API is not exported from src/index.ts: src/define.ts (the embed bundle's
 * entry) re-exports it, and a one-file bundle (esbuild without code splitting) inlines what a
 * dynamic import loads. The app imports src/model/sources/index.ts.
 */
import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
// PDFKit, its font engine and the font write the codebook as PDF, on the command line only.
const HEAVY = /node_modules\/(?:pdfjs-dist|@mozilla\/readability|linkedom|mammoth|marked|htmlparser2|@xmldom|pdfkit|fontkit|@fontsource)\//;

async function bundle(entry: string, splitting: boolean): Promise<Metafile> {
  const result = await build({
    entryPoints: [entry], absWorkingDir: ROOT, bundle: true, format: 'esm', target: 'es2022', platform: 'browser',
    splitting, outdir: join(ROOT, 'dist', 'bundle-check'), write: false, metafile: true, logLevel: 'silent',
  });
  return result.metafile;
}

/**
 * The inputs of the output built for the entry itself and of what it imports statically (not
 * of the chunks it loads on demand, which esbuild marks as entry points of their own).
 */
function staticInputs(meta: Metafile, entry: string): string[] {
  const outputs = meta.outputs;
  const start = Object.keys(outputs).find((o) => outputs[o].entryPoint === entry)!;
  const seen = new Set<string>();
  const inputs: string[] = [];
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    inputs.push(...Object.keys(outputs[name].inputs));
    for (const i of outputs[name].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(start);
  return inputs;
}

describe('format libraries stay out of static imports', () => {
  it('the embed bundle (src/define.ts, one file as `npm run build` makes it) holds none of them, nor the extraction', async () => {
    const inputs = Object.keys((await bundle('src/define.ts', false)).inputs);
    expect(inputs.filter((p) => HEAVY.test(p))).toEqual([]);
    expect(inputs.filter((p) => p.includes('src/model/sources/extract/'))).toEqual([]);
  }, 60_000);

  it('the sources API loads each library in a chunk of its own, on first use', async () => {
    const meta = await bundle('src/model/sources/index.ts', true);
    const entry = staticInputs(meta, 'src/model/sources/index.ts');
    expect(entry).toContain('src/model/sources/extract/detect.ts');
    expect(entry.filter((p) => HEAVY.test(p))).toEqual([]);
    // …and they are reachable: a bundler puts them in the chunks.
    const all = Object.keys(meta.inputs);
    for (const name of ['pdfjs-dist', '@mozilla/readability', 'linkedom', 'mammoth', 'marked']) expect(all.some((p) => p.includes(`node_modules/${name}/`)), name).toBe(true);
  }, 60_000);
});
