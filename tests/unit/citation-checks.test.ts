import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorCitation, CheckBuilder, checkMatrix, flagReason, SourceIndexCache, type CitationCheck, type MatrixCheck } from '../../src/model/check/check.ts';
import { LayeredMap } from '../../src/model/collections/layered-map.ts';
import { loadMatrix, type LoadResult } from '../../src/model/format/load.ts';
import { cellKey, type Citation, type Matrix } from '../../src/model/types.ts';
import { ALT_SOURCE, SMALL_SOURCE, smallMatrixTexts, twoSourceTexts } from './support/small-matrix.ts';
import { makeCell, makeCitation } from '../../src/model/make.ts';

/**
 * The check keeps each cell's citations as columns and makes a cell's list when it is asked
 * for (CitationChecks). Whatever the order of citations.csv, it must read as the plain
 * check: each cell's citations with their anchors, in seq order (file order on a tie).
 */

const texts = new Map([['src', SMALL_SOURCE]]);

/** The check made the plain way: an object per citation, a list per cell, sorted by seq. */
function plainCheck(matrix: Matrix) {
  const cache = new SourceIndexCache();
  const citations = new Map<string, CitationCheck[]>();
  for (const citation of matrix.citations) {
    const key = cellKey(citation.dimension, citation.jurisdiction);
    citations.set(key, [...(citations.get(key) ?? []), { citation, anchor: anchorCitation(citation, texts, cache) }]);
  }
  for (const list of citations.values()) list.sort((a, b) => a.citation.seq - b.citation.seq);
  const cells = new Map<string, string>();
  for (const cell of matrix.cells) {
    const key = cellKey(cell.dimension, cell.jurisdiction);
    if (cells.has(key)) continue;
    cells.set(key, flagReason(cell.status, cell.value, citations.get(key) ?? []) ? 'flagged' : cell.status);
  }
  return { citations, cells };
}

// Quotes that are found (with or without a saved position), found at a wrong saved position,
// ambiguous, or not in the source at all.
const QUOTES: [string, string][] = [
  ['The two states signed a safe third country agreement in 2002', ''],
  ['Detention of claimants is rare in the north', ''],
  ['but common in the south', ''],
  ['Detention is rare', '261,278'],
  ['Detention is rare', '0,17'],
  ['policy is harmonized across the union', ''],
  ['Claimants must ask for protection', ''],
  ['Detention of claimants is unheard of', ''],
];
// Cells of the tables, and cells of ids the tables do not list (reported by the loader, kept).
const PAIRS = [['stc', 'north'], ['stc', 'south'], ['detention', 'north'], ['detention', 'south'], ['year', 'north'], ['year', 'south'], ['ghost', 'north'], ['stc', 'east']];

// cells.csv with a repeated cell (the first is used) and a cell of an unknown dimension.
const CELLS = [
  ...smallMatrixTexts()['cells.csv']!.trim().split('\n'),
  'detention,north,Common,common,,draft,repeated',
  'ghost,north,yes,,,supported,',
  '',
].join('\n');

const citationRow = fc.record({ pair: fc.nat(PAIRS.length - 1), seq: fc.integer({ min: 1, max: 4 }), quote: fc.nat(QUOTES.length - 1) });

// The same cells in another order (other pair ids for the same rows).
const [CELLS_HEADER, ...CELL_ROWS] = CELLS.trim().split('\n');
const REORDERED_CELLS = [CELLS_HEADER, ...CELL_ROWS.reverse(), ''].join('\n');

function loadOf(rows: { pair: number; seq: number; quote: number }[], cells = CELLS): LoadResult {
  const lines = rows.map(({ pair, seq, quote }) => {
    const [text, position] = QUOTES[quote];
    const [start, end] = position ? position.split(',') : ['', ''];
    return `${PAIRS[pair][0]},${PAIRS[pair][1]},${seq},src,${text},,,,${start},${end}`;
  });
  const csv = ['dimension,jurisdiction,seq,source,quote,prefix,suffix,locator,start,end', ...lines, ''].join('\n');
  return loadMatrix('small', { ...smallMatrixTexts(), 'cells.csv': cells, 'citations.csv': csv });
}

const matrixOf = (rows: { pair: number; seq: number; quote: number }[]): Matrix => loadOf(rows).matrix;

const asPlain = (check: MatrixCheck) => ({ citations: new Map(check.citations), cells: new Map(check.cells) });

describe('the check of a matrix: each cell\'s citations, made when asked for', () => {
  it('reads as the plain check whatever the order of the rows: scattered cells, seq out of order, repeated seqs, citations not found', () => {
    fc.assert(
      fc.property(fc.array(citationRow, { maxLength: 30 }), (rows) => {
        const matrix = matrixOf(rows);
        const check = checkMatrix(matrix, texts, { cache: new SourceIndexCache() });
        const plain = plainCheck(matrix);
        expect(asPlain(check)).toEqual(plain);
        // In the same order: cells as in cells.csv, each cell's list where its first citation is.
        expect([...check.cells]).toEqual([...plain.cells]);
        expect([...check.citations.keys()]).toEqual([...plain.citations.keys()]);
        expect(check.citations.size).toBe(plain.citations.size);
        expect(check.cells.size).toBe(plain.cells.size);
        for (const [key, status] of plain.cells) expect(check.cells.get(key)).toBe(status);
        expect(check.cells.get('stc\u0000nowhere')).toBeUndefined();
        for (const [key, list] of plain.citations) {
          expect(check.citations.has(key)).toBe(true);
          expect(check.citations.get(key)).toEqual(list);
        }
        expect(check.citations.has('year\u0000nowhere')).toBe(false);
        expect(check.citations.get('year\u0000nowhere')).toBeUndefined();
        const anchors = [...plain.citations.values()].flat().map((c) => c.anchor.status);
        expect(check.coverage.citations).toBe(rows.length);
        expect(check.coverage.found).toBe(anchors.filter((s) => s === 'found').length);
        expect(check.coverage.ambiguous).toBe(anchors.filter((s) => s === 'ambiguous').length);
        expect(check.coverage.orphaned).toBe(anchors.filter((s) => s === 'orphaned').length);
        expect(check.problems.filter((p) => p.file === 'citations.csv')).toHaveLength(anchors.filter((s) => s !== 'found').length);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same check with the pair ids of the load, and ignores pair ids loaded for other rows', () => {
    fc.assert(
      fc.property(fc.array(citationRow, { maxLength: 30 }), fc.array(citationRow, { maxLength: 30 }), (rows, others) => {
        const loaded = loadOf(rows);
        const plain = plainCheck(loaded.matrix);
        const withPairs = checkMatrix(loaded.matrix, texts, { cache: new SourceIndexCache(), pairs: loaded.pairs });
        expect(asPlain(withPairs)).toEqual(plain);
        expect([...withPairs.citations.keys()]).toEqual([...plain.citations.keys()]);
        expect(withPairs.coverage).toEqual(checkMatrix(loaded.matrix, texts, { cache: new SourceIndexCache() }).coverage);
        // Pair ids of another load (as after an edit): not this matrix's rows, so not used;
        // nor when only its cells or only its citations are this matrix's.
        const other = loadOf(others, REORDERED_CELLS).pairs!;
        const stale = [other, { ...loaded.pairs!, citations: other.citations, citationPairs: other.citationPairs }, { ...loaded.pairs!, cells: other.cells, cellPairs: other.cellPairs }];
        for (const pairs of stale) expect(asPlain(checkMatrix(loaded.matrix, texts, { cache: new SourceIndexCache(), pairs }))).toEqual(plain);
        // The same arrays with rows added since: cells the ids do not cover (not used), and
        // citations past the load's (looked up).
        const moreCells = { ...loaded.matrix, cells: [...loaded.matrix.cells] };
        moreCells.cells.unshift(makeCell({ dimension: 'year', jurisdiction: 'east', status: 'not_in_source' }));
        const cellsPairs = { ...loaded.pairs!, cells: moreCells.cells };
        expect(asPlain(checkMatrix(moreCells, texts, { cache: new SourceIndexCache(), pairs: cellsPairs }))).toEqual(plainCheck(moreCells));
        const moreCitations = { ...loaded.matrix, citations: [...loaded.matrix.citations] };
        moreCitations.citations.push(
          makeCitation({ dimension: 'year', jurisdiction: 'east', seq: 1, source: 'src', quote: QUOTES[1][0] }),
          makeCitation({ dimension: 'stc', jurisdiction: 'north', seq: 9, source: 'src', quote: QUOTES[0][0] }),
        );
        const citationsPairs = { ...loaded.pairs!, citations: moreCitations.citations };
        expect(asPlain(checkMatrix(moreCitations, texts, { cache: new SourceIndexCache(), pairs: citationsPairs }))).toEqual(plainCheck(moreCitations));
      }),
      { numRuns: 200 },
    );
  });

  it('checks each citation in the text of its own source when citations of two sources alternate', () => {
    const texts = twoSourceTexts();
    const loaded = loadMatrix('small', texts);
    const sourceTexts = new Map([['src', SMALL_SOURCE], ['alt', ALT_SOURCE]]);
    const check = checkMatrix(loaded.matrix, sourceTexts, { cache: new SourceIndexCache(), pairs: loaded.pairs });
    for (const citation of loaded.matrix.citations) {
      const listed = check.citations.get(cellKey(citation.dimension, citation.jurisdiction))!.find((c) => c.citation === citation)!;
      expect(listed.anchor).toEqual(anchorCitation(citation, sourceTexts, new SourceIndexCache()));
    }
    // The same saved position reads "Detention is rare" in the first source only: the second's is looked up.
    const ranges = check.citations.get(cellKey('detention', 'north'))!.map((c) => c.anchor.range?.start);
    expect(ranges).toEqual([261, ALT_SOURCE.indexOf('Detention is rare')]);
    expect(check.coverage).toMatchObject({ citations: 4, found: 4 });
  });

  it('gives the same check when the citations arrive in pieces and are checked a few at a time', () => {
    fc.assert(
      fc.property(fc.array(citationRow, { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), (rows, piece) => {
        const whole = matrixOf(rows);
        // The page gets the citations in chunks, and checks them in short steps.
        const arriving: Citation[] = [];
        const matrix = { ...whole, citations: arriving };
        const cache = new SourceIndexCache();
        const builder = new CheckBuilder(matrix, (citation, i, anchors) => anchors.set(i, anchorCitation(citation, texts, cache)));
        for (let from = 0; from < whole.citations.length; from += piece) {
          arriving.push(...whole.citations.slice(from, from + piece));
          builder.takeCitations(Math.max(1, piece - 1));
        }
        while (!builder.step(piece));
        expect(asPlain(builder.result())).toEqual(plainCheck(whole));
      }),
      { numRuns: 200 },
    );
  });

  it('counts an anchor found with more to say (not a plain range) as found, with no problem', () => {
    const matrix = matrixOf([{ pair: 0, seq: 1, quote: 0 }, { pair: 1, seq: 1, quote: 7 }]);
    const builder = new CheckBuilder(matrix, (_, i, anchors) => anchors.set(i, i === 0
      ? { status: 'found', range: { start: 13, end: 73 }, reason: 'found by its context' }
      : { status: 'orphaned', reason: 'not in the source' }));
    builder.step(Infinity);
    const check = builder.result();
    expect(check.citations.get(cellKey('stc', 'north'))![0].anchor).toEqual({ status: 'found', range: { start: 13, end: 73 }, reason: 'found by its context' });
    expect(check.cells.get(cellKey('stc', 'north'))).toBe('supported');
    expect(check.cells.get(cellKey('stc', 'south'))).toBe('flagged');
    expect(check.coverage).toMatchObject({ citations: 2, found: 1, orphaned: 1 });
    expect(check.problems.filter((p) => p.file === 'citations.csv').map((p) => p.message)).toEqual(['citation 1 of cell (stc, south) is orphaned: not in the source']);
  });

  it('is a Map that gives the same list each time, cannot be changed, and lets an edit layer changes over it', () => {
    const matrix = matrixOf([{ pair: 0, seq: 2, quote: 0 }, { pair: 2, seq: 1, quote: 1 }, { pair: 0, seq: 1, quote: 6 }]);
    const check = checkMatrix(matrix, texts, { cache: new SourceIndexCache() });
    const key = cellKey('stc', 'north');
    expect(check.citations.get(key)).toBe(check.citations.get(key));
    expect(check.citations.get(key)!.map((c) => c.citation.seq)).toEqual([1, 2]);
    expect([...check.citations.keys()]).toEqual([key, cellKey('detention', 'north')]);
    expect(() => check.citations.set(key, [])).toThrow(TypeError);
    expect(() => check.citations.delete(key)).toThrow(TypeError);
    const edited = LayeredMap.from(check.citations).with([[key, undefined]]);
    expect(edited.has(key)).toBe(false);
    expect(edited.get(cellKey('detention', 'north'))).toEqual(check.citations.get(cellKey('detention', 'north')));
    expect(check.citations.has(key)).toBe(true);
  });
});
