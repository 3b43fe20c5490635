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

describe('set-computed on a cell in time: the rule is of the period edited', () => {
  /** visa-needed × south in two periods: 2003 (as loaded) and 2025 (added). */
  async function inTime(): Promise<MatrixStore> {
    const s = await store();
    expect(s.edit({ type: 'set-cell', dimension: 'visa-needed', jurisdiction: 'south', set: { observed: '2003' } }).ok).toBe(true);
    expect(s.edit({ type: 'add-period', dimension: 'visa-needed', jurisdiction: 'south', copy: true, set: { observed: '2025' } }).ok).toBe(true);
    return s;
  }
  const entries = (s: MatrixStore) => s.snapshot.matrix!.cells.filter((c) => c.dimension === 'visa-needed' && c.jurisdiction === 'south').map((c) => `${c.period} ${c.observed}: ${c.value || '-'} ${c.status}`);

  it('as of 2010 the form edits period 1: the rule is attached to it, and period 2 is left as it was', async () => {
    const s = await inTime();
    expect(s.setAsOf('2010').ok).toBe(true);
    expect(s.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', rule: rule() }).ok).toBe(true);
    expect(entries(s)).toEqual(['1 2003: 2 supported', '2 2025: - not_in_source']);
    expect(saveMatrix(s.snapshot.matrix!)['computed.csv']).toContain('visa-needed,south,1,visas,count');
    expect(computedOf(s.snapshot.check, 'visa-needed', 'south', 1)?.status).toBe('matches');
    expect(computedOf(s.snapshot.check, 'visa-needed', 'south', 2)).toBeUndefined();
  });

  it('with no date (the latest shown) it edits period 2; taking the rule off takes off that period\'s rule only', async () => {
    const s = await inTime();
    expect(s.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', rule: rule() }).ok).toBe(true);
    expect(entries(s)).toEqual(['1 2003: - not_in_source', '2 2025: 2 supported']);
    expect(saveMatrix(s.snapshot.matrix!)['computed.csv']).toContain('visa-needed,south,2,visas,count');
    expect(s.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', period: 1, rule: rule({ category: 'free' }) }).ok).toBe(true);
    expect(s.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', rule: undefined }).ok).toBe(true);
    expect(computedOf(s.snapshot.check, 'visa-needed', 'south', 2)).toBeUndefined();
    expect(computedOf(s.snapshot.check, 'visa-needed', 'south', 1)?.rule.category).toBe('free');
    // A period the pair does not have is refused.
    expect(s.edit({ type: 'set-computed', dimension: 'visa-needed', jurisdiction: 'south', period: 3, rule: rule() })).toMatchObject({ ok: false, message: 'cell (visa-needed, south) has no period 3' });
  });
});
