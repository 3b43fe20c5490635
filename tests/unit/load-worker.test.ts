/**
 * Loading in a worker (src/worker/load-job.ts → src/state/load-worker.ts) gives exactly what a
 * load on the main thread gives: the same matrix, problems, check, and row locations. The
 * worker side runs here in Node; messages go through structuredClone, as postMessage does.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { checkMatrix, sharedSourceIndexCache, SourceIndexCache, type MatrixCheck } from '../../src/model/check/check.ts';
import { readMatrix, type FileReader, type MatrixBundle } from '../../src/model/format/read.ts';
import { LoadAssembler, loadMatrixInWorker, type LoadProgress } from '../../src/state/load-worker.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { runLoad } from '../../src/worker/load-job.ts';
import { CHUNK_ROWS, PHASE_SPAN, type LoadRequest, type WorkerMessage } from '../../src/worker/load-protocol.ts';
import { ALT_SOURCE, smallMatrixTexts, textsReader, twoSourceTexts } from './support/small-matrix.ts';
import { cellKey, type Matrix } from '../../src/model/types.ts';
import { indexMatrix, type MatrixIndex } from '../../src/model/edit/matrix-index.ts';
import { withoutCodebook } from './support/problems.ts';

const bundled = new URL('../../matrices/eu-north-america/', import.meta.url);

/** The small matrix's cells, each coded cell with a confidence and a date: nothing the codebook's rules warn about in cells.csv. */
const CODEBOOK_CLEAN_CELLS = [
  'dimension,jurisdiction,period,value,level,in_force_from,in_force_until,observed,status,confidence,relative,note',
  'stc,north,1,yes,,,,2004-12,supported,high,no,',
  'stc,south,1,yes,,,,2004-12,supported,high,no,',
  'detention,north,1,Rare,rare,,,2004,supported,high,no,',
  'detention,south,1,Common,common,,,2004,supported,medium,no,"Note, with a comma"',
  'year,north,1,,,,,,not_in_source,,no,',
  'year,south,1,,,,,,not_in_source,,no,',
  '',
].join('\n');

const diskReader = (base: URL): FileReader => async (rel) => {
  try {
    return new Uint8Array(await readFile(fileURLToPath(new URL(rel, base))));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
};

/** Every message the worker posts, cloned (and transferred) as postMessage would. */
async function workerMessages(read: FileReader, name = 'm'): Promise<WorkerMessage[]> {
  const out: WorkerMessage[] = [];
  await runLoad({ type: 'load', url: 'http://localhost/m/', name }, (message, transfer) => out.push(structuredClone(message, { transfer })), read);
  return out;
}

/** Where each table's rows came from, as the worker sent it: in `done`, or ahead of it (a `location` message). */
function sentLocations(messages: WorkerMessage[]): Extract<WorkerMessage, { type: 'done' }>['locations'] {
  const done = messages.find((m) => m.type === 'done');
  if (done?.type !== 'done') throw new Error('no done message');
  const ahead = messages.flatMap((m) => (m.type === 'location' ? [[m.key, m.location] as const] : []));
  for (const [key] of ahead) expect(done.locations[key]).toBeUndefined();
  return { ...done.locations, ...Object.fromEntries(ahead) };
}

async function viaWorker(read: FileReader, name = 'm') {
  const assembler = new LoadAssembler();
  for (const message of await workerMessages(read, name)) if (message.type !== 'progress') assembler.receive(message);
  return assembler.assemble({ slice: 1 });
}

async function onMainThread(read: FileReader, name = 'm'): Promise<{ bundle: MatrixBundle; check: MatrixCheck }> {
  const bundle = await readMatrix(read, name);
  return { bundle, check: checkMatrix(bundle.matrix, bundle.sourceTexts, { cache: new SourceIndexCache(), locations: bundle.locations }) };
}

function expectSame(a: { bundle: MatrixBundle; check: MatrixCheck }, b: { bundle: MatrixBundle; check: MatrixCheck }) {
  expect(a.bundle.matrix).toEqual(b.bundle.matrix);
  expect(a.bundle.problems).toEqual(b.bundle.problems);
  expect([...a.bundle.sourceTexts]).toEqual([...b.bundle.sourceTexts]);
  expect([...a.check.citations]).toEqual([...b.check.citations]);
  expect([...a.check.cells]).toEqual([...b.check.cells]);
  expect(a.check.coverage).toEqual(b.check.coverage);
  expect(a.check.problems).toEqual(b.check.problems);
  // The check refers to the bundle's own citation objects.
  for (const list of a.check.citations.values()) for (const c of list) expect(a.bundle.matrix.citations).toContain(c.citation);
  // Every row is located where the main-thread load locates it.
  const m = a.bundle.matrix;
  const n = b.bundle.matrix;
  const pairs: [object, object, string][] = [
    ...m.cells.map((c, i) => [c, n.cells[i], 'value'] as [object, object, string]),
    ...m.citations.map((c, i) => [c, n.citations[i], 'quote'] as [object, object, string]),
    ...m.dimensions.map((d, i) => [d, n.dimensions[i], 'scale'] as [object, object, string]),
    ...m.jurisdictions.map((j, i) => [j, n.jurisdictions[i], 'label'] as [object, object, string]),
    ...m.sources.map((s, i) => [s, n.sources[i], 'path'] as [object, object, string]),
  ];
  for (const [x, y, column] of pairs) {
    expect(a.bundle.locations.get(x)).toBeDefined();
    expect(a.bundle.locations.get(x)?.file).toBe(b.bundle.locations.get(y)?.file);
    expect(a.bundle.locations.get(x)?.locate(column)).toEqual(b.bundle.locations.get(y)?.locate(column));
    expect(a.bundle.locations.get(x)?.locate('no such column')).toEqual(b.bundle.locations.get(y)?.locate('no such column'));
  }
}

/** The store's look-up of cells the load gives is the one built the plain way from the matrix. */
function expectPlainIndex(index: MatrixIndex, matrix: Matrix) {
  const plain = indexMatrix(matrix);
  expect([...index.cells]).toEqual([...plain.cells]);
  expect([...index.cells.keys()]).toEqual([...plain.cells.keys()]);
  expect(index.cells.size).toBe(plain.cells.size);
  expect(index.duplicateCells).toBe(plain.duplicateCells);
  for (const cell of matrix.cells) {
    const key = cellKey(cell.dimension, cell.jurisdiction);
    expect(index.cells.get(key)).toBe(plain.cells.get(key));
    expect(index.cells.has(key)).toBe(true);
  }
  for (const key of [cellKey('nowhere', matrix.jurisdictions[0]?.id ?? ''), cellKey(matrix.dimensions[0]?.id ?? '', 'nowhere'), 'no key']) {
    expect(index.cells.get(key)).toBeUndefined();
    expect(index.cells.has(key)).toBe(false);
  }
}

describe('loading in a worker', () => {
  it('gives the bundled matrix and its check exactly as a load on the main thread', async () => {
    const read = diskReader(bundled);
    const worker = await viaWorker(read, 'eu-north-america');
    expectSame(worker, await onMainThread(read, 'eu-north-america'));
    expectPlainIndex(worker.index, worker.bundle.matrix);
  });

  it('gives the same problems and locations for a broken matrix (bad rows, unclosed quote, orphaned quotes)', async () => {
    const texts = smallMatrixTexts({
      'cells.csv': smallMatrixTexts()['cells.csv']!.replace('detention,south', 'detension,south').replace('year,north,,,,not_in_source,', 'year,north,"1999,,,supported,\nyear,zz,,,,draft,') + 'stc,south,no,,,supported,repeated\n',
      'citations.csv': smallMatrixTexts()['citations.csv']!.replace('Detention of claimants is rare in the north', 'Detention of claimants is frequent in the north') + 'stc,north,1,src,duplicate,,,\n',
    });
    const read = textsReader(texts);
    const worker = await viaWorker(read);
    const messages = [...worker.bundle.problems, ...worker.check.problems].map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      expect.stringMatching(/^cells\.csv:5:1 unknown dimension "detension"/),
      expect.stringMatching(/^cells\.csv:\d+:\d+ unclosed quote/),
      expect.stringMatching(/^citations\.csv:\d+:\d+ duplicate citation 1 of cell \(stc, north\)/),
      expect.stringMatching(/^citations\.csv:4:\d+ citation 1 of cell \(detention, north\) is orphaned/),
      expect.stringMatching(/^cells\.csv:\d+:\d+ duplicate cell \(stc, south\)/),
    ]));
    expectSame(worker, await onMainThread(read));
    // A repeated cell (the first is used), a cell of an unknown dimension and one of an unknown jurisdiction.
    expect(worker.index.duplicateCells).toBe(true);
    expect(worker.index.cells.get(cellKey('stc', 'south'))?.value).toBe('yes');
    expect(worker.index.cells.get(cellKey('detension', 'south'))?.value).toBe('Common');
    expectPlainIndex(worker.index, worker.bundle.matrix);
  });

  it('locates rows of files read as Windows-1252 or UTF-16, and of a clean citations.csv whose offsets the page works out', async () => {
    const base = smallMatrixTexts();
    const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const utf16 = (text: string) => Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    const files: Record<string, string | Uint8Array | undefined> = {
      ...base,
      // A stray "é" (one byte, not UTF-8) before a bad status, and an orphaned quote further down.
      'cells.csv': latin1(base['cells.csv']!.replace('Note, with a comma', 'Note é').replace('year,south,,,,not_in_source,', 'year,south,,,,unknown,')),
      'citations.csv': utf16(base['citations.csv']!),
    };
    const read: FileReader = async (path) => files[path];
    const locations = sentLocations(await workerMessages(read));
    // citations.csv is clean: its offsets are not sent (the page finds them on a look-up).
    expect(locations.citations!.rowOffsets).toBeUndefined();
    expect(locations.cells!.rowOffsets).toBeInstanceOf(Int32Array);
    const worker = await viaWorker(read);
    expect(worker.bundle.problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^cells\.csv:7 status "unknown"/),
      expect.stringMatching(/^citations\.csv:0 file is UTF-16/),
    ]));
    expectSame(worker, await onMainThread(read));
  });

  it('locates the rows after a stray quote, and those of a file with mixed line endings, where the file has them', async () => {
    const edited = async (edit: (lines: string[]) => string) => {
      const bytes = (await diskReader(bundled)('cells.csv')) as Uint8Array;
      const text = edit(new TextDecoder().decode(bytes).replace(/\n$/, '').split('\n'));
      const read: FileReader = async (path) => (path === 'cells.csv' ? new TextEncoder().encode(text) : diskReader(bundled)(path));
      const worker = await viaWorker(read, 'eu-north-america');
      expectSame(worker, await onMainThread(read, 'eu-north-america'));
      return [...worker.bundle.problems, ...worker.check.problems].filter((p) => p.file === 'cells.csv').map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`);
    };
    // A quote opened at line 13 and never closed on it; a bad jurisdiction at line 34.
    let lineCount = 0;
    const stray = await edited((lines) => {
      lineCount = lines.length;
      lines[12] = lines[12].replace(/^([^,]+,eu,1,)/, '$1"unclosed value');
      lines[33] = lines[33].replace(/^([^,]+),eu,/, '$1,xx,');
      return lines.join('\n') + '\n';
    });
    expect(stray).toEqual(expect.arrayContaining([
      expect.stringMatching(/^cells\.csv:13:27 unclosed quote/),
      'cells.csv:34:20 unknown jurisdiction "xx" (not in jurisdictions.csv)',
    ]));
    expect(stray.every((p) => Number(p.split(':')[1]) <= lineCount)).toBe(true);
    // Lines ending in CR, LF and CRLF, and a cell flagged by the check (located by the page: the file has no load problem).
    const mixed = await edited((lines) => {
      const at = lines.findIndex((l) => l.startsWith('detention-rate,us,1,'));
      expect(at).toBe(57);
      lines[at] = 'detention-rate,us,1,12,,,,,draft,,no,';
      return lines.map((l, i) => l + ['\r', '\n', '\r\n'][i % 3]).join('');
    });
    expect(mixed).toEqual(['cells.csv:58:21 cell (detention-rate, us) is flagged: it has a value but no citation']);
  });

  it('gives the source text exactly, whether sent as read (plain UTF-8) or encoded again (BOM, Windows-1252)', async () => {
    const base = smallMatrixTexts();
    const utf8 = new TextEncoder().encode(base['source.txt']!);
    const cases: Uint8Array[] = [
      utf8,
      Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]),
      Uint8Array.from([...base['source.txt']!.replace('rare', 'rare é')].map((c) => c.charCodeAt(0) & 0xff)),
    ];
    for (const source of cases) {
      const read: FileReader = async (path) => (path === 'source.txt' ? source.slice() : base[path]);
      const worker = await viaWorker(read);
      expectSame(worker, await onMainThread(read));
    }
  });

  it('locates a flagged cell of a clean cells.csv, whose offsets the page works out', async () => {
    // Every citation found, no problem in the files and none the codebook's rules find in
    // cells.csv (each coded cell has a confidence and a date): the worker sends no offsets
    // for cells.csv; the check on the page flags a cell with a value and no citation.
    const texts = smallMatrixTexts({ 'cells.csv': CODEBOOK_CLEAN_CELLS.replace('year,north,1,,,,,,not_in_source,', 'year,north,1,2004,,,,,draft,') });
    const read = textsReader(texts);
    expect(sentLocations(await workerMessages(read)).cells?.rowOffsets).toBeUndefined();
    const worker = await viaWorker(read);
    expect(withoutCodebook(worker.check.problems).map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
      'cells.csv:6:14 cell (year, north) is flagged: it has a value but no citation',
    ]);
    expectSame(worker, await onMainThread(read));
    // With a citation not found, its cell may be flagged: the offsets go along.
    const orphaned = smallMatrixTexts({ 'citations.csv': smallMatrixTexts()['citations.csv']!.replace('but common in the south', 'but rare in the south') });
    expect(sentLocations(await workerMessages(textsReader(orphaned))).cells?.rowOffsets).toBeInstanceOf(Int32Array);
  });

  it('sends the offsets of the large files the codebook\'s rules point into, so that the page never parses them again', async () => {
    const offsets = async (texts: Record<string, string | undefined>) => {
      const locations = sentLocations(await workerMessages(textsReader(texts)));
      return { cells: locations.cells?.rowOffsets !== undefined, citations: locations.citations?.rowOffsets !== undefined };
    };
    expect(await offsets(smallMatrixTexts({ 'cells.csv': CODEBOOK_CLEAN_CELLS }))).toEqual({ cells: false, citations: false });
    // A matrix of format 1: levels without confidence (a codebook warning each, located in cells.csv).
    expect(await offsets(smallMatrixTexts())).toEqual({ cells: true, citations: false });
    // A citation that reports a claim without saying whose: located in citations.csv.
    const reports = smallMatrixTexts({
      'cells.csv': CODEBOOK_CLEAN_CELLS,
      'citations.csv': smallMatrixTexts()['citations.csv']!.replace('locator\n', 'locator,support\n').replace(',,,\n', ',,,,reports\n'),
    });
    expect(await offsets(reports)).toEqual({ cells: false, citations: true });
    for (const texts of [smallMatrixTexts(), reports]) {
      const read = textsReader(texts);
      const worker = await viaWorker(read);
      expect(worker.check.problems.some((p) => p.category === 'codebook' && p.line > 0)).toBe(true);
      expectSame(worker, await onMainThread(read));
    }
  });

  it('anchors each citation in the text of its own source when citations of two sources alternate', async () => {
    const read = textsReader(twoSourceTexts());
    const inWorker = await viaWorker(read);
    expectSame(inWorker, await onMainThread(read));
    const ranges = inWorker.check.citations.get(cellKey('detention', 'north'))!.map((c) => c.anchor.range?.start);
    expect(ranges).toEqual([261, ALT_SOURCE.indexOf('Detention is rare')]);
    expect(inWorker.check.coverage).toMatchObject({ citations: 4, found: 4 });
  });

  it('keeps extra columns and quotes with any characters', async () => {
    const base = smallMatrixTexts();
    const texts = {
      ...base,
      'cells.csv': base['cells.csv']!.replace('as_of,status,note', 'as_of,status,note,reviewer').replace(/\n(?=.)/g, '\n').split('\n').map((l, i) => (i === 0 || l === '' ? l : `${l},"r, ${i} ""é"" ✓"`)).join('\n'),
      'citations.csv': base['citations.csv']!.replace('Detention of claimants is rare in the north', '"Détention\u0001 of claimants is rare in the north"'),
    };
    const worker = await viaWorker(textsReader(texts));
    expect(worker.bundle.matrix.cells[1].extra).toEqual({ reviewer: 'r, 2 "é" ✓' });
    expectSame(worker, await onMainThread(textsReader(texts)));
  });

  it('sends cells and citations in chunks, anchors packed, and progress from reading to the end', async () => {
    const n = CHUNK_ROWS + 10;
    const base = smallMatrixTexts();
    const dims = Array.from({ length: Math.ceil(n / 2) }, (_, i) => `d${i}`);
    const texts = {
      ...base,
      'dimensions.csv': 'id,label,definition,theme,value_type,scale,unit,order\n' + dims.map((d, i) => `${d},D ${i},,,text,,,${i + 1}`).join('\n') + '\n',
      'cells.csv': 'dimension,jurisdiction,value,level,as_of,status,note\n' + dims.flatMap((d) => [`${d},north,x,,,supported,`, `${d},south,,,,draft,`]).join('\n') + '\n',
      'citations.csv': 'dimension,jurisdiction,seq,source,quote,prefix,suffix,locator\n' + dims.map((d) => `${d},north,1,src,Detention is rare,,,`).join('\n') + '\n',
    };
    const messages = await workerMessages(textsReader(texts));
    const types = messages.map((m) => m.type);
    expect(types.filter((t) => t === 'cells')).toHaveLength(Math.ceil((dims.length * 2) / CHUNK_ROWS));
    expect(types.filter((t) => t === 'citations')).toHaveLength(Math.ceil(dims.length / CHUNK_ROWS));
    expect(types.at(-1)).toBe('done');
    const progress = messages.flatMap((m) => (m.type === 'progress' ? [m.progress] : []));
    expect(progress[0]).toEqual({ phase: 'reading', fraction: 0 });
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['reading', 'parsing', 'anchoring']));
    // Handed over as the work goes on: every cell before the first citation, and the first
    // chunk of citations before the last one is anchored (the page builds while the worker anchors).
    expect(types.lastIndexOf('cells')).toBeLessThan(types.indexOf('citations'));
    const allAnchored = messages.findIndex((m) => m.type === 'progress' && m.progress.phase === 'anchoring' && m.progress.fraction === PHASE_SPAN.anchoring[1]);
    expect(types.indexOf('citations')).toBeGreaterThan(0);
    expect(types.indexOf('citations')).toBeLessThan(allAnchored);
    for (let i = 1; i < progress.length; i++) expect(progress[i].fraction).toBeGreaterThanOrEqual(progress[i - 1].fraction);
    expectSame(await viaWorker(textsReader(texts)), await onMainThread(textsReader(texts)));
  });

  it('fetches the source text once, as soon as sources.csv names it', async () => {
    const texts = smallMatrixTexts();
    const events: string[] = [];
    await workerMessages(async (path) => {
      events.push(`read ${path}`);
      // citations.csv arrives late: the source must be asked for meanwhile, not after parsing.
      if (path === 'citations.csv') await new Promise((r) => setTimeout(r, 30));
      if (path === 'citations.csv') events.push('citations.csv arrived');
      return texts[path];
    });
    expect(events.filter((e) => e === 'read source.txt')).toHaveLength(1);
    expect(events.indexOf('read source.txt')).toBeLessThan(events.indexOf('citations.csv arrived'));
  });

  it('reports a file that cannot be read among others', async () => {
    const texts = smallMatrixTexts();
    const failingCitations = await workerMessages(async (path) => {
      if (path === 'citations.csv') throw new Error('HTTP 500 Internal Server Error');
      return texts[path];
    });
    expect(failingCitations.at(-1)).toEqual({ type: 'error', message: 'HTTP 500 Internal Server Error' });
    // A source text that cannot be read is a problem of the load, which goes on.
    const failingSource = await workerMessages(async (path) => {
      if (path === 'source.txt') throw new Error('HTTP 503 Service Unavailable');
      return texts[path];
    });
    const done = failingSource.at(-1);
    expect(done?.type).toBe('done');
    expect(done?.type === 'done' && done.problems.map((p) => p.message)).toContain('the text of source "src" cannot be read at source.txt: HTTP 503 Service Unavailable');
  });

  it('posts an error (and the page rejects) when the folder cannot be read', async () => {
    const failing: FileReader = async () => {
      throw new Error('HTTP 500 Internal Server Error');
    };
    const messages = await workerMessages(failing);
    expect(messages.at(-1)).toEqual({ type: 'error', message: 'HTTP 500 Internal Server Error' });
    const assembler = new LoadAssembler();
    expect(() => assembler.receive(messages.at(-1)!)).toThrow('HTTP 500');
  });
});

/** A stand-in for `Worker` that runs the load job in this thread, asynchronously. */
class FakeWorker {
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(private readonly read: FileReader, private readonly fail = false) {}
  postMessage(request: LoadRequest) {
    setTimeout(() => {
      if (this.fail) {
        this.onerror?.({ message: 'cannot load the worker script', preventDefault() {} } as ErrorEvent);
        return;
      }
      void runLoad(request, (message, transfer) => {
        const data = structuredClone(message, { transfer });
        setTimeout(() => !this.terminated && this.onmessage?.({ data } as MessageEvent<WorkerMessage>), 0);
      }, this.read);
    }, 0);
  }
  terminate() {
    this.terminated = true;
  }
}

describe('loadMatrixInWorker', () => {
  it('resolves with the bundle and check, reports progress up to 1, and the store takes the check as given', async () => {
    const read = diskReader(bundled);
    const progress: LoadProgress[] = [];
    const fake = new FakeWorker(read);
    const loaded = await loadMatrixInWorker('http://localhost/matrices/eu-north-america/', {
      worker: () => fake as unknown as Worker,
      onProgress: (p) => progress.push(p),
    });
    expect(loaded.inWorker).toBe(true);
    // Ended once its last message (the source index built after the load) is in: that may come just after.
    await vi.waitFor(() => expect(fake.terminated).toBe(true));
    expect(loaded.bundle.matrix.name).toBe('eu-north-america');
    expect(progress.at(-1)).toEqual({ phase: 'assembling', fraction: 1 });
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['reading', 'anchoring', 'assembling']));
    const store = new MatrixStore();
    store.load(loaded.bundle, 'x', undefined, { check: loaded.check, index: loaded.index });
    expect(store.snapshot.check).toBe(loaded.check);
    expect(store.snapshot.index).toBe(loaded.index);
    expect(store.snapshot.status).toBe('ready');
    expectSame(loaded, await onMainThread(read, 'eu-north-america'));
  });

  it('loads on the main thread when the worker cannot start', async () => {
    const texts = smallMatrixTexts();
    const fetchImpl = async (url: string | URL) => {
      const text = texts[new URL(url).pathname.split('/').pop()!];
      return text === undefined ? new Response('', { status: 404 }) : new Response(text);
    };
    const original = globalThis.fetch;
    globalThis.fetch = fetchImpl as typeof fetch;
    try {
      const loaded = await loadMatrixInWorker('http://localhost/small/', { worker: () => new FakeWorker(textsReader(texts), true) as unknown as Worker });
      expect(loaded.inWorker).toBe(false);
      expect(loaded.bundle.matrix.title).toBe('Small test matrix');
      expect(loaded.check.coverage.found).toBe(4);
      const none = await loadMatrixInWorker('http://localhost/small/', { worker: () => undefined });
      expect(none.inWorker).toBe(false);
      expect(none.check.coverage).toEqual(loaded.check.coverage);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('checks saved positions without a source index, then sends the index after the load for quotes typed later', async () => {
    // The bundled matrix: every quote reads at its saved position.
    const messages = (await workerMessages(diskReader(bundled), 'eu-north-america')).filter((m) => m.type !== 'progress');
    const done = messages.findIndex((m) => m.type === 'done');
    expect(messages[done]).toMatchObject({ indexes: [], indexing: ['security-americas'] });
    expect(messages.slice(done + 1).map((m) => m.type)).toEqual(['index']);
    // Without positions, the quotes are looked up in an index built during the load, sent with it.
    const plain = (await workerMessages(textsReader(smallMatrixTexts()))).find((m) => m.type === 'done')!;
    expect(plain).toMatchObject({ indexes: [{ source: 'src' }], indexing: [] });

    // A text of its own (the page's cache may hold the bundled one from another test); the positions still hold.
    const own: FileReader = async (path) => {
      const content = await diskReader(bundled)(path);
      return path.endsWith('.txt') && content instanceof Uint8Array ? new Uint8Array([...content, ...new TextEncoder().encode('\nA copy.\n')]) : content;
    };
    const fake = new FakeWorker(own);
    const loaded = await loadMatrixInWorker('http://localhost/matrices/eu-north-america/', { worker: () => fake as unknown as Worker });
    const text = loaded.bundle.sourceTexts.get('security-americas')!;
    expect(text.endsWith('A copy.\n')).toBe(true);
    expect(loaded.check.coverage).toMatchObject({ citations: 348, found: 348 });
    for (let i = 0; i < 50 && !fake.terminated; i++) await new Promise((r) => setTimeout(r, 10));
    expect(fake.terminated).toBe(true);
    expect(sharedSourceIndexCache().has(text)).toBe(true);
    expect(sharedSourceIndexCache().get(text).anchor({ quote: 'integrated border management' }).status).not.toBe('orphaned');
  });

  it('rejects with an AbortError when aborted', async () => {
    const controller = new AbortController();
    const promise = loadMatrixInWorker('http://localhost/matrices/eu-north-america/', {
      worker: () => new FakeWorker(diskReader(bundled)) as unknown as Worker,
      signal: controller.signal,
    });
    controller.abort();
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });
});
