/**
 * Search and re-anchoring figures of `npm run bench` (case `search`): 50 reports of about
 * 200 KB each, and one 300-page report of about 1 MB (bench/search-corpus.ts: realistic
 * print-extracted text). For each:
 *
 * - building the index of every source, against a bare inverted index of the same texts
 *   (lower-cased words split by a regular expression, counted into a Map: no positions, no
 *   folding, no passages);
 * - a query typed letter by letter: the time from each key press to its results (ranked, with
 *   excerpts), the slowest key press and the median, against a plain scan of the folded,
 *   lower-cased texts with `indexOf` for every word of the query at that key press;
 * - the heap the index holds, against the heap the texts themselves hold;
 * - (the 1 MB document) re-anchoring 500 citations into a revised version of it (one sentence
 *   in ten reworded), against anchoring the same quotes in the new text (what the check does
 *   after the source is replaced).
 */
import { foldWithOrigin } from '../src/model/anchor/normalize.ts';
import { SourceIndex } from '../src/model/anchor/source-index.ts';
import { reanchor } from '../src/model/sources/reanchor.ts';
import { SearchIndex } from '../src/model/sources/search/search-index.ts';
import type { Citation } from '../src/model/types.ts';
import { compare, figure, median, type Figure } from './measure.ts';
import { generateReport, generateSources, type GeneratedSource } from './search-corpus.ts';
import { makeCitation } from '../src/model/make.ts';

let sink = 0;

const collect = () => {
  /$/.test('');
  (globalThis as { gc?: () => void }).gc?.();
};

/** A bare inverted index: lower-cased words counted per text. */
function bareIndex(sources: readonly GeneratedSource[]): Map<string, number>[] {
  return sources.map((s) => {
    const counts = new Map<string, number>();
    for (const w of s.text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
    return counts;
  });
}

/**
 * A query an analyst could type for this text: two words of a sentence in the middle of a
 * source, and a phrase of two words that follow each other in it (so the whole query matches).
 */
function queryFor(source: GeneratedSource): string {
  const middle = source.text.indexOf('. ', source.text.length >> 1) + 2;
  const words = source.text.slice(middle, middle + 600).split(/\s+/);
  const plain = (w: string | undefined) => w !== undefined && /^\p{Ll}{4,}$/u.test(w);
  const i = words.findIndex((w, k) => k >= 4 && plain(w) && plain(words[k + 1]));
  const before = words.slice(0, i).filter(plain);
  return `${before[0]} ${before[before.length - 1]} "${words[i]} ${words[i + 1]}"`;
}

/**
 * Time from each key press (each prefix of `query`) to its results; each prefix `runs` times,
 * medians. Also the process's CPU time for each (on a machine shared with other work, the time
 * a user waits is the wall-clock one; the CPU time shows how much of it was this work's).
 */
function typing(index: SearchIndex, query: string, runs: number): { wall: number[]; cpu: number[] } {
  const wall: number[][] = Array.from({ length: query.length }, () => []);
  const cpu: number[][] = Array.from({ length: query.length }, () => []);
  for (let r = 0; r < runs; r++) {
    collect();
    for (let i = 1; i <= query.length; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      const results = index.search(query.slice(0, i));
      const d = process.cpuUsage(c);
      wall[i - 1].push(performance.now() - t);
      cpu[i - 1].push((d.user + d.system) / 1000);
      sink += results.total;
    }
  }
  return { wall: wall.map(median), cpu: cpu.map(median) };
}

/** The plain scan at each key press: every (complete or partial) word of the prefix looked for in every folded text. */
function scanTyping(folded: readonly string[], query: string, runs: number): number[] {
  const perPress: number[][] = Array.from({ length: query.length }, () => []);
  for (let r = 0; r < runs; r++) {
    collect();
    for (let i = 1; i <= query.length; i++) {
      const t = performance.now();
      const words = query.slice(0, i).replace(/"/g, ' ').split(/\s+/).filter(Boolean);
      for (const text of folded) {
        for (const w of words) for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) sink++;
      }
      perPress[i - 1].push(performance.now() - t);
    }
  }
  return perPress.map(median);
}

/** Heap and array buffers (typed arrays live outside the JS heap) held by what `make` returns, after GC. */
function heapOf(make: () => unknown): number {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  collect();
  const before = used();
  const kept = make();
  collect();
  const held = used() - before;
  sink += kept ? 1 : 0;
  return held / 1e6;
}

/** A revised version of a text: one sentence in ten reworded (a word replaced, a clause added). */
function revise(text: string): string {
  let n = 0;
  return text.replace(/([A-Z][^.!?]{40,300}[.!?])/g, (sentence) => {
    if (n++ % 10 !== 3) return sentence;
    return sentence.replace(/\b(\w{5,})\b/, 'amended').replace(/[.!?]$/, ', as amended.');
  });
}

export async function searchFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const cases: { size: string; sources: () => GeneratedSource[] }[] = [
    { size: 'search: 50 sources × 200 KB (10 MB)', sources: () => generateSources(50, 200_000) },
    { size: 'search: one 300-page document (1 MB)', sources: () => [generateReport('report', 'Regional security in the Americas', 300, 3400, 11)] },
  ];
  for (const c of cases) {
    const sources = c.sources();
    const megabytes = sources.reduce((n, s) => n + s.text.length, 0) / 1e6;
    const at = { size: c.size, where: 'node' as const, unit: 'ms' as const };
    const build = () => {
      const index = new SearchIndex();
      for (const s of sources) index.set(s);
      return index;
    };
    const runs = sources.length > 1 ? 3 : 5;
    const b = await compare(runs, build, () => bareIndex(sources));
    figures.push(figure({ ...at, runs, name: `index build (${sources.length} source${sources.length > 1 ? 's' : ''}, ${megabytes.toFixed(1)} MB of text)`, median: b.ours, baseline: b.baseline, baselineName: 'bare inverted index: lower-cased words split by a regular expression, counted in a Map (no positions, folding or passages)' }));

    const index = build();
    const folded = sources.map((s) => foldWithOrigin(s.text).text.toLowerCase());
    const query = queryFor(sources[Math.floor(sources.length / 2)]);
    const presses = 5;
    const { wall: ours, cpu } = typing(index, query, presses);
    const scan = scanTyping(folded, query, presses);
    const note = `query typed: ${query} (${query.length} key presses, each timed ${presses} times; ${index.search(query).total} passages match the whole query)`;
    const slowest = ours.indexOf(Math.max(...ours));
    const round = (x: number) => Math.round(x * 10) / 10;
    figures.push(figure({
      ...at, runs: presses, name: 'search: slowest key press, from key press to ranked results with excerpts', median: ours[slowest], baseline: scan[slowest],
      baselineName: 'plain scan at that key press: indexOf of every word of the query in every folded, lower-cased text', target: '≤ 100 ms', met: ours[slowest] <= 100,
      note: `${note}; slowest at "${query.slice(0, slowest + 1)}", ${round(cpu[slowest])} ms of CPU; the most CPU at any key press: ${round(Math.max(...cpu))} ms`,
    }));
    figures.push(figure({ ...at, runs: presses, name: 'search: median key press', median: median(ours), baseline: median(scan), baselineName: 'plain scan: indexOf of every word of the query in every folded, lower-cased text', note: `${round(median(cpu))} ms of CPU` }));
    // A two-letter word being typed: the most words it begins.
    const two = typing(index, 'co', 9);
    figures.push(figure({ ...at, runs: 9, name: 'search: a two-letter beginning ("co": every word it begins)', median: two.wall[1], baseline: scanTyping(folded, 'co', 9)[1], baselineName: 'plain scan: indexOf of "co" in every folded, lower-cased text', note: `${round(two.cpu[1])} ms of CPU` }));

    const textMB = heapOf(() => sources.map((s) => s.text.split('').join('')));
    const indexMB = heapOf(build);
    figures.push({ ...figure({ ...at, unit: 'MB', runs: 1, name: 'heap held by the search index (after GC)', median: indexMB, baseline: textMB, baselineName: 'heap held by the source texts themselves' }) });

    if (sources.length === 1) {
      const text = sources[0].text;
      const revised = revise(text);
      // 500 citations: sentences of the old text, as an analyst would cite them.
      const sentences = text.match(/[A-Z][^.!?\n]{30,200}[.!?]/g) ?? [];
      const quotes = sentences.filter((_, i) => i % Math.max(1, Math.floor(sentences.length / 500)) === 0).slice(0, 500);
      const citations: Citation[] = quotes.map((quote, i) => makeCitation({ dimension: `d${i}`, jurisdiction: 'j', seq: 1, source: 'report', quote }));
      const oldIndex = new SourceIndex(text);
      const anchored = citations.map((citation) => ({ citation, anchor: oldIndex.anchor(citation) }));
      const report = reanchor({ source: 'report', oldText: text, newText: revised, citations: anchored, oldIndex });
      const r = await compare(5,
        () => reanchor({ source: 'report', oldText: text, newText: revised, citations: anchored, oldIndex }),
        () => {
          const index = new SourceIndex(revised);
          for (const c of citations) index.anchor(c);
        });
      const counts = Object.entries(report.counts).map(([k, v]) => `${v} ${k}`).join(', ');
      figures.push(figure({ ...at, runs: 5, name: `re-anchor ${citations.length} citations into a revised version (one sentence in ten reworded)`, median: r.ours, baseline: r.baseline, baselineName: 'index the new text and anchor the same quotes in it (the check after a replacement)', note: counts }));
    }
    console.error(`  measured ${c.size} (node)`);
  }
  if (sink < 0) console.log(sink);
  return figures;
}
