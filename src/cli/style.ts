/**
 * Colour in the command line's output: on a terminal, errors red, warnings yellow, notes
 * cyan, places (`file:line:column`) dim; never in a pipe or a file, and never when NO_COLOR
 * is set (https://no-color.org). FORCE_COLOR asks for colour in a pipe (`| less -R`).
 */

/** How each kind of word is shown; identity when there is no colour. */
export interface Style {
  place(text: string): string;
  error(text: string): string;
  warning(text: string): string;
  note(text: string): string;
  good(text: string): string;
  strong(text: string): string;
}

const same = (text: string) => text;

export const plain: Style = { place: same, error: same, warning: same, note: same, good: same, strong: same };

/** SGR codes; each span ends with the matching reset so that spans do not leak into each other. */
const sgr = (on: string, off: string) => (text: string) => (text === '' ? text : `\u001b[${on}m${text}\u001b[${off}m`);

export const ansi: Style = {
  place: sgr('2', '22'),
  error: sgr('1;31', '39;22'),
  warning: sgr('33', '39'),
  note: sgr('36', '39'),
  good: sgr('32', '39'),
  strong: sgr('1', '22'),
};

/** Set and not empty, as no-color.org asks ("present and not an empty string"). */
const isSet = (value: string | undefined) => value !== undefined && value !== '';

/**
 * Whether to colour what goes to `stream`: NO_COLOR (set, not empty) says never; FORCE_COLOR
 * (set, not empty, not 0) says always; otherwise only on a terminal that is not `dumb`.
 */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (isSet(env.NO_COLOR)) return false;
  if (isSet(env.FORCE_COLOR)) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** The style for a stream. */
export const styleFor = (stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Style => (wantsColour(stream, env) ? ansi : plain);

/** The word of a severity, in its colour. */
export const severityWord = (style: Style, severity: 'error' | 'warning' | 'note'): string => style[severity](severity);
