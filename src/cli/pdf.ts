import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where Chromium (or Chrome) usually is, after CHROME_PATH. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/** The Chromium to print with: CHROME_PATH when set, else a usual place or a name on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path?: string; error?: string } {
  if (env.CHROME_PATH) {
    return isFile(env.CHROME_PATH) ? { path: env.CHROME_PATH } : { error: `CHROME_PATH names ${env.CHROME_PATH}, which is not a file` };
  }
  const found = CANDIDATES.find(isFile) ??
    (env.PATH ?? '').split(delimiter).filter(Boolean).flatMap((dir) => NAMES.map((n) => join(dir, n))).find(isFile);
  return found
    ? { path: found }
    : { error: 'Chromium is needed to write a PDF and was not found: install it (Debian: apt-get install chromium) or set CHROME_PATH to a Chrome or Chromium executable' };
}

/**
 * Print an HTML document to a PDF file with headless Chromium (its own print of the page,
 * honouring the document's @page size, no header or footer). Throws with Chromium's
 * message when it fails.
 */
export async function printToPdf(html: string, outFile: string, chromium: string, timeoutMs = 120_000): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'policy-matrix-brief-'));
  try {
    const page = join(dir, 'briefing.html');
    await writeFile(page, html);
    const out = resolve(outFile);
    // So that a PDF left from an earlier run is never taken for this one.
    await rm(out, { force: true });
    const args = [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-pdf-header-footer', `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${out}`, pathToFileURL(page).href,
    ];
    const output = await new Promise<string>((done, fail) => {
      execFile(chromium, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) fail(new Error(`${chromium} failed: ${error.message}\n${stderr}`.trim()));
        else done(`${stdout}${stderr}`);
      });
    });
    if (!existsSync(out)) throw new Error(`${chromium} wrote no PDF\n${output}`.trim());
    const handle = await open(out, 'r');
    const head = Buffer.alloc(5);
    try {
      await handle.read(head, 0, 5, 0);
    } finally {
      await handle.close();
    }
    if (head.toString('latin1') !== '%PDF-') throw new Error(`${chromium} wrote ${out}, but it is not a PDF`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
