/**
 * Work run as a few steps, each in a task of its own, so that no task of the page is long:
 * the set-up of a wide grid (grid-controller.ts), which AG Grid does in one call that took
 * 100–280 ms on a 200 × 500 matrix. Whatever needs the work done can `finish()` it at once;
 * `cancel()` drops what is left.
 */

/** Among the steps: those after it wait until the browser has painted (`afterPaint`). */
export const AFTER_PAINT = Symbol('after paint');

export type Step = (() => void) | typeof AFTER_PAINT;

interface PrioritizedScheduler {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}
/** `task` in a task of its own, behind those waiting (no timer's 1–4 ms delay). */
function message(task: () => void): void {
  if (typeof MessageChannel === 'function') {
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

/**
 * `task` in a task of its own, soon: a user-blocking task where there is `scheduler.postTask`,
 * ahead of the page's other tasks, so that no frame comes between steps when none is overdue
 * (a frame that paints a grid with no rows yet delays the rows by as much).
 */
function soon(task: () => void): void {
  const scheduler = (globalThis as { scheduler?: Partial<PrioritizedScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    scheduler.postTask(task, { priority: 'user-blocking' }).catch(() => {});
  } else {
    message(task);
  }
}

/**
 * `task` after the next frame's paint (a message from an animation frame callback), behind one
 * more message: what the frame queued (a resize observer's follow-up, input) runs first.
 * User-blocking steps would all run before the frame. At most 100 ms later (a background tab).
 */
function afterPaint(task: () => void): void {
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    message(() => message(task));
  };
  const timer = setTimeout(start, 100);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(start);
}

export class SetUpSteps {
  private readonly steps: Step[];
  private scheduled = false;

  /** Starts with the first step in a task of its own; `done` runs once after the last step. */
  constructor(steps: readonly Step[], private readonly done: () => void = () => {}) {
    this.steps = [...steps];
    this.schedule();
  }

  /** Whether steps are left. */
  get pending(): boolean {
    return this.steps.some((s) => s !== AFTER_PAINT);
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
    if (this.steps[0] === AFTER_PAINT) {
      this.steps.shift();
      if (!this.steps.length) {
        this.scheduled = false;
        this.done();
        return;
      }
      afterPaint(() => this.next());
    } else soon(() => this.next());
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
      if (step !== AFTER_PAINT) step();
    } finally {
      if (!this.steps.length) this.done();
    }
  }
}
