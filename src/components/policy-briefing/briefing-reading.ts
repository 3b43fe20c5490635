/**
 * A standalone briefing's matrix, read from its `src` folder in the load worker (as the
 * grid's matrix is: a large or hostile matrix never holds up the page — docs/security.md,
 * "Limits"). A later `src` wins over an earlier one still being read.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MatrixCheck } from '../../model/check/check.ts';
import type { Matrix, Problem } from '../../model/types.ts';
import type { LoadState } from '../common/load-message.ts';

/** What a briefing is made from. */
export interface Data {
  matrix: Matrix;
  check: MatrixCheck;
  sourceTexts: ReadonlyMap<string, string>;
  /** The selected cell's key, when the data comes from the app's store. */
  selection?: string;
  /** The date the store shows the matrix as of (the app's "As of" control). */
  asOf?: string;
}

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; data: Data; problems: readonly Problem[] };

const folderName = (url: URL) => decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '') || 'matrix';

/**
 * The reading code (the load worker and its page side), imported with the first matrix the
 * element reads itself: an element given its matrix by an application never needs it.
 */
const readingCode = () => import('../../state/load-worker.ts');

export class BriefingReading implements ReactiveController {
  private loaded: Loaded | undefined;
  private token = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The matrix read, once it is ready. */
  get data(): Data | undefined {
    return this.loaded?.status === 'ready' ? this.loaded.data : undefined;
  }

  /** Where reading `src` stands, as the shared load message reads it. */
  state(src: string): LoadState {
    const loaded = this.loaded;
    if (!loaded) return { status: 'empty', matrix: undefined, problems: [] };
    if (loaded.status === 'loading') return { status: 'loading', matrix: undefined, problems: [] };
    if (loaded.status === 'failed') {
      return { status: 'failed', matrix: undefined, problems: [{ severity: 'error', file: src, line: 0, column: 0, message: loaded.message }] };
    }
    return { status: 'ready', matrix: loaded.data.matrix, problems: loaded.problems };
  }

  /** Read the matrix folder at `src` (relative to the page); '' forgets the matrix. */
  async read(src: string): Promise<void> {
    const token = ++this.token;
    this.set(src ? { status: 'loading' } : undefined);
    if (!src) return;
    try {
      const base = new URL(src.endsWith('/') ? src : `${src}/`, document.baseURI);
      const { loadMatrixInWorker } = await readingCode();
      const { bundle, check } = await loadMatrixInWorker(base.href, { name: folderName(base) });
      if (token !== this.token) return;
      this.set({ status: 'ready', data: { matrix: bundle.matrix, check, sourceTexts: bundle.sourceTexts }, problems: bundle.problems });
    } catch (error) {
      if (token !== this.token) return;
      this.set({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  private set(loaded: Loaded | undefined): void {
    this.loaded = loaded;
    this.host.requestUpdate();
  }
}
