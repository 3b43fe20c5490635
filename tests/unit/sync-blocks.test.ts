import { describe, expect, it } from 'vitest';
import { eachBlockRow, readBlock, writeBlock } from '../../src/sync/doc/blocks.ts';

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
    for (const changed of [[parsed.n[0] - 1, ...parsed.n.slice(1)], [...parsed.n.slice(0, 2), parsed.n[2] + 3], [...parsed.n.slice(0, 2), -1]]) {
      const bad = JSON.stringify({ ...parsed, n: changed }) + '\n' + rest.join('\n');
      const { out, whole } = visited(bad);
      expect(out).toEqual(readBlock(bad));
      expect(whole).toBeUndefined();
    }
    expect(visited(writeBlock(rows) + '\nextra').whole).toBeUndefined();
    expect(visited(writeBlock([])).whole).toBeUndefined();
  });
});
