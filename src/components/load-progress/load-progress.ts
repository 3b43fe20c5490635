/**
 * A progress indicator for loads that take a while: an element's load calls `start()`,
 * `update(progress)` as the worker reports (see src/state/load-worker.ts) and `finish()`.
 * Nothing shows for a load shorter than `delay` (300 ms): a bar that flashes for a quick load
 * only distracts. Past that, `render()` gives a `role="progressbar"` with `aria-valuenow` (0–100)
 * and the phase in words (`aria-valuetext`).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { styleProps } from '../common/style-props.ts';
import type { LoadPhase, LoadProgress } from '../../state/load-worker.ts';

const PHASE_WORDS: Record<LoadPhase, string> = {
  reading: 'Reading files',
  parsing: 'Reading tables',
  anchoring: 'Finding quotes in the sources',
  assembling: 'Preparing the grid',
};

/** How long a load may take before the indicator shows (ms). */
export const PROGRESS_DELAY = 300;

interface PrioritizedScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking'; delay: number; signal: AbortSignal }): Promise<void>;
}

/**
 * Run `callback` after `ms`, ahead of the page's other waiting tasks where the browser can
 * (`scheduler.postTask`, user-blocking): while a large load is handed over, the page has a
 * queue of the worker's messages to take in, and a plain timer waited behind them (the
 * indicator showed at 330–420 ms instead of 300). Returns a function that cancels it.
 */
function soon(ms: number, callback: () => void): () => void {
  const scheduler = (globalThis as { scheduler?: Partial<PrioritizedScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    const abort = new AbortController();
    scheduler.postTask(callback, { priority: 'user-blocking', delay: ms, signal: abort.signal }).catch(() => {});
    return () => abort.abort();
  }
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
}

export class LoadProgressController implements ReactiveController {
  private cancelTimer: (() => void) | undefined;
  private loading = false;
  /** Whether the indicator shows (the load has taken longer than the delay). */
  visible = false;
  progress: LoadProgress | undefined;

  constructor(private readonly host: ReactiveControllerHost, private readonly delay = PROGRESS_DELAY) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.clearTimer();
  }

  /** A load starts: show the indicator if it is still running after the delay. */
  start(): void {
    this.clearTimer();
    this.loading = true;
    this.visible = false;
    this.progress = undefined;
    this.cancelTimer = soon(this.delay, () => {
      this.cancelTimer = undefined;
      if (!this.loading) return;
      this.visible = true;
      this.host.requestUpdate();
    });
  }

  update(progress: LoadProgress): void {
    if (!this.loading) return;
    this.progress = progress;
    if (this.visible) this.host.requestUpdate();
  }

  /** The load is over (loaded, failed or replaced by another). */
  finish(): void {
    this.clearTimer();
    const wasVisible = this.visible;
    this.loading = false;
    this.visible = false;
    this.progress = undefined;
    if (wasVisible) this.host.requestUpdate();
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  /** The indicator, or nothing (no load, or one shorter than the delay so far). */
  render(what = 'the matrix'): TemplateResult | typeof nothing {
    if (!this.visible) return nothing;
    const percent = Math.round((this.progress?.fraction ?? 0) * 100);
    const words = this.progress ? PHASE_WORDS[this.progress.phase] : 'Starting';
    return html`<div class="pm-progress" part="progress">
      <div
        class="pm-progress-track"
        role="progressbar"
        aria-label=${`Loading ${what}`}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${percent}
        aria-valuetext=${`${words}: ${percent}%`}
      >
        <div class="pm-progress-bar" ${styleProps({ width: `${percent}%` })}></div>
      </div>
      <span class="pm-progress-words" aria-hidden="true">${words}… ${percent}%</span>
    </div>`;
  }
}

/** Styles of the indicator (uses the tokens of `hostStyles`). */
export const loadProgressStyles = css`
  .pm-progress {
    display: flex;
    align-items: center;
    gap: 10px;
    margin: 0 0 8px;
    font-size: 0.92em;
    color: var(--pm-secondary, #444);
  }
  .pm-progress-track {
    flex: 1 1 auto;
    max-width: 420px;
    height: 8px;
    border-radius: 4px;
    background: var(--pm-surface, #eef1f5);
    border: 1px solid var(--pm-border, #d5dbe3);
    overflow: hidden;
  }
  .pm-progress-bar {
    height: 100%;
    background: var(--pm-accent, #0b5cad);
    transition: width 120ms linear;
  }
  @media (prefers-reduced-motion: reduce) {
    .pm-progress-bar {
      transition: none;
    }
  }
`;
