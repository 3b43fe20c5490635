import { isPastLimit } from '../anchor/limits.ts';
import { flagReason, type MatrixCheck } from '../check/check.ts';
import { levelOf, scaleOf } from '../levels.ts';
import { joinPrintLines } from '../check/passage.ts';
import { describedDate, periodCovered, viewAsOf } from '../time/as-of.ts';
import { firstDay, lastDay } from '../time/dates.ts';
import { cellKey, entryKeyOf, type Cell, type Dimension, type Jurisdiction, type Matrix } from '../types.ts';
import { shownValue } from '../value-text.ts';
import type {
  Briefing, BriefingCell, BriefingColumn, BriefingFootnote, BriefingNote, BriefingRow, BriefingSelection,
  BriefingSource, OmittedCitation,
} from './types.ts';

export interface BriefingInput {
  matrix: Matrix;
  /** The check of `matrix` (by entry key: see checkMatrix). */
  check: MatrixCheck;
  /** The date the table is shown as of (`YYYY[-MM[-DD]]`); undefined: each pair's latest period. */
  asOf?: string;
  /** Plain text of each source, by source id (the quotes are taken from it). */
  sourceTexts: ReadonlyMap<string, string>;
  /** Dimensions and jurisdictions to include (ids); undefined = all. Shown in matrix order. */
  selection?: BriefingSelection;
  /** Title of the briefing; the matrix's title when empty. */
  title?: string;
  /** Date produced, passed in so that the output is reproducible (e.g. `2025-03-01`). */
  produced: string;
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T): number =>
  a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The first item per id, in matrix order, restricted to `ids` when given. */
function pick<T extends { order: number; id: string }>(items: readonly T[], ids: readonly string[] | undefined): T[] {
  const wanted = ids ? new Set(ids) : undefined;
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of [...items].sort(byOrder)) {
    if (seen.has(item.id) || (wanted && !wanted.has(item.id))) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}

/** Ids of the selection that the matrix does not have, for a clear error. */
export function unknownSelection(matrix: Matrix, selection: BriefingSelection): { dimensions: string[]; jurisdictions: string[] } {
  const dims = new Set(matrix.dimensions.map((d) => d.id));
  const juris = new Set(matrix.jurisdictions.map((j) => j.id));
  return {
    dimensions: (selection.dimensions ?? []).filter((id) => !dims.has(id)),
    jurisdictions: (selection.jurisdictions ?? []).filter((id) => !juris.has(id)),
  };
}

/** The value as shown: with its unit for numbers ("1 site"), yes/no capitalised for booleans. */
export const briefingValue = (dimension: Dimension, value: string): string => shownValue(dimension, value);

/** A, B, …, Z, AA, AB, … */
export function noteLabel(index: number): string {
  let n = index + 1;
  let label = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    label = String.fromCharCode(65 + r) + label;
    n = Math.floor((n - 1) / 26);
  }
  return label;
}

/** File name of a source path (last segment). */
const fileName = (path: string) => path.split(/[\\/]/).filter(Boolean).pop() ?? '';

/** Days in a year, for "a year or more before". */
const YEAR_DAYS = 365;

/**
 * Whether a value describing `date` is a year or more older than the briefing's date `reference`
 * (its as-of date, else the date produced): its last day a year or more before the reference's.
 */
export function isDated(date: string, reference: string): boolean {
  const last = lastDay(date);
  const ref = lastDay(reference) ?? firstDay(reference);
  return last !== undefined && ref !== undefined && ref - last >= YEAR_DAYS;
}

/**
 * Build a briefing from a checked matrix. Footnotes are numbered in reading order (row by
 * row, left to right, a cell's citations in seq order); citations that anchor to the same
 * range of the same source share one footnote. Only citations found in their source become
 * footnotes, and each footnote quotes the source's own words for the anchored range.
 * Flagged cells are marked unverified with a lettered note, never footnoted.
 */
export function buildBriefing(input: BriefingInput): Briefing {
  const { matrix, check, sourceTexts, selection } = input;
  const dimensions = pick(matrix.dimensions, selection?.dimensions);
  const jurisdictions = pick(matrix.jurisdictions, selection?.jurisdictions);
  // One entry per pair: the one shown as of the briefing's date (its latest period without one).
  const view = viewAsOf(matrix, input.asOf);
  const cellByKey: ReadonlyMap<string, Cell> = view.shown;
  const reference = input.asOf ?? input.produced;
  const shownCells: Cell[] = [];
  const sourceById = new Map(matrix.sources.map((s) => [s.id, s] as const));

  const footnotes: BriefingFootnote[] = [];
  const footnoteByPassage = new Map<string, BriefingFootnote>();
  const notes: BriefingNote[] = [];
  const omitted: OmittedCitation[] = [];
  const columns: BriefingColumn[] = jurisdictions.map((j) => ({ id: j.id, label: j.label || j.id }));

  const buildCell = (dimension: Dimension, jurisdiction: Jurisdiction): BriefingCell => {
    const key = cellKey(dimension.id, jurisdiction.id);
    const cell = cellByKey.get(key);
    const where = `${dimension.label || dimension.id} — ${jurisdiction.label || jurisdiction.id}`;
    const base = { dimension: dimension.id, jurisdiction: jurisdiction.id, footnotes: [] as number[] };
    if (!cell) {
      const absence = view.absent.get(key);
      return { ...base, status: 'missing', value: '', period: 0, date: '', dated: false, ...(absence ? { absence } : {}) };
    }
    const entry = entryKeyOf(cell);
    const citations = check.citations.get(entry) ?? [];
    const status = check.cells.get(entry) ?? cell.status;
    const level = levelOf(matrix, dimension.id, cell.level);
    const date = describedDate(cell);
    if (status !== 'not_in_source') shownCells.push(cell);
    const shown: BriefingCell = {
      ...base,
      status,
      value: briefingValue(dimension, cell.value),
      period: cell.period,
      date,
      dated: date !== '' && isDated(date, reference),
      ...(level ? { level: { id: level.id, label: level.label || level.id, rank: level.rank, of: scaleOf(matrix, dimension.scale).length } } : {}),
    };
    if (status === 'flagged') {
      const note: BriefingNote = {
        label: noteLabel(notes.length), dimension: dimension.id, jurisdiction: jurisdiction.id, where,
        reason: flagReason(cell.status, cell.value, citations) ?? 'its evidence could not be checked',
      };
      notes.push(note);
      return { ...shown, note: note.label };
    }
    if (status === 'not_in_source') return { ...shown, value: '' };
    for (const { citation, anchor } of citations) {
      const text = sourceTexts.get(citation.source);
      if (anchor.status !== 'found' || !anchor.range || text === undefined) {
        omitted.push({
          dimension: dimension.id, jurisdiction: jurisdiction.id, seq: citation.seq, where,
          status: anchor.status === 'found' ? 'orphaned' : anchor.status,
          ...(isPastLimit(anchor) ? { pastLimit: true as const } : {}),
        });
        continue;
      }
      // One footnote per passage. A passage any cell cites as a reported claim is footnoted as
      // one ("according to …"): a claim never reads as a finding because another cell cites it too.
      const passage = `${citation.source}\u0000${anchor.range.start}\u0000${anchor.range.end}`;
      let footnote = footnoteByPassage.get(passage);
      if (footnote && citation.support === 'reports' && footnote.support !== 'reports') {
        footnote.support = 'reports';
        footnote.attribution = citation.attribution.trim();
      }
      if (!footnote) {
        const source = sourceById.get(citation.source);
        footnote = {
          number: footnotes.length + 1,
          source: citation.source,
          sourceTitle: source?.title || citation.source,
          locator: citation.locator,
          quote: joinPrintLines(text.slice(anchor.range.start, anchor.range.end)).trim(),
          support: citation.support,
          attribution: citation.support === 'reports' ? citation.attribution.trim() : '',
          range: { ...anchor.range },
          cells: [],
        };
        footnotes.push(footnote);
        footnoteByPassage.set(passage, footnote);
      }
      if (!footnote.cells.some((c) => c.dimension === dimension.id && c.jurisdiction === jurisdiction.id)) {
        footnote.cells.push({ dimension: dimension.id, jurisdiction: jurisdiction.id });
      }
      if (!shown.footnotes.includes(footnote.number)) shown.footnotes.push(footnote.number);
    }
    shown.footnotes.sort((a, b) => a - b);
    return shown;
  };

  const rows: BriefingRow[] = dimensions.map((d) => ({
    id: d.id,
    label: d.label || d.id,
    theme: d.theme,
    cells: jurisdictions.map((j) => buildCell(d, j)),
  }));

  // The span the table covers: the dates of the values shown (not of cells not in source).
  const covers = periodCovered(shownCells);
  const sources: BriefingSource[] = [];
  for (const f of footnotes) {
    let s = sources.find((x) => x.id === f.source);
    if (!s) {
      const source = sourceById.get(f.source);
      s = {
        id: f.source, title: source?.title || f.source, authors: source?.authors ?? '', year: source?.year ?? '',
        file: fileName(source?.path ?? ''), footnotes: [],
      };
      sources.push(s);
    }
    s.footnotes.push(f.number);
  }

  return {
    title: input.title?.trim() || matrix.title || matrix.name,
    matrixTitle: matrix.title,
    matrixName: matrix.name,
    produced: input.produced,
    ...(input.asOf !== undefined ? { asOf: input.asOf } : {}),
    ...(covers ? { covers } : {}),
    undated: shownCells.filter((c) => describedDate(c) === '').length,
    columns,
    rows,
    footnotes,
    notes,
    omitted,
    sources,
  };
}
