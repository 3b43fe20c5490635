/**
 * A value as a message quotes it: its first line, at most `max` characters, with "…" where
 * it was cut. A message names a value to point at it, not to repeat it: a value runs to
 * megabytes, or over many lines (a stray quote once made one of five rows of a file).
 */
export function excerpt(value: string, max = 60): string {
  const lineBreak = value.search(/[\r\n]/);
  const line = lineBreak < 0 ? value : value.slice(0, lineBreak);
  const cut = line.length > max ? line.slice(0, max) : line;
  return cut.length < value.length ? `${cut}…` : cut;
}
