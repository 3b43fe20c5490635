/** Where a command writes; the real process or a test's buffer. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

// A reader that stops early (`policy-matrix validate --json … | head`) closes the pipe:
// that is not an error of ours, so end quietly instead of crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

export const processIo: Io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};
