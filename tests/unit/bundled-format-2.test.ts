/**
 * The bundled matrix as a research dataset: its codebook, its cells in time and the kind of
 * support of each citation, written as the columns of format version 2 (extra columns for
 * format 1), and the earlier periods of cells kept beside it in periods.pending.csv and
 * citations.pending.csv until format 2 reads them. Format 1 checks none of this, so these
 * tests do: every rule the format 2 design lists as a "codebook" warning holds, every date is
 * a date, and every quote of an earlier period is found in the source at its saved place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorAtPosition } from '../../src/model/anchor/position.ts';
import { SourceIndex } from '../../src/model/anchor/source-index.ts';
import { cellViolations, isDate } from '../../src/model/check/cell-rules.ts';
import { parseCsv } from '../../src/model/format/csv/parse-csv.ts';
import { loadMatrix } from '../../src/model/format/load.ts';
import { MATRIX_FILES } from '../../src/model/format/read.ts';
import type { Cell } from '../../src/model/types.ts';

const dir = join(import.meta.dirname, '..', '..', 'matrices', 'eu-north-america');
const { matrix, problems } = loadMatrix('eu-north-america', Object.fromEntries(MATRIX_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')])));
const source = readFileSync(join(dir, matrix.sources[0].path), 'utf8');

/** A CSV file beside the matrix as objects keyed by its header. */
function rowsOf(file: string): Record<string, string>[] {
  const parsed = parseCsv(readFileSync(join(dir, file), 'utf8'), file);
  expect(parsed.problems, file).toEqual([]);
  return parsed.rows.map((r) => Object.fromEntries(parsed.header.map((h, i) => [h, r[i] ?? ''])));
}

/** Every cell, of every period: cells.csv holds the latest period of each pair, the side file the earlier ones. */
interface TimedCell {
  dimension: string; jurisdiction: string; period: number; value: string; level: string; status: string;
  in_force_from: string; in_force_until: string; observed: string; confidence: string; relative: string;
}
const x = (c: Cell, k: string) => c.extra?.[k] ?? '';
const latest: TimedCell[] = matrix.cells.map((c) => ({
  dimension: c.dimension, jurisdiction: c.jurisdiction, period: Number(x(c, 'period')), value: c.value, level: c.level, status: c.status,
  in_force_from: x(c, 'in_force_from'), in_force_until: x(c, 'in_force_until'), observed: x(c, 'observed'), confidence: x(c, 'confidence'), relative: x(c, 'relative'),
}));
const pending: TimedCell[] = rowsOf('periods.pending.csv').map((r) => ({ ...r, period: Number(r.period) }) as unknown as TimedCell);
const all = [...latest, ...pending];
/** Every citation, of every period. */
interface TimedCitation {
  dimension: string; jurisdiction: string; period: number; seq: number; source: string;
  quote: string; prefix: string; suffix: string; locator: string; start?: number; end?: number; support: string; attribution: string;
}
const citations: TimedCitation[] = [
  ...matrix.citations.map((c) => ({ ...c, period: Number(c.extra?.period), support: c.extra?.support ?? '', attribution: c.extra?.attribution ?? '' })),
  ...rowsOf('citations.pending.csv').map((r) => ({
    dimension: r.dimension, jurisdiction: r.jurisdiction, period: Number(r.period), seq: Number(r.seq), source: r.source,
    quote: r.quote, prefix: r.prefix, suffix: r.suffix, locator: r.locator, start: Number(r.start), end: Number(r.end), support: r.support, attribution: r.attribution,
  })),
];
const pairKey = (c: { dimension: string; jurisdiction: string }) => `${c.dimension}/${c.jurisdiction}`;
const cellKey = (c: { dimension: string; jurisdiction: string; period: number }) => `${pairKey(c)}/${c.period}`;

describe('the bundled matrix in format 2 columns', () => {
  it('loads with no problem but the warnings about the format 2 columns', () => {
    expect(problems.filter((p) => !/^column "[a-z_]+" is not part of the format/.test(p.message))).toEqual([]);
  });

  it('has a codebook: every dimension a basis and coding rules with a worked example; every level whether it needs an absolute statement', () => {
    for (const d of matrix.dimensions) {
      expect(['de_jure', 'de_facto'], d.id).toContain(d.extra?.basis);
      expect(d.extra?.coding_rules, d.id).toMatch(/Worked example: .{40,}/);
    }
    for (const l of matrix.levels) expect(['yes', 'no'], `${l.scale}/${l.id}`).toContain(l.extra?.needs_absolute);
  });

  it('dates every supported cell and says how sure it is; a cell the source does not address carries nothing', () => {
    for (const c of all) {
      const where = cellKey(c);
      for (const k of ['in_force_from', 'in_force_until', 'observed'] as const) if (c[k]) expect(isDate(c[k]), `${where} ${k} ${c[k]}`).toBe(true);
      if (c.status === 'supported') {
        expect(c.observed, where).not.toBe('');
        expect(['high', 'medium', 'low'], where).toContain(c.confidence);
        expect(['yes', 'no'], where).toContain(c.relative);
      } else {
        expect(c.status, where).toBe('not_in_source');
        expect([c.value, c.level, c.observed, c.in_force_from, c.in_force_until, c.confidence, c.relative].join(''), where).toBe('');
      }
      if (c.in_force_from && c.in_force_until) expect(c.in_force_from < c.in_force_until, where).toBe(true);
    }
    // v1 readers see the observation date as as_of.
    for (const c of matrix.cells) expect(c.asOf, pairKey(c)).toBe(x(c, 'observed'));
  });

  it('keeps the earlier periods of a pair in the side file, numbered 1… below the one in cells.csv, dated in order', () => {
    const periods = new Map<string, number[]>();
    for (const c of all) periods.set(pairKey(c), [...(periods.get(pairKey(c)) ?? []), c.period]);
    for (const c of latest) {
      const list = periods.get(pairKey(c))!.sort((a, b) => a - b);
      expect(list, pairKey(c)).toEqual(list.map((_, i) => i + 1));
      expect(c.period, pairKey(c)).toBe(list.length);
    }
    expect(pending.every((c) => periods.has(pairKey(c)) && latest.some((l) => pairKey(l) === pairKey(c)))).toBe(true);
    for (const c of pending) {
      const next = all.find((n) => pairKey(n) === pairKey(c) && n.period === c.period + 1)!;
      expect(c.observed < next.observed, `${cellKey(c)} observed before period ${next.period}`).toBe(true);
      // An open in-force period would hold at every later date and hide the later periods.
      if (c.in_force_from) expect(c.in_force_until, `${cellKey(c)} has a start and no end`).not.toBe('');
    }
    expect(pending.length).toBeGreaterThan(0);
  });

  it('keeps the rules of the format 2 codebook: no relative grade on a level that needs an absolute statement, no de jure cell resting only on a claim', () => {
    const dimension = new Map(matrix.dimensions.map((d) => [d.id, d]));
    const needsAbsolute = new Set(matrix.levels.filter((l) => l.extra?.needs_absolute === 'yes').map((l) => `${l.scale}/${l.id}`));
    const supportOf = new Map<string, string[]>();
    for (const c of citations) supportOf.set(cellKey(c), [...(supportOf.get(cellKey(c)) ?? []), c.support]);
    for (const c of all.filter((c) => c.status === 'supported')) {
      const d = dimension.get(c.dimension)!;
      if (c.relative === 'yes') expect(needsAbsolute.has(`${d.scale}/${c.level}`), `${cellKey(c)} is relative on ${c.level}`).toBe(false);
      const kinds = supportOf.get(cellKey(c)) ?? [];
      expect(kinds.length, `${cellKey(c)} has citations`).toBeGreaterThan(0);
      if (d.extra?.basis === 'de_jure') expect(kinds.some((k) => k !== 'reports'), `${cellKey(c)} rests only on claims`).toBe(true);
      // Format 1's own cell rules hold for the earlier periods too.
      const asCell: Cell = { dimension: c.dimension, jurisdiction: c.jurisdiction, value: c.value, level: c.level, asOf: c.observed, status: 'supported', note: '' };
      expect(cellViolations(asCell, d, matrix.levels.filter((l) => l.scale === d.scale)), cellKey(c)).toEqual([]);
    }
  });

  it('says of every citation what kind of support it is, whose claim a reported one is, and where in the text it stands', () => {
    const cells = new Set(all.map(cellKey));
    for (const c of citations) {
      const where = `${cellKey(c)} #${c.seq}`;
      expect(cells.has(cellKey(c)), `${where} cites a cell that exists`).toBe(true);
      expect(['states', 'reports', 'infers'], where).toContain(c.support);
      expect(c.attribution !== '', `${where}: attribution if and only if reported`).toBe(c.support === 'reports');
      expect(c.locator, where).toMatch(/(chapter, .+|Conclusion \(The Editors\).*), ¶ “[^”]+…”/);
    }
  });

  it('finds every quote of the earlier periods in the source, at its saved place', () => {
    const index = new SourceIndex(source);
    const earlier = citations.filter((c) => pending.some((p) => cellKey(p) === cellKey(c)));
    expect(earlier.length).toBeGreaterThan(0);
    for (const c of earlier) {
      const looked = index.anchor(c);
      expect(looked.status, `${cellKey(c)} #${c.seq}: ${c.quote}`).toBe('found');
      expect(anchorAtPosition(c, source), `${cellKey(c)} #${c.seq}`).toEqual(looked);
    }
  });
});
