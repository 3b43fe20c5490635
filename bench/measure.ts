/** Timing helpers shared by the Node and browser benchmarks. */

export interface Figure {
  name: string;
  size: string;
  where: 'node' | 'chromium';
  /** Median of our runs, in ms (or MB for memory figures, see unit). */
  median: number;
  /** Median of the bare baseline, measured in the same run on the same bytes. */
  baseline: number;
  /** median / baseline (null when the baseline is 0). */
  ratio: number | null;
  unit: 'ms' | 'MB';
  baselineName: string;
  target?: string;
  /** Whether the target is met (when the figure has one at this size). */
  met?: boolean;
  /** Anything else worth knowing about the figure. */
  note?: string;
  runs: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * A full garbage collection where the runtime allows it (node --expose-gc, as `npm run bench`
 * runs), with nothing of the run before kept alive. The engine keeps the subject of the last
 * regular-expression match (papaparse's last quoted field: a slice of a whole file's text):
 * a match on an empty string first lets it go.
 */
const collect = () => {
  /$/.test('');
  (globalThis as { gc?: () => void }).gc?.();
};

/**
 * Time `ours` and `baseline` alternately, `runs` times each, after one warm-up of each. Each
 * timed run starts after a full collection, so that neither pays for the other's garbage,
 * and with nothing of the other's alive: neither result is kept. (A result still alive
 * when the other side runs, as an awaited value is until the next await, raises the heap
 * limit the engine sets after the collection by its size, and spares that side a full
 * collection the other pays: 150 MB for a large load.)
 */
export function compare(
  runs: number,
  oursWithResult: () => unknown | Promise<unknown>,
  baselineWithResult: () => unknown | Promise<unknown>,
): Promise<{ ours: number; baseline: number }> {
  return compareBy(() => performance.now(), runs, oursWithResult, baselineWithResult);
}

/** `compare`, with the clock to read before and after each run. */
async function compareBy(
  clock: () => number,
  runs: number,
  oursWithResult: () => unknown | Promise<unknown>,
  baselineWithResult: () => unknown | Promise<unknown>,
): Promise<{ ours: number; baseline: number }> {
  const ours = async () => { await oursWithResult(); };
  const baseline = async () => { await baselineWithResult(); };
  await ours();
  await baseline();
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    let t = clock();
    await baseline();
    b.push(clock() - t);
    collect();
    t = clock();
    await ours();
    a.push(clock() - t);
  }
  return { ours: median(a), baseline: median(b) };
}

export function figure(f: Omit<Figure, 'ratio'>): Figure {
  return { ...f, median: round(f.median), baseline: round(f.baseline), ratio: f.baseline > 0 ? significant(f.median / f.baseline) : null };
}

const round = (x: number) => Math.round(x * 10) / 10;
/** Two decimals, or two significant digits below 0.1 (a ratio of 0.003 is not 0). */
const significant = (x: number) => (x >= 0.1 || x === 0 ? Math.round(x * 100) / 100 : Number(x.toPrecision(2)));

export function printFigures(figures: Figure[]): void {
  const rows = figures.map((f) => [
    f.where, f.size, f.name, `${f.median} ${f.unit}`, `${f.baseline} ${f.unit}`, f.ratio === null ? '—' : `${f.ratio}×`, f.baselineName,
    f.target ? `${f.target}${f.met === undefined ? '' : f.met ? ' (met)' : ' (NOT met)'}` : '',
  ]);
  const header = ['where', 'size', 'figure', 'ours (median)', 'baseline (median)', 'ratio', 'baseline', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

/** CPU time (user + system) of this process, in ms: what a run cost, whatever else the machine was doing. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * As `compare`, timing the CPU time this process spent (Node only) instead of the time that
 * passed: on a shared machine, time passed includes the turns other processes took, and a
 * median of 15 swings by half from one run to the next; CPU time does not (it does count the
 * garbage collector's helper threads).
 */
export function compareCpu(
  runs: number,
  oursWithResult: () => unknown | Promise<unknown>,
  baselineWithResult: () => unknown | Promise<unknown>,
): Promise<{ ours: number; baseline: number }> {
  return compareBy(cpuMs, runs, oursWithResult, baselineWithResult);
}
