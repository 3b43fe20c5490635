import { version } from '../../package.json';
import { addSourceCommand } from './add-source.ts';
import { replaceSourceCommand } from './replace-source.ts';
import { briefCommand } from './brief.ts';
import { changesCommand } from './changes.ts';
import { codebookCommand } from './codebook.ts';
import { EXIT, commandHelp, wantsHelp, type Command } from './command.ts';
import { compareCommand } from './compare.ts';
import { computeCommand } from './compute.ts';
import { exportCommand } from './export.ts';
import { formatCommand } from './format-folder.ts';
import { processIo, type Io } from './io.ts';
import { newCommand } from './new.ts';
import { referencesCommand } from './references.ts';
import { serveCommand } from './serve.ts';
import { tokenCommand } from './token.ts';
import { validateCommand } from './validate.ts';

/** The commands, in the order the list shows them. A new command is a module and a line here. */
export const COMMANDS: readonly Command[] = [newCommand, validateCommand, formatCommand, addSourceCommand, replaceSourceCommand, computeCommand, compareCommand, briefCommand, changesCommand, codebookCommand, exportCommand, referencesCommand, serveCommand, tokenCommand];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

/** What `policy-matrix --help` prints: every command with how to call it and what it does. */
function overview(): string {
  const commands = COMMANDS.map((c) => `  ${c.synopsis.replace(/\n/g, '\n  ')}\n      ${c.summary}`).join('\n');
  return `policy-matrix ${version} — evidence-backed comparative policy matrices

usage: policy-matrix <command> [options] [arguments]
       policy-matrix <command> --help     what a command does, its options and exit status
       policy-matrix --version

commands:
${commands}
  policy-matrix help [<command>]
      this list, or a command's help

Problems are printed as file:line:column: severity: message (the file alone when the
whole file is at fault). Every --json output carries a formatVersion and is described by
a JSON Schema in docs/schemas/ (docs/cli.md).

exit status:
  ${EXIT.ok}  done (validate: no errors)
  ${EXIT.problems}  the matrix has errors, or a file could not be read or written
  ${EXIT.usage}  a wrong call: unknown command or option, a missing or bad argument

environment:
  NO_COLOR=1        no colour (colour is used only on a terminal)
  FORCE_COLOR=1     colour even when the output is not a terminal
  CHROME_PATH       the Chrome or Chromium that prints PDF briefings
  SOURCE_DATE_EPOCH the date briefings say they were produced (reproducible builds)`;
}

/** Run the command line; returns the exit status. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...args] = argv;
  switch (name) {
    case undefined:
      io.err(overview());
      return EXIT.usage;
    case '--version':
    case '-V':
      io.out(version);
      return EXIT.ok;
    case 'help':
    case '--help':
    case '-h': {
      const asked = name === 'help' ? args[0] : undefined;
      if (asked === undefined) {
        io.out(overview());
        return EXIT.ok;
      }
      const command = byName.get(asked);
      if (!command) {
        io.err(`policy-matrix: no command "${asked}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
        return EXIT.usage;
      }
      io.out(commandHelp(command));
      return EXIT.ok;
    }
  }
  const command = byName.get(name);
  if (!command) {
    io.err(`policy-matrix: unknown command "${name}" (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    io.err('usage: policy-matrix <command> [options] [arguments]');
    io.err('(policy-matrix --help lists the commands)');
    return EXIT.usage;
  }
  if (wantsHelp(args)) {
    io.out(commandHelp(command));
    return EXIT.ok;
  }
  return command.run(args, io);
}
