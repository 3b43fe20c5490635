/**
 * Loading `<policy-matrix src>`: the folder is read, parsed and checked in the load worker
 * (src/state/load-worker.ts), a progress bar shows for loads longer than 300 ms, and the
 * store takes the result (or the failure, in words). A newer `src` replaces a load under way.
 * Each load ends with `policy-matrix-load` on the element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadMatrixInWorker } from '../../state/load-worker.ts';
import type { MatrixStore, Snapshot } from '../../state/store.ts';
import { LoadProgressController } from '../load-progress/load-progress.ts';

export interface PolicyMatrixLoadDetail {
  snapshot: Snapshot;
}

const folderName = (url: URL) => decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') || 'matrix';

export class MatrixLoadController implements ReactiveController {
  private token = 0;
  private abort: AbortController | undefined;
  /** Progress bar for loads longer than 300 ms (render it with `progress.render()`). */
  readonly progress: LoadProgressController;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement, private readonly store: () => MatrixStore) {
    host.addController(this);
    this.progress = new LoadProgressController(host);
  }

  hostConnected(): void {}

  /** Load the matrix folder at `src` (relative to the page) into the store; '' loads nothing. */
  async load(src: string): Promise<void> {
    const token = ++this.token;
    this.abort?.abort();
    this.abort = undefined;
    this.progress.finish();
    if (!src) return;
    const store = this.store();
    store.loading(src);
    const abort = (this.abort = new AbortController());
    this.progress.start();
    try {
      // Read, parse and anchor in a worker; the store takes the check as computed there.
      const base = new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI);
      const { bundle, check, index } = await loadMatrixInWorker(base.href, {
        name: folderName(base),
        signal: abort.signal,
        onProgress: (progress) => this.progress.update(progress),
      });
      if (token !== this.token) return;
      this.progress.finish();
      store.load(bundle, src, undefined, { check, index });
    } catch (error) {
      if (token !== this.token) return;
      this.progress.finish();
      const message = error instanceof Error ? error.message : String(error);
      store.fail({ severity: 'error', file: src, line: 0, column: 0, message: `cannot read the matrix: ${message}` }, src);
    }
    this.host.dispatchEvent(
      new CustomEvent<PolicyMatrixLoadDetail>('policy-matrix-load', {
        detail: { snapshot: store.snapshot },
        bubbles: true,
        composed: true,
      }),
    );
  }
}
