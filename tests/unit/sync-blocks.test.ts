import { describe, expect, it } from 'vitest';
import { blockProblem, eachBlockRow, readBlock, writeBlock } from '../../src/sync/doc/blocks.ts';

const rows = [
  { rowKey: '["d1","j1","a"]', rowId: 'a', positions: ['1'], fields: ['d1', 'j1', 'two\nlines, "quoted"'] },
  { rowKey: '["d1","j2","b"]', rowId: 'b', positions: ['1'], fields: ['d1', 'j2', ''] },
  { rowKey: '["d1","j3","c"]', rowId: 'c', positions: ['2'], fields: ['', '', ''] },
];

const visited = (block: string) => {
  const out: { rowKey: string; rowId: string; positions: readonly string[]; record: string }[] = [];
  const whole = eachBlockRow(block, (rowKey, rowId, positions, record) => out.push({ rowKey, rowId, positions, record }));
  return { out, whole };
};

describe('a block read row by row, for a join', () => {
  it('gives the rows readBlock gives, and the records whole when they are the block\'s text', () => {
    const block = writeBlock(rows);
    const { out, whole } = visited(block);
    expect(out).toEqual(readBlock(block));
    expect(whole).toBe(readBlock(block).map((r) => r.record).join('\n'));
  });

  it('gives no whole text when the lengths do not cut the block cleanly (the rows are still read as readBlock reads them)', () => {
    const block = writeBlock(rows);
    const [head, ...rest] = block.split('\n');
    const parsed = JSON.parse(head) as { n: number[] };
    for (const changed of [[parsed.n[0] - 1, ...parsed.n.slice(1)], [...parsed.n.slice(0, 2), parsed.n[2] + 3]]) {
      const bad = JSON.stringify({ ...parsed, n: changed }) + '\n' + rest.join('\n');
      const { out, whole } = visited(bad);
      expect(out).toEqual(readBlock(bad));
      expect(whole).toBeUndefined();
    }
    expect(visited(writeBlock(rows) + '\nextra').whole).toBeUndefined();
    expect(visited(writeBlock([])).whole).toBeUndefined();
  });
});

describe('a block that is not one (the team server refuses it from a client; a reader says so)', () => {
  const block = writeBlock(rows);
  const [head, ...rest] = block.split('\n');
  const parsed = JSON.parse(head) as { k: unknown[]; r: unknown[]; p: unknown[]; n: unknown[] };
  const withHead = (change: Partial<typeof parsed>) => JSON.stringify({ ...parsed, ...change }) + '\n' + rest.join('\n');

  it('every block the writer makes is one', () => {
    expect(blockProblem(block)).toBeUndefined();
    expect(blockProblem(writeBlock([rows[0]]))).toBeUndefined();
    expect(blockProblem(writeBlock([]))).toBeUndefined();
  });

  it('a head that is not one, or lengths that do not cut the records: refused with what is wrong; readers throw it', () => {
    const cases: [string, string][] = [
      ['not a head' + block.slice(block.indexOf('\n')), 'not a block of rows: its first line is not JSON'],
      ['[1,2]\nx', 'not a block of rows: its first line does not list its rows'],
      [withHead({ r: ['a'] }), 'not a block of rows: its lists of keys, ids, places and lengths differ in length'],
      [withHead({ k: [1, parsed.k[1], parsed.k[2]] }), 'not a block of rows: row 1: a key or id that is not text'],
      [withHead({ p: [['1'], [2], ['2']] }), 'not a block of rows: row 2: places that are not a list of texts'],
      [withHead({ n: [parsed.n[0], parsed.n[1], -1] }), 'not a block of rows: row 3: a record length that is not a count'],
      [withHead({ n: [parsed.n[0], parsed.n[1], 1.5] }), 'not a block of rows: row 3: a record length that is not a count'],
    ];
    for (const [bad, problem] of cases) {
      expect(blockProblem(bad), problem).toBe(problem);
      expect(() => readBlock(bad), problem).toThrow(problem);
      expect(() => visited(bad), problem).toThrow(problem);
    }
    // Readable, but not as the writer cuts it: refused at the gate (a reader takes it row by row).
    expect(blockProblem(withHead({ n: [(parsed.n[0] as number) - 1, parsed.n[1], parsed.n[2]] }))).toBe('not a block of rows: row 1: its length does not end at the end of a record');
    expect(blockProblem(block + '\nextra')).toBe('not a block of rows: row 3: its length does not end at the end of a record');
    expect(blockProblem(writeBlock([]) + 'extra')).toBe('not a block of rows: records that its first line does not list');
  });
});
