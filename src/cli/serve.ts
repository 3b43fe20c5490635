import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import type { Io } from './io.ts';

/** The server's data folder when --data is not given. */
export const DEFAULT_DATA = '.policy-matrix-server';

/** The package's folder (the app's source or dist/), from this bundle's place (dist/cli.js). */
function packageRoot(): string {
  try {
    return resolve(dirname(fileURLToPath(import.meta.url)), '..');
  } catch {
    return process.cwd();
  }
}

/** `policy-matrix serve <matrices-folder> [--port N] [--host H] [--data DIR]`: runs until stopped (Ctrl+C, SIGTERM). */
async function serve(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: ['--port', '--host', '--data', '--write-delay'] as const, flags: ['--durable'] as const });
  if (typeof parsed === 'string') return wrongCall(io, serveCommand, parsed);
  const [folder, ...rest] = parsed.positional;
  if (!folder || rest.length) return wrongCall(io, serveCommand, 'serve needs one matrices folder');
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    io.err(`policy-matrix serve: ${folder}: no such folder`);
    return EXIT.problems;
  }
  const port = parsed.values['--port'] === undefined ? 8300 : Number(parsed.values['--port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return wrongCall(io, serveCommand, `--port ${parsed.values['--port']} is not a port number`);
  const writeDelay = parsed.values['--write-delay'] === undefined ? 1000 : Number(parsed.values['--write-delay']);
  if (!Number.isFinite(writeDelay) || writeDelay < 0) return wrongCall(io, serveCommand, '--write-delay needs milliseconds');
  const host = parsed.values['--host'] ?? '127.0.0.1';
  const data = resolve(parsed.values['--data'] ?? DEFAULT_DATA);
  const { startServer } = await import('../sync/server/server.ts');
  let server;
  try {
    server = await startServer({ matrices: resolve(folder), data, host, port, writeDelay, durable: parsed.flags.has('--durable'), appRoot: packageRoot(), log: (line) => io.err(line) });
  } catch (e) {
    io.err(`policy-matrix serve: ${(e as Error).message}`);
    return EXIT.problems;
  }
  io.out(`serving ${resolve(folder)} at ${server.url}/ (data in ${data})`);
  if (server.tokens.list().every((t) => t.revoked)) io.err(`no token yet: make one with  policy-matrix token create --name <person> --role editor --data ${data}`);
  const stop = new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await stop;
  io.err('stopping: writing what is pending…');
  await server.close();
  return EXIT.ok;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'team server: serve the app and a folder of matrices, and sync each matrix between analysts',
  synopsis: 'policy-matrix serve <matrices-folder> [--port 8300] [--host 127.0.0.1] [--data .policy-matrix-server] [--durable]',
  help: `
Serves the app and the matrix folders in <matrices-folder> (each folder holding a matrix;
or <matrices-folder> itself when it is one), and syncs each matrix as a shared document:
every analyst who opens it sees the others' edits as they are made, and who is where.

The folders stay the source of truth for git: the server writes each edited matrix back in
canonical form (a second after the last edit, each file atomically), and takes a folder
changed on disk (a git pull) as a new version, recorded in the history. Its own state
(the shared documents, every acknowledged edit, the tokens) is kept in SQLite in --data.

Nothing is served without a token: make them with  policy-matrix token create .
Give each person the link  http://<host>:<port>/?token=<their token>  (it signs the
browser in), or the token itself for a program (Authorization: Bearer <token>).

options:
  --port N         port to listen on (default 8300; 0: any free port)
  --host H         address to listen on (default 127.0.0.1: this machine only; give the
                   machine's address, or 0.0.0.0, to serve a network, behind TLS)
  --data DIR       the server's state (default .policy-matrix-server in the current folder)
  --write-delay MS wait this long after the last edit before writing a folder (default 1000)
  --durable        flush the disk at every edit before acknowledging it: not even a power
                   cut loses an acknowledged edit (by default an acknowledged edit survives
                   the server being killed or crashing; a flush costs a few milliseconds)

${exitStatus({ ok: 'stopped by Ctrl+C or SIGTERM, everything written', problems: 'the folder is not there, or the port cannot be used', usage: 'a wrong call' })}`,
  run: serve,
};
