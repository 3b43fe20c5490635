/**
 * Work run as a few steps, each in a task of its own, so that no task of the page is long:
 * the set-up of a wide grid (grid-controller.ts), which AG Grid does in one call that took
 * 100–280 ms on a 200 × 500 matrix. Whatever needs the work done can `finish()` it at once;
 * `cancel()` drops what is left.
 */

interface PrioritizedScheduler {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * Run `task` in a task of its own, soon. Where the browser has `scheduler.postTask`, as a
 * user-blocking task: ahead of the page's other waiting tasks, so that the steps follow each
 * other with no frame painted between them when none is overdue (a frame that paints a grid
 * with no rows yet delays the rows by as much). Otherwise a message (no timer's 1–4 ms delay).
 */
function soon(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: Partial<PrioritizedScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    scheduler.postTask(task, { priority: 'user-blocking' }).catch(() => {});
  } else if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      task();
    };
    channel.port2.postMessage(undefined);
  } else {
    setTimeout(task, 0);
  }
}

export class SetUpSteps {
  private readonly steps: (() => void)[];
  private scheduled = false;

  /** Starts with the first step in a task of its own; `done` runs once after the last step. */
  constructor(steps: readonly (() => void)[], private readonly done: () => void = () => {}) {
    this.steps = [...steps];
    this.schedule();
  }

  /** Whether steps are left. */
  get pending(): boolean {
    return this.steps.length > 0;
  }

  /** Run every step left, now (a user needs the result). */
  finish(): void {
    while (this.steps.length) this.runOne();
  }

  /** Drop the steps left (the work was done another way, or is no longer wanted). */
  cancel(): void {
    this.steps.length = 0;
  }

  private schedule(): void {
    if (this.scheduled || !this.steps.length) return;
    this.scheduled = true;
    soon(() => this.next());
  }

  private next(): void {
    this.scheduled = false;
    if (!this.steps.length) return;
    try {
      this.runOne();
    } finally {
      this.schedule();
    }
  }

  private runOne(): void {
    const step = this.steps.shift()!;
    try {
      step();
    } finally {
      if (!this.steps.length) this.done();
    }
  }
}
