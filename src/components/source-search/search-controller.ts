/**
 * The search of an element's matrix sources, with the element's lifecycle: a `SourceSearch`
 * (src/state/source-search.ts) made when the element is connected and ended (its worker too)
 * when it is disconnected, kept in step with the store's sources, and the element re-rendered
 * when the results or the indexing change.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SourceSearch, type SearchView, type SourceSearchOptions } from '../../state/source-search.ts';
import type { Snapshot } from '../../state/store.ts';

export class SearchController implements ReactiveController {
  private search: SourceSearch | undefined;
  /** The sources and texts last given to the search (a new matrix or text syncs again). */
  private synced: { sources: unknown; texts: unknown } | undefined;
  private typed = '';
  view: SearchView = { query: '', results: undefined, indexed: 0, sources: 0, failed: [], took: 0 };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: Omit<SourceSearchOptions, 'onChange'> = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.search = new SourceSearch({
      ...this.options,
      onChange: (view) => {
        this.view = view;
        this.host.requestUpdate();
      },
    });
    this.synced = undefined;
    if (this.typed) this.search.query(this.typed);
  }

  hostDisconnected(): void {
    this.search?.dispose();
    this.search = undefined;
  }

  /** Give the search the snapshot's sources with their texts (only when they changed). */
  sync(snapshot: Snapshot): void {
    const search = this.search;
    const sources = snapshot.matrix?.sources;
    if (!search || (this.synced?.sources === sources && this.synced?.texts === snapshot.sourceTexts)) return;
    this.synced = { sources, texts: snapshot.sourceTexts };
    const given: { id: string; text: string }[] = [];
    for (const s of sources ?? []) {
      const text = snapshot.sourceTexts.get(s.id);
      if (text !== undefined && !given.some((g) => g.id === s.id)) given.push({ id: s.id, text });
    }
    search.sync(given);
  }

  /** The analyst typed: results follow after a short pause. */
  query(text: string): void {
    this.typed = text;
    this.search?.query(text);
  }

  /** Run the query now. */
  flush(): void {
    this.search?.flush();
  }
}
