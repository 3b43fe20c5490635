/**
 * A DOCX's own bibliographic facts: `docProps/core.xml` (title, creator, dates) and
 * `docProps/app.xml` (company). Read with a few patterns: the parts are small and flat, and
 * entities are the XML five plus numeric ones.
 */
import type { SourceMetadata } from '../types.ts';
import { yearOf } from '../html/page-meta.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The text of the first element named `tag` (with its namespace prefix), or undefined. */
function element(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  if (!match) return undefined;
  const value = unescapeXml(match[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
  return value || undefined;
}

export function coreProperties(core: string | undefined, app: string | undefined): { title?: string; metadata: SourceMetadata } {
  const metadata: SourceMetadata = {};
  let title: string | undefined;
  if (core) {
    title = element(core, 'dc:title');
    const creator = element(core, 'dc:creator');
    if (creator) metadata.authors = creator.split(/\s*;\s*/).filter(Boolean).join('; ');
    const date = element(core, 'dcterms:created') ?? element(core, 'dcterms:modified');
    const year = date ? yearOf(date) : undefined;
    if (year) metadata.year = year;
  }
  const company = app ? element(app, 'Company') : undefined;
  if (company) metadata.publisher = company;
  return { ...(title ? { title } : {}), metadata };
}
