/** Attaching a rule to a cell is an edit like any other: the cell takes the value the data gives, undo puts both back. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderReader } from '../../src/cli/node-reader.ts';
import { computedOf } from '../../src/model/check/check.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import { cellKey } from '../../src/model/types.ts';
import { MatrixStore } from '../../src/state/store.ts';

const fixture = join(import.meta.dirname, '..', 'fixtures', 'matrices', 'dataset');
const CATEGORIES = 'free=visa free|eta|{number}; visa=visa required|e-visa; {leave out}=-1';
const rule = (over: Record<string, string> = {}) => ({
  source: 'visas', rule: 'count' as const, column: 'Requirement', categories: CATEGORIES, filter: 'Destination=Southland', category: 'visa',
  entityColumn: '', a: '', b: '', over: '', levels: '', decimals: '', note: '', ...over,
});

async function store(): Promise<MatrixStore> {
  const s = new MatrixStore();
  s.load(await readMatrix(folderReader(fixture), 'dataset'));
  return s;
}

describe('set-computed: a rule attached to a cell', () => {
  it('computes the cell from the data (supported, with the rows as its evidence), saved in computed.csv; one undo takes both back', async () => {
    const s = await store();
    const before = saveMatrix(s.snapshot.matrix!);
    const cell = () => s.snapshot.matrix!.cells.find((c) => c.dimension === 'visa-needed' && c.jurisdiction === 'south')!;
    expect(cell()).toMatchObject({ value: '', status: 'not_in_source' });
    const result = s.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', rule: rule() });
    expect(result.ok).toBe(true);
    expect(cell()).toMatchObject({ value: '2', status: 'supported' });
    const check = computedOf(s.snapshot.check, 'visa-needed', 'south')!;
    expect(check.status).toBe('matches');
    expect(check.result?.ok && check.result.rows.length).toBe(2);
    expect(s.snapshot.check!.cells.get(cellKey('visa-needed', 'south'))).toBe('supported');
    expect(saveMatrix(s.snapshot.matrix!)['computed.csv']).toContain('visa-needed,south,1,visas,count,Requirement');
    s.undo();
    expect(cell()).toMatchObject({ value: '', status: 'not_in_source' });
    expect(computedOf(s.snapshot.check, 'visa-needed', 'south')).toBeUndefined();
    expect(saveMatrix(s.snapshot.matrix!)).toEqual(before);
    s.redo();
    expect(cell().value).toBe('2');
  });

  it('refuses a rule that cannot be computed, saying why, and changes nothing', async () => {
    const s = await store();
    const before = saveMatrix(s.snapshot.matrix!);
    const wrongColumn = s.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', rule: rule({ column: 'Visa' }) });
    expect(wrongColumn).toMatchObject({ ok: false, message: 'the dataset has no column "Visa" (its columns: Passport, Destination, Requirement)' });
    const notMapped = s.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', rule: rule({ categories: 'visa=visa required' }) });
    expect(notMapped.ok).toBe(false);
    expect((notMapped as { message: string }).message).toMatch(/in no category of the rule/);
    expect(saveMatrix(s.snapshot.matrix!)).toEqual(before);
  });

  it('takes a rule off: the value stays, no longer recomputed; undo attaches it again', async () => {
    const s = await store();
    expect(s.edit({ type: 'set-computed', dimension: 'same-visa', jurisdiction: 'north', rule: undefined }).ok).toBe(true);
    expect(computedOf(s.snapshot.check, 'same-visa', 'north')).toBeUndefined();
    expect(s.snapshot.matrix!.cells.find((c) => c.dimension === 'same-visa' && c.jurisdiction === 'north')!.value).toBe('3');
    s.undo();
    expect(computedOf(s.snapshot.check, 'same-visa', 'north')?.status).toBe('matches');
  });
});
