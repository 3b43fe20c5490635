import { plain, styleFor, type Style } from './style.ts';

/** Where a command writes; the real process or a test's buffer. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** How standard output and standard error are styled (colour on a terminal); plain when left out. */
  outStyle?: Style;
  errStyle?: Style;
}

export const outStyle = (io: Io): Style => io.outStyle ?? plain;
export const errStyle = (io: Io): Style => io.errStyle ?? plain;

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
  outStyle: styleFor(process.stdout),
  errStyle: styleFor(process.stderr),
};
