import type { Io } from './io.ts';

/** Exit statuses, the same for every command (each command's --help says when it gives which). */
export const EXIT = {
  /** Done: the matrix was checked (no errors), compared, written. */
  ok: 0,
  /** The matrix has errors, or a file could not be read or written. */
  problems: 1,
  /** A wrong call: unknown command or option, a missing or bad argument. */
  usage: 2,
} as const;

/**
 * One command of the command line. Adding a command is one module exporting a `Command`
 * and one line in main.ts's list; `--help` and the list of commands come from these fields.
 */
export interface Command {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** How to call it (`policy-matrix name …`), one or more lines. */
  synopsis: string;
  /** What `policy-matrix <name> --help` prints after the synopsis: what it does, its options, its exit status. */
  help: string;
  run(args: string[], io: Io): Promise<number>;
}

/** Asked for help anywhere among a command's arguments. */
export const wantsHelp = (args: readonly string[]): boolean => args.includes('--help') || args.includes('-h');

/** `usage: …` lines of a command. */
export const usage = (command: Pick<Command, 'synopsis'>): string => `usage: ${command.synopsis.replace(/\n/g, '\n       ')}`;

/** What `<command> --help` prints. */
export const commandHelp = (command: Command): string => `${usage(command)}\n\n${command.help.trim()}`;

/** A wrong call: the reason, the usage, and where the full help is (exit status 2). */
export function wrongCall(io: Io, command: Pick<Command, 'name' | 'synopsis'>, reason: string): number {
  io.err(`policy-matrix ${command.name}: ${reason}`);
  io.err(usage(command));
  io.err(`(policy-matrix ${command.name} --help says more)`);
  return EXIT.usage;
}

/** The exit-status paragraph of a command's help. */
export function exitStatus(lines: Partial<Record<keyof typeof EXIT, string>>): string {
  const rows = (Object.keys(EXIT) as (keyof typeof EXIT)[]).filter((k) => lines[k]).map((k) => `  ${EXIT[k]}  ${lines[k]}`);
  return `exit status:\n${rows.join('\n')}`;
}
