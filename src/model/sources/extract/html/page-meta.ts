/**
 * Bibliographic facts of a saved web page, from the tags publishers and reference managers
 * use: Highwire `citation_*` (Google Scholar), Dublin Core `DC.*`, Open Graph `og:*`,
 * `article:*`, `<meta name="author">`, `<title>`, the canonical link, and the
 * `<!-- saved from url=… -->` comment a browser writes when it saves a page.
 */
import type { SourceMetadata } from '../types.ts';

/** The members of a parsed document this reads (linkedom's). */
export interface MetaDocument {
  querySelectorAll(selectors: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
  title?: string;
}

export interface PageMeta {
  title?: string;
  metadata: SourceMetadata;
}

const clean = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The year in a date as publishers write it ("2024-03-05", "March 2024", "2024/3/5"). */
export function yearOf(date: string): string | undefined {
  return /(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)/.exec(date)?.[1];
}

/** Only web addresses are kept (never `javascript:` or a local file). */
export function webUrl(value: string): string | undefined {
  const url = clean(value);
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** What a page says about itself, read from its head before anything is changed. */
export function pageMeta(doc: MetaDocument, html: string): PageMeta {
  const metas = new Map<string, string[]>();
  for (const meta of Array.from(doc.querySelectorAll('meta'))) {
    const key = clean(meta.getAttribute('name') ?? meta.getAttribute('property') ?? meta.getAttribute('itemprop')).toLowerCase();
    const content = clean(meta.getAttribute('content'));
    if (!key || !content) continue;
    const list = metas.get(key);
    if (list) list.push(content);
    else metas.set(key, [content]);
  }
  const first = (...keys: string[]) => {
    for (const key of keys) {
      const value = metas.get(key)?.[0];
      if (value) return value;
    }
    return undefined;
  };
  const all = (...keys: string[]) => {
    for (const key of keys) {
      const values = metas.get(key);
      if (values?.length) return values;
    }
    return undefined;
  };

  const authors = all('citation_author', 'dc.creator', 'dcterms.creator', 'author', 'article:author', 'parsely-author', 'sailthru.author');
  const date = first('citation_publication_date', 'citation_date', 'citation_online_date', 'dc.date', 'dcterms.date', 'dcterms.issued',
    'article:published_time', 'datepublished', 'date', 'pubdate', 'publish-date');
  const canonical = Array.from(doc.querySelectorAll('link[rel~="canonical"]')).map((l) => l.getAttribute('href') ?? '')[0];
  const savedFrom = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 4096))?.[1];
  const urls = [first('citation_public_url', 'citation_abstract_html_url', 'citation_fulltext_html_url', 'og:url', 'dc.identifier'), canonical, savedFrom];
  const url = urls.map((u) => (u ? webUrl(u) : undefined)).find(Boolean);
  const publisher = first('citation_publisher', 'dc.publisher', 'dcterms.publisher', 'citation_journal_title', 'og:site_name', 'application-name');
  const titleTag = clean(Array.from(doc.querySelectorAll('title')).map((t) => t.textContent ?? '')[0]);
  const title = first('citation_title', 'dc.title', 'dcterms.title', 'og:title') ?? (titleTag || undefined);

  const metadata: SourceMetadata = {};
  if (authors) metadata.authors = authors.flatMap((a) => a.split(/\s*;\s*/)).filter(Boolean).join('; ');
  const year = date ? yearOf(date) : undefined;
  if (year) metadata.year = year;
  if (publisher) metadata.publisher = publisher;
  if (url) metadata.url = url;
  return { title, metadata };
}
