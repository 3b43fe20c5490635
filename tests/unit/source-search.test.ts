import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sharedSourceIndexCache } from '../../src/model/check/check.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { citeResult, citeResultCommand, parseQuery, SearchIndex, SourceSearchIndex, type SearchResult } from '../../src/model/sources/search/index.ts';
import type { TextMap } from '../../src/model/sources/text-map.ts';
import { cellKey } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { SMALL_SOURCE, smallMatrixTexts, textsReader } from './support/small-matrix.ts';

/** A page of a report as text extraction gives it: a running head, hard line breaks, a hyphen at a line end. */
const PAGE_1 = [
  'REGIONAL SECURITY REPORT \u2014 11',
  '',
  '1 Introduction',
  '',
  'The Safe Third Country Agreement between Canada and the United States took effect',
  'in 2004. Under it, refugee claimants must request protection in the first safe',
  'country they arrive in. Critics argue that the agreement is unneces-',
  'sary and that third-country rules harm claimants. See e.g. Smith, p. 4. The U.S.',
  'government disagrees.',
  '',
].join('\n');
const PAGE_2 = [
  'REGIONAL SECURITY REPORT \u2014 12',
  '',
  '2 Detention',
  '',
  'Detention of children is rare in Qu\u00e9bec. The \u201csafe third country\u201d concept',
  'appears in Art. 3 of the directive,  and   detention   of adults is common.',
  '',
].join('\n');
const PAGE_3 = 'REGIONAL SECURITY REPORT \u2014 13\n\nVisa policy is harmonized across the union.\n';
const REPORT = `${PAGE_1}\n${PAGE_2}\n${PAGE_3}`;
const MAP: TextMap = {
  pages: [
    { start: 0, end: PAGE_1.length, index: 1, label: '11' },
    { start: PAGE_1.length + 1, end: PAGE_1.length + 1 + PAGE_2.length, index: 2, label: '12' },
    { start: PAGE_1.length + 2 + PAGE_2.length, end: REPORT.length, index: 3, label: '13' },
  ],
  headings: [],
};

function reportIndex(): SearchIndex {
  const index = new SearchIndex();
  index.set({ id: 'report', text: REPORT, map: MAP });
  return index;
}

/** The original text of each match of a result. */
const matched = (r: SearchResult, text = REPORT) => r.matches.map((m) => text.slice(m.start, m.end));
/** The marked parts of a result's excerpt. */
const marked = (r: SearchResult) => r.excerpt.marks.map((m) => r.excerpt.text.slice(m.start, m.end));

describe('parseQuery', () => {
  it('reads words, quoted phrases (straight or curly) and the word being typed', () => {
    const q = parseQuery('detention \u201csafe third country\u201d québ');
    expect(q.clauses.map((c) => [c.phrase, c.tokens.map((t) => `${t.key}${t.prefix ? '*' : ''}`).join(' ')])).toEqual([
      [false, 'detention'],
      [true, 'safe third country'],
      [false, 'queb*'],
    ]);
  });

  it('takes the last word as typed in full after a space or a closing quote', () => {
    expect(parseQuery('deten ').clauses[0].tokens[0].prefix).toBe(false);
    expect(parseQuery('"deten"').clauses[0].tokens[0].prefix).toBe(false);
    expect(parseQuery('"safe thi').clauses[0].tokens.map((t) => t.prefix)).toEqual([false, true]);
    // One letter is taken as typed: as a beginning it would match a tenth of all words.
    expect(parseQuery('s').clauses[0].tokens[0]).toEqual({ key: 's', prefix: false });
    expect(parseQuery('st').clauses[0].tokens[0]).toEqual({ key: 'st', prefix: true });
  });

  it('reads a word with a dash or an apostrophe as words in a row, and drops repeats and punctuation', () => {
    const q = parseQuery("third-country Canada's , canada's ");
    expect(q.clauses.map((c) => c.tokens.map((t) => t.key))).toEqual([['third', 'country'], ['canada', 's']]);
  });
});

describe('SearchIndex.search', () => {
  it('finds a word split by an end-of-line hyphen, and gives its range in the original text', () => {
    const [r, ...rest] = reportIndex().search('unnecessary ').results;
    expect(rest).toEqual([]);
    expect(matched(r)).toEqual(['unneces-\nsary']);
    expect(r.excerpt.text).toContain('the agreement is unnecessary and that');
    expect(marked(r)).toEqual(['unnecessary']);
  });

  it('finds a phrase across line breaks and runs of spaces', () => {
    const index = reportIndex();
    expect(matched(index.search('"first safe country"').results[0])).toEqual(['first safe\ncountry']);
    expect(matched(index.search('"and detention of adults"').results[0])).toEqual(['and   detention   of adults']);
  });

  it('reads dash kinds, curly quotes, case and diacritics alike', () => {
    const index = reportIndex();
    for (const q of ['"third-country rules"', '"third country rules"', '"third\u2013country rules"', '\u201cTHIRD COUNTRY RULES\u201d']) {
      const results = index.search(q).results;
      expect(results.map((r) => matched(r)), q).toEqual([['third-country rules']]);
    }
    expect(matched(index.search('quebec ').results[0])).toEqual(['Qu\u00e9bec']);
    expect(matched(index.search('QU\u00c9BEC ').results[0])).toEqual(['Qu\u00e9bec']);
  });

  it('needs every word in one passage', () => {
    const index = reportIndex();
    // "Canada" is on page 11, "children" on page 12.
    expect(index.search('canada children ').total).toBe(0);
    const both = index.search('children adults ').results;
    expect(both).toHaveLength(1);
    expect(both[0].locator).toBe('p. 12');
    expect(matched(both[0])).toEqual(['children', 'adults']);
  });

  it('matches the word being typed as a prefix, and only whole words once it is typed', () => {
    const index = reportIndex();
    expect(index.search('deten').total).toBe(2);
    expect(index.search('deten ').total).toBe(0);
    expect(index.search('"safe third co').results.map((r) => r.locator).sort()).toEqual(['p. 11', 'p. 12']);
  });

  it('gives the page of each passage from the source map', () => {
    const r = reportIndex().search('visa').results;
    expect(r.map((x) => [x.source, x.locator])).toEqual([['report', 'p. 13']]);
  });

  it('ranks passages with more of the rarer words first, and running heads after the text', () => {
    const text = [
      'Detention of claimants is rare here, and the rules are old.',
      'Detention is common there; detention of children too, they say.',
      'The rules on claimants are new, and detention is not among them.',
      'Claimants wait for weeks; claimants wait for months, rules or not.',
    ].join('\n\n');
    const index = new SearchIndex();
    index.set({ id: 't', text });
    // The passage that says it twice first.
    expect(index.search('detention ').results[0].excerpt.text).toMatch(/^Detention is common/);
    // Of two passages of one length, each with one word twice: the one with the rarer word twice.
    const weights = new SearchIndex();
    weights.set({
      id: 'w',
      text: [
        'Claimants and claimants with families are rare guests.',
        'Claimants are rare, very rare, in this region.',
        'Claimants wait for weeks.',
        'Claimants wait for months.',
      ].join('\n\n'),
    });
    expect(weights.search('rare claimants ').results.map((r) => r.excerpt.text.slice(0, 14))).toEqual(['Claimants are ', 'Claimants and ']);
    // Every page's running head matches "regional security", and so does one sentence of the text: it comes first.
    const heads = reportIndex().search('regional security ').results;
    expect(heads.map((r) => r.locator)).toEqual(['p. 11', 'p. 12', 'p. 13']);
    const other = new SearchIndex();
    other.set({ id: 'report', text: `${REPORT}\nThe regional security plan is new.\n`, map: MAP });
    expect(other.search('regional security ').results[0].excerpt.text).toBe('The regional security plan is new.');
  });

  it('cuts excerpts at sentences and word boundaries, with marks as ranges of the excerpt text', () => {
    const [r] = reportIndex().search('government ').results;
    expect(r.excerpt.text).toBe('See e.g. Smith, p. 4. The U.S. government disagrees.');
    expect(REPORT.slice(r.excerpt.range.start, r.excerpt.range.end)).toBe('See e.g. Smith, p. 4. The U.S.\ngovernment disagrees.');
    expect(marked(r)).toEqual(['government']);
    expect(r.match).toEqual(r.matches[0]);
    expect(REPORT.slice(r.match.start, r.match.end)).toBe('government');
    // A long sentence is cut around its match, and says so.
    const long = `Intro. ${Array.from({ length: 120 }, (_, i) => `w${i}`).join(' ')} needle ${Array.from({ length: 120 }, (_, i) => `x${i}`).join(' ')}.`;
    const index = new SearchIndex();
    index.set({ id: 'long', text: long });
    const [cut] = index.search('needle ').results;
    expect(cut.excerpt.cutBefore && cut.excerpt.cutAfter).toBe(true);
    expect(cut.excerpt.text.split(' ')).toHaveLength(60);
    expect(marked(cut)).toEqual(['needle']);
    expect(cut.locator).toBe('');
  });

  it('searches several sources together, counts per source, and filters by source', () => {
    const index = reportIndex();
    index.set({ id: 'small', text: SMALL_SOURCE });
    const all = index.search('detention ');
    expect(new Set(all.results.map((r) => r.source))).toEqual(new Set(['report', 'small']));
    expect(all.bySource).toEqual([{ source: 'report', count: 2 }, { source: 'small', count: 1 }]);
    expect(all.total).toBe(3);
    expect(index.search('detention ', { sources: ['small'] }).results.map((r) => r.source)).toEqual(['small']);
    const paged = index.search('detention ', { limit: 1, offset: 1 });
    expect(paged.results).toEqual([all.results[1]]);
    expect(paged.total).toBe(3);
  });

  it('updates incrementally: a source is indexed once, re-indexed when its text is replaced, and can be removed', () => {
    const index = reportIndex();
    const before = index.get('report');
    expect(index.set({ id: 'report', text: REPORT, map: MAP })).toBe(false);
    expect(index.get('report')).toBe(before);
    expect(index.set({ id: 'report', text: REPORT.replace('Visa policy', 'Entry policy'), map: MAP })).toBe(true);
    expect(index.search('visa').total).toBe(0);
    expect(index.search('entry').total).toBe(1);
    const sync = index.sync([{ id: 'a', text: 'Alpha beta.' }, { id: 'b', text: 'Beta gamma.' }]);
    expect(sync).toEqual({ added: ['a', 'b'], replaced: [], removed: ['report'] });
    expect(index.search('beta ').bySource.map((s) => s.source)).toEqual(['a', 'b']);
    expect(index.sync([{ id: 'a', text: 'Alpha beta.' }, { id: 'b', text: 'Beta delta.' }])).toEqual({ added: [], replaced: ['b'], removed: [] });
    expect(index.remove('a')).toBe(true);
    expect(index.ids()).toEqual(['b']);
  });

  it('takes the folded text of the anchoring index instead of folding the text again, with the same results', () => {
    const parts = sharedSourceIndexCache().get(REPORT).parts();
    const shared = new SearchIndex();
    shared.set({ id: 'report', text: REPORT, map: MAP, folded: { text: parts.folded, origin: parts.origin } });
    for (const q of ['"third country"', 'unnecessary ', 'detention adults ']) expect(shared.search(q)).toEqual(reportIndex().search(q));
  });

  it('is built in one thread and used in another: its parts, cloned as a message is, give the same index', () => {
    const built = reportIndex().get('report')!;
    const received = SourceSearchIndex.fromParts({ id: 'report', text: REPORT, map: MAP }, structuredClone(built.parts()));
    const index = new SearchIndex();
    index.setIndex(received);
    for (const q of ['"third country"', 'unnecessary ', 'detention adults ', 'regional sec', 'quebec']) expect(index.search(q)).toEqual(reportIndex().search(q));
  });

  it('gives no result for an empty or punctuation-only query', () => {
    expect(reportIndex().search('').results).toEqual([]);
    expect(reportIndex().search(' " ,. ').total).toBe(0);
  });

  it('stays bounded on a hostile text and query (one word repeated, a long phrase of it)', () => {
    const index = new SearchIndex();
    index.set({ id: 'x', text: 'a '.repeat(300_000) });
    const started = Date.now();
    const r = index.search(`"${'a '.repeat(60)}"`);
    // Generous bound: the work limit stops the count long before this.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.total).toBeGreaterThan(0);
    expect(r.results.length).toBeGreaterThan(0);
  });
});

describe('citing a search result', () => {
  it('quotes the excerpt as the source reader quotes a selection, with its locator', () => {
    const [r] = reportIndex().search('government ').results;
    const citation = citeResult(r, sharedSourceIndexCache().get(REPORT))!;
    expect(citation).toMatchObject({
      source: 'report', quote: 'See e.g. Smith, p. 4. The U.S. government disagrees.', prefix: '', suffix: '', locator: 'p. 11',
      start: r.excerpt.range.start, end: r.excerpt.range.end,
    });
    expect(citation.anchor.status).toBe('found');
  });

  it('adds context only when the quote alone would match several places', () => {
    const text = 'Detention is rare. Visa policy is strict.\n\nDetention is rare. Visa policy is lax.\n';
    const index = new SearchIndex();
    index.set({ id: 't', text });
    const [, second] = index.search('lax ').results.length ? [undefined, index.search('lax ').results[0]] : [];
    const citation = citeResult(second!, sharedSourceIndexCache().get(text), { range: { start: text.lastIndexOf('Detention'), end: text.lastIndexOf('rare.') + 5 } })!;
    expect(citation.quote).toBe('Detention is rare.');
    expect(citation.prefix !== '' || citation.suffix !== '').toBe(true);
    expect(citation.anchor).toMatchObject({ status: 'found', range: { start: text.lastIndexOf('Detention') } });
  });

  it('attaches a result to a cell through the add-citation edit, found by the check', async () => {
    const store = new MatrixStore();
    store.load(await readMatrix(textsReader(smallMatrixTexts()), 'small'));
    const text = store.snapshot.sourceTexts.get('src')!;
    const index = new SearchIndex();
    index.set({ id: 'src', text });
    const [r] = index.search('"shared perimeter"').results;
    const edit = citeResultCommand(r, sharedSourceIndexCache().get(text), { dimension: 'year', jurisdiction: 'north' })!;
    expect(store.edit(edit)).toMatchObject({ ok: true });
    const checks = store.snapshot.check!.citations.get(cellKey('year', 'north'))!;
    // A short sentence comes with the one before it.
    expect(checks.map((c) => [c.citation.quote, c.anchor.status])).toEqual([
      ['Visa policy is harmonized across the union; visa policy is harmonized across the union. The \u201cshared perimeter\u201d remains a goal.', 'found'],
    ]);
  });
});

/** Words of a generated text, and the text laid out as print: line breaks, hyphenated line ends, runs of spaces. */
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const layout = fc.record({
  words: fc.array(word, { minLength: 5, maxLength: 60 }),
  // Per gap between words: 0 space, 1 line break, 2 two spaces, 3 hyphenated line end (inside the next word).
  gaps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 60, maxLength: 60 }),
  from: fc.nat(),
  length: fc.integer({ min: 1, max: 6 }),
});

describe('search, property', () => {
  it('finds any run of words of a printed text as a phrase, at its place in the original', () => {
    fc.assert(
      fc.property(layout, ({ words, gaps, from, length }) => {
        let text = '';
        const starts: number[] = [];
        const ends: number[] = [];
        words.forEach((w, i) => {
          if (i > 0) text += gaps[i] === 1 ? '\n' : gaps[i] === 2 ? '  ' : ' ';
          starts.push(text.length);
          // A hyphen at a line end inside a word, as print extraction gives it.
          text += gaps[i] === 3 && w.length > 2 ? `${w.slice(0, 1)}-\n${w.slice(1)}` : w;
          ends.push(text.length);
        });
        const a = from % words.length;
        const b = Math.min(words.length, a + length);
        const index = new SearchIndex();
        index.set({ id: 's', text });
        const r = index.search(`"${words.slice(a, b).join(' ')}"`, { limit: 1000 });
        const ranges = r.results.flatMap((x) => x.matches);
        expect(ranges).toContainEqual({ start: starts[a], end: ends[b - 1] });
      }),
      { numRuns: 300 },
    );
  });
});
