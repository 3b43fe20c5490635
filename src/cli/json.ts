import type { Io } from './io.ts';

/**
 * The version of each `--json` output's format, printed as its `formatVersion` and described
 * by a JSON Schema in docs/schemas/. Adding a field keeps the version; removing, renaming or
 * changing the meaning of one raises it (docs/cli.md).
 */
export const JSON_FORMAT_VERSION = {
  validate: 1,
  compare: 1,
  changes: 1,
  compute: 1,
} as const;

/** One JSON document on standard output, indented for people (and `jq` reads it all the same). */
export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}
