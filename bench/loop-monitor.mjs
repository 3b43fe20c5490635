// Loaded with `node --import` into the team server of the `sync` bench case when SYNC_TRACE or
// SYNC_PROFILE is set: the server's event-loop stalls over time (a 5 ms timer that came late by more than
// 30 ms), one line each, `<epoch ms> <delay ms>`, in <that folder>/<SYNC_LOOP_NAME>.loop.
// The file also starts with the pair of the wall clock and the monotonic clock the CPU
// profile's timestamps use, to put a stall and the profile's samples side by side.
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const file = join(process.env.SYNC_TRACE_DIR, `${process.env.SYNC_LOOP_NAME ?? 'server'}.loop`);
writeFileSync(file, `clock ${Date.now()} ${Number(process.hrtime.bigint() / 1000n)}\n`);
let last = performance.now();
const tick = () => {
  const now = performance.now();
  const late = now - last - 5;
  if (late > 30) appendFileSync(file, `${Date.now()} ${Math.round(late)}\n`);
  last = now;
  setTimeout(tick, 5).unref();
};
setTimeout(tick, 5).unref();
