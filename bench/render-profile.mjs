// The bench's first render alone, for profiling: the bench page (bench/browser-bench.ts, built
// as `npm run bench` builds it), the largest case's matrix loaded once, then our element and
// the bare AG Grid rendered alternately, each render traced on its own (Chromium tracing:
// style, layout, paint, scripts, garbage collection) or CPU-profiled (V8's sampler: where the
// script time goes, by function). Prints the medians per render, ours against bare.
//
//   npm run bench -- large            # once: writes dist/bench/data/large/
//   node bench/render-profile.mjs [trace|timeline|cpu] [renders] [case]
//   node bench/render-profile.mjs ratio [renders] [case]   # the bench's first-render figure alone
//
// With `cpu`, TOTAL=1 counts each function's time with what it calls (TOP=n: how many to print).
// With `cpu`, the profiles are also written to dist/bench/profiles/ (open them in Chromium's
// DevTools, Performance panel).
import { buildPages } from '../scripts/bundle.mjs';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, serveBenchPage } from './bench-page.mjs';

const [mode = 'trace', rendersArg = '9', key = 'large'] = process.argv.slice(2);
const renders = Number(rendersArg);
const root = process.cwd();
const dataRoot = resolve('dist/bench/data');
if (!existsSync(join(dataRoot, key, 'cells.csv'))) throw new Error(`no bench data in ${join(dataRoot, key)}: run npm run bench -- ${key}`);

// With `cpu`, the functions keep their names (the code is otherwise minified as the bench's).
await buildPages({ 'browser-bench': 'bench/browser-bench.ts' }, 'dist/bench/browser', mode === 'cpu' ? { minifyIdentifiers: false } : {});
const { server, origin } = await serveBenchPage(root, dataRoot);
const browser = await launchChromium();
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : 0;
};
const round = (x) => Math.round(x * 10) / 10;

/** Main-thread time by trace event name (events of the renderer's main thread; nested ones counted in their own name too). */
function traceTotals(trace) {
  const events = JSON.parse(trace).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
  // Up to the render's end (the page's mark 'first-render-painted'), not the set-up's later steps.
  const end = events.find((e) => e.name === 'first-render-painted')?.ts ?? Infinity;
  const totals = {};
  for (const e of events) {
    if (!main || e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur || e.ts > end) continue;
    totals[e.name] = (totals[e.name] ?? 0) + e.dur / 1000;
  }
  return totals;
}

/** The main thread's tasks and what runs in them (two levels), from the render's start to its end, as lines. */
function traceTimeline(trace) {
  const events = JSON.parse(trace).traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((x) => x.pid === e.pid && x.name === 'FunctionCall'));
  // ALL=1: on to the set-up's end (and two frames more), not only to the render's end.
  const end = process.env.ALL === '1' ? Infinity : events.find((e) => e.name === 'first-render-painted')?.ts ?? Infinity;
  const own = events.filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur >= 300 && e.ts <= end).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = own.filter((e) => e.name === 'RunTask');
  const t0 = tasks[0]?.ts ?? 0;
  const lines = [];
  for (const task of tasks) {
    const inside = own.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e.name !== 'RunTask');
    lines.push(`${round((task.ts - t0) / 1000).toString().padStart(7)} ${round(task.dur / 1000).toString().padStart(6)} task: ${inside.map((e) => `${e.name} ${round(e.dur / 1000)}`).join(', ')}`);
  }
  return lines;
}

/** Self time by function (name and script position) of a CPU profile, and (`total`) time with what it calls. */
function selfTimes(profile, total = false) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nameOf = (n) => {
    const f = n.callFrame;
    return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  };
  const self = {};
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (dt[i + 1] ?? 0) / 1000;
    if (!total) {
      const name = nameOf(byId.get(profile.samples[i]));
      self[name] = (self[name] ?? 0) + ms;
      continue;
    }
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const name = nameOf(byId.get(id));
      if (seen.has(name)) continue;
      seen.add(name);
      self[name] = (self[name] ?? 0) + ms;
    }
  }
  return self;
}

try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(String(e)));
  await page.goto(`${origin}/bench.html`);
  await page.waitForFunction(() => document.title === 'ready', { timeout: 30000 });
  await page.evaluate((u) => window.bench.load(u, 1), `${origin}/data/${key}/`);
  if (mode === 'ratio') {
    // The bench's own first-render figure (alternating, medians), without the rest of the bench.
    const r = await page.evaluate((n) => window.bench.firstRender(n), renders);
    console.log(`first render: ours ${round(median(r.ours))} ms, bare ${round(median(r.base))} ms (${(median(r.ours) / median(r.base)).toFixed(2)}×); longest task per render: ours ${r.oursLongest.map(Math.round).join(', ')} ms; bare ${r.baseLongest.map(Math.round).join(', ')} ms`);
  } else {
    const cdp = await page.createCDPSession();
    // Warm-up: both grids, twice.
    for (let i = 0; i < 2; i++) {
      await page.evaluate(() => window.bench.renderOurs());
      await page.evaluate(() => window.bench.clear());
      await page.evaluate(() => window.bench.renderBareOnce());
      await page.evaluate(() => window.bench.clear());
    }
    const results = { ours: [], bare: [] };
    if (mode === 'cpu') {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    }
    for (let i = 0; i < renders; i++) {
      for (const which of ['bare', 'ours']) {
        await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
        // To the render's end only (a CPU profile cannot be cut at the page's mark).
        const setUp = mode !== 'cpu';
        const run = () => page.evaluate((w, s) => (w === 'ours' ? window.bench.renderOurs(s) : window.bench.renderBareOnce(s)), which, setUp);
        let ms;
        if (mode === 'cpu') {
          await cdp.send('Profiler.start');
          ms = await run();
          const { profile } = await cdp.send('Profiler.stop');
          mkdirSync('dist/bench/profiles', { recursive: true });
          writeFileSync(`dist/bench/profiles/render-${which}-${i}.cpuprofile`, JSON.stringify(profile));
          results[which].push({ ms, parts: selfTimes(profile, process.env.TOTAL === '1') });
        } else {
          await page.tracing.start({ categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'] });
          ms = await run();
          const trace = await page.tracing.stop();
          const text = Buffer.from(trace).toString('utf8');
          results[which].push({ ms, parts: traceTotals(text) });
          if (mode === 'timeline') console.log(`${which} (${round(ms)} ms):\n${traceTimeline(text).join('\n')}`);
        }
        await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
        await page.evaluate(() => window.bench.clear());
      }
    }
    console.log(`${mode}, ${renders} renders each (traces and profiles up to the render's end)`);
    console.log(`first render: ours ${round(median(results.ours.map((r) => r.ms)))} ms, bare ${round(median(results.bare.map((r) => r.ms)))} ms (medians; profiling slows both)`);
    const names = new Set([...results.ours, ...results.bare].flatMap((r) => Object.keys(r.parts)));
    const rows = [...names].map((n) => [n, median(results.ours.map((r) => r.parts[n] ?? 0)), median(results.bare.map((r) => r.parts[n] ?? 0))]);
    rows.sort((a, b) => Math.max(b[1], b[2]) - Math.max(a[1], a[2]));
    for (const [n, o, b] of rows.slice(0, mode === 'cpu' ? Number(process.env.TOP ?? 45) : 30)) console.log(`${round(o).toString().padStart(8)} ${round(b).toString().padStart(8)}  ${n}`);
  }
} finally {
  await browser.close();
  server.close();
}
