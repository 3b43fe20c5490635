/**
 * Deterministic source texts for the search benchmark, laid out as text extracted from
 * printed reports: pages with a running head and a page number, paragraphs in hard print
 * lines of at most 78 characters, end-of-line hyphens, headings, footnotes, curly quotes and
 * en dashes. The words come from a word-bigram chain trained on the bundled source text
 * (matrices/sources/security-in-the-americas.txt, real English prose about security policy),
 * with a long tail of rarer words mixed in, so that word frequencies and co-occurrences are
 * those of real prose. Same seed, same bytes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageSpan, TextMap } from '../src/model/sources/text-map.ts';
import { random as rng } from '../tests/unit/support/random.ts';

export interface GeneratedSource {
  id: string;
  title: string;
  text: string;
  map: TextMap;
}

const SYLLABLES = ['ra', 'po', 'li', 'cy', 'bor', 'der', 'vi', 'sa', 'as', 'lum', 'de', 'ten', 'tion', 'in', 'tel', 'se', 'cu', 'ri', 'ty', 'mi', 'gra', 'na', 'ex', 'com', 'par', 'ti', 've'];
const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi'];

/** The word chain: for each word, the words that follow it in the training text. */
interface Chain {
  starts: string[];
  next: Map<string, string[]>;
}

let trained: Chain | undefined;

function chain(): Chain {
  if (trained) return trained;
  const text = readFileSync(join(process.cwd(), 'matrices', 'sources', 'security-in-the-americas.txt'), 'utf8');
  // Words as printed: hyphenated line ends joined, footnote markers ("member.15") dropped.
  const words = text
    .replace(/(\p{L})-\s*\n\s*(\p{Ll})/gu, '$1$2')
    .split(/\s+/)
    .map((w) => w.replace(/^(.*\p{L}[.,;:]?)\d+$/u, '$1'))
    .filter((w) => w !== '');
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const list = next.get(words[i]);
    if (list) list.push(words[i + 1]);
    else next.set(words[i], [words[i + 1]]);
    if (/[.?!]["”’]?$/.test(words[i]) && /^\p{Lu}/u.test(words[i + 1])) starts.push(words[i + 1]);
  }
  trained = { starts, next };
  return trained;
}

/** A generator of sentences, headings and footnotes from one seed. */
function prose(seed: number) {
  const random = rng(seed);
  const { starts, next } = chain();
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  // The long tail: words the training text does not have (names, terms), each used rarely.
  const rare = Array.from({ length: 4000 }, () => {
    let w = '';
    const n = 2 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) w += pick(SYLLABLES);
    return w;
  });
  const sentence = (): string => {
    const out: string[] = [];
    let w = pick(starts);
    for (let n = 0; n < 60; n++) {
      out.push(random() < 0.02 ? pick(rare) : w);
      if (/[.?!]["”’]?$/.test(w) && n >= 5) break;
      const options = next.get(w);
      w = options ? pick(options) : pick(starts);
    }
    let s = out.join(' ');
    if (!/[.?!]["”’]?$/.test(s)) s = s.replace(/[,;:]?$/, '.');
    return s;
  };
  return { random, pick, rare, sentence };
}

/** Lines of at most `width` characters; a long word at a line's end is hyphenated now and then. */
function printLines(paragraph: string, width: number, random: () => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of paragraph.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      const room = width - line.length - 2;
      if (word.length > 7 && room >= 3 && /^\p{L}+$/u.test(word) && random() < 0.4) {
        const cut = Math.min(room, word.length - 3);
        lines.push(`${line} ${word.slice(0, cut)}-`);
        line = word.slice(cut);
        continue;
      }
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * One report of `pages` pages of about `pageBytes` characters each: a running head and the
 * page's printed number on each page (roman numerals for the first pages), headings
 * ("3.2 …"), paragraphs, and a footnote at the foot of some pages. Pages are joined by a
 * blank line, as text extraction writes them; `map` gives each page's range and label.
 */
export function generateReport(id: string, title: string, pages: number, pageBytes: number, seed: number): GeneratedSource {
  const { random, sentence } = prose(seed);
  const front = Math.min(4, Math.max(0, pages - 1));
  const pageSpans: PageSpan[] = [];
  const headings: TextMap['headings'] = [];
  let text = '';
  let section = 0;
  let sub = 0;
  let pending = '';
  for (let p = 0; p < pages; p++) {
    const label = p < front ? ROMAN[p] : String(p - front + 1);
    const start = text.length;
    let page = `${title.toUpperCase()} \u2014 ${label}\n\n`;
    let footnote = '';
    while (page.length < pageBytes) {
      if (random() < 0.12) {
        if (random() < 0.3 || section === 0) {
          section++;
          sub = 0;
        } else sub++;
        const heading = `${section}${sub ? `.${sub}` : ''} ${sentence().split(' ').slice(0, 5).join(' ').replace(/[.,;:]$/, '')}`;
        headings.push({ start: start + page.length, level: sub ? 2 : 1, text: heading });
        page += `${heading}\n\n`;
      }
      // A paragraph carried over from the previous page starts this one.
      let paragraph = pending;
      pending = '';
      const n = 3 + Math.floor(random() * 6);
      for (let s = 0; s < n; s++) paragraph += (paragraph ? ' ' : '') + sentence();
      if (random() < 0.15) paragraph = paragraph.replace(/ (\p{L}+) /u, ' \u201c$1\u201d ').replace(/ (\d{4}) /, ' $1\u2013$1 ');
      const lines = printLines(paragraph, 78, random);
      const room = Math.max(1, Math.floor((pageBytes - page.length) / 70));
      if (lines.length > room + 2) {
        // The paragraph runs on to the next page.
        page += lines.slice(0, room).join('\n') + '\n';
        pending = lines.slice(room).join(' ');
        break;
      }
      page += lines.join('\n') + '\n\n';
      if (!footnote && random() < 0.3) footnote = `${p + 1} ${sentence()}`;
    }
    if (footnote) page += `\n${printLines(footnote, 78, random).join('\n')}\n`;
    text += page;
    pageSpans.push({ start, end: text.length, index: p + 1, label });
    text += '\n';
  }
  return { id, title, text, map: { pages: pageSpans, headings } };
}

/** `count` reports of about `bytes` characters each (pages of about 3,400 characters). */
export function generateSources(count: number, bytes: number, seed = 7): GeneratedSource[] {
  const pages = Math.max(1, Math.round(bytes / 3400));
  return Array.from({ length: count }, (_, i) => generateReport(`report-${i + 1}`, `Report ${i + 1} on regional security`, pages, 3400, seed + i * 7919));
}
