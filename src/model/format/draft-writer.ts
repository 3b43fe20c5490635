/**
 * `saveMatrix` for a matrix saved again and again as it is edited (the autosaved draft),
 * doing only the work the edits since the last call need. The result is always exactly
 * `saveMatrix(matrix)` (a property test holds it to that).
 *
 * - A big table whose rows are the same array as last time keeps its text.
 * - A big table where only some rows were replaced, each by a row of the same cell and period (and seq),
 *   keeps its order: only the replaced rows' lines are written again, and only their blocks
 *   (runs of lines in file order, see `blockRows`) joined again. (Editing a cell's value or a
 *   citation's quote is such an edit; on a matrix of 100,000 cells and 200,000 citations,
 *   writing the whole table again took a few hundred milliseconds; joining all its lines
 *   again was most of the 12 ms the files of a one-cell edit took, now 6 ms.)
 * - Anything else (rows added, removed or moved, dimensions or jurisdictions changed) writes
 *   the table again.
 */
import { csvLine, joinCsvLines } from './csv/write-csv.ts';
import { cellFields, cellOrder, citationFields, rowFields, saveMatrix, tableHeader, writtenColumns, written } from './save.ts';
import { TABLES } from './schema.ts';
import type { Cell, Citation, Matrix } from '../types.ts';

/** Beyond this many replaced rows, writing the table again costs about as much as patching. */
const MAX_PATCHED = 2000;

interface TableLines<T> {
  rows: readonly T[];
  /** Line (without the header) of each row, by the row's index in `rows`. */
  lines: string[];
  /** For each line of the file (without the header), the index of its row. */
  order: number[];
  /** The lines in file order, `blockRows` at a time, each run joined. */
  blocks: string[];
  /** For each row, its line's place in file order (the inverse of `order`), made on the first patch. */
  positions?: Int32Array;
  text: string;
  /** Which of the table's columns were written (see `writtenColumns`): lines of other columns are not reused. */
  columns: string;
}

type BigTable = 'cells' | 'citations';

/** The inverse of an order: for each row, its place in the order. */
function positionsOf(order: readonly number[]): Int32Array {
  const positions = new Int32Array(order.length);
  for (let p = 0; p < order.length; p++) positions[order[p]] = p;
  return positions;
}

const sameCell = (a: Cell, b: Cell) => a.dimension === b.dimension && a.jurisdiction === b.jurisdiction && a.period === b.period;
const sameCitation = (a: Citation, b: Citation) => a.dimension === b.dimension && a.jurisdiction === b.jurisdiction && a.period === b.period && a.seq === b.seq;

export class DraftWriter {
  private last: { matrix: Matrix; cells?: TableLines<Cell>; citations?: TableLines<Citation> } | undefined;

  /** `blockRows`: lines per block of a big table's text (see TableLines.blocks). */
  constructor(private readonly blockRows = 2000) {}

  /** The blocks of lines in file order. */
  private blocksOf(order: readonly number[], lines: readonly string[], from = 0, to = order.length): string[] {
    const blocks: string[] = [];
    for (let start = from; start < to; start += this.blockRows) {
      blocks.push(order.slice(start, Math.min(to, start + this.blockRows)).map((i) => lines[i]).join('\n'));
    }
    return blocks;
  }

  /**
   * Write the big tables of `matrix` ahead of its first edit, `rowsPerStep` rows at a time,
   * awaiting `pause()` between steps (a load's first draft would otherwise be one long task).
   * Stops, priming nothing, when `pause()` gives false (e.g. the editor went away).
   */
  async prime(matrix: Matrix, pause: () => Promise<boolean>, rowsPerStep = 5000): Promise<void> {
    const stop = Symbol('stop');
    const step = async () => {
      if (!(await pause())) throw stop;
    };
    try {
      await this.primeSteps(matrix, step, rowsPerStep);
    } catch (error) {
      if (error !== stop) throw error;
    }
  }

  private async primeSteps(matrix: Matrix, pause: () => Promise<void>, rowsPerStep: number): Promise<void> {
    const lines = async <T extends Cell | Citation>(name: BigTable, rows: readonly T[], fields: (row: T) => string[]) => {
      const out: string[] = new Array(rows.length);
      for (let from = 0; from < rows.length; from += rowsPerStep) {
        const to = Math.min(rows.length, from + rowsPerStep);
        for (let i = from; i < to; i++) out[i] = csvLine(rowFields(matrix, name, rows[i], fields));
        await pause();
      }
      return out;
    };
    const cellColumns = writtenColumns(matrix, 'cells');
    const citationColumns = writtenColumns(matrix, 'citations');
    const cellLines = await lines('cells', matrix.cells, (c) => written(cellFields(c), cellColumns));
    const citationLines = await lines('citations', matrix.citations, (c) => written(citationFields(c), citationColumns));
    if (this.last) return; // written meanwhile (an edit came first): nothing to prime
    const finish = async <T extends Cell | Citation>(name: BigTable, rows: readonly T[], rowLines: string[], seq?: (row: T) => number): Promise<TableLines<T>> => {
      const order = cellOrder(matrix, rows, seq);
      await pause();
      // Joined a block at a time (one join of a whole large table is itself a long task).
      const blocks: string[] = [];
      for (let from = 0; from < order.length; from += this.blockRows) {
        blocks.push(...this.blocksOf(order, rowLines, from, Math.min(order.length, from + this.blockRows)));
        await pause();
      }
      const columns = writtenColumns(matrix, name);
      return { rows, lines: rowLines, order, blocks, text: joinCsvLines([csvLine(tableHeader(matrix, name, columns)), ...blocks]), columns: columns.join() };
    };
    const cells = await finish('cells', matrix.cells, cellLines);
    const citations = await finish('citations', matrix.citations, citationLines, (c) => c.seq);
    if (!this.last) this.last = { matrix, cells, citations };
  }

  files(matrix: Matrix): Record<string, string> {
    const prev = this.last;
    const sameOrder = !!prev && prev.matrix.dimensions === matrix.dimensions && prev.matrix.jurisdictions === matrix.jurisdictions && prev.matrix.extraColumns === matrix.extraColumns;
    const cells = this.table(matrix, 'cells', matrix.cells, sameOrder ? prev.cells : undefined, sameCell, cellFields);
    const citations = this.table(matrix, 'citations', matrix.citations, sameOrder ? prev.citations : undefined, sameCitation, citationFields, (c) => c.seq);
    // The small tables and the descriptor are written whole (the big tables left out).
    const files = saveMatrix({ ...matrix, cells: [], citations: [] });
    files[TABLES.cells.file] = cells.text;
    files[TABLES.citations.file] = citations.text;
    this.last = { matrix, cells, citations };
    return files;
  }

  private table<T extends Cell | Citation>(
    matrix: Matrix,
    name: BigTable,
    rows: readonly T[],
    prev: TableLines<T> | undefined,
    sameKey: (a: T, b: T) => boolean,
    fields: (row: T) => string[],
    seq?: (row: T) => number,
  ): TableLines<T> {
    if (prev && prev.rows === rows) return prev;
    const columns = writtenColumns(matrix, name);
    const columnsKey = columns.join();
    const line = (row: T) => csvLine(rowFields(matrix, name, row, (r) => written(fields(r), columns)));
    const header = csvLine(tableHeader(matrix, name, columns));
    if (prev && prev.rows.length === rows.length && prev.columns === columnsKey) {
      const replaced: number[] = [];
      for (let i = 0; i < rows.length && replaced.length <= MAX_PATCHED; i++) {
        if (rows[i] === prev.rows[i]) continue;
        if (!sameKey(rows[i], prev.rows[i])) {
          replaced.length = MAX_PATCHED + 1;
          break;
        }
        replaced.push(i);
      }
      if (replaced.length <= MAX_PATCHED) {
        const lines = prev.lines.slice();
        for (const i of replaced) lines[i] = line(rows[i]);
        // Only the blocks that hold a replaced row's line are joined again.
        const position = prev.positions ??= positionsOf(prev.order);
        const blocks = prev.blocks.slice();
        for (const b of new Set(replaced.map((i) => Math.floor(position[i] / this.blockRows)))) {
          const from = b * this.blockRows;
          blocks[b] = this.blocksOf(prev.order, lines, from, Math.min(prev.order.length, from + this.blockRows))[0];
        }
        return { rows, lines, order: prev.order, positions: position, blocks, text: joinCsvLines([header, ...blocks]), columns: columnsKey };
      }
    }
    const lines = rows.map(line);
    const order = cellOrder(matrix, rows, seq);
    const blocks = this.blocksOf(order, lines);
    return { rows, lines, order, blocks, text: joinCsvLines([header, ...blocks]), columns: columnsKey };
  }
}
