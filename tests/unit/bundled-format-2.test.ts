/**
 * The bundled matrix as a research dataset, in format 2: its codebook, its cells in time and
 * the kind of support of each citation. The check of the whole matrix has no problem (its
 * codebook warnings included); these tests also hold what the codebook warnings do not say:
 * every dimension has rules with a worked example, every supported cell a date, a confidence
 * and a period, earlier periods end before later ones, every reported claim says whose.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorAtPosition } from '../../src/model/anchor/position.ts';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { checkMatrix } from '../../src/model/check/check.ts';
import { isDate } from '../../src/model/check/cell-rules.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import { entriesByPair, viewAsOf } from '../../src/model/time/as-of.ts';
import { changesBetween } from '../../src/model/time/changes.ts';
import { entryKeyOf, entryWords } from '../../src/model/types.ts';

const dir = join(import.meta.dirname, '..', '..', 'matrices', 'eu-north-america');
const { matrix, problems, locations } = loadMatrix('eu-north-america', Object.fromEntries(MATRIX_FILES.filter((f) => existsSync(join(dir, f))).map((f) => [f, readFileSync(join(dir, f), 'utf8')])));
const source = readFileSync(join(dir, matrix.sources[0].path), 'utf8');

describe('the bundled matrix in format 2', () => {
  it('loads and checks with no problem, the codebook warnings included', () => {
    expect(JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')).policyMatrixFormat).toBe(2);
    expect(problems).toEqual([]);
    const check = checkMatrix(matrix, new Map([[matrix.sources[0].id, source]]), { locations });
    expect(check.problems).toEqual([]);
    expect(check.coverage.flagged).toBe(0);
  });

  it('has a codebook: every dimension a basis and coding rules with a worked example; ordinal scales a direction', () => {
    for (const d of matrix.dimensions) {
      expect(['de_jure', 'de_facto'], d.id).toContain(d.basis);
      expect(d.codingRules, d.id).toMatch(/Worked example: .{40,}/);
      if (d.valueType === 'ordinal') expect(['integrated', 'restrictive', 'formal'], d.id).toContain(d.direction);
    }
    expect(matrix.levels.some((l) => l.needsAbsolute)).toBe(true);
  });

  it('dates every supported cell and says how sure it is; a cell the source does not address carries nothing', () => {
    for (const c of matrix.cells) {
      const where = entryWords(c);
      for (const date of [c.inForceFrom, c.inForceUntil, c.observed]) if (date) expect(isDate(date), `${where} ${date}`).toBe(true);
      if (c.status === 'supported') {
        expect(c.observed, where).not.toBe('');
        expect(['high', 'medium', 'low'], where).toContain(c.confidence);
      } else {
        expect(c.status, where).toBe('not_in_source');
        expect([c.value, c.level, c.observed, c.inForceFrom, c.inForceUntil, c.confidence].join(''), where).toBe('');
        expect(c.relative, where).toBe(false);
      }
    }
  });

  it('holds values over time: earlier periods observed before later ones, an earlier in-force period closed', () => {
    const pairs = entriesByPair(matrix.cells);
    const several = [...pairs.values()].filter((list) => list.length > 1);
    expect(several.length).toBeGreaterThan(0);
    for (const list of several) {
      expect(list.map((c) => c.period)).toEqual(list.map((_, i) => i + 1));
      for (let i = 0; i + 1 < list.length; i++) {
        expect(list[i].observed < list[i + 1].observed, `${entryWords(list[i])} observed before the next`).toBe(true);
        if (list[i].inForceFrom) expect(list[i].inForceUntil, `${entryWords(list[i])} has a start and no end`).not.toBe('');
      }
    }
    // NEXUS: one site in June 2000, then lanes at 15 sites by the fall of 2003.
    const nexus = pairs.get('trusted-traveller-sites\u0000ca')!;
    expect(nexus.map((c) => [c.value, c.observed])).toEqual([['1', '2000-06'], ['15', '2003']]);
    expect(viewAsOf(matrix, '2001').shown.get('trusted-traveller-sites\u0000ca')!.value).toBe('1');
    expect(viewAsOf(matrix).shown.get('trusted-traveller-sites\u0000ca')!.value).toBe('15');
    const change = changesBetween(matrix, '2001', '2004').changes.find((c) => c.dimension.id === 'trusted-traveller-sites' && c.jurisdiction.id === 'ca');
    expect(change?.words).toBe('changed');
  });

  it('says of every citation what kind of support it is, whose claim a reported one is, and where in the text it stands', () => {
    const cells = new Set(matrix.cells.map(entryKeyOf));
    for (const c of matrix.citations) {
      const where = `${entryWords(c)} #${c.seq}`;
      expect(cells.has(entryKeyOf(c)), `${where} cites a cell that exists`).toBe(true);
      expect(c.attribution !== '', `${where}: attribution if and only if reported`).toBe(c.support === 'reports');
      expect(c.locator, where).toMatch(/(chapter, .+|Conclusion \(The Editors\).*), ¶ “[^”]+…”/);
    }
    expect(matrix.citations.some((c) => c.support === 'reports')).toBe(true);
  });

  it('finds every quote of every period in the source, at its saved place', () => {
    const index = new SourceIndex(source);
    for (const c of matrix.citations.filter((x) => x.period > 1)) {
      const looked = index.anchor(c);
      expect(looked.status, `${entryWords(c)} #${c.seq}: ${c.quote}`).toBe('found');
      expect(anchorAtPosition(c, source), `${entryWords(c)} #${c.seq}`).toEqual(looked);
    }
  });
});
