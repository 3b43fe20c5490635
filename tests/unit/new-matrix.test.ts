/**
 * A new matrix (src/model/create/): ids made from labels, a `not_in_source` cell for every
 * pair, problems named by field, the structure of another matrix without its cells' values,
 * citations or (unless asked) sources — and files that load and check with no error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMatrix } from '../../src/model/check/check.ts';
import { assignIds, slugOf } from '../../src/model/create/ids.ts';
import { newMatrix, structureOf, type NewMatrixSpec } from '../../src/model/create/new-matrix.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { readMatrix } from '../../src/model/format/read.ts';
import { saveMatrix } from '../../src/model/format/save.ts';
import type { Matrix } from '../../src/model/types.ts';
import { smallMatrixTexts, textsReader } from './support/small-matrix.ts';

const root = join(import.meta.dirname, '..', '..');

const spec: NewMatrixSpec = {
  title: '  Asylum in the Americas ',
  description: 'Who detains claimants.',
  jurisdictions: [{ label: 'Québec', group: 'North' }, { label: 'Nueva León', group: 'South' }],
  dimensions: [
    { label: 'Detention of claimants', definition: 'How often claimants are detained', valueType: 'ordinal', scale: 'frequency' },
    { label: 'Appeal deadline', valueType: 'number', unit: 'days' },
  ],
  scales: [{ id: 'frequency', levels: [{ label: 'Rare' }, { label: 'Common', definition: 'Routinely used' }, { label: 'Systematic' }] }],
};

/** The matrix as saved, loaded again, and checked: its problems. */
function problemsAfterSaving(matrix: Matrix, texts: ReadonlyMap<string, string> = new Map()) {
  const loaded = loadMatrix(matrix.name, saveMatrix(matrix));
  const check = checkMatrix(loaded.matrix, texts, { locations: loaded.locations });
  return { loaded, problems: [...loaded.problems, ...check.problems], check };
}

describe('ids from labels', () => {
  it('are lower case, without accents, words joined by "-"', () => {
    expect(slugOf('European Union')).toBe('european-union');
    expect(slugOf('Québec (province)')).toBe('quebec-province');
    expect(slugOf('  ¿Sí?  ')).toBe('si');
    expect(slugOf('—')).toBe('');
    expect(slugOf('A very long label that goes on and on past any reasonable identifier length').length).toBeLessThanOrEqual(48);
  });

  it('keep ids given, make the others unique, and number rows without a usable label', () => {
    expect(assignIds([{ label: 'Canada' }, { label: 'Canada' }, { id: 'canada-2', label: 'x' }, { label: '' }], 'j')).toEqual(['canada', 'canada-3', 'canada-2', 'j4']);
  });
});

describe('newMatrix', () => {
  it('makes jurisdictions, dimensions and scale levels in the order given, every cell not in source', () => {
    const made = newMatrix(spec);
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    const m = made.matrix;
    expect(m.name).toBe('asylum-in-the-americas');
    expect(m.title).toBe('Asylum in the Americas');
    expect(m.jurisdictions.map((j) => [j.id, j.label, j.group, j.order])).toEqual([['quebec', 'Québec', 'North', 1], ['nueva-leon', 'Nueva León', 'South', 2]]);
    expect(m.dimensions.map((d) => [d.id, d.valueType, d.scale, d.unit, d.order])).toEqual([
      ['detention-of-claimants', 'ordinal', 'frequency', '', 1],
      ['appeal-deadline', 'number', '', 'days', 2],
    ]);
    expect(m.levels.map((l) => [l.scale, l.rank, l.id, l.label, l.definition])).toEqual([
      ['frequency', 1, 'rare', 'Rare', ''],
      ['frequency', 2, 'common', 'Common', 'Routinely used'],
      ['frequency', 3, 'systematic', 'Systematic', ''],
    ]);
    expect(m.cells).toHaveLength(4);
    expect(m.cells.every((c) => c.status === 'not_in_source' && c.value === '' && c.level === '' && c.note === '')).toBe(true);
    expect(m.citations).toEqual([]);
    expect(m.sources).toEqual([]);
  });

  it('saves files that load and check with no problem at all (no sources yet)', () => {
    const made = newMatrix(spec);
    if (!made.ok) throw new Error('refused');
    const { problems, loaded, check } = problemsAfterSaving(made.matrix);
    expect(problems).toEqual([]);
    expect(loaded.matrix.title).toBe('Asylum in the Americas');
    expect(check.coverage).toMatchObject({ cells: 4, notInSource: 4, supported: 0, flagged: 0, citations: 0 });
    // Saved again, the same bytes: the new matrix is in canonical form.
    expect(saveMatrix(loaded.matrix)).toEqual(saveMatrix(made.matrix));
  });

  it('names each problem by its field and makes nothing', () => {
    const made = newMatrix({
      title: ' ',
      jurisdictions: [{ id: 'north', label: 'North' }, { id: 'north', label: '' }, { id: 'has space', label: 'X' }],
      dimensions: [{ label: 'Detention', valueType: 'ordinal' }, { label: 'Level', valueType: 'ordinal', scale: 'nowhere' }, { label: 'Kind', valueType: 'colour' as never }],
      scales: [{ id: 'empty', levels: [] }, { id: 'empty', levels: [{ label: '' }] }],
    }, { requireRows: true });
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(made.problems).toEqual([
      { at: 'title', message: 'the matrix needs a title' },
      { at: 'jurisdictions.1.id', message: 'the jurisdiction id "north" is used twice (also by jurisdiction 1)' },
      { at: 'jurisdictions.2.id', message: 'the jurisdiction id "has space" should be letters, digits, "-", "_", "." or ":", starting with a letter or digit, with no spaces' },
      { at: 'jurisdictions.1.label', message: 'jurisdiction 2 needs a label' },
      { at: 'scales.1.id', message: 'the scale id "empty" is used twice' },
      { at: 'scales.0.levels', message: 'scale "empty" needs at least one level' },
      { at: 'scales.1.levels.0.label', message: 'level 1 of scale "empty" needs a label' },
      { at: 'dimensions.0.scale', message: 'dimension "Detention" has levels of a scale: choose or define its scale' },
      { at: 'dimensions.1.scale', message: 'there is no scale "nowhere" for dimension "Level"' },
      { at: 'dimensions.2.valueType', message: 'value type "colour" is not one of ordinal, number, date, boolean, text' },
    ]);
  });

  it('asks for a jurisdiction and a dimension when rows are required (the app), not otherwise (the command line)', () => {
    const bare = { title: 'Bare', jurisdictions: [], dimensions: [] };
    const refused = newMatrix(bare, { requireRows: true });
    expect(refused.ok ? [] : refused.problems.map((p) => p.at)).toEqual(['jurisdictions', 'dimensions']);
    const made = newMatrix(bare);
    if (!made.ok) throw new Error('refused');
    expect(problemsAfterSaving(made.matrix).problems).toEqual([]);
  });
});

describe('structureOf', () => {
  it('copies jurisdictions, dimensions and scales of the bundled matrix, never values or citations, sources only when asked', async () => {
    const bundled = await readMatrix(async (p) => readFileSync(join(root, 'matrices', 'eu-north-america', p)), 'eu-north-america');
    const like = bundled.matrix;
    const made = newMatrix({ ...structureOf(like), title: 'Copy' });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    const m = made.matrix;
    const ordered = <T extends { order: number }>(xs: readonly T[]) => [...xs].sort((a, b) => a.order - b.order);
    expect(m.jurisdictions.map((j) => [j.id, j.label, j.group])).toEqual(ordered(like.jurisdictions).map((j) => [j.id, j.label, j.group]));
    expect(m.dimensions.map((d) => [d.id, d.label, d.definition, d.theme, d.valueType, d.scale, d.unit])).toEqual(
      ordered(like.dimensions).map((d) => [d.id, d.label, d.definition, d.theme, d.valueType, d.scale, d.unit]),
    );
    expect(saveMatrix(m)['scales.csv']).toBe(saveMatrix(like)['scales.csv']);
    expect(m.cells).toHaveLength(like.dimensions.length * like.jurisdictions.length);
    expect(m.cells.every((c) => c.status === 'not_in_source' && c.value === '' && c.level === '' && c.observed === '' && c.note === '')).toBe(true);
    expect(m.citations).toEqual([]);
    expect(m.sources).toEqual([]);
    expect(problemsAfterSaving(m).problems).toEqual([]);

    const kept = newMatrix({ ...structureOf(like, { keepSources: true }), title: 'Copy with sources' });
    if (!kept.ok) throw new Error('refused');
    expect(kept.matrix.sources).toEqual(like.sources);
    expect(problemsAfterSaving(kept.matrix, bundled.sourceTexts).problems).toEqual([]);
  });

  it('keeps the user columns of the structure tables, not those of cells', async () => {
    const texts = smallMatrixTexts({
      'jurisdictions.csv': 'id,label,group,order,iso\nnorth,North,Group A,1,NN\nsouth,South,Group B,2,SS\n',
      'cells.csv': smallMatrixTexts()['cells.csv']!.replace('status,note', 'status,note,reviewer'),
    });
    const small = await readMatrix(textsReader(texts), 'small');
    const made = newMatrix({ ...structureOf(small.matrix), title: 'Small copy' });
    if (!made.ok) throw new Error('refused');
    const files = saveMatrix(made.matrix);
    expect(files['jurisdictions.csv']).toBe('id,label,group,order,iso\nnorth,North,Group A,1,NN\nsouth,South,Group B,2,SS\n');
    expect(files['cells.csv'].split('\n')[0]).toBe('dimension,jurisdiction,period,value,level,in_force_from,in_force_until,observed,status,confidence,relative,note');
  });
});
