/**
 * Dataset figures of `npm run bench` (case `dataset`): the bundled matrix
 * matrices/visa-harmonization-2025 (23 computed cells over the Passport Index, 39,601 rows;
 * run from the project folder), against papaparse parsing the same data file:
 *
 * - reading the dataset (decoding, dictionary-encoded columns, SHA-256 of the bytes) and computing
 *   every computed cell of the matrix;
 * - the same, and checking 39,601 row citations besides (every row of the dataset cited once
 *   by its key, with its requirement as the quote, as a matrix citing rows by the thousand
 *   would);
 * - the evidence of one computed cell citing hundreds of rows: its rows as the panel lists
 *   them (each row's values as text), against papaparse alone, which lists nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { folderReader } from '../src/cli/node-reader.ts';
import { checkComputed, contextOf } from '../src/model/dataset/computed-checks.ts';
import { rowValues } from '../src/model/dataset/dataset.ts';
import { datasetOfBytes } from '../src/model/dataset/read-dataset.ts';
import { anchorRow } from '../src/model/dataset/row-citation.ts';
import { readMatrix } from '../src/model/format/read.ts';
import type { Citation } from '../src/model/types.ts';
import { compare, compareCpu, figure, type Figure } from './measure.ts';

let sink = 0;

export async function datasetFigures(): Promise<Figure[]> {
  const folder = join(process.cwd(), 'matrices', 'visa-harmonization-2025');
  const bundle = await readMatrix(folderReader(folder), 'visa-harmonization-2025');
  const loaded = bundle.datasets!.get('passport-index')!;
  const file = join(folder, loaded.file);
  const bytes = new Uint8Array(readFileSync(file));
  const size = `visa-harmonization-2025 (passport-index, ${loaded.rowCount.toLocaleString('en-US')} rows, ${bundle.matrix.computed!.length} computed cells)`;
  const at = { size, where: 'node' as const, unit: 'ms' as const, runs: 15 };
  const baselineName = 'papaparse parsing the same data file (decoded from the same bytes)';
  const papaparse = () => {
    const r = Papa.parse<string[]>(new TextDecoder().decode(bytes), { skipEmptyLines: true });
    sink += r.data.length;
  };
  // As a matrix's dataset is read (read-dataset.ts): decoded and parsed while it is hashed.
  const read = async () => (await datasetOfBytes(bytes, { source: 'passport-index', file: loaded.file }, []))!;
  // Every row cited by its key, its requirement as the quote.
  const citations: Pick<Citation, 'source' | 'rowKey' | 'quote'>[] = [];
  for (let r = 0; r < loaded.rowCount; r++) {
    const [passport, destination, requirement] = rowValues(loaded, r);
    citations.push({ source: 'passport-index', rowKey: `Passport=${passport}; Destination=${destination}`, quote: `Requirement=${requirement}` });
  }
  const figures: Figure[] = [];

  const computeAll = async () => {
    const dataset = await read();
    const checker = checkComputed(bundle.matrix, contextOf(bundle.matrix, new Map([['passport-index', dataset]])));
    for (const c of checker.checks.values()) if (c.status !== 'matches') throw new Error(`bench: ${c.rule.dimension}/${c.rule.jurisdiction} ${c.status}`);
    sink += checker.checks.size;
  };
  const c = await compare(at.runs, computeAll, papaparse);
  figures.push(figure({ ...at, name: 'read the dataset + compute every computed cell', median: c.ours, baseline: c.baseline, baselineName, target: '≤ 2×' }));

  const computeAndCite = async () => {
    const dataset = await read();
    const checker = checkComputed(bundle.matrix, contextOf(bundle.matrix, new Map([['passport-index', dataset]])));
    let found = 0;
    for (const citation of citations) if (anchorRow(citation, dataset).status === 'found') found++;
    if (found !== citations.length) throw new Error(`bench: ${citations.length - found} row citations not found`);
    sink += checker.checks.size + found;
  };
  const r = await compare(at.runs, computeAndCite, papaparse);
  figures.push(figure({ ...at, name: `read + compute every cell + check ${citations.length.toLocaleString('en-US')} row citations`, median: r.ours, baseline: r.baseline, baselineName, target: '≤ 2×' }));
  // The same two, in CPU time: on a shared machine the time passed swings with the other work.
  const cpuNote = 'CPU time of the process (user + system), not time passed';
  const cc = await compareCpu(at.runs, computeAll, papaparse);
  figures.push(figure({ ...at, name: 'read the dataset + compute every computed cell (CPU time)', median: cc.ours, baseline: cc.baseline, baselineName, target: '≤ 2×', note: cpuNote }));
  const rc = await compareCpu(at.runs, computeAndCite, papaparse);
  figures.push(figure({ ...at, name: `read + compute every cell + check ${citations.length.toLocaleString('en-US')} row citations (CPU time)`, median: rc.ours, baseline: rc.baseline, baselineName, target: '≤ 2×', note: cpuNote }));

  // The evidence of the cell citing the most rows, listed as the panel lists them.
  const dataset = await read();
  const checker = checkComputed(bundle.matrix, contextOf(bundle.matrix, new Map([['passport-index', dataset]])));
  const widest = [...checker.checks.values()].reduce((a, b) => ((b.result?.ok ? b.result.rows.length : 0) > (a.result?.ok ? a.result.rows.length : 0) ? b : a));
  const rows = widest.result!.ok ? widest.result!.rows : new Int32Array();
  const list = () => {
    let n = 0;
    for (const row of rows) n += rowValues(dataset, row).join(', ').length;
    sink += n;
  };
  const e = await compare(at.runs, list, papaparse);
  figures.push(figure({ ...at, name: `list the ${rows.length.toLocaleString('en-US')} rows of the widest computed cell (${widest.rule.dimension}, ${widest.rule.jurisdiction})`, median: e.ours, baseline: e.baseline, baselineName }));
  if (sink < 0) console.log(sink);
  return figures;
}
