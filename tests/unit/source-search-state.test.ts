/**
 * The app's search across sources (src/state/source-search.ts), where there is no worker
 * (Node): each source indexed in a task of its own, queries run after a pause in typing and
 * only for the latest one, sources added, replaced and removed as the matrix changes.
 */
import { describe, expect, it } from 'vitest';
import { SourceSearch, type SearchView } from '../../src/state/source-search.ts';
import { SMALL_SOURCE, ALT_SOURCE } from './support/small-matrix.ts';

/** Timers the test runs by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (run: () => void) => {
      pending.set(next, run);
      return next++;
    },
    clearTimer: (t: unknown) => void pending.delete(t as number),
    fire: () => {
      const runs = [...pending.values()];
      pending.clear();
      for (const run of runs) run();
    },
    get count() {
      return pending.size;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

async function ready(search: SourceSearch, views: SearchView[], sources: number): Promise<void> {
  for (let i = 0; i < 200 && !(search.state.indexed === sources && search.state.sources === sources); i++) await tick();
  expect(views.at(-1)?.indexed).toBe(sources);
}

describe('SourceSearch without a worker', () => {
  it('runs a query after the pause, for the latest text only', async () => {
    const timers = manualTimers();
    const views: SearchView[] = [];
    const search = new SourceSearch({ onChange: (v) => views.push(v), worker: () => undefined, setTimer: timers.setTimer, clearTimer: timers.clearTimer });
    search.sync([{ id: 'src', text: SMALL_SOURCE }]);
    await ready(search, views, 1);
    const seen = views.length;
    search.query('deten');
    search.query('detention ra');
    search.query('detention rare');
    expect(views.length, 'nothing runs while typing').toBe(seen);
    expect(timers.count, 'one pending run').toBe(1);
    timers.fire();
    expect(views.slice(seen).map((v) => v.query)).toEqual(['detention rare']);
    const results = views.at(-1)!.results!;
    expect(results.total).toBeGreaterThan(0);
    expect(results.results[0].excerpt.text).toContain('Detention of claimants is rare');
    // Enter runs it at once.
    search.query('harmonized');
    search.flush();
    expect(views.at(-1)?.query).toBe('harmonized');
    expect(views.at(-1)?.results?.total).toBe(1);
    expect(timers.count).toBe(0);
    search.dispose();
  });

  it('follows the sources: a new one is searched once indexed, a replaced text is searched anew, a removed one no more', async () => {
    const views: SearchView[] = [];
    const search = new SourceSearch({ onChange: (v) => views.push(v), worker: () => undefined });
    search.query('detention');
    search.flush();
    expect(views.at(-1)?.results?.total).toBe(0);
    search.sync([{ id: 'src', text: SMALL_SOURCE }, { id: 'alt', text: ALT_SOURCE }]);
    await ready(search, views, 2);
    expect(views.at(-1)?.results?.bySource.map((b) => b.source)).toEqual(['src', 'alt']);
    // The same texts again: nothing is indexed again.
    const before = views.length;
    search.sync([{ id: 'src', text: SMALL_SOURCE }, { id: 'alt', text: ALT_SOURCE }]);
    await tick();
    expect(views.slice(before).every((v) => v.indexed === 2)).toBe(true);
    // A new text for "alt": its old index is gone at once, the new one searched once made.
    search.sync([{ id: 'src', text: SMALL_SOURCE }, { id: 'alt', text: 'Nothing about it here.' }]);
    expect(views.at(-1)?.results?.bySource.map((b) => b.source)).toEqual(['src']);
    await ready(search, views, 2);
    expect(views.at(-1)?.results?.bySource.map((b) => b.source)).toEqual(['src']);
    search.sync([{ id: 'alt', text: 'Nothing about it here.' }]);
    expect(views.at(-1)?.results?.total).toBe(0);
    expect(views.at(-1)?.sources).toBe(1);
    search.dispose();
  });

  it('after dispose, nothing more is reported', async () => {
    const views: SearchView[] = [];
    const search = new SourceSearch({ onChange: (v) => views.push(v), worker: () => undefined });
    search.sync([{ id: 'src', text: SMALL_SOURCE }]);
    search.dispose();
    const n = views.length;
    await tick();
    await tick();
    search.query('detention');
    search.flush();
    expect(views.length).toBe(n);
  });
});
