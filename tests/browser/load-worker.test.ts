/**
 * Loading off the main thread, in Chromium: the module worker starts from the TypeScript
 * sources (dev server) and from the one-file bundle (dist/policy-matrix.worker.js), gives the
 * same check as a load on the main thread, and `<policy-matrix>` shows a progress bar
 * (role="progressbar", aria-valuenow) while a load takes longer than 300 ms. Behaviour only:
 * no timing is asserted (the bench measures those).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../src/components/policy-matrix/policy-matrix.ts';
import type { PolicyMatrix } from '../../src/components/policy-matrix/policy-matrix.ts';
import { LoadProgressController } from '../../src/components/load-progress/load-progress.ts';
import { checkMatrix, SourceIndexCache } from '../../src/model/check/check.ts';
import { fetchReader, readMatrix } from '../../src/model/format/read.ts';
import { endKeptLoadWorker, loadMatrixInWorker, type LoadProgress } from '../../src/state/load-worker.ts';
import type { WorkerMessage } from '../../src/worker/load-protocol.ts';
import { REAL_MATRIX, gridReady, shadow } from './helpers.ts';

const absolute = (path: string) => new URL(path, location.href).href;

describe('loadMatrixInWorker in the browser', () => {
  it('loads in a module worker from the TypeScript sources, with the main-thread check', async () => {
    const progress: LoadProgress[] = [];
    const loaded = await loadMatrixInWorker(REAL_MATRIX, { onProgress: (p) => progress.push(p) });
    expect(loaded.inWorker).to.equal(true);
    const bundle = await readMatrix(fetchReader(absolute(REAL_MATRIX)), 'eu-north-america');
    const check = checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache(), locations: bundle.locations });
    expect(loaded.bundle.matrix.cells.length).to.equal(bundle.matrix.cells.length);
    expect(loaded.check.coverage).to.deep.equal(check.coverage);
    expect(loaded.check.problems).to.deep.equal(check.problems);
    expect(progress.map((p) => p.phase)).to.include.members(['reading', 'anchoring', 'assembling']);
    expect(progress.at(-1)?.fraction).to.equal(1);
  });

  it('loads in the bundle\'s worker file (dist/policy-matrix.worker.js), started by the code in a shared chunk', async () => {
    const bundled = (await import(/* @vite-ignore */ `${'/dist/policy-matrix.js'}`)) as { loadMatrixInWorker: typeof loadMatrixInWorker };
    const loaded = await bundled.loadMatrixInWorker(REAL_MATRIX);
    expect(loaded.inWorker).to.equal(true);
    expect(loaded.check.coverage.citations).to.be.greaterThan(100);
  });

  it('falls back to the main thread when the worker script cannot start, and says so in the console', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const loaded = await loadMatrixInWorker(REAL_MATRIX, { worker: () => new Worker('/no/such/worker.js', { type: 'module' }) });
      expect(loaded.inWorker).to.equal(false);
      expect(loaded.check.coverage.citations).to.be.greaterThan(100);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('the load worker did not start').and.contain('main thread');
      // A load on the main thread chosen by the caller is no fallback: nothing to say.
      const chosen = await loadMatrixInWorker(REAL_MATRIX, { worker: () => undefined });
      expect(chosen.inWorker).to.equal(false);
      expect(warnings).to.have.length(1);
    } finally {
      console.warn = warn;
    }
  });

  it('rejects (no fallback) when the folder cannot be read', async () => {
    let error: unknown;
    try {
      await loadMatrixInWorker('http://127.0.0.1:9/unreachable/');
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.match(/fetch|network/i);
  });

  it('serves the next load with the worker kept from the last one; a failed load\'s worker is not kept', async () => {
    // Count the workers made, and the loads each one is asked for.
    const Real = globalThis.Worker;
    const made: { loads: number }[] = [];
    globalThis.Worker = class extends Real {
      readonly record = { loads: 0 };
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        made.push(this.record);
        const post = this.postMessage.bind(this) as (message: unknown) => void;
        this.postMessage = ((message: unknown) => {
          this.record.loads++;
          post(message);
        }) as Worker['postMessage'];
      }
    } as typeof Worker;
    try {
      endKeptLoadWorker();
      // A failed load first: its worker is ended, not kept.
      await loadMatrixInWorker('http://127.0.0.1:9/unreachable/').catch(() => {});
      expect(made.length).to.equal(1);
      const first = await loadMatrixInWorker(REAL_MATRIX);
      expect(made.length, 'a new worker for the load after a failed one').to.equal(2);
      // Kept once its index has come (a moment after the load).
      await new Promise((resolve) => setTimeout(resolve, 500));
      const second = await loadMatrixInWorker(REAL_MATRIX);
      expect(made.length, 'no new worker for the next load').to.equal(2);
      expect(made.at(-1)!.loads).to.equal(2);
      expect(second.inWorker).to.equal(true);
      expect(second.check.coverage).to.deep.equal(first.check.coverage);
      expect(second.check.problems).to.deep.equal(first.check.problems);
      expect(second.bundle.matrix).to.deep.equal(first.bundle.matrix);
    } finally {
      globalThis.Worker = Real;
    }
  });
});

/** Worker that holds back the worker's last message until `release()`: a load as slow as we like. */
function holdLoads() {
  // A worker kept from an earlier load would serve the next one: end it, so that ours is made.
  endKeptLoadWorker();
  const RealWorker = window.Worker;
  const releases: (() => void)[] = [];
  class HeldWorker {
    onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
    onerror: ((e: ErrorEvent) => void) | null = null;
    private readonly real: Worker;
    constructor(url: string | URL, options?: WorkerOptions) {
      this.real = new RealWorker(url, options);
      this.real.onmessage = (e: MessageEvent<WorkerMessage>) => {
        if (e.data.type === 'done') releases.push(() => this.onmessage?.(e));
        else this.onmessage?.(e);
      };
      this.real.onerror = (e) => this.onerror?.(e);
    }
    postMessage(message: unknown) {
      this.real.postMessage(message);
    }
    terminate() {
      this.real.terminate();
    }
  }
  window.Worker = HeldWorker as unknown as typeof Worker;
  return {
    held: () => releases.length,
    release: () => releases.splice(0).forEach((r) => r()),
    restore: () => {
      window.Worker = RealWorker;
    },
  };
}

/** An element that shows only a load progress indicator (its controller driven by the test). */
class ProgressHost extends LitElement {
  readonly progress = new LoadProgressController(this);
  override render() {
    return this.progress.render();
  }
}

async function progressHost(): Promise<ProgressHost> {
  if (!customElements.get('progress-host')) customElements.define('progress-host', ProgressHost);
  return fixture<ProgressHost>(html`<progress-host></progress-host>`);
}

describe('<policy-matrix> load progress', () => {
  it('shows a progressbar with aria-valuenow while a load takes longer than 300 ms, then the grid', async () => {
    const hold = holdLoads();
    try {
      const el = await fixture<PolicyMatrix>(html`<policy-matrix src=${REAL_MATRIX} no-autosave style="height: 600px"></policy-matrix>`);
      const root = shadow(el);
      await waitUntil(() => hold.held() > 0, 'the worker did not finish reading', { timeout: 15000 });
      await waitUntil(() => root.querySelector('[role="progressbar"]'), 'no progress bar on a slow load', { timeout: 5000 });
      const bar = root.querySelector('[role="progressbar"]')!;
      const now = Number(bar.getAttribute('aria-valuenow'));
      expect(now).to.be.within(0, 100);
      expect(bar.getAttribute('aria-valuemin')).to.equal('0');
      expect(bar.getAttribute('aria-valuemax')).to.equal('100');
      expect(bar.getAttribute('aria-label')).to.equal('Loading the matrix');
      expect(bar.getAttribute('aria-valuetext')).to.match(/\d+%$/);
      hold.release();
      await gridReady(root);
      await waitUntil(() => !root.querySelector('[role="progressbar"]'), 'the progress bar stays after the load');
      expect(el.store.snapshot.status).to.equal('ready');
      expect(el.store.snapshot.check?.coverage.citations).to.be.greaterThan(100);
    } finally {
      hold.restore();
    }
  });

  it('shows the indicator when due even while the page has a queue of work (a large load\'s messages)', async () => {
    const host = await progressHost();
    const queued = 100;
    let ran = 0;
    let ranWhenShown = -1;
    const watch = new MutationObserver(() => {
      if (ranWhenShown < 0 && host.shadowRoot!.querySelector('[role="progressbar"]')) ranWhenShown = ran;
    });
    watch.observe(host.shadowRoot!, { childList: true, subtree: true });
    host.progress.start();
    // Just before the indicator is due, 100 tasks of 5 ms each are queued (as the worker's
    // messages are, in a burst): the indicator is shown before they have all run.
    await new Promise((r) => setTimeout(r, 250));
    const channel = new MessageChannel();
    const done = new Promise<void>((resolve) => {
      channel.port1.onmessage = () => {
        const until = performance.now() + 5;
        while (performance.now() < until);
        if (++ran === queued) resolve();
      };
    });
    for (let i = 0; i < queued; i++) channel.port2.postMessage(i);
    await done;
    await waitUntil(() => ranWhenShown >= 0, 'no progress bar', { timeout: 2000 });
    watch.disconnect();
    channel.port1.close();
    host.progress.finish();
    expect(ranWhenShown).to.be.lessThan(queued);
  });

  it('shows no progressbar for a load that ends before 300 ms', async () => {
    const host = await progressHost();
    host.progress.start();
    host.progress.update({ phase: 'anchoring', fraction: 0.5 });
    host.progress.finish();
    await new Promise((r) => setTimeout(r, 400));
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('[role="progressbar"]')).to.equal(null);
    // A load still running after the delay shows, with its progress.
    host.progress.start();
    host.progress.update({ phase: 'anchoring', fraction: 0.5 });
    await waitUntil(() => host.shadowRoot!.querySelector('[role="progressbar"]'), 'no progress bar after the delay', { timeout: 2000 });
    expect(host.shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).to.equal('50');
    host.progress.update({ phase: 'assembling', fraction: 0.95 });
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('[role="progressbar"]')!.getAttribute('aria-valuenow')).to.equal('95');
    host.progress.finish();
    await host.updateComplete;
    expect(host.shadowRoot!.querySelector('[role="progressbar"]')).to.equal(null);
  });
});
