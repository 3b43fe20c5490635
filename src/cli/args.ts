/**
 * The command line's argument reading, shared by every command: `--name value` or
 * `--name=value` options, bare `--flag`s, and positional arguments (`-` counts as one).
 * Returns a plain message for a wrong call instead of throwing.
 */
export interface ParsedArgs<V extends string, F extends string> {
  values: Partial<Record<V, string>>;
  flags: Set<F>;
  positional: string[];
}

export function parseArgs<V extends string, F extends string>(
  args: readonly string[],
  spec: { valued: readonly V[]; flags?: readonly F[] },
): ParsedArgs<V, F> | string {
  const values: Partial<Record<V, string>> = {};
  const flags = new Set<F>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if ((spec.flags as readonly string[] | undefined)?.includes(arg)) {
      flags.add(arg as F);
      continue;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = (eq >= 0 ? arg.slice(0, eq) : arg) as V;
      if (!spec.valued.includes(name)) return `unknown option ${name}`;
      const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) return `${name} needs a value`;
      if (values[name] !== undefined) return `${name} is given twice`;
      values[name] = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return `unknown option ${arg}`;
    positional.push(arg);
  }
  return { values, flags, positional };
}
