/**
 * The New matrix dialog's form (src/model/create/draft.ts): rows added, moved and removed by
 * key, ids shown as they will be made, blank rows left out, a new scale for a dimension, the
 * open matrix's structure copied once and kept beside the blank rows, and each problem placed
 * on its field.
 */
import { describe, expect, it } from 'vitest';
import {
  addLevel, addRow, addScale, chooseStart, draftSpec, emptyDraft, fieldOf, moveRow, removeRow, removeScale, rowIds, rowsOf,
  setDimension, setJurisdiction, setLevel, setScaleId, type NewMatrixDraft,
} from '../../src/model/create/draft.ts';
import { newMatrix } from '../../src/model/create/new-matrix.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { smallMatrixTexts } from './support/small-matrix.ts';

const open = loadMatrix('small', smallMatrixTexts()).matrix;

/** A draft with two jurisdictions and an ordinal dimension on a new scale of three levels. */
function filled(): NewMatrixDraft {
  let d = { ...emptyDraft(), title: 'Asylum' };
  const [j1] = rowsOf(d).jurisdictions;
  d = setJurisdiction(d, j1.key, { label: 'Canada', group: 'North America' });
  const j2 = addRow(d, 'jurisdictions');
  d = setJurisdiction(j2.draft, j2.key, { label: 'México' });
  const [dim] = rowsOf(d).dimensions;
  d = setDimension(d, dim.key, { label: 'Detention' });
  const scale = addScale(d, dim.key);
  d = scale.draft;
  const levels = () => rowsOf(d).scales[0].levels;
  d = setLevel(d, scale.key, levels()[0].key, { label: 'Rare' });
  for (const label of ['Common', 'Systematic']) {
    const l = addLevel(d, scale.key);
    d = setLevel(l.draft, scale.key, l.key, { label });
  }
  return d;
}

describe('the New matrix form', () => {
  it('makes the spec of what is filled in: ids from labels, a new scale chosen by its dimension, blank rows left out', () => {
    let d = filled();
    d = addRow(d, 'dimensions').draft; // left blank
    const rows = rowsOf(d);
    expect(rows.scales.map((s) => s.id)).toEqual(['detention-scale']);
    expect(rows.dimensions[0]).toMatchObject({ valueType: 'ordinal', scale: { own: rows.scales[0].key } });
    expect(rowIds(rows.jurisdictions, 'j')).toEqual(['canada', 'mexico']);
    const { spec } = draftSpec(d, undefined);
    expect(spec.jurisdictions.map((j) => [j.id, j.label, j.group])).toEqual([['canada', 'Canada', 'North America'], ['mexico', 'México', '']]);
    expect(spec.dimensions.map((x) => [x.id, x.valueType, x.scale])).toEqual([['detention', 'ordinal', 'detention-scale']]);
    expect(spec.scales).toEqual([{ id: 'detention-scale', levels: [
      { id: 'rare', label: 'Rare', definition: '', extra: undefined },
      { id: 'common', label: 'Common', definition: '', extra: undefined },
      { id: 'systematic', label: 'Systematic', definition: '', extra: undefined },
    ] }]);
    const made = newMatrix(spec, { requireRows: true });
    expect(made.ok && made.matrix.cells.length).toBe(2);
  });

  it('moves and removes rows by key; a typed id is kept, clearing it goes back to the label', () => {
    let d = filled();
    const [canada, mexico] = rowsOf(d).jurisdictions;
    d = moveRow(d, 'jurisdictions', mexico.key, -1);
    expect(rowsOf(d).jurisdictions.map((j) => j.label)).toEqual(['México', 'Canada']);
    d = moveRow(d, 'jurisdictions', mexico.key, -1);
    expect(rowsOf(d).jurisdictions.map((j) => j.label)).toEqual(['México', 'Canada']);
    d = setJurisdiction(d, canada.key, { id: 'CA' });
    expect(rowIds(rowsOf(d).jurisdictions, 'j')).toEqual(['mexico', 'CA']);
    d = setJurisdiction(d, canada.key, { id: '' });
    expect(rowIds(rowsOf(d).jurisdictions, 'j')).toEqual(['mexico', 'canada']);
    d = removeRow(d, 'jurisdictions', mexico.key);
    expect(rowsOf(d).jurisdictions.map((j) => j.label)).toEqual(['Canada']);
  });

  it('a dimension that stops being ordinal forgets its scale; a removed scale leaves its dimensions to choose again', () => {
    let d = filled();
    const dim = rowsOf(d).dimensions[0];
    const scale = rowsOf(d).scales[0];
    expect(setDimension(d, dim.key, { valueType: 'text' }).blank.dimensions[0].scale).toBe(undefined);
    d = removeScale(d, scale.key);
    expect(rowsOf(d).scales).toEqual([]);
    expect(rowsOf(d).dimensions[0].scale).toBe(undefined);
    const { spec, places } = draftSpec(d, undefined);
    const made = newMatrix(spec, { requireRows: true });
    expect(made.ok).toBe(false);
    if (made.ok) return;
    expect(made.problems.map((p) => fieldOf(p, places))).toEqual([`d-${dim.key}-scale`]);
  });

  it('places every problem on its field by row key, whatever the rows left out; an id typed elsewhere is not made again', () => {
    let d = filled();
    d = { ...d, title: ' ' };
    const blank = addRow(d, 'jurisdictions');
    d = blank.draft;
    const bad = addRow(d, 'jurisdictions');
    d = setJurisdiction(bad.draft, bad.key, { id: 'two words', group: 'x' }); // no label, a malformed id
    const scale = rowsOf(d).scales[0];
    d = setScaleId(d, scale.key, 'no spaces please');
    d = setLevel(d, scale.key, scale.levels[1].key, { id: '-common' });
    const { spec, places } = draftSpec(d, undefined);
    const made = newMatrix(spec, { requireRows: true });
    if (made.ok) throw new Error('made');
    // A typed id is avoided by the ids made from labels: "canada" typed on row 2 makes row 1 "canada-2".
    expect(rowIds([{ label: 'Canada', id: '' }, { label: 'x', id: 'canada' }], 'j')).toEqual(['canada-2', 'canada']);
    expect(made.problems.map((p) => fieldOf(p, places)).sort()).toEqual([
      `j-${bad.key}-id`, `j-${bad.key}-label`, `l-${scale.levels[1].key}-id`, `s-${scale.key}-id`, 'title',
    ].sort());
  });

  it('copies the open matrix once: its rows and scales, kept beside the blank ones; its sources only when asked', () => {
    let d = filled();
    d = chooseStart(d, 'copy', open);
    expect(rowsOf(d).jurisdictions.map((j) => j.label)).toEqual(['North', 'South']);
    expect(rowsOf(d).scales.map((s) => [s.id, s.levels.map((l) => l.label)])).toEqual([['frequency', ['Rare', 'Common']]]);
    const detention = rowsOf(d).dimensions.find((x) => x.id === 'detention')!;
    expect(detention.scale).toEqual({ own: rowsOf(d).scales[0].key });
    d = setJurisdiction(d, rowsOf(d).jurisdictions[0].key, { label: 'Northland' });
    d = chooseStart(d, 'blank', open);
    expect(rowsOf(d).jurisdictions.map((j) => j.label)).toEqual(['Canada', 'México']);
    d = chooseStart(d, 'copy', open);
    expect(rowsOf(d).jurisdictions.map((j) => j.label)).toEqual(['Northland', 'South']);
    expect(draftSpec(d, open).spec.sources).toEqual([]);
    const kept = draftSpec({ ...d, keepSources: true }, open).spec;
    expect(kept.sources?.map((s) => s.id)).toEqual(['src']);
    // Another matrix opened since: the copy, and the sources it keeps, are still those of the matrix copied.
    const other = { ...open, name: 'other', sources: [{ id: 'elsewhere', title: 'E', authors: '', year: '', path: 'e.txt' }] };
    expect(chooseStart(chooseStart(d, 'blank', other), 'copy', other).copy?.from?.name).toBe('small');
    expect(draftSpec({ ...d, keepSources: true }, other).spec.sources?.map((s) => s.id)).toEqual(['src']);
    const made = newMatrix(kept, { requireRows: true });
    expect(made.ok && made.matrix.cells.every((c) => c.status === 'not_in_source')).toBe(true);
    expect(made.ok && made.matrix.citations).toEqual([]);
  });

  it('a scale of the open matrix chosen by a blank matrix\'s dimension is copied with its levels', () => {
    let d = { ...emptyDraft(), title: 'T' };
    d = setJurisdiction(d, rowsOf(d).jurisdictions[0].key, { label: 'A' });
    d = setDimension(d, rowsOf(d).dimensions[0].key, { label: 'How often', valueType: 'ordinal', scale: { open: 'frequency' } });
    const made = newMatrix(draftSpec(d, open).spec, { requireRows: true });
    if (!made.ok) throw new Error(JSON.stringify(made.problems));
    expect(made.matrix.levels.map((l) => [l.scale, l.rank, l.id])).toEqual([['frequency', 1, 'rare'], ['frequency', 2, 'common']]);
  });
});
