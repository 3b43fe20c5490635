/** Printing a fixture page to PDF with Chromium, as `policy-matrix brief` does (Node only). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, printToPdf } from '../../../src/cli/pdf.ts';

/** Print HTML to a PDF with Chromium (as `policy-matrix brief` does). */
export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  const chromium = findChromium();
  if (!chromium.path) throw new Error(chromium.error);
  const dir = await mkdtemp(join(tmpdir(), 'policy-matrix-source-'));
  try {
    const out = join(dir, 'out.pdf');
    await printToPdf(html, out, chromium.path);
    return new Uint8Array(await readFile(out));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

