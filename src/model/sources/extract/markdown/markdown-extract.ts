/**
 * A Markdown file as a source: its text as a reader sees it, without the markup (emphasis,
 * links, code marks, escapes), headings (`#` lines and setext underlines) into the map.
 * marked renders it (CommonMark and GitHub's tables), and the HTML is read as a web page's
 * article is (dom-text.ts), so Markdown, DOCX and web pages read alike. A YAML front-matter
 * block gives the title, authors, date, publisher and URL, and is not part of the text.
 */
import { SourceError } from '../../errors.ts';
import type { ExtractedSource, SourceMetadata } from '../types.ts';
import { htmlBodyText } from '../html/html-extract.ts';
import { webUrl, yearOf } from '../html/page-meta.ts';
import { decodeTextBytes } from '../text/decode-text.ts';

/**
 * Deepest nesting let through to the Markdown parser, in columns of indentation (lists nest
 * by indenting) and in quote markers: its work grows steeply with list depth (200 levels take
 * half a second, 2,000 take minutes), and real documents nest a few levels.
 */
const MAX_INDENT = 300;
const MAX_QUOTES = 500;

/** The deepest indentation (columns, a tab as 4) and quote nesting of any line, read before parsing. */
export function markdownNesting(markdown: string): { indent: number; quotes: number } {
  let indent = 0;
  let quotes = 0;
  for (const line of markdown.split('\n')) {
    let columns = 0;
    let markers = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (c === 32) columns++;
      else if (c === 9) columns += 4 - (columns % 4);
      else if (c === 62) markers++;
      else break;
    }
    if (columns > indent) indent = columns;
    if (markers > quotes) quotes = markers;
  }
  return { indent, quotes };
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/** The scalars of a front-matter block (`key: value`, `key: [a, b]`, and `- item` lists under a key). */
export function frontMatter(block: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let listKey: string | undefined;
  const unquote = (s: string) => s.trim().replace(/^(["'])([\s\S]*)\1$/, '$2').trim();
  for (const line of block.split('\n')) {
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      out.get(listKey)!.push(unquote(item[1]));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = pair[1].toLowerCase();
    const value = pair[2].trim();
    listKey = value === '' ? key : undefined;
    const values = value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1).split(',').map(unquote) : value === '' ? [] : [unquote(value)];
    out.set(key, values.filter(Boolean));
  }
  return out;
}

function metadataOf(fields: Map<string, string[]>): { title?: string; metadata: SourceMetadata } {
  const first = (...keys: string[]) => keys.map((k) => fields.get(k)?.[0]).find(Boolean);
  const metadata: SourceMetadata = {};
  const authors = fields.get('authors') ?? fields.get('author');
  if (authors?.length) metadata.authors = authors.join('; ');
  const year = first('year', 'date', 'published');
  if (year && yearOf(year)) metadata.year = yearOf(year);
  const publisher = first('publisher');
  if (publisher) metadata.publisher = publisher;
  const url = first('url', 'source', 'link');
  if (url && webUrl(url)) metadata.url = webUrl(url);
  const title = first('title');
  return { ...(title ? { title } : {}), metadata };
}

export async function extractMarkdown(bytes: Uint8Array, fileName: string): Promise<ExtractedSource> {
  const decoded = decodeTextBytes(bytes);
  let markdown = decoded.text;
  let fromFront: { title?: string; metadata: SourceMetadata } = { metadata: {} };
  const front = FRONT_MATTER.exec(markdown);
  if (front) {
    fromFront = metadataOf(frontMatter(front[1]));
    markdown = markdown.slice(front[0].length);
  }
  const nesting = markdownNesting(markdown);
  if (nesting.indent > MAX_INDENT || nesting.quotes > MAX_QUOTES) {
    throw new SourceError('too-large', fileName, `nests its lists or quotes deeper than this tool reads (a line indented ${nesting.indent} columns, or ${nesting.quotes} quote levels): it is not a normal document`);
  }
  const { Marked } = await import('marked');
  const html = new Marked({ gfm: true, async: false }).parse(markdown) as string;
  const { text, headings } = await htmlBodyText(html);
  if (text.trim() === '') throw new SourceError('empty', fileName, 'has no text (only white space or markup)');
  const title = fromFront.title ?? headings.find((h) => h.level === 1)?.text;
  return {
    kind: 'markdown', text, map: { pages: [], headings }, ...(title ? { title } : {}), metadata: fromFront.metadata,
    ...(decoded.warning ? { warnings: [decoded.warning] } : {}),
  };
}
