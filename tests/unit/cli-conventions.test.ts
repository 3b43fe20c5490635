/**
 * The command line behaves as a Unix tool: --version, --help for every command (with its
 * exit statuses), problems without a line name the file alone, a missing source text is one
 * error, and colour only on a terminal (never piped, never with NO_COLOR).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { wantsColour } from '../../src/cli/style.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'policy-matrix.js');
const COMMANDS = ['new', 'validate', 'format', 'compare', 'brief', 'export', 'references', 'serve', 'token'];
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** The environment of a user's shell with no colour preference. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const k of ['NO_COLOR', 'FORCE_COLOR'] as const) if (!(k in extra)) delete e[k];
  return e;
}

function cli(args: string[], extra: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: env(extra) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the bundled matrix with nothing beside it: its source text is missing. */
function withoutSource(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'policy-matrix-nosource-')), 'eu-north-america');
  cpSync(join(root, 'matrices', 'eu-north-america'), folder, { recursive: true });
  return folder;
}

const ESC = '\u001b[';

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root });
});

describe('--version and --help', () => {
  it('prints the version of package.json', () => {
    for (const flag of ['--version', '-V']) {
      const r = cli([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('lists every command with how to call it, the exit statuses and the environment', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
      for (const c of COMMANDS) expect(r.stdout).toContain(`policy-matrix ${c} `);
      expect(r.stdout).toMatch(/exit status:\n {2}0 {2}.+\n {2}1 {2}.+\n {2}2 {2}.+/);
      expect(r.stdout).toContain('NO_COLOR');
    }
  });

  it.each(COMMANDS)('%s --help says how to call it, its options and its exit statuses (exit 0, standard output)', (command) => {
    const r = cli([command, '--help']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith(`usage: policy-matrix ${command} `)).toBe(true);
    expect(r.stdout).toMatch(/\nexit status:\n {2}0 {2}.+\n {2}1 {2}.+\n {2}2 {2}.+\n$/);
    // The same help from -h, from `help <command>`, and with other arguments around it.
    expect(cli([command, '-h']).stdout).toBe(r.stdout);
    expect(cli(['help', command]).stdout).toBe(r.stdout);
    expect(cli([command, 'matrices/eu-north-america', '--help']).stdout).toBe(r.stdout);
    // Every option the synopsis names is explained.
    const synopsis = r.stdout.slice(0, r.stdout.indexOf('\n\n'));
    for (const option of new Set(synopsis.match(/--[a-z-]+/g) ?? [])) expect(r.stdout.slice(synopsis.length), `${command} ${option}`).toContain(`  ${option}`);
  });

  it('refuses an unknown command or help topic (exit 2, standard error), and no command at all', () => {
    const unknown = cli(['frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('unknown command "frobnicate" (commands: new, validate, format, add-source, replace-source, compute, compare, brief, changes, codebook, export, references, serve, token)');
    expect(cli(['help', 'frobnicate']).status).toBe(2);
    const none = cli([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('usage: policy-matrix <command>');
  });

  it('a wrong call names the command, the reason and where the help is (exit 2)', () => {
    const r = cli(['validate', '--nope', 'matrices/eu-north-america']);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'policy-matrix validate: unknown option --nope',
      'usage: policy-matrix validate [--json] <matrix-folder | matrix.zip>...',
      '(policy-matrix validate --help says more)',
    ]);
  });
});

describe('problems', () => {
  it('without a line name the file alone, never file:0:0', () => {
    const folder = withoutSource();
    rmSync(join(folder, 'scales.csv'));
    const r = cli(['validate', folder]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${join(folder, 'scales.csv')}: error: missing file scales.csv: a matrix folder needs it`);
    expect(r.stdout).not.toMatch(/:0(:\d+)?: /);
  });

  it('a missing source text is one error naming the source and its path; its citations are unchecked, not orphaned each', () => {
    const folder = withoutSource();
    const r = cli(['validate', folder]);
    expect(r.status).toBe(1);
    const problems = r.stdout.split('\n').filter((l) => /: (error|warning): /.test(l));
    expect(problems).toEqual([
      expect.stringMatching(new RegExp(`^${join(folder, 'sources.csv').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: error: the text of source "security-americas" cannot be read at \\.\\./sources/security-in-the-americas\\.txt$`)),
    ]);
    const citations = readFileSync(join(folder, 'citations.csv'), 'utf8').trim().split('\n').length - 1;
    expect(r.stdout).toContain(`citations: ${citations} — 0 found, 0 ambiguous, 0 orphaned, ${citations} unchecked (their source text is missing)`);
    expect(r.stdout).toContain('1 error, 0 warnings');
    const json = JSON.parse(cli(['validate', '--json', folder]).stdout).matrices[0];
    expect(json.errors).toBe(1);
    expect(new Set(json.citations.map((c: { status: string }) => c.status))).toEqual(new Set(['unchecked']));
  });
});

describe('colour', () => {
  const folder = withoutSource();
  /** Run in a real terminal (a pseudo-terminal by util-linux `script`), as a person at a shell does. */
  function inTerminal(args: string[], extra: NodeJS.ProcessEnv = {}) {
    const command = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: root, encoding: 'utf8', env: env({ TERM: 'xterm', ...extra }) });
    return { status: r.status, output: r.stdout.replace(/\r\n/g, '\n') };
  }
  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout?.includes('util-linux') ?? false;

  it('none when piped: not on standard output, not on standard error', () => {
    const r = cli(['validate', folder]);
    expect(r.stdout).toContain('error: the text of source');
    expect(r.stdout + r.stderr).not.toContain(ESC);
    const brief = cli(['brief', folder, '--format', 'md', '--out', '-']);
    expect(brief.stderr).toContain('error: the text of source');
    expect(brief.stderr).not.toContain(ESC);
  });

  // `script` (util-linux, in every Debian: package bsdutils is essential) gives the command a
  // real terminal; a system without it cannot run this one test.
  it.skipIf(!hasScript)('on a terminal: errors red, places dim, counts in colour; none with NO_COLOR', () => {
    const r = inTerminal(['validate', folder]);
    expect(r.status).toBe(1);
    const line = r.output.split('\n').find((l) => l.includes('cannot be read'))!;
    expect(line).toContain(`${ESC}2m${join(folder, 'sources.csv')}:2:`);
    expect(line).toContain(`${ESC}1;31merror${ESC}39;22m: the text of source`);
    expect(r.output).toContain(`${ESC}1;31m1 error${ESC}39;22m, 0 warnings`);
    const plainRun = inTerminal(['validate', folder], { NO_COLOR: '1' });
    expect(plainRun.status).toBe(1);
    expect(plainRun.output).toContain('error: the text of source');
    expect(plainRun.output).not.toContain(ESC);
  });

  it('FORCE_COLOR asks for colour in a pipe (e.g. for less -R); NO_COLOR still wins', () => {
    expect(cli(['validate', folder], { FORCE_COLOR: '1' }).stdout).toContain(`${ESC}1;31merror`);
    expect(cli(['validate', folder], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain(ESC);
  });

  it('is decided per stream: a terminal, unless NO_COLOR is set and not empty, or TERM is dumb', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(wantsColour({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
  });
});
