/**
 * One write to a connection's socket per turn of the event loop, instead of one per message.
 *
 * Hocuspocus sends each update to each connection as a message of its own, and `ws` writes
 * each message to its socket at once: with 20 analysts making 10 edits a second each, that
 * is about 4,000 writes (system calls) a second, 15–18 % of the server's one thread, and
 * more when the machine is busy (docs/performance.md, "Team mode"). Here the socket is
 * corked when the first message of a turn is sent to it and uncorked once the turn's work
 * is done (`setImmediate`, before the event loop waits for anything): the turn's messages
 * leave together, in the order they were sent, in one write, no later than the end of the
 * turn that made them. Nothing else changes: the messages' bytes, their order, the errors
 * and closes `ws` reports.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';

export function batchSends(ws: WebSocket, socket: Duplex): void {
  const send = ws.send.bind(ws) as (...args: unknown[]) => void;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  ws.send = ((...args: unknown[]) => {
    if (!corked && !socket.destroyed) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    send(...args);
  }) as WebSocket['send'];
}
