/**
 * A hostile matrix's surroundings for the tests of tests/unit/hostile/: a temporary folder
 * with the layout of the repository's matrices/ (a matrix folder and the shared sources
 * folder beside it) and, outside it, canary files with known content that nothing may read,
 * copy or write. Commands run as a user runs them (the built `policy-matrix`), each in a
 * process of its own, with a time limit and its peak memory measured.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { smallMatrixTexts, SMALL_SOURCE } from '../support/small-matrix.ts';

/** The project's root (this file is in tests/unit/hostile/). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'policy-matrix.js');
const PEAK = join(import.meta.dirname, 'peak-rss.mjs');

/** The text of every canary: none of it may ever appear in an output, a zip or a JSON report. */
export const CANARY = 'CANARY-7f3a-do-not-read';

/** Build the command line from the current sources (once per test file). */
export function buildCli(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs')], { cwd: ROOT });
}

const made: string[] = [];

/** A new temporary folder, removed by `removeTemporaryFolders` (each test file's afterAll). */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTemporaryFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Tree {
  /** The temporary folder holding everything. */
  root: string;
  /** root/matrices/small: the matrix folder. */
  folder: string;
  /** root/matrices/sources: the shared sources folder. */
  sources: string;
  /** root/outside: canaries (never to be read or written). */
  outside: string;
}

/**
 * The small matrix with a second source, `evil`, whose path is `evilPath` (and one citation
 * of it, on a cell of its own); its good source is at ../sources/source.txt. Files given in
 * `files` replace the matrix's own (undefined leaves one out).
 */
export function hostileTree(evilPath: string, files: Record<string, string | undefined> = {}): Tree {
  const root = temporaryFolder('policy-matrix-hostile-');
  const matrices = join(root, 'matrices');
  const folder = join(matrices, 'small');
  const sources = join(matrices, 'sources');
  const outside = join(root, 'outside');
  for (const dir of [folder, sources, outside]) mkdirSync(dir, { recursive: true });
  // A canary with the good source's text in it too: were it read in its place, quotes would be "found".
  writeFileSync(join(outside, 'canary.txt'), `${CANARY}\n${SMALL_SOURCE}${CANARY}\n`);
  writeFileSync(join(outside, 'target.csv'), `${CANARY},target\n`);
  writeFileSync(join(sources, 'source.txt'), SMALL_SOURCE);
  const texts = hostileTexts(evilPath);
  for (const [name, text] of Object.entries({ ...texts, ...files })) if (text !== undefined) writeFileSync(join(folder, name), text);
  return { root, folder, sources, outside };
}

/** The files of the matrix hostileTree writes. */
export function hostileTexts(evilPath: string): Record<string, string | undefined> {
  const texts = smallMatrixTexts();
  return {
    ...texts,
    'source.txt': undefined,
    'sources.csv': `id,title,authors,year,path\nevil,Evil source,X,2020,"${evilPath.replaceAll('"', '""')}"\nsrc,Small source,A. Author,2020,../sources/source.txt\n`,
    // The year cells cite the evil source: a quote that is in the canary (and in the good source).
    'cells.csv': texts['cells.csv']!.replace('year,north,,,,not_in_source,', 'year,north,2004,,,supported,'),
    'citations.csv': `${texts['citations.csv']}year,north,1,evil,entered into force in December 2004,,,\n`,
  };
}

/** Every good row of the hostile matrix: kept whatever its evil source does. */
export const GOOD = { cells: 6, citations: 5, found: 4 };

/** A digest of every file (and link) under `dir`: compared before and after, it shows nothing was written there. */
export function digest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) out[path] = `link -> ${readlinkSync(path)}`;
      else if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) out[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
      else out[path] = 'special';
    }
  };
  walk(dir);
  return out;
}

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Wall time, ms. */
  ms: number;
  /** Peak resident memory of the command's process, MiB (Infinity when the process did not say it: see `ended`). */
  peakMiB: number;
  /** How the process ended, for a message: its status or signal, and spawnSync's error if any. */
  ended: string;
}

/**
 * Run the built command line in a process of its own, killed after `timeoutMs`; `unprivileged`:
 * as user nobody when the tests run as root (root reads any file, a user does not).
 */
export function cli(args: string[], options: { cwd?: string; timeoutMs?: number; unprivileged?: boolean } = {}): Run {
  const started = performance.now();
  const as = options.unprivileged && process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, ['--import', PEAK, BIN, ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, ...as,
  });
  const ms = performance.now() - started;
  const peak = /\npeak-rss-kb (\d+)\n/.exec(r.stderr ?? '');
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: (r.stderr ?? '').replace(/\npeak-rss-kb \d+\n/, ''),
    ms,
    peakMiB: peak ? Number(peak[1]) / 1024 : Infinity,
    ended: `status ${r.status}, signal ${r.signal}${r.error ? `, ${r.error.message}` : ''}; ${(r.stdout ?? '').length} characters out, ${(r.stderr ?? '').length} on stderr, ending ${JSON.stringify((r.stderr ?? '').slice(-200))}`,
  };
}

/**
 * Whether a command can run as user nobody (see `cli`): when the tests run as root, nobody must
 * be able to reach the project's files (a clone inside a folder only root may enter is not).
 */
export function unprivilegedCanRun(): boolean {
  if (process.getuid?.() !== 0) return true;
  const probe = `const fs = require('node:fs'); for (const f of ${JSON.stringify([BIN, PEAK])}) fs.accessSync(f, fs.constants.R_OK);`;
  return spawnSync(process.execPath, ['-e', probe], { uid: 65534, gid: 65534, cwd: tmpdir() }).status === 0;
}

/** No stack trace, no V8 abort: what a user may see of a crash. */
export const CRASH = /\n\s+at .+:\d+:\d+|FATAL ERROR|Uncaught|node:internal/;
