import { beforeAll, describe, expect, it, vi } from 'vitest';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { Autosave } from '../../src/state/autosave.ts';
import { MemoryDraftStorage } from '../../src/state/draft-storage.ts';
import { Fnv1a64, draftKey } from '../../src/state/matrix-identity.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { smallMatrixTexts, textsReader } from './support/small-matrix.ts';
import { newSourceFromFile } from '../../src/model/sources/new-source.ts';
import { handPdf } from './support/pdf-writer.ts';
import { newMatrixBundle } from '../../src/model/create/bundle.ts';
import { newMatrix } from '../../src/model/create/new-matrix.ts';

const bundle = (): Promise<MatrixBundle> => readMatrix(textsReader(smallMatrixTexts()), 'small');
/** Drafts of the small matrix are kept under its name and the digest of its canonical files. */
let SMALL_KEY = '';
beforeAll(async () => {
  SMALL_KEY = await draftKey('small', saveMatrix((await bundle()).matrix));
});
const draft = (storage: MemoryDraftStorage) => storage.records.get(SMALL_KEY);
const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!ok()) throw new Error(`timed out: ${what}`);
};

async function editor(storage: MemoryDraftStorage, channel?: string) {
  const store = new MatrixStore();
  const autosave = new Autosave(store, { storage, channel, now: () => 1_700_000_000_000 });
  store.load(await bundle(), 'small/');
  await autosave.settled();
  return { store, autosave };
}

describe('Autosave', () => {
  it('saves every edit as the canonical files, restores them on the next load, and discards them', async () => {
    const storage = new MemoryDraftStorage();
    const a = await editor(storage);
    expect(storage.records.size).toBe(0);
    a.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'kept' } });
    await a.autosave.settled();
    const record = draft(storage)!;
    expect(record.revision).toBe(1);
    expect(record.files).toEqual(saveMatrix(a.store.snapshot.matrix!));
    expect(record.history?.map((h) => h.label)).toEqual(['Edit Safe third country — North']);
    expect(a.autosave.state.savedAt).toBe(1_700_000_000_000);
    a.autosave.dispose();

    const b = await editor(storage);
    expect(b.autosave.state.restored).toEqual({ savedAt: 1_700_000_000_000 });
    expect(saveMatrix(b.store.snapshot.matrix!)).toEqual(record.files);
    expect(b.store.snapshot.edits.history).toHaveLength(1);
    expect(b.store.snapshot.sourceTexts.size).toBe(1);
    await b.autosave.discard();
    expect(draft(storage)!.files).toBeUndefined();
    expect(b.store.snapshot.index!.cells.get('stc\u0000north')!.note).toBe('');
    expect(b.autosave.state.restored).toBeUndefined();
    b.autosave.dispose();

    const c = await editor(storage);
    expect(c.autosave.state.restored).toBeUndefined();
    c.autosave.dispose();
  });

  it('keeps an added source in the draft: its text, map and original come back with it', async () => {
    const storage = new MemoryDraftStorage();
    const a = await editor(storage);
    const pdf = handPdf({ pages: [['First page.'], ['Second page of the report.']] });
    const { edit } = await newSourceFromFile(a.store.snapshot.matrix!, pdf, 'report.pdf');
    expect(a.store.edit(edit)).toEqual({ ok: true });
    await a.autosave.settled();
    a.autosave.dispose();

    const b = await editor(storage);
    expect(b.autosave.state.restored).toBeDefined();
    const s = b.store.snapshot;
    expect(s.matrix!.sources.map((x) => x.id).sort()).toEqual(['report', 'src']);
    expect(s.sourceTexts.get('report')).toContain('Second page of the report.');
    expect(s.sourceTexts.get('src')).toBe(smallMatrixTexts()['source.txt']);
    expect(s.sourceMaps.get('report')!.pages).toHaveLength(2);
    expect(s.sourceFiles.get('sources/report.pdf')).toEqual(pdf);
    b.autosave.dispose();
  });

  it('keeps an edit made while a stored draft is still being compared: the edit wins and replaces the draft', async () => {
    const storage = new MemoryDraftStorage();
    const a = await editor(storage);
    a.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'from the draft' } });
    await a.autosave.settled();
    a.autosave.dispose();

    const store = new MatrixStore();
    const autosave = new Autosave(store, { storage, now: () => 1_700_000_000_001 });
    store.load(await bundle(), 'small/');
    // The draft has been read; its files are being compared (after the page is idle).
    await new Promise((r) => setTimeout(r, 20));
    store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'typed meanwhile' } });
    await autosave.settled();
    expect(store.snapshot.index!.cells.get('stc\u0000north')!.note).toBe('typed meanwhile');
    expect(autosave.state.restored).toBeUndefined();
    expect(draft(storage)!.files).toEqual(saveMatrix(store.snapshot.matrix!));
    autosave.dispose();
  });

  it('saves a matrix made by New matrix and edited at once, and the edit made just before it on the matrix it replaced', async () => {
    const storage = new MemoryDraftStorage();
    const store = new MatrixStore();
    const autosave = new Autosave(store, { storage, now: () => 1_700_000_000_000 });
    store.load(await bundle(), 'small/');
    // Edited before its key is known (its files are still being written and hashed).
    store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'typed before New matrix' } });
    // New matrix: no files of its own anywhere, edited at once.
    const made = newMatrix({ title: 'A new one', jurisdictions: [{ label: 'East' }], dimensions: [{ label: 'Visa', valueType: 'text' }] }, { requireRows: true });
    if (!made.ok) throw new Error('not made');
    store.load(newMatrixBundle(made.matrix), 'new matrix a-new-one (1)');
    const dimension = store.snapshot.matrix!.dimensions[0].id;
    store.edit({ type: 'set-dimension', id: dimension, set: { label: 'Border integration' } });
    await autosave.settled();
    expect(autosave.unsaved).toBe(false);
    expect(autosave.state.savedAt).toBe(1_700_000_000_000);
    const key = await draftKey(made.matrix.name, saveMatrix(made.matrix));
    expect(autosave.draftKey).toBe(key);
    expect(storage.records.get(key)?.files?.['dimensions.csv']).toContain('Border integration');
    // The small matrix's edit is in its own draft: opening it again restores it.
    expect(draft(storage)?.files?.['cells.csv']).toContain('typed before New matrix');
    autosave.dispose();
    const again = await editor(storage);
    expect(again.autosave.state.restored).toBeDefined();
    expect(again.store.snapshot.index!.cells.get('stc\u0000north')!.note).toBe('typed before New matrix');
    again.autosave.dispose();
  });

  it('never overwrites a newer draft: a stale editor is told, and can take over', async () => {
    const storage = new MemoryDraftStorage();
    const channel = `test-${Math.random()}`;
    const a = await editor(storage, channel);
    const b = await editor(storage, channel);
    a.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'A' } });
    await a.autosave.settled();
    await until(() => b.autosave.state.conflict !== undefined, 'B sees the conflict');
    b.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'B' } });
    await b.autosave.settled();
    expect(draft(storage)!.files!['cells.csv']).toContain(',A\n');
    await b.autosave.takeOver();
    expect(draft(storage)!.files!['cells.csv']).toContain(',B\n');
    await until(() => a.autosave.state.conflict !== undefined, 'A sees the conflict');
    a.autosave.dispose();
    b.autosave.dispose();
  });

  it('detects a stale base without notices, on the next write', async () => {
    const storage = new MemoryDraftStorage();
    const a = await editor(storage);
    const b = await editor(storage);
    a.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'A' } });
    await a.autosave.settled();
    b.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'B' } });
    await b.autosave.settled();
    expect(b.autosave.state.conflict).toBeDefined();
    expect(draft(storage)!.files!['cells.csv']).toContain(',A\n');
  });

  it('reports a failed write and keeps the edit', async () => {
    const storage = new MemoryDraftStorage();
    const a = await editor(storage);
    storage.failWith = Object.assign(new Error('quota exceeded'), { name: 'QuotaExceededError' });
    a.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'x' } });
    await a.autosave.settled();
    expect(a.autosave.state.failure).toBe('QuotaExceededError: quota exceeded');
    expect(a.store.snapshot.index!.cells.get('stc\u0000north')!.note).toBe('x');
    storage.failWith = undefined;
    a.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'y' } });
    await a.autosave.settled();
    expect(a.autosave.state.failure).toBeUndefined();
    expect(draft(storage)!.files!['cells.csv']).toContain(',y\n');
  });

  it('keys drafts by the matrix, not by how it was opened: a different matrix opened the same way never gets another one\'s draft', async () => {
    const storage = new MemoryDraftStorage();
    const open = async (texts: Record<string, string | undefined>, origin: string) => {
      const store = new MatrixStore();
      const autosave = new Autosave(store, { storage, now: () => 1_700_000_000_000 });
      store.load(await readMatrix(textsReader(texts), 'small'), origin);
      await autosave.settled();
      return { store, autosave };
    };
    const textsA = smallMatrixTexts();
    // Matrix B: another matrix of the same shape (one label differs), opened as "8 files" too.
    const textsB = smallMatrixTexts({ 'jurisdictions.csv': textsA['jurisdictions.csv']!.replace('North,Group A', 'Northern,Group A') });
    const a = await open(textsA, '8 files');
    expect(a.autosave.draftKey).toBe(SMALL_KEY);
    a.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'only in A' } });
    await a.autosave.settled();
    a.autosave.dispose();

    const b = await open(textsB, '8 files');
    expect(b.autosave.draftKey).toMatch(/^small#sha256:[0-9a-f]{64}$/);
    expect(b.autosave.draftKey).not.toBe(SMALL_KEY);
    expect(b.autosave.state.restored).toBeUndefined();
    expect(b.store.snapshot.index!.cells.get('stc\u0000north')!.note).toBe('');
    expect(b.store.snapshot.matrix!.jurisdictions[0].label).toBe('Northern');
    // B's own edit is its own draft; A's is untouched.
    b.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'only in B' } });
    await b.autosave.settled();
    b.autosave.dispose();
    expect(storage.records.size).toBe(2);
    expect(draft(storage)!.files!['cells.csv']).toContain('only in A');

    // A opened again, another way (a folder): its draft comes back.
    const again = await open(textsA, 'folder small');
    expect(again.autosave.state.restored).toBeDefined();
    expect(again.store.snapshot.index!.cells.get('stc\u0000north')!.note).toBe('only in A');
    again.autosave.dispose();
  });

  it('the same files give the same key, and any change of content another (with Web Crypto, and without)', async () => {
    const files = saveMatrix((await bundle()).matrix);
    const keys = async () => [
      await draftKey('small', { ...files }),
      await draftKey('small', { ...files, 'cells.csv': `${files['cells.csv']} ` }),
      await draftKey('other', files),
      // A file's text moved to another file is another matrix.
      await draftKey('small', { a: 'xy', b: '' }),
      await draftKey('small', { a: 'x', b: 'y' }),
    ];
    const sha = await keys();
    expect(sha[0]).toBe(SMALL_KEY);
    expect(new Set(sha).size).toBe(5);
    // A page served over plain HTTP from another host has no Web Crypto.
    vi.stubGlobal('crypto', undefined);
    try {
      const fnv = await keys();
      expect(fnv[0]).toMatch(/^small#fnv1a64:[0-9a-f]{16}$/);
      expect(await draftKey('small', { ...files })).toBe(fnv[0]);
      expect(new Set(fnv).size).toBe(5);
    } finally {
      vi.unstubAllGlobals();
    }
    // The published FNV-1a test vectors.
    const fnv1a = (text: string) => {
      const h = new Fnv1a64();
      for (const b of new TextEncoder().encode(text)) h.byte(b);
      return h.hex();
    };
    expect(fnv1a('')).toBe('cbf29ce484222325');
    expect(fnv1a('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a('foobar')).toBe('85944171f73967e8');
  });

  it('asks before the page is left while edits are held only in this tab (a failed write, a conflict, a write under way)', async () => {
    const storage = new MemoryDraftStorage();
    const unloadTarget = new EventTarget();
    const leave = () => !unloadTarget.dispatchEvent(new Event('beforeunload', { cancelable: true }));
    const store = new MatrixStore();
    const autosave = new Autosave(store, { storage, unloadTarget, now: () => 1_700_000_000_000 });
    store.load(await bundle(), 'small/');
    await autosave.settled();
    expect(leave()).toBe(false);

    // Storage fails: the edit is held only here.
    storage.failWith = new Error('quota exceeded');
    store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'x' } });
    expect(leave()).toBe(true);
    await autosave.settled();
    expect(autosave.state.failure).toBeDefined();
    expect(leave()).toBe(true);

    // Storage works again: once the next edit is written, nothing is held only here.
    storage.failWith = undefined;
    store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'y' } });
    await autosave.settled();
    expect(autosave.state.failure).toBeUndefined();
    expect(leave()).toBe(false);

    // Another tab wrote a newer draft: this tab's next edit is refused, and held here.
    const other = await editor(storage);
    other.store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'theirs' } });
    await other.autosave.settled();
    store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'mine' } });
    await autosave.settled();
    expect(autosave.state.conflict).toBeDefined();
    expect(leave()).toBe(true);
    await autosave.takeOver();
    expect(leave()).toBe(false);

    // Gone (the element removed): it no longer asks.
    storage.failWith = new Error('quota exceeded');
    store.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'z' } });
    expect(leave()).toBe(true);
    autosave.dispose();
    expect(leave()).toBe(false);
    other.autosave.dispose();
  });
});
