/**
 * Escaping of untrusted text (values, quotes, titles, labels, file names) for the briefing
 * outputs. Every piece of text goes through one of these; markup is only ever ours.
 */

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for HTML element content or a quoted attribute value: `& < > " '` become character
 * references; characters HTML does not allow (NUL, other C0/C1 controls except tab and line
 * breaks, lone surrogates) become U+FFFD.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** White space runs (line breaks included) as one space, ends trimmed: one line of text. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * Text for inline Markdown (CommonMark + GFM tables and footnotes), on one line: every
 * punctuation character that can start markup is backslash-escaped (so `<b>`, `[x](y)`,
 * `*a*`, `|`, `[^1]`, `&amp;` and `$x$` all read as the characters typed), and one that
 * would start a block at the beginning (`#`, `-`, `+`, `>`, `=`, `1.`) is escaped there too.
 */
export function escapeMarkdown(text: string): string {
  const line = replaceControls(oneLine(text));
  return line
    .replace(/[\\`*_{}[\]<>#|~&$^]/g, (c) => `\\${c}`)
    .replace(/^([-+=:])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Control characters (which no text format should carry) as U+FFFD. */
function replaceControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]/g, '\uFFFD');
}
