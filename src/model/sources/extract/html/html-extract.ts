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

/** Readability gives up on pages with more elements than this (it would take too long); the page's body is read then. */
const MAX_ELEMENTS = 100_000;

/** Elements left out when there is no article to find (the page's body is read as a whole). */
const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'DIALOG']);

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
  const doc = await parseHtmlDocument(html);
  // What the page says about itself is read first: Readability changes the document.
  const meta = pageMeta(doc as unknown as MetaDocument, html);
  const readabilityModule = (await import('@mozilla/readability')) as ReadabilityModule & { default?: ReadabilityModule };
  const { Readability } = readabilityModule.Readability ? readabilityModule : readabilityModule.default!;

  let article: ReturnType<InstanceType<typeof Readability<Node>>['parse']> = null;
  try {
    const reader = new Readability<Node>(doc, { serializer: (node: Node) => node, maxElemsToParse: MAX_ELEMENTS, charThreshold: 200 });
    article = reader.parse();
  } catch (error) {
    warnings.push(`no article could be told apart from the rest of the page (${(error as Error).message}): the whole page's text was kept`);
  }

  let body: ReturnType<typeof domText>;
  if (article?.content) {
    body = domText(article.content as unknown as DomNode);
  } else {
    if (!warnings.some((w) => w.startsWith('no article'))) warnings.push('no article could be told apart from the rest of the page: the whole page\'s text was kept, less its navigation, header and footer');
    // Readability may have emptied parts of the document: read a fresh one.
    const fresh = await parseHtmlDocument(html);
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
