/**
 * The steps of a wide grid's set-up (set-up-steps.ts): each in a task of its own, and those
 * after AFTER_PAINT only once the browser has painted what the steps before it made, behind
 * the tasks the page queued while that frame was rendered.
 */
import { expect } from '@open-wc/testing';
import { AFTER_PAINT, SetUpSteps } from '../../src/components/policy-matrix/set-up-steps.ts';

/** A message to the page's own code (as a resize observer's follow-up would post). */
function pageTask(run: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    run();
  };
  channel.port2.postMessage(undefined);
}

describe('SetUpSteps', () => {
  it('runs the steps after AFTER_PAINT once a frame is rendered, after the tasks queued in that frame', async () => {
    const order: string[] = [];
    await new Promise<void>((done) => {
      new SetUpSteps(
        [
          // (On a busy machine, a frame may come between these two: one was overdue.)
          () => order.push('first'),
          () => {
            order.push('second');
            // In the frame that paints what the steps made: the page queues a task of its own.
            requestAnimationFrame(() => {
              order.push('frame');
              new ResizeObserver((_, observer) => {
                observer.disconnect();
                pageTask(() => order.push('page task'));
              }).observe(document.body);
            });
          },
          AFTER_PAINT,
          () => order.push('third'),
          () => order.push('fourth'),
        ],
        done,
      );
    });
    expect(order).to.deep.equal(['first', 'second', 'frame', 'page task', 'third', 'fourth']);
  });

  it('runs every step left at once when finished, AFTER_PAINT or not, and tells it is done once', () => {
    const order: string[] = [];
    let done = 0;
    const steps = new SetUpSteps([() => order.push('a'), AFTER_PAINT, () => order.push('b'), AFTER_PAINT], () => done++);
    expect(steps.pending).to.equal(true);
    steps.finish();
    expect(order).to.deep.equal(['a', 'b']);
    expect(done).to.equal(1);
    expect(steps.pending).to.equal(false);
  });

  it('ends with a paint still to wait for: done is told once, and nothing runs after it', async () => {
    const order: string[] = [];
    let done = 0;
    new SetUpSteps([() => order.push('a'), AFTER_PAINT], () => done++);
    await new Promise((r) => setTimeout(r, 200));
    expect(order).to.deep.equal(['a']);
    expect(done).to.equal(1);
  });
});
