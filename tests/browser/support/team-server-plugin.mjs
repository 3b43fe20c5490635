// Browser tests of team mode talk to a real team server: `policy-matrix serve` started by the
// test runner (Node) on 127.0.0.1 over a temporary copy of the bundled matrix, through these
// server commands (executeServerCommand from @web/test-runner-commands):
//   team-server-start { tokens: [{ name, role }] } → { url, matrix, tokens: { name: token } }
//   team-server-disk → { files, valid, canonical, changed }: the folder on disk, whether
//     `policy-matrix validate` accepts it and whether `policy-matrix format` leaves it as it is
//     (`changed`: the files it would rewrite)
//   team-server-stop
// One server at a time; the test that starts it stops it (and the runner stops it at the end).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('bin/policy-matrix.js');
const MATRIX = 'eu-north-america';

export function teamServerPlugin() {
  let running;
  const stop = () => {
    if (!running) return;
    if (running.child.exitCode === null) running.child.kill('SIGTERM');
    rmSync(running.root, { recursive: true, force: true });
    running = undefined;
  };
  process.on('exit', stop);
  const disk = () => {
    const folder = join(running.root, 'matrices', MATRIX);
    const files = Object.fromEntries(readdirSync(folder).filter((f) => /\.(csv|json)$/.test(f)).map((f) => [f, readFileSync(join(folder, f), 'utf8')]));
    const valid = spawnSync(process.execPath, [CLI, 'validate', folder], { encoding: 'utf8' }).status === 0;
    // Canonical: formatting a copy changes nothing.
    // (A folder of the same name: a matrix is named after its folder.)
    const copyRoot = mkdtempSync(join(tmpdir(), 'pm-canon-'));
    const copy = join(copyRoot, MATRIX);
    cpSync(folder, copy, { recursive: true });
    spawnSync(process.execPath, [CLI, 'format', copy], { encoding: 'utf8' });
    // Each file format would rewrite, with its first line that differs (on disk → formatted).
    const changed = Object.entries(files).flatMap(([f, text]) => {
      const formatted = readFileSync(join(copy, f), 'utf8');
      if (formatted === text) return [];
      const a = text.split('\n');
      const b = formatted.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      return [`${f}:${i + 1}: ${JSON.stringify(a[i])} → ${JSON.stringify(b[i])}`];
    });
    rmSync(copyRoot, { recursive: true, force: true });
    return { files, valid, canonical: changed.length === 0, changed };
  };
  return {
    name: 'team-server',
    async executeCommand({ command, payload }) {
      if (command === 'team-server-stop') {
        stop();
        return true;
      }
      if (command === 'team-server-disk') return running ? disk() : null;
      if (command !== 'team-server-start') return undefined;
      stop();
      const root = mkdtempSync(join(tmpdir(), 'pm-team-browser-'));
      cpSync(resolve('matrices', MATRIX), join(root, 'matrices', MATRIX), { recursive: true });
      // Its source's text, where its sources.csv finds it (../sources/).
      cpSync(resolve('matrices', 'sources'), join(root, 'matrices', 'sources'), { recursive: true });
      const data = join(root, 'data');
      const tokens = {};
      for (const { name, role } of payload?.tokens ?? []) {
        tokens[name] = execFileSync(process.execPath, [CLI, 'token', 'create', '--name', name, '--role', role, '--data', data], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      }
      const child = spawn(process.execPath, [CLI, 'serve', join(root, 'matrices'), '--port', '0', '--data', data, '--write-delay', '100'], { stdio: ['ignore', 'pipe', 'pipe'] });
      running = { child, root };
      const url = await new Promise((done, fail) => {
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /at (http:\/\/[^ ]+?)\/? \(data/.exec(out);
          if (m) done(m[1]);
        });
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => fail(new Error(`team server exited ${code}: ${err}`)));
      });
      return { url, matrix: MATRIX, tokens };
    },
  };
}
