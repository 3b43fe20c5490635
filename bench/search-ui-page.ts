/**
 * Page side of the search UI benchmark (bench/search-ui-run.mjs drives it with real key
 * presses): a store with a matrix of the generated sources, `<policy-source-search>` on it,
 * and what the driver asks for — indexing in a worker against indexing on the main thread
 * (time until every source is searchable, longest main-thread task), and the time from the
 * last key press of a typed query to its results painted, against the bare model search of
 * the same query.
 */
import { LitElement, html } from 'lit';
import { newMatrixBundle } from '../src/model/create/bundle.ts';
import { newMatrix } from '../src/model/create/new-matrix.ts';
import { SearchIndex } from '../src/model/sources/search/search-index.ts';
import { StoreProvider } from '../src/state/context.ts';
import { SourceSearch } from '../src/state/source-search.ts';
import { MatrixStore } from '../src/state/store.ts';
import '../src/components/source-search/policy-source-search.ts';
import type { PolicySourceSearch } from '../src/components/source-search/source-search.component.ts';

interface Corpus {
  sources: { id: string; title: string; text: string }[];
}

const store = new MatrixStore();

class BenchHost extends LitElement {
  readonly provider = new StoreProvider(this, store);
  protected override render() {
    return html`<policy-source-search></policy-source-search>`;
  }
}
customElements.define('bench-host', BenchHost);

/** Longest task (Long Tasks API, ≥ 50 ms; 0 = none) while `work` runs. */
async function longestDuring<T>(work: () => Promise<T>): Promise<{ result: T; longest: number }> {
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
  });
  observer.observe({ type: 'longtask', buffered: false });
  const result = await work();
  await new Promise((r) => setTimeout(r, 100));
  for (const e of observer.takeRecords()) longest = Math.max(longest, e.duration);
  observer.disconnect();
  return { result, longest };
}

let corpus: Corpus | undefined;
let lastKey = 0;
addEventListener('keydown', (e) => (lastKey = e.timeStamp), true);

const search = () => document.querySelector('bench-host')!.shadowRoot!.querySelector<PolicySourceSearch>('policy-source-search')!;

const bench = {
  async load(url: string): Promise<{ bytes: number; sources: number }> {
    corpus = (await (await fetch(url)).json()) as Corpus;
    return { bytes: corpus.sources.reduce((n, s) => n + s.text.length, 0), sources: corpus.sources.length };
  },

  /** Index every source with SourceSearch (worker or main thread): ms until all are searchable, and the longest task. */
  async indexing(inWorker: boolean): Promise<{ ms: number; longest: number }> {
    const sources = corpus!.sources.map((s) => ({ id: s.id, text: s.text }));
    const { result, longest } = await longestDuring(
      () =>
        new Promise<number>((resolve) => {
          const started = performance.now();
          const s: SourceSearch = new SourceSearch({
            ...(inWorker ? {} : { worker: () => undefined }),
            onChange: (v) => {
              if (v.indexed === sources.length) {
                resolve(performance.now() - started);
                s.dispose();
              }
            },
          });
          s.sync(sources);
        }),
    );
    return { ms: result, longest };
  },

  /** Mount the element on a matrix of the corpus and wait until every source is indexed (in its worker). */
  async mount(): Promise<void> {
    const made = newMatrix({
      title: 'Search bench', jurisdictions: [{ label: 'A' }], dimensions: [{ label: 'B', valueType: 'text' }],
      sources: corpus!.sources.map((s) => ({ id: s.id, title: s.title, authors: '', year: '', path: `${s.id}.txt` })),
    });
    if (!made.ok) throw new Error('no matrix');
    store.load(newMatrixBundle(made.matrix, new Map(corpus!.sources.map((s) => [s.id, s.text]))), 'bench');
    document.querySelector('bench-host')?.remove();
    const host = document.createElement('bench-host') as BenchHost;
    document.body.append(host);
    await host.updateComplete;
    const el = search();
    await el.updateComplete;
    const started = performance.now();
    while (!/passage|type words/.test(el.shadowRoot!.querySelector('.status')?.textContent ?? '') || /Indexing/.test(el.shadowRoot!.querySelector('.status')?.textContent ?? '')) {
      if (performance.now() - started > 60000) throw new Error('the sources were not indexed');
      await new Promise((r) => setTimeout(r, 20));
    }
  },

  /** Clear the box (and its results) and focus it. */
  async focusBox(): Promise<void> {
    const el = search();
    el.setQuery('');
    const list = () => el.shadowRoot!.querySelector('ol.results');
    while (list()?.getAttribute('data-query') !== '') await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input.query')!;
    input.value = '';
    input.focus();
  },

  /** Resolve, once the results of `query` are painted, with the ms since the last key press. */
  resultsPainted(query: string): Promise<number> {
    const list = () => search().shadowRoot!.querySelector('ol.results');
    return new Promise((resolve) => {
      const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - lastKey), 0));
      if (list()?.getAttribute('data-query') === query) return done();
      const observer = new MutationObserver(() => {
        if (list()?.getAttribute('data-query') !== query) return;
        observer.disconnect();
        done();
      });
      observer.observe(search().shadowRoot!, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
    });
  },

  /** The bare model search of a query over the same sources (index built once), ms. */
  bareSearch(query: string, runs: number): number[] {
    const index = (bench as { index?: SearchIndex }).index ?? new SearchIndex();
    if (!(bench as { index?: SearchIndex }).index) {
      for (const s of corpus!.sources) index.set({ id: s.id, text: s.text });
      (bench as { index?: SearchIndex }).index = index;
    }
    const out: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      index.search(query, { limit: 30 });
      out.push(performance.now() - t);
    }
    return out;
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
document.title = 'ready';
