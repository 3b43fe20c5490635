/**
 * A saved web page as a source: its article's main text (not the menus, scripts, cookie
 * banner and footer around it), found by Mozilla's Readability (Firefox's Reader View) on a
 * DOM from linkedom. Both load on first use and run the same in Node and in browsers.
 */
import { SourceError } from '../../errors.ts';
import type { ExtractedSource } from '../types.ts';
import { domText, type DomNode } from './dom-text.ts';
import { decodeHtml } from './decode-html.ts';
import { pageMeta, yearOf, type MetaDocument } from './page-meta.ts';

/**
 * Readability's work grows faster than a page: with the element count, and steeply with the
 * nesting depth (a page nested 400 deep takes it seconds). Past these, which real pages stay
 * far below, it is not run, and the page's body is read as a whole.
 */
const MAX_ELEMENTS = 40_000;
const MAX_DEPTH = 150;

/** The number of elements under `root` and their deepest nesting, counted without recursion. */
export function treeSize(root: DomNode): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: [DomNode, number][] = [[root, 0]];
  while (stack.length) {
    const [node, level] = stack.pop()!;
    if (node.nodeType !== 1 && node !== root) continue;
    elements++;
    if (level > depth) depth = level;
    // One read of childNodes per element (a DOM may make a new list on every read).
    for (const child of Array.from(node.childNodes)) if (child.nodeType === 1) stack.push([child, level + 1]);
  }
  return { elements, depth };
}

/** Never an article's text, even inside what Readability found. */
const NOT_TEXT = new Set(['NAV', 'FORM', 'DIALOG']);
/** Left out as well when there is no article to find (the page's body is read as a whole). */
const FURNITURE = new Set([...NOT_TEXT, 'HEADER', 'FOOTER', 'ASIDE']);
/** An article shorter than this (in characters) is not one: Readability's guess on a page with little text. */
const MIN_ARTICLE = 200;

/** Deepest element nesting parsed at all (a DOM parser's time grows with the square of it). */
export const MAX_NESTING = 5000;

/** Elements whose end tag may be left out: a page that never closes them is not nested by them. */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'colgroup', 'caption', 'rb', 'rt', 'rp', 'html', 'head', 'body']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen', 'command']);
/** Elements whose content is text, not markup. */
const RAW_TEXT = /<(script|style|textarea|title|xmp|plaintext)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/**
 * How deep the page's elements nest, read from its tags before any parser sees them (an upper
 * bound: elements with optional end tags and void ones are not counted). Stops once past `limit`.
 */
export function nestingDepth(html: string, limit = MAX_NESTING): number {
  const tags = /<(\/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(\/?)>/g;
  const text = html.replace(RAW_TEXT, '');
  let depth = 0;
  let deepest = 0;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    const name = m[2].toLowerCase();
    if (OPTIONAL_END.has(name) || VOID.has(name)) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3]) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) break;
      }
    }
  }
  return deepest;
}

type LinkedomModule = typeof import('linkedom');
type ReadabilityModule = typeof import('@mozilla/readability');

/** Parse HTML into a DOM document (linkedom's, in Node and browsers alike). */
export async function parseHtmlDocument(html: string): Promise<Document> {
  const { parseHTML } = (await import('linkedom')) as LinkedomModule;
  return parseHTML(html).document as unknown as Document;
}

/** A `<body>`'s text and headings, the way a web page's article is read. */
export async function htmlBodyText(html: string): Promise<ReturnType<typeof domText>> {
  const doc = await parseHtmlDocument(`<!doctype html><html><head></head><body>${html}</body></html>`);
  return domText(doc.body as unknown as DomNode);
}

export async function extractHtml(bytes: Uint8Array, fileName: string): Promise<ExtractedSource> {
  const { html, warning } = decodeHtml(bytes);
  const warnings = warning ? [warning] : [];
  if (nestingDepth(html) > MAX_NESTING) {
    throw new SourceError('too-large', fileName, `is a web page whose elements nest more than ${MAX_NESTING} deep: it is not a page a browser saves`);
  }
  const doc = await parseHtmlDocument(html);
  // What the page says about itself is read first: Readability changes the document.
  const meta = pageMeta(doc as unknown as MetaDocument, html);
  // The class's own file (CommonJS: `module.exports = Readability`), not the package's index:
  // a browser dev server's CommonJS wrapper of the index constructs objects without its prototype.
  const readabilityModule = (await import('@mozilla/readability/Readability.js')) as { default?: ReadabilityModule['Readability'] } & ReadabilityModule['Readability'];
  const Readability = (readabilityModule.default ?? readabilityModule) as ReadabilityModule['Readability'];

  let article: ReturnType<InstanceType<typeof Readability<Node>>['parse']> = null;
  let changed = false;
  const size = treeSize(doc.documentElement as unknown as DomNode);
  if (size.elements > MAX_ELEMENTS || size.depth > MAX_DEPTH) {
    warnings.push(`the page is too large or too deeply nested (${size.elements} elements, ${size.depth} deep) to tell its article apart: the whole page's text was kept, less its navigation, header and footer`);
  } else {
    try {
      changed = true;
      const reader = new Readability<Node>(doc, { serializer: (node: Node) => node, maxElemsToParse: MAX_ELEMENTS, charThreshold: MIN_ARTICLE });
      article = reader.parse();
    } catch (error) {
      warnings.push(`no article could be told apart from the rest of the page (${(error as Error).message}): the whole page's text was kept, less its navigation, header and footer`);
    }
  }

  let body: ReturnType<typeof domText>;
  if (article?.content && (article.textContent ?? '').trim().length >= MIN_ARTICLE) {
    body = domText(article.content as unknown as DomNode, { skip: NOT_TEXT });
  } else {
    if (!warnings.some((w) => w.includes('the whole page'))) warnings.push('no article could be told apart from the rest of the page: the whole page\'s text was kept, less its navigation, header and footer');
    // Readability may have emptied parts of the document: read a fresh one.
    const fresh = changed ? await parseHtmlDocument(html) : doc;
    body = domText((fresh.body ?? fresh.documentElement) as unknown as DomNode, { skip: FURNITURE });
  }

  const title = (article?.title ? article.title.replace(/\s+/g, ' ').trim() : '') || meta.title;
  let { text, headings } = body;
  // Readability leaves the page's title out of the article (it shows it above): put it back
  // as the first heading, so the text reads as the page does and sections sit under it.
  if (title && !text.startsWith(title)) {
    const shift = title.length + 2;
    headings = [{ start: 0, level: 1, text: title }, ...headings.map((h) => ({ ...h, start: h.start + shift }))];
    text = text === '' ? title : `${title}\n\n${text}`;
  }
  if (body.text.trim() === '') throw new SourceError('empty', fileName, 'is a web page with no text to cite (nothing but scripts, images or an empty body)');

  const metadata = { ...meta.metadata };
  const byline = article?.byline?.replace(/^\s*by\s+/i, '').trim();
  if (!metadata.authors && byline && byline.length < 200) metadata.authors = byline;
  if (!metadata.year && article?.publishedTime) {
    const year = yearOf(article.publishedTime);
    if (year) metadata.year = year;
  }
  if (!metadata.publisher && article?.siteName) metadata.publisher = article.siteName.trim();
  return {
    kind: 'html', text, map: { pages: [], headings }, ...(title ? { title } : {}), metadata,
    ...(warnings.length ? { warnings } : {}),
  };
}
