import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';
import { cellKey } from '../../src/model/types.ts';
import { MatrixStore, apply, emptySnapshot, type Command, type Snapshot } from '../../src/state/store.ts';

const fixtures = new URL('../fixtures/matrices/', import.meta.url);

/** Reads a fixture matrix folder from disk, as the CLI does (missing file → undefined). */
async function bundle(name: string): Promise<MatrixBundle> {
  const base = new URL(`${name}/`, fixtures);
  return readMatrix(async (rel) => {
    try {
      return await readFile(fileURLToPath(new URL(rel, base)), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }, name);
}

function recorder(store: MatrixStore) {
  const calls: { snapshot: Snapshot; previous: Snapshot; command: Command }[] = [];
  const unsubscribe = store.subscribe((snapshot, previous, command) => calls.push({ snapshot, previous, command }));
  return { calls, unsubscribe };
}

describe('MatrixStore', () => {
  it('starts empty, with a frozen snapshot', () => {
    const store = new MatrixStore();
    expect(store.snapshot).toBe(emptySnapshot);
    expect(store.snapshot.status).toBe('empty');
    expect(store.snapshot.matrix).toBeUndefined();
    expect(store.snapshot.selection).toBeUndefined();
    expect(Object.isFrozen(store.snapshot)).toBe(true);
  });

  it('loads a bundle: matrix, problems, source texts and the citation check, in a new snapshot', async () => {
    const store = new MatrixStore();
    const { calls } = recorder(store);
    const before = store.snapshot;
    store.load(await bundle('small'), 'small/');

    const s = store.snapshot;
    expect(s).not.toBe(before);
    expect(Object.isFrozen(s)).toBe(true);
    expect(s.status).toBe('ready');
    expect(s.origin).toBe('small/');
    expect(s.matrix?.title).toBe('Small test matrix');
    expect(s.problems).toEqual([]);
    expect(s.sourceTexts.get('small')).toContain('Chapter 1. Borders');
    expect(s.check?.coverage).toMatchObject({ cells: 6, notInSource: 1, flagged: 1, citations: 7, found: 4, ambiguous: 1, orphaned: 2 });
    expect(s.check?.cells.get(cellKey('border-checks', 'south'))).toBe('flagged');
    expect(s.check?.citations.get(cellKey('claimant-work', 'north'))?.map((c) => c.anchor.status)).toEqual(['found', 'ambiguous']);
    // Check problems point at the row of citations.csv (line 3 = the orphaned citation).
    expect(s.check?.problems.find((p) => p.file === 'citations.csv' && p.message.includes('orphaned'))?.line).toBe(3);

    expect(calls).toHaveLength(1);
    expect(calls[0].snapshot).toBe(s);
    expect(calls[0].previous).toBe(before);
    expect(calls[0].command.type).toBe('load');
    // The previous snapshot is untouched.
    expect(before.matrix).toBeUndefined();
  });

  it('keeps the load problems of a broken matrix, with file, line and column', async () => {
    const store = new MatrixStore();
    store.load(await bundle('broken'));
    const where = store.snapshot.problems.map((p) => `${p.file}:${p.line}:${p.column}`);
    expect(store.snapshot.status).toBe('ready');
    expect(where).toContain('citations.csv:0:0');
    expect(where.some((w) => w.startsWith('cells.csv:3:'))).toBe(true);
    expect(where.some((w) => w.startsWith('sources.csv:2:'))).toBe(true);
  });

  it('selects a cell, notifies once, and ignores a repeated selection', async () => {
    const store = new MatrixStore();
    store.load(await bundle('small'));
    const { calls } = recorder(store);
    const loaded = store.snapshot;
    const key = cellKey('common-visa', 'south');

    store.select(key);
    expect(store.snapshot.selection).toBe(key);
    expect(store.snapshot.matrix).toBe(loaded.matrix);
    expect(store.snapshot.check).toBe(loaded.check);
    expect(loaded.selection).toBeUndefined();
    expect(calls).toHaveLength(1);

    store.select(key);
    expect(calls).toHaveLength(1);

    store.select(undefined);
    expect(store.snapshot.selection).toBeUndefined();
    expect(calls).toHaveLength(2);
  });

  it('clears the selection for a key that is not a cell of the matrix', async () => {
    const store = new MatrixStore();
    store.select(cellKey('common-visa', 'north'));
    expect(store.snapshot.selection).toBeUndefined();

    store.load(await bundle('small'));
    store.select(cellKey('common-visa', 'north'));
    store.select(cellKey('no-such-dimension', 'north'));
    expect(store.snapshot.selection).toBeUndefined();
  });

  it('keeps the selection across a reload when the cell still exists', async () => {
    const store = new MatrixStore();
    store.load(await bundle('small'));
    store.select(cellKey('claimant-work', 'south'));
    store.load(await bundle('small'));
    expect(store.snapshot.selection).toBe(cellKey('claimant-work', 'south'));
  });

  it('reports loading and failure', async () => {
    const store = new MatrixStore();
    store.load(await bundle('small'));
    store.loading('other/');
    expect(store.snapshot).toMatchObject({ status: 'loading', origin: 'other/', matrix: undefined, selection: undefined });
    store.fail({ severity: 'error', file: 'other/', line: 0, column: 0, message: 'cannot read the matrix: offline' });
    expect(store.snapshot.status).toBe('failed');
    expect(store.snapshot.origin).toBe('other/');
    expect(store.snapshot.problems.map((p) => p.message)).toEqual(['cannot read the matrix: offline']);
  });

  it('stops notifying after unsubscribe, and a failing listener does not stop the others', async () => {
    const store = new MatrixStore();
    const { calls, unsubscribe } = recorder(store);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      store.subscribe(() => {
        throw new Error('boom');
      });
      const second = recorder(store);
      store.loading('a/');
      expect(second.calls).toHaveLength(1);
      expect(errors).toHaveBeenCalledTimes(1);
    } finally {
      errors.mockRestore();
    }
    unsubscribe();
    store.loading('b/');
    expect(calls).toHaveLength(1);
  });

  it('applies commands as a pure function of (snapshot, command)', async () => {
    const b = await bundle('small');
    const loaded = apply(emptySnapshot, { type: 'load', bundle: b });
    const key = cellKey('border-checks', 'north');
    const selected = apply(loaded, { type: 'select', cell: key });
    expect(loaded.selection).toBeUndefined();
    expect(selected.selection).toBe(key);
    expect(apply(selected, { type: 'select', cell: key })).toBe(selected);
    expect(emptySnapshot.status).toBe('empty');

    const store = new MatrixStore();
    store.dispatch({ type: 'load', bundle: b });
    store.dispatch({ type: 'select', cell: key });
    expect(store.snapshot.selection).toBe(key);
  });
});
