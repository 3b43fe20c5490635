/**
 * Cost of editing a 100,000-cell matrix in the store (Node): load, then set-cell edits,
 * adding a citation, undo and redo, a row of the grid, and the autosave's saveMatrix.
 * `node bench/edit-run.mjs` bundles and runs it.
 */
import { generate, SIZES } from './generate.ts';
import { matrixRow } from '../src/components/policy-matrix/rows.ts';
import { saveMatrix } from '../src/model/format/save.ts';
import { MatrixStore } from '../src/state/store.ts';
import { loadMatrix } from '../src/model/format/load.ts';
import { DraftWriter } from '../src/model/format/draft-writer.ts';

const size = SIZES.find((s) => s.name === (process.argv[2] ?? 'large'))!;
const g = generate(size);
const loaded = loadMatrix(g.matrix.name, g.files);
const store = new MatrixStore();
let t = performance.now();
store.load({ ...loaded, sourceTexts: new Map([['src', g.source]]) }, 'bench/');
const loadMs = performance.now() - t;
const s0 = store.snapshot;
const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
};
const heapAfterLoad = heap();
console.log(`${size.name}: ${s0.matrix!.cells.length} cells, ${s0.matrix!.citations.length} citations, source ${(g.source.length / 1e6).toFixed(1)} MB; load + full check ${loadMs.toFixed(0)} ms`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (label: string, n: number, f: (i: number) => void) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f(i);
    out.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(44)} median ${median(out).toFixed(3)} ms, max ${Math.max(...out).toFixed(3)} ms (${n} runs)`);
};

const dims = s0.matrix!.dimensions;
const jurs = s0.matrix!.jurisdictions;
const textDims = dims.filter((d) => d.valueType === 'text');
time('set-cell (note) edit, incl. re-check', 500, (i) => {
  const d = dims[(i * 7) % dims.length];
  const j = jurs[(i * 13) % jurs.length];
  const r = store.edit({ type: 'set-cell', dimension: d.id, jurisdiction: j.id, set: { note: `note ${i}` } });
  if (!r.ok) throw new Error(r.message);
});
time('set-cell (text value) edit', 200, (i) => {
  const d = textDims[i % textDims.length];
  store.edit({ type: 'set-cell', dimension: d.id, jurisdiction: jurs[i % jurs.length].id, set: { value: `v${i}` } });
});
const words = g.source.split(/\s+/);
time('add-citation (anchored at once)', 200, (i) => {
  const d = dims[i % dims.length];
  const quote = words.slice(1000 + i * 37, 1000 + i * 37 + 12).join(' ');
  const r = store.edit({ type: 'add-citation', dimension: d.id, jurisdiction: jurs[0].id, citation: { source: 'src', quote } });
  if (!r.ok) throw new Error(r.message);
});
time('undo', 300, () => store.undo());
time('redo', 300, () => store.redo());
time('grid row of one dimension (matrixRow)', 200, (i) => matrixRow(store.snapshot, dims[i % dims.length].id));
time('remove-dimension (structural, O(cells))', 5, (i) => store.edit({ type: 'remove-dimension', id: dims[i].id }));
time('undo remove-dimension', 5, () => store.undo());
time('saveMatrix (all canonical files)', 5, () => saveMatrix(store.snapshot.matrix!));
const writer = new DraftWriter();
writer.files(store.snapshot.matrix!);
time('autosave after a cell edit (changed lines of cells.csv)', 5, (i) => {
  store.edit({ type: 'set-cell', dimension: dims[i].id, jurisdiction: jurs[0].id, set: { note: `saved ${i}` } });
  writer.files(store.snapshot.matrix!);
});
time('autosave after a citation locator edit (changed lines of citations.csv)', 5, (i) => {
  const first = store.snapshot.matrix!.citations[i * 11];
  const r = store.edit({ type: 'set-citation', dimension: first.dimension, jurisdiction: first.jurisdiction, seq: first.seq, set: { locator: `p. ${i}` } });
  if (!r.ok) throw new Error(r.message);
  writer.files(store.snapshot.matrix!);
});
time('autosave after adding a citation (citations.csv written again)', 5, (i) => {
  store.edit({ type: 'add-citation', dimension: dims[i].id, jurisdiction: jurs[1].id, citation: { source: 'src', quote: words.slice(5000 + i * 50, 5012 + i * 50).join(' ') } });
  writer.files(store.snapshot.matrix!);
});
console.log(`heap after load ${heapAfterLoad.toFixed(0)} MB; after ${store.snapshot.edits.history.length} history entries and ${store.snapshot.edits.undo.length} undo steps ${heap().toFixed(0)} MB`);
