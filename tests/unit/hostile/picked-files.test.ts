/**
 * Files a user picked or dropped in the app (the model's file sets): a file over the limit is
 * refused by its size, never read; a source path out of the matrix is not looked for among the
 * picked files, not even by its name.
 */
import { describe, expect, it } from 'vitest';
import { openFileSet, type FileEntry } from '../../../src/model/format/file-set.ts';
import { hostileTexts } from './support.ts';
import { SMALL_SOURCE } from '../support/small-matrix.ts';

const entries = (texts: Record<string, string | undefined>, read: string[]): FileEntry[] =>
  Object.entries(texts)
    .filter(([, t]) => t !== undefined)
    .map(([path, text]) => ({ path, size: new TextEncoder().encode(text!).length, read: async () => (read.push(path), text!) }));

describe('picked files', () => {
  it('a picked file over the limit is refused by its size and never read', async () => {
    const read: string[] = [];
    const picked = entries({ ...hostileTexts('../sources/source.txt'), 'source.txt': SMALL_SOURCE }, read).map((e) =>
      e.path === 'cells.csv'
        ? { ...e, size: 600 * 1024 * 1024, read: async () => { throw new Error('a file over the limit was read'); } }
        : e,
    );
    const opened = await openFileSet(picked, 'small');
    expect(opened.bundle.problems.find((p) => p.file === 'cells.csv' && p.line === 0)?.message).toBe(
      'the file is 600 MiB, over the limit of 128 MiB for one file; it was not read',
    );
    expect(read).not.toContain('cells.csv');
    expect(opened.bundle.matrix.citations).toHaveLength(5);
  });

  it('a source path out of the matrix is not looked for among the picked files by its name', async () => {
    const read: string[] = [];
    // A picked "canary.txt" would match "../../outside/canary.txt" by its name were the path looked for so.
    const picked = entries({ ...hostileTexts('../../outside/canary.txt'), 'source.txt': SMALL_SOURCE, 'canary.txt': 'CANARY' }, read);
    const opened = await openFileSet(picked, 'small');
    expect(read).not.toContain('canary.txt');
    expect(opened.bundle.sourceTexts.has('evil')).toBe(false);
    expect(opened.bundle.sourceTexts.get('src')).toBe(SMALL_SOURCE);
    const evil = opened.bundle.problems.find((p) => p.file === 'sources.csv');
    expect(evil).toMatchObject({ severity: 'error', line: 2, field: 'path' });
    expect(evil!.message).toMatch(/leads outside the matrix folder and its sources folder/);
    expect(opened.notes.join(' ')).not.toContain('canary');
  });

  it('files read at the same time are counted before any is read: together they never pass the total', async () => {
    const read: string[] = [];
    // Each read takes a while, as a large file does: all the tables are asked for at once.
    const slow = entries({ ...hostileTexts('../sources/source.txt'), 'source.txt': SMALL_SOURCE }, read).map((e) => ({
      ...e,
      read: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return e.read();
      },
    }));
    const sizes = new Map(slow.map((e) => [e.path, e.size!]));
    const total = 1200;
    const opened = await openFileSet(slow, 'small', { fileBytes: 10_000, totalBytes: total, zipBytes: 1, zipEntries: 1 });
    expect(opened.bundle.problems.some((p) => /together pass the limit of 1.2 KiB/.test(p.message))).toBe(true);
    expect(read.length).toBeGreaterThan(0);
    expect(read.reduce((n, path) => n + sizes.get(path)!, 0)).toBeLessThanOrEqual(total);
  });
});
