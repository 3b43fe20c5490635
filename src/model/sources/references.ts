/**
 * A matrix's sources as a reference list, in the two formats reference managers import:
 * CSL-JSON (Zotero, Mendeley, Pandoc, citeproc) and BibTeX (LaTeX, JabRef, and the same
 * managers).
 *
 * Each source gives its title, authors (`; ` between them, each "Family, Given" or "Given
 * Family"; an organisation as it is named, or in braces: `{Department of State}`), year,
 * publisher, URL, archived copy, the date it was retrieved, and its type of evidence, which
 * decides the reference type:
 *
 * | evidence_type        | CSL-JSON            | BibTeX                                   |
 * |----------------------|---------------------|------------------------------------------|
 * | law-or-treaty        | `legislation`       | `@misc`                                  |
 * | government-document  | `report`            | `@techreport` (institution = publisher)  |
 * | official-statistics  | `dataset`           | `@misc`                                  |
 * | secondary-analysis   | `book` with a publisher and no URL (a published study), else `article` | `@book`, else `@misc` |
 * | press                | `article-newspaper` (container = publisher) | `@article` (journal = publisher) |
 * | none                 | `webpage` for a web page (kind html), else `document` | `@misc` |
 *
 * Citation keys are the source ids (sources.csv's stable identifiers, which citations
 * already use), with characters BibTeX does not allow in a key replaced: the same source
 * gets the same key in every export.
 */

/**
 * What a reference is made from: a source row (sources.csv). Fields past `year` are optional
 * columns of sources.csv; when a source does not have them as fields, they are read from its
 * extra columns (`extra`, by the same names).
 */
export interface ReferenceInput {
  readonly id: string;
  readonly title: string;
  /** Authors separated by "; ". */
  readonly authors: string;
  /** Year of publication: "2019", "2019-03", "2019-03-14", or any text ("n.d."). */
  readonly year: string;
  /** Kind of original file: pdf, html, docx, markdown, text. */
  readonly kind?: string;
  readonly url?: string;
  readonly archive_url?: string;
  /** When the original was retrieved: an ISO date or date-time. */
  readonly retrieved?: string;
  /** law-or-treaty, government-document, official-statistics, secondary-analysis, press. */
  readonly evidence_type?: string;
  readonly publisher?: string;
  /** `archive_url` and `evidence_type` as a loaded `Source` names them (sources.csv's columns). */
  readonly archiveUrl?: string;
  readonly evidenceType?: string;
  readonly extra?: Readonly<Record<string, string>>;
}

/** A CSL name: a person (family, given) or an organisation (literal). */
export interface CslName {
  family?: string;
  given?: string;
  suffix?: string;
  literal?: string;
}

export interface CslDate {
  'date-parts'?: [number[]];
  literal?: string;
}

/** One CSL-JSON item (the fields this export writes). */
export interface CslItem {
  id: string;
  type: string;
  title?: string;
  author?: CslName[];
  issued?: CslDate;
  publisher?: string;
  'container-title'?: string;
  URL?: string;
  accessed?: CslDate;
  note?: string;
}

export type EvidenceType = 'law-or-treaty' | 'government-document' | 'official-statistics' | 'secondary-analysis' | 'press';

/** The `Source` property (sources.csv as loaded) of each column whose name it writes otherwise. */
const SOURCE_PROPERTY = { archive_url: 'archiveUrl', evidence_type: 'evidenceType' } as const;

const field = (s: ReferenceInput, name: 'kind' | 'url' | 'archive_url' | 'retrieved' | 'evidence_type' | 'publisher'): string => {
  const property = name in SOURCE_PROPERTY ? s[SOURCE_PROPERTY[name as keyof typeof SOURCE_PROPERTY]] : undefined;
  return (s[name] ?? property ?? s.extra?.[name] ?? '').trim();
};

/** The evidence type of a source, read leniently ("Primary law or treaty", "official_statistics", "news"); undefined when none fits. */
export function evidenceType(value: string): EvidenceType | undefined {
  const v = value.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (v === '') return undefined;
  if (/law|treaty|legislation|statute|regulation|agreement|convention/.test(v)) return 'law-or-treaty';
  if (/statistic|dataset|data$|census/.test(v)) return 'official-statistics';
  if (/government|official-document|white-paper|ministry/.test(v)) return 'government-document';
  if (/press|news|media|journalis/.test(v)) return 'press';
  if (/secondary|analysis|academic|scholarly|study|research|report/.test(v)) return 'secondary-analysis';
  return undefined;
}

/** The CSL and BibTeX types of a source (see the table above). */
export function referenceType(s: ReferenceInput): { csl: string; bibtex: string } {
  const publisher = field(s, 'publisher');
  switch (evidenceType(field(s, 'evidence_type'))) {
    case 'law-or-treaty':
      return { csl: 'legislation', bibtex: 'misc' };
    case 'government-document':
      return { csl: 'report', bibtex: publisher ? 'techreport' : 'misc' };
    case 'official-statistics':
      return { csl: 'dataset', bibtex: 'misc' };
    case 'secondary-analysis':
      return publisher && !field(s, 'url') ? { csl: 'book', bibtex: 'book' } : { csl: 'article', bibtex: 'misc' };
    case 'press':
      return { csl: 'article-newspaper', bibtex: publisher ? 'article' : 'misc' };
    default:
      return { csl: /^(html?|web|webpage)$/i.test(field(s, 'kind')) ? 'webpage' : 'document', bibtex: 'misc' };
  }
}

/** Words that make a name an organisation's ("Department of State", "European Commission"). */
const ORGANISATION = /\b(?:ministry|minist[eè]re|department|commission|council|parliament|government|agency|office|bureau|committee|court|union|nations|organi[sz]ation|institute|institution|cent(?:re|er)|university|foundation|association|secretariat|services?|authority|programme|program|network|forum|assembly|senate|congress|tribunal|police|ombudsman|observatory|coalition|alliance|society|reuters)\b/i;
/** Lower-case words between names that only organisations have ("of", "for"). */
const CONNECTIVE = /^(?:of|for|the|and|on|in|&|at|to)$/;
/** Lower-case particles that belong to a family name ("de Gaulle", "van der Berg"). */
const PARTICLE = /^(?:van|von|de|da|del|della|der|den|di|du|la|le|ten|ter|dos|das|do|y|bin|al|el)$/;
const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv|v)$/i;

/** One author as a CSL name (see the module comment for what is read how). */
export function parseName(raw: string): CslName | undefined {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') return undefined;
  const braced = /^\{(.*)\}$/.exec(name);
  if (braced) return { literal: braced[1].trim() };
  if (name.includes(',')) {
    const parts = name.split(',').map((p) => p.trim());
    if (parts.length === 2 && parts[0] && parts[1]) return { family: parts[0], given: parts[1] };
    if (parts.length === 3 && parts[0] && parts[2]) return { family: parts[0], given: parts[2], ...(parts[1] ? { suffix: parts[1] } : {}) };
    return { literal: name };
  }
  const words = name.split(' ');
  if (words.length === 1 || words.length > 5 || ORGANISATION.test(name) || words.some((w) => CONNECTIVE.test(w)) || words.some((w) => /^[A-Z]{2,}$/.test(w) && w.length > 1 && !/^[IVX]+$/.test(w))) {
    return { literal: name };
  }
  let end = words.length;
  let suffix: string | undefined;
  if (end > 2 && SUFFIX.test(words[end - 1])) {
    suffix = words[end - 1];
    end--;
  }
  let familyStart = end - 1;
  while (familyStart > 1 && PARTICLE.test(words[familyStart - 1])) familyStart--;
  return { family: words.slice(familyStart, end).join(' '), given: words.slice(0, familyStart).join(' '), ...(suffix ? { suffix } : {}) };
}

/** Authors of a source: "; " between them. */
export function parseAuthors(authors: string): CslName[] {
  return authors.split(/;\s*/).map(parseName).filter((n): n is CslName => n !== undefined);
}

/** A year (or year-month, or date) as CSL date parts; any other text as a literal. */
function cslDate(value: string): CslDate | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$/.exec(v);
  if (m) {
    const parts = [Number(m[1])];
    if (m[2]) parts.push(Number(m[2]));
    if (m[2] && m[3]) parts.push(Number(m[3]));
    if (parts.slice(1).every((p, i) => p >= 1 && p <= (i === 0 ? 12 : 31))) return { 'date-parts': [parts] };
  }
  return { literal: v };
}

/** A source as a CSL-JSON item. */
export function toCslItem(s: ReferenceInput): CslItem {
  const type = referenceType(s);
  const publisher = field(s, 'publisher');
  const url = field(s, 'url');
  const archive = field(s, 'archive_url');
  const authors = parseAuthors(s.authors);
  const issued = cslDate(s.year);
  const accessed = cslDate(field(s, 'retrieved'));
  const item: CslItem = { id: s.id, type: type.csl };
  if (s.title.trim()) item.title = s.title.trim();
  if (authors.length) item.author = authors;
  if (issued) item.issued = issued;
  if (publisher) {
    if (type.csl === 'article-newspaper') item['container-title'] = publisher;
    else item.publisher = publisher;
  }
  if (url) item.URL = url;
  if (accessed && (url || archive)) item.accessed = accessed;
  if (archive) item.note = `Archived copy: ${archive}`;
  return item;
}

/** The sources as CSL-JSON items, in the order given. */
export function toCslJson(sources: readonly ReferenceInput[]): CslItem[] {
  return sources.map(toCslItem);
}

/** The sources as a CSL-JSON file's text (an array of items, two-space indented, final newline). */
export function cslJsonText(sources: readonly ReferenceInput[]): string {
  return `${JSON.stringify(toCslJson(sources), null, 2)}\n`;
}

/** BibTeX citation keys by source id: the id, with characters a key cannot hold replaced by "-"; repeats numbered. */
export function citationKeys(sources: readonly Pick<ReferenceInput, 'id'>[]): Map<string, string> {
  const keys = new Map<string, string>();
  const used = new Set<string>();
  for (const s of sources) {
    if (keys.has(s.id)) continue;
    const base = s.id.replace(/[^A-Za-z0-9_.:/+-]+/g, '-').replace(/^-+|-+$/g, '') || 'source';
    let key = base;
    for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
    used.add(key);
    keys.set(s.id, key);
  }
  return keys;
}

const LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '$': '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  '_': '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/**
 * Text for a BibTeX field: LaTeX's special characters escaped (braces as \textbraceleft{} and
 * \textbraceright{}, so that every field's braces balance, which BibTeX needs), line breaks
 * and runs of white space as one space. Other characters stay as they are (UTF-8).
 */
export function escapeBibtex(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[\\{}$&%#_~^]/g, (c) => LATEX[c]);
}

/** A URL for a BibTeX field, which url-aware styles read verbatim: only what would unbalance the entry is percent-encoded. */
function bibtexUrl(url: string): string {
  return url.trim().replace(/[{}\\\s"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function bibtexName(n: CslName): string {
  if (n.literal !== undefined) return `{${escapeBibtex(n.literal)}}`;
  const family = escapeBibtex(n.family ?? '');
  const given = escapeBibtex(n.given ?? '');
  const suffix = n.suffix ? escapeBibtex(n.suffix) : '';
  return suffix ? `${family}, ${suffix}, ${given}` : given ? `${family}, ${given}` : `{${family}}`;
}

/** The year of a source for BibTeX: the first four-digit year in it, else the text as given. */
function bibtexYear(year: string): string {
  const m = /\b(\d{4})\b/.exec(year);
  return m ? m[1] : escapeBibtex(year);
}

/** One source as a BibTeX entry. */
export function toBibtexEntry(s: ReferenceInput, key: string): string {
  const type = referenceType(s);
  const publisher = field(s, 'publisher');
  const url = field(s, 'url');
  const archive = field(s, 'archive_url');
  const retrieved = cslDate(field(s, 'retrieved'))?.['date-parts']?.[0];
  const fields: [string, string][] = [];
  const authors = parseAuthors(s.authors);
  if (authors.length) fields.push(['author', authors.map(bibtexName).join(' and ')]);
  // Double braces: the title keeps its capitals (names of laws, countries, agencies).
  if (s.title.trim()) fields.push(['title', `{${escapeBibtex(s.title)}}`]);
  if (s.year.trim()) fields.push(['year', bibtexYear(s.year)]);
  if (publisher) {
    const name = type.bibtex === 'techreport' ? 'institution' : type.bibtex === 'article' ? 'journal' : 'publisher';
    fields.push([name, escapeBibtex(publisher)]);
  }
  if (url) fields.push(['url', bibtexUrl(url)]);
  if (retrieved && retrieved.length === 3 && (url || archive)) {
    fields.push(['urldate', retrieved.map((p, i) => String(p).padStart(i === 0 ? 4 : 2, '0')).join('-')]);
  }
  if (archive) fields.push(['note', `Archived copy: \\url{${bibtexUrl(archive)}}`]);
  const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
  return `@${type.bibtex}{${key}${body ? `,\n${body}` : ''}\n}\n`;
}

/** The sources as a BibTeX file's text, one entry per source, in the order given. */
export function toBibtex(sources: readonly ReferenceInput[]): string {
  const keys = citationKeys(sources);
  return sources.map((s) => toBibtexEntry(s, keys.get(s.id)!)).join('\n');
}
