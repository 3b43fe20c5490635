import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { anchorCitation, CheckBuilder, checkMatrix, SourceIndexCache, type MatrixCheck } from '../../src/model/check/check.ts';
import { captureQuote } from '../../src/model/edit/cite.ts';
import type { EditCommand } from '../../src/model/edit/commands.ts';
import { cellHistory, historyCsv } from '../../src/model/edit/history.ts';
import { LayeredMap } from '../../src/model/collections/layered-map.ts';
import { LazyMap } from '../../src/model/collections/lazy-map.ts';
import { indexMatrix } from '../../src/model/edit/matrix-index.ts';
import { applyPatch } from '../../src/model/edit/patch.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { cellKey } from '../../src/model/types.ts';
import { DraftWriter } from '../../src/model/format/draft-writer.ts';
import { MatrixStore, apply, emptySnapshot, type Snapshot } from '../../src/state/store.ts';
import { SMALL_SOURCE, smallMatrixTexts, textsReader } from './support/small-matrix.ts';
import { withoutCodebook } from './support/problems.ts';

async function loaded(): Promise<Snapshot> {
  const bundle = await readMatrix(textsReader(smallMatrixTexts()), 'small');
  return apply(emptySnapshot, { type: 'load', bundle, origin: 'small/' });
}

/**
 * The small matrix loaded as a load in the worker gives it to the store: with its check, and
 * the cells by key read from what checking them found out (CheckBuilder.cellsByKey).
 */
async function loadedAsFromWorker(): Promise<Snapshot> {
  const bundle = await readMatrix(textsReader(smallMatrixTexts()), 'small');
  const cache = new SourceIndexCache();
  const builder = new CheckBuilder(bundle.matrix, (citation, i, anchors) => anchors.set(i, anchorCitation(citation, bundle.sourceTexts, cache)), { locations: bundle.locations });
  builder.step(Infinity);
  const index = indexMatrix(bundle.matrix, builder.cellsByKey());
  return apply(emptySnapshot, { type: 'load', bundle, origin: 'small/', check: builder.result(), index });
}

async function store(): Promise<MatrixStore> {
  return new MatrixStore(await loaded());
}

const key = cellKey;
const AT = Date.UTC(2025, 0, 2, 3, 4, 5);

/** A check as comparable data: statuses, anchors and coverage; problems without file lines. */
function comparable(check: MatrixCheck) {
  return {
    coverage: check.coverage,
    cells: [...check.cells.entries()].sort(),
    citations: [...check.citations.entries()]
      .map(([k, list]) => [k, list.map((c) => [c.citation.seq, c.citation.quote, c.anchor.status, c.anchor.range?.start ?? -1])] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    problems: check.problems.map((p) => `${p.file} ${p.message}`).sort(),
  };
}

describe('edits through the store', () => {
  it('changes a level, records old → new in the history, and re-checks the cell', async () => {
    const s = await store();
    const before = s.snapshot;
    expect(s.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { level: 'common' } }, AT)).toEqual({ ok: true });
    const after = s.snapshot;
    const cell = after.index!.cells.get(key('detention', 'north'))!;
    expect(cell.level).toBe('common');
    // The value only named the old level, so it follows the level.
    expect(cell.value).toBe('Common');
    expect(after.edits.history).toEqual([
      {
        id: 1, at: AT, action: 'edit', label: 'Edit Detention — North',
        changes: [
          { target: { kind: 'cell', dimension: 'detention', jurisdiction: 'north' }, field: 'value', old: 'Rare', new: 'Common' },
          { target: { kind: 'cell', dimension: 'detention', jurisdiction: 'north' }, field: 'level', old: 'rare', new: 'common' },
        ],
      },
    ]);
    expect(after.edits.last?.keys).toEqual(new Set([key('detention', 'north')]));
    // Unchanged tables are shared; the previous snapshot is untouched.
    expect(after.matrix!.citations).toBe(before.matrix!.citations);
    expect(before.index!.cells.get(key('detention', 'north'))!.level).toBe('rare');
    expect(comparable(after.check!)).toEqual(comparable(checkMatrix(after.matrix!, after.sourceTexts)));
  });

  it('refuses invalid input with a message and stores nothing', async () => {
    const s = await store();
    const before = s.snapshot;
    const refused = s.edit({ type: 'set-cell', dimension: 'year', jurisdiction: 'north', set: { value: '2004-13' } });
    expect(refused).toMatchObject({ ok: false, message: '"2004-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)' });
    expect(s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { value: 'maybe' } })).toMatchObject({ ok: false, message: '"maybe" is not yes or no' });
    expect(s.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { level: 'never' } })).toMatchObject({ ok: false });
    expect(s.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { status: 'not_in_source' } })).toMatchObject({ ok: false });
    expect(s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { value: 'yes' } })).toMatchObject({ ok: false, noop: true });
    expect(s.snapshot).toBe(before);
  });

  it('gives a value to a cell that was not in source as a draft', async () => {
    const s = await store();
    s.edit({ type: 'set-cell', dimension: 'year', jurisdiction: 'north', set: { value: '2004' } });
    const cell = s.snapshot.index!.cells.get(key('year', 'north'))!;
    expect(cell).toMatchObject({ value: '2004', status: 'draft' });
    expect(s.snapshot.check!.cells.get(key('year', 'north'))).toBe('flagged');
  });

  it('with a source text missing, an edit re-checks to the same: its citations unchecked, no problem per cell or citation', async () => {
    const bundle = await readMatrix(textsReader(smallMatrixTexts({ 'source.txt': undefined })), 'small');
    const s = new MatrixStore(apply(emptySnapshot, { type: 'load', bundle, origin: 'small/' }));
    const k = key('detention', 'north');
    expect(s.edit({ type: 'set-cell', dimension: 'detention', jurisdiction: 'north', set: { value: 'Seldom' } })).toEqual({ ok: true });
    expect(s.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'north', citation: { source: 'src', quote: 'Detention is rare.' } })).toEqual({ ok: true });
    expect(s.snapshot.check!.citations.get(k)!.map((c) => c.anchor.status)).toEqual(['unchecked', 'unchecked']);
    expect(s.snapshot.check!.cells.get(k)).toBe('flagged');
    expect(withoutCodebook(s.snapshot.check!.problems)).toEqual([]);
    expect(s.snapshot.check!.coverage).toMatchObject({ citations: 5, unchecked: 5, orphaned: 0, flagged: 4 });
    expect(comparable(s.snapshot.check!)).toEqual(comparable(checkMatrix(s.snapshot.matrix!, s.snapshot.sourceTexts)));
  });

  it('undoes and redoes, and a new edit clears the redo stack', async () => {
    const s = await store();
    const original = s.snapshot.matrix!;
    s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { value: 'no' } });
    s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: 'checked' } });
    expect(s.undo()).toBe(true);
    expect(s.snapshot.index!.cells.get(key('stc', 'north'))!.note).toBe('');
    expect(s.undo()).toBe(true);
    expect(s.snapshot.matrix).toEqual(original);
    expect(s.undo()).toBe(false);
    expect(s.redo()).toBe(true);
    expect(s.snapshot.index!.cells.get(key('stc', 'north'))!.value).toBe('no');
    expect(s.canRedo).toBe(true);
    s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'south', set: { value: 'no' } });
    expect(s.canRedo).toBe(false);
    expect(s.snapshot.edits.history.map((h) => h.action)).toEqual(['edit', 'edit', 'undo', 'undo', 'redo', 'edit']);
    expect(s.snapshot.edits.history[2].changes[0]).toMatchObject({ field: 'note', old: 'checked', new: '' });
  });

  it('a new load resets undo, redo and history', async () => {
    const s = await store();
    s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { value: 'no' } });
    s.load(await readMatrix(textsReader(smallMatrixTexts()), 'small'));
    expect(s.snapshot.edits).toMatchObject({ undo: [], redo: [], history: [], version: 0 });
  });

  it('adds, edits, reorders and removes citations, each anchored at once', async () => {
    const s = await store();
    const k = key('detention', 'north');
    s.edit({ type: 'add-citation', dimension: 'detention', jurisdiction: 'north', citation: { source: 'src', quote: 'Detention is rare.' } });
    let list = s.snapshot.check!.citations.get(k)!;
    expect(list.map((c) => [c.citation.seq, c.anchor.status])).toEqual([[1, 'found'], [2, 'found']]);
    s.edit({ type: 'set-citation', dimension: 'detention', jurisdiction: 'north', seq: 2, set: { quote: 'Detention is never used' } });
    expect(s.snapshot.check!.citations.get(k)![1].anchor.status).toBe('orphaned');
    s.edit({ type: 'move-citation', dimension: 'detention', jurisdiction: 'north', seq: 2, to: 0 });
    list = s.snapshot.check!.citations.get(k)!;
    expect(list.map((c) => [c.citation.seq, c.citation.quote])).toEqual([[1, 'Detention is never used'], [2, 'Detention of claimants is rare in the north']]);
    s.edit({ type: 'remove-citation', dimension: 'detention', jurisdiction: 'north', seq: 1 });
    list = s.snapshot.check!.citations.get(k)!;
    expect(list.map((c) => [c.citation.seq, c.anchor.status])).toEqual([[1, 'found']]);
    expect(comparable(s.snapshot.check!)).toEqual(comparable(checkMatrix(s.snapshot.matrix!, s.snapshot.sourceTexts)));
  });

  it('adds dimensions and jurisdictions with not_in_source cells, and removes them with their cells and citations', async () => {
    const s = await store();
    s.edit({ type: 'add-dimension', dimension: { id: 'visa', label: 'Visa', valueType: 'boolean' } });
    s.edit({ type: 'add-jurisdiction', jurisdiction: { id: 'east', label: 'East' } });
    const m = s.snapshot.matrix!;
    expect(m.cells.filter((c) => c.dimension === 'visa').map((c) => [c.jurisdiction, c.status])).toEqual([['north', 'not_in_source'], ['south', 'not_in_source'], ['east', 'not_in_source']]);
    expect(m.cells.filter((c) => c.jurisdiction === 'east')).toHaveLength(4);
    expect(s.snapshot.check!.coverage.cells).toBe(12);
    expect(s.edit({ type: 'add-dimension', dimension: { id: 'visa', label: 'Again', valueType: 'text' } })).toMatchObject({ ok: false, message: 'there is already a dimension "visa"' });

    s.edit({ type: 'move-dimension', id: 'visa', to: 0 });
    expect([...s.snapshot.matrix!.dimensions].sort((a, b) => a.order - b.order).map((d) => d.id)).toEqual(['visa', 'stc', 'detention', 'year']);
    s.edit({ type: 'set-jurisdiction', id: 'east', set: { label: 'Eastland' } });
    expect(s.snapshot.index!.jurisdictions.get('east')!.label).toBe('Eastland');

    s.edit({ type: 'remove-dimension', id: 'stc' });
    expect(s.snapshot.matrix!.cells.some((c) => c.dimension === 'stc')).toBe(false);
    expect(s.snapshot.matrix!.citations.some((c) => c.dimension === 'stc')).toBe(false);
    expect(s.snapshot.edits.history.at(-1)!.label).toBe('Remove dimension Safe third country (with 3 cells and 2 citations)');
    expect(comparable(s.snapshot.check!)).toEqual(comparable(checkMatrix(s.snapshot.matrix!, s.snapshot.sourceTexts)));
    // The saved files load back without errors.
    const files = saveMatrix(s.snapshot.matrix!);
    const back = await readMatrix(textsReader({ ...files, 'source.txt': SMALL_SOURCE }), 'small');
    expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('keeps the selection across edits while the cell exists', async () => {
    const s = await store();
    s.select(key('stc', 'north'));
    s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { value: 'no' } });
    expect(s.snapshot.selection).toBe(key('stc', 'north'));
    s.edit({ type: 'remove-jurisdiction', id: 'north' });
    expect(s.snapshot.selection).toBeUndefined();
    s.undo();
    expect(s.snapshot.matrix!.jurisdictions.map((j) => j.id)).toEqual(['north', 'south']);
  });
});

describe('history', () => {
  it('lists a cell\'s changes, newest first, and writes formula-safe CSV', async () => {
    const s = await store();
    s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'north', set: { note: '=HYPERLINK("http://x")' } }, AT);
    s.edit({ type: 'set-cell', dimension: 'stc', jurisdiction: 'south', set: { value: 'no' } }, AT + 1000);
    s.undo(AT + 2000);
    const history = s.snapshot.edits.history;
    expect(cellHistory(history, key('stc', 'south')).map((e) => e.action)).toEqual(['undo', 'edit']);
    const csv = historyCsv(history);
    expect(csv.split('\n')[0]).toBe('entry,time,action,what,target,dimension,jurisdiction,period,citation,scale,level,source,field,old,new');
    expect(csv).toContain(`1,2025-01-02T03:04:05.000Z,edit,Edit Safe third country — North,cell,stc,north,1,,,,,note,,"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('3,2025-01-02T03:04:07.000Z,undo,Undo: Edit Safe third country — South,cell,stc,south,1,,,,,value,no,yes');
  });

  it('names the source a change is about in a column of its own', () => {
    const csv = historyCsv([{
      id: 1, at: AT, action: 'edit', label: 'Replace source Report',
      changes: [{ target: { kind: 'source', id: 'report-2005' }, field: 'path', old: 'sources/report.txt', new: 'sources/report-2.txt' }],
    }]);
    const [header, row] = csv.trim().split('\n');
    expect(header).toBe('entry,time,action,what,target,dimension,jurisdiction,period,citation,scale,level,source,field,old,new');
    expect(row).toBe('1,2025-01-02T03:04:05.000Z,edit,Replace source Report,source,,,,,,,report-2005,path,sources/report.txt,sources/report-2.txt');
  });
});

describe('cite by selection', () => {
  const index = new SourceIndex(SMALL_SOURCE);
  const select = (text: string, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = SMALL_SOURCE.indexOf(text, at + 1);
    return [at, at + text.length] as const;
  };

  it('takes the selected text as the quote, with no context when it occurs once', () => {
    const [s, e] = select(' safe third country agreement ');
    const c = captureQuote(index, s, e)!;
    expect(c).toMatchObject({ quote: 'safe third country agreement', prefix: '', suffix: '' });
    expect(c.anchor.status).toBe('found');
    expect(c.range).toEqual({ start: s + 1, end: e - 1 });
  });

  it('joins print line breaks and end-of-line hyphens', () => {
    const [s, e] = select('rare in the north but com-\nmon');
    expect(captureQuote(index, s, e)).toMatchObject({ quote: 'rare in the north but common', anchor: { status: 'found' } });
  });

  it('adds a prefix or suffix, cut at word boundaries, when the quote alone is ambiguous', () => {
    const [s, e] = select('is harmonized across the union', 1);
    const c = captureQuote(index, s, e)!;
    expect(c.anchor.status).toBe('found');
    expect(c.anchor.range!.start).toBe(s);
    expect(c.prefix + c.suffix).not.toBe('');
    expect(c.prefix === '' || SMALL_SOURCE.replace(/\s+/g, ' ').includes(c.prefix)).toBe(true);
    // Same text, first place: told apart too.
    const [s0, e0] = select('is harmonized across the union', 0);
    const first = captureQuote(index, s0, e0)!;
    expect(first.anchor).toMatchObject({ status: 'found', range: { start: s0 } });
  });

  it('returns nothing for a selection of white space', () => {
    expect(captureQuote(index, 0, 0)).toBeUndefined();
    const nl = SMALL_SOURCE.indexOf('\n');
    expect(captureQuote(index, nl, nl + 1)).toBeUndefined();
  });
});

describe('LayeredMap', () => {
  it('reads, iterates and derives copies without touching the original', () => {
    const base = LayeredMap.from(new Map([['a', 1], ['b', 2]]));
    const next = base.with([['b', 3], ['c', 4], ['a', undefined]]);
    expect([...base]).toEqual([['a', 1], ['b', 2]]);
    expect([...next]).toEqual([['b', 3], ['c', 4]]);
    expect(next.size).toBe(2);
    expect(next.has('a')).toBe(false);
    expect(next.get('c')).toBe(4);
    expect(() => next.set('d', 5)).toThrow(TypeError);
    expect(next instanceof Map).toBe(true);
  });

  it('matches a plain Map under any sequence of changes (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.option(fc.integer(), { nil: undefined })), { maxLength: 30 }), { maxLength: 40 }), (batches) => {
        let layered = LayeredMap.from(new Map<number, number>([[1, 1], [2, 2]]));
        const plain = new Map<number, number>([[1, 1], [2, 2]]);
        for (const batch of batches) {
          layered = layered.with(batch);
          for (const [k, v] of batch) {
            if (v === undefined) plain.delete(k);
            else plain.set(k, v);
          }
          expect(layered.size).toBe(plain.size);
          expect(new Map(layered)).toEqual(plain);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('folds its changes when they grow many, over a plain base and over one whose values are made when asked for, without making them all', () => {
    /** A base whose values are looked up when asked for, counting the times it is gone through whole. */
    class OnDemand extends LazyMap<number, number> {
      walked = 0;
      constructor(private readonly data: ReadonlyMap<number, number>) {
        super();
        this.seal();
      }
      protected find(key: number) { return this.data.get(key); }
      protected holds(key: number) { return this.data.has(key); }
      protected count() { return this.data.size; }
      protected *all(): IterableIterator<[number, number]> {
        this.walked++;
        yield* this.data;
      }
    }
    const start = new Map(Array.from({ length: 2000 }, (_, i) => [i, i] as [number, number]));
    fc.assert(
      fc.property(fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.option(fc.integer(), { nil: undefined })), { minLength: 50, maxLength: 400 }), { minLength: 1, maxLength: 12 }), (batches) => {
        const onDemand = new OnDemand(start);
        let overPlain = LayeredMap.from(new Map(start));
        let overOnDemand = LayeredMap.from(onDemand);
        const plain = new Map(start);
        for (const batch of batches) {
          overPlain = overPlain.with(batch);
          overOnDemand = overOnDemand.with(batch);
          for (const [k, v] of batch) {
            if (v === undefined) plain.delete(k);
            else plain.set(k, v);
          }
          expect(overPlain.size).toBe(plain.size);
          expect(overOnDemand.size).toBe(plain.size);
          for (let k = 0; k <= 3000; k += 7) {
            expect(overOnDemand.get(k)).toBe(plain.get(k));
            expect(overOnDemand.has(k)).toBe(plain.has(k));
          }
        }
        expect(onDemand.walked).toBe(0);
        expect(new Map(overPlain)).toEqual(plain);
        expect(new Map(overOnDemand)).toEqual(plain);
      }),
      // A failing case is reported as found: shrinking batches this large takes minutes.
      { numRuns: 60, endOnFailure: true },
    );
  });
});

/** Random edits of the small matrix: valid and invalid, cells, citations, rows and columns. */
function editArb(): fc.Arbitrary<EditCommand> {
  const dimension = fc.constantFrom('stc', 'detention', 'year', 'new-d', 'nope');
  const jurisdiction = fc.constantFrom('north', 'south', 'new-j', 'nope');
  const words = SMALL_SOURCE.split(/\s+/).filter(Boolean);
  const quote = fc.oneof(
    fc.tuple(fc.nat(words.length - 1), fc.integer({ min: 1, max: 8 })).map(([i, n]) => words.slice(i, i + n).join(' ')),
    fc.constantFrom('Detention is rare.', 'not in the source at all', 'visa policy is harmonized across the union', ''),
  );
  const seq = fc.integer({ min: 1, max: 4 });
  return fc.oneof(
    fc.record({
      type: fc.constant('set-cell' as const), dimension, jurisdiction,
      set: fc.record(
        {
          value: fc.constantFrom('', 'yes', 'no', '2004', '2004-13', 'Rare', 'free text'),
          level: fc.constantFrom('', 'rare', 'common', 'bad'),
          observed: fc.constantFrom('', '2001', 'x'),
          status: fc.constantFrom('supported' as const, 'draft' as const, 'not_in_source' as const),
          note: fc.constantFrom('', 'a note', '=1+1'),
        },
        { requiredKeys: [] },
      ),
    }),
    fc.record({ type: fc.constant('add-citation' as const), dimension, jurisdiction, citation: fc.record({ source: fc.constantFrom('src', 'src', 'other'), quote }) }),
    fc.record({ type: fc.constant('set-citation' as const), dimension, jurisdiction, seq, set: fc.record({ quote, prefix: fc.constantFrom('', 'the', 'Chapter one.') }, { requiredKeys: [] }) }),
    fc.record({ type: fc.constant('remove-citation' as const), dimension, jurisdiction, seq }),
    fc.record({ type: fc.constant('move-citation' as const), dimension, jurisdiction, seq, to: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ type: fc.constant('add-dimension' as const), dimension: fc.record({ id: fc.constantFrom('new-d', 'stc', 'bad id'), label: fc.constantFrom('New', ''), valueType: fc.constantFrom('text' as const, 'ordinal' as const), scale: fc.constantFrom('frequency', 'none') }) }),
    fc.record({ type: fc.constant('add-jurisdiction' as const), jurisdiction: fc.record({ id: fc.constantFrom('new-j', 'north'), label: fc.constant('New') }) }),
    fc.record({ type: fc.constant('set-dimension' as const), id: dimension, set: fc.record({ label: fc.constantFrom('Renamed', ''), theme: fc.constant('T') }, { requiredKeys: [] }) }),
    fc.record({ type: fc.constant('set-jurisdiction' as const), id: jurisdiction, set: fc.record({ label: fc.constantFrom('Renamed', ''), group: fc.constant('G') }, { requiredKeys: [] }) }),
    fc.record({ type: fc.constant('move-dimension' as const), id: dimension, to: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ type: fc.constant('move-jurisdiction' as const), id: jurisdiction, to: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ type: fc.constant('remove-dimension' as const), id: dimension }),
    fc.record({ type: fc.constant('remove-jurisdiction' as const), id: jurisdiction }),
  );
}

describe('edits, undo and redo (property)', () => {
  it('any sequence of edits then undo all gives back the original matrix; redo all gives the edited one; the incremental check always equals a full check', async () => {
    const start = await loaded();
    // Every third run starts as a load in the worker leaves the store (its cells by key read from the check).
    const fromWorker = await loadedAsFromWorker();
    expect([...fromWorker.index!.cells]).toEqual([...start.index!.cells]);
    const originalFiles = saveMatrix(start.matrix!);
    await fc.assert(
      fc.asyncProperty(fc.array(editArb(), { minLength: 1, maxLength: 30 }), async (edits) => {
        const base = edits.length % 3 === 0 ? fromWorker : start;
        const original = base.matrix!;
        let s = base;
        // Blocks of one to four lines: a small matrix's tables span several (see DraftWriter).
        const writer = new DraftWriter(1 + (edits.length % 4));
        if (edits.length % 2 === 0) {
          // Primed in steps (as the autosave does after a load), then patched by each edit.
          let pauses = 0;
          await writer.prime(s.matrix!, async () => (pauses++, true), 3);
          expect(pauses).toBeGreaterThan(2);
          expect(writer.files(s.matrix!)).toEqual(saveMatrix(s.matrix!));
        }
        edits.forEach((edit, i) => {
          s = apply(s, { type: 'edit', edit, at: i });
          // The autosave's incremental writer gives the canonical files.
          expect(writer.files(s.matrix!)).toEqual(saveMatrix(s.matrix!));
          expect(comparable(s.check!)).toEqual(comparable(checkMatrix(s.matrix!, s.sourceTexts)));
          expect([...s.index!.cells].sort()).toEqual([...indexMatrix(s.matrix!).cells].sort());
        });
        const edited = s.matrix!;
        const editedFiles = saveMatrix(edited);
        const steps = s.edits.undo.length;
        for (let i = 0; i < steps; i++) s = apply(s, { type: 'undo', at: 0 });
        expect(s.edits.undo).toHaveLength(0);
        expect(s.matrix).toEqual(original);
        for (const table of ['cells', 'citations', 'dimensions', 'jurisdictions'] as const) {
          s.matrix![table].forEach((row, i) => expect(row).toBe(original[table][i]));
        }
        expect(saveMatrix(s.matrix!)).toEqual(originalFiles);
        expect(comparable(s.check!)).toEqual(comparable(base.check!));
        for (let i = 0; i < steps; i++) s = apply(s, { type: 'redo', at: 0 });
        expect(saveMatrix(s.matrix!)).toEqual(editedFiles);
        expect(s.matrix).toEqual(edited);
      }),
      { numRuns: 200 },
    );
  });

  it('a patch and its inverse are exact', async () => {
    const { matrix } = await loaded();
    const m = matrix!;
    const cell = m.cells[2];
    const { matrix: next, inverse } = applyPatch(m, { cells: { replace: [[cell, { ...cell, value: 'x' }]], remove: [m.cells[0]], insert: [[5, { ...cell, jurisdiction: 'z' }]] } });
    expect(next.cells).toHaveLength(m.cells.length);
    expect(next.citations).toBe(m.citations);
    expect(applyPatch(next, inverse).matrix).toEqual(m);
  });
});
