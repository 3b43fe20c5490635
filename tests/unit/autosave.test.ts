import { describe, expect, it } from 'vitest';
import { readMatrix, type MatrixBundle } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { Autosave } from '../../src/state/autosave.ts';
import { MemoryDraftStorage } from '../../src/state/draft-storage.ts';
import { MatrixStore } from '../../src/state/store.ts';
import { smallMatrixTexts, textsReader } from './support/small-matrix.ts';
import { newSourceFromFile } from '../../src/model/sources/new-source.ts';
import { handPdf } from './support/pdf-writer.ts';

const bundle = (): Promise<MatrixBundle> => readMatrix(textsReader(smallMatrixTexts()), 'small');
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
    const record = storage.records.get('small/')!;
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
    expect(storage.records.get('small/')!.files).toBeUndefined();
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
    expect(storage.records.get('small/')!.files).toEqual(saveMatrix(store.snapshot.matrix!));
    autosave.dispose();
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
    expect(storage.records.get('small/')!.files!['cells.csv']).toContain(',A\n');
    await b.autosave.takeOver();
    expect(storage.records.get('small/')!.files!['cells.csv']).toContain(',B\n');
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
    expect(storage.records.get('small/')!.files!['cells.csv']).toContain(',A\n');
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
    expect(storage.records.get('small/')!.files!['cells.csv']).toContain(',y\n');
  });
});
