import { resolve } from 'node:path';
import { parseArgs } from './args.ts';
import { EXIT, exitStatus, wrongCall, type Command } from './command.ts';
import type { Io } from './io.ts';
import { DEFAULT_DATA } from './serve.ts';

/** `policy-matrix token create|list|revoke …`: the team server's access tokens. */
async function token(args: string[], io: Io): Promise<number> {
  const parsed = parseArgs(args, { valued: ['--name', '--role', '--data'] as const, flags: ['--json'] as const });
  if (typeof parsed === 'string') return wrongCall(io, tokenCommand, parsed);
  const [action, ...rest] = parsed.positional;
  const data = resolve(parsed.values['--data'] ?? DEFAULT_DATA);
  const { Persistence } = await import('../sync/server/persistence.ts');
  const { Tokens, ROLES } = await import('../sync/server/tokens.ts');
  const open = () => {
    const store = new Persistence(data);
    return { store, tokens: new Tokens(store) };
  };
  switch (action) {
    case 'create': {
      const name = parsed.values['--name'];
      const role = parsed.values['--role'] ?? 'editor';
      if (!name || rest.length) return wrongCall(io, tokenCommand, 'token create needs --name <person> (and --role reader|editor)');
      if (!(ROLES as readonly string[]).includes(role)) return wrongCall(io, tokenCommand, `--role must be ${ROLES.join(' or ')}`);
      const { store, tokens } = open();
      try {
        const made = tokens.create(name, role as (typeof ROLES)[number]);
        io.out(made.token);
        io.err(`token ${made.info.id} for ${made.info.name} (${made.info.role}): shown once, keep it secret; revoke it with  policy-matrix token revoke ${made.info.id}`);
        return EXIT.ok;
      } catch (e) {
        io.err(`policy-matrix token: ${(e as Error).message}`);
        return EXIT.problems;
      } finally {
        await store.close();
      }
    }
    case 'list': {
      if (rest.length) return wrongCall(io, tokenCommand, 'token list takes no argument');
      const { store, tokens } = open();
      const list = tokens.list();
      await store.close();
      if (parsed.flags.has('--json')) io.out(JSON.stringify({ tokens: list }, null, 2));
      else if (list.length === 0) io.out('no tokens');
      else for (const t of list) io.out(`${t.id}  ${t.role.padEnd(6)}  ${t.name}  created ${t.created}${t.revoked ? `  revoked ${t.revoked}` : ''}`);
      return EXIT.ok;
    }
    case 'revoke': {
      if (rest.length !== 1) return wrongCall(io, tokenCommand, 'token revoke needs the name or id of a token');
      const { store, tokens } = open();
      const revoked = tokens.revoke(rest[0]);
      await store.close();
      if (revoked.length === 0) {
        io.err(`policy-matrix token: no token "${rest[0]}" to revoke (see policy-matrix token list)`);
        return EXIT.problems;
      }
      for (const t of revoked) io.out(`revoked ${t.id} (${t.name}, ${t.role}); its open connections close within seconds`);
      return EXIT.ok;
    }
    default:
      return wrongCall(io, tokenCommand, action ? `unknown action "${action}" (create, list, revoke)` : 'token needs an action: create, list or revoke');
  }
}

export const tokenCommand: Command = {
  name: 'token',
  summary: 'make, list and revoke the team server’s access tokens (reader or editor)',
  synopsis: 'policy-matrix token create --name <person> [--role reader|editor] [--data DIR]\npolicy-matrix token list [--json] [--data DIR]\npolicy-matrix token revoke <name|id> [--data DIR]',
  help: `
Each person gets a token with a role: a reader sees the matrices, an editor also edits them
(the server refuses a reader's edits). create prints the token once, on standard output:
only its hash is kept. revoke ends a token (its open connections are closed too).

options:
  --name NAME   who the token is for (shown to others in the history and presence)
  --role ROLE   reader or editor (default editor)
  --data DIR    the server's data folder (default .policy-matrix-server in the current folder;
                the same as policy-matrix serve's --data)
  --json        list: one JSON document

${exitStatus({ ok: 'done', problems: 'no such token to revoke, or a name already used', usage: 'a wrong call' })}`,
  run: token,
};
