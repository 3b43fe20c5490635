/**
 * A briefing: a compact, footnoted table made from a matrix, for a briefing note or a report.
 * Plain data, no DOM; every output (HTML, Markdown, clipboard, plain text, PDF) renders the
 * same Briefing, so they share one table and one footnote numbering.
 */
import type { Absence } from '../time/as-of.ts';
import type { CellCheck, CitationStatus, Support, TextRange } from '../types.ts';

/** Paper size of the print stylesheet. */
export type Paper = 'a4' | 'letter';
export const PAPERS: readonly Paper[] = ['a4', 'letter'];

/** Which part of the matrix goes into the briefing; undefined = all, in matrix order. */
export interface BriefingSelection {
  dimensions?: readonly string[];
  jurisdictions?: readonly string[];
}

/**
 * What a cell shows:
 * - `supported`: value backed by footnoted passages;
 * - `draft`: a value still being worked on (marked "draft"), with its footnotes if any;
 * - `not_in_source`: the sources do not address it ("Not in source");
 * - `flagged`: a value that is not backed by a passage found in the source (or whose status
 *   contradicts it): marked "⚠ Unverified" with a lettered note, never footnoted;
 * - `missing`: cells.csv has no row for it ("No entry"), or none in force as of the
 *   briefing's date (`absence`: "Not yet in force", "No longer in force").
 */
export type BriefingCellStatus = CellCheck | 'missing';

export interface BriefingLevel {
  id: string;
  label: string;
  /** Position on the scale, 1 = lowest. */
  rank: number;
  /** Number of levels on the scale. */
  of: number;
}

export interface BriefingCell {
  dimension: string;
  jurisdiction: string;
  status: BriefingCellStatus;
  /** The value as shown (with its unit, yes/no capitalised); '' when there is none. */
  value: string;
  /** The named level of an ordinal value. */
  level?: BriefingLevel;
  /** The period of the pair's entry shown (1 for a pair with one value). */
  period: number;
  /** The date the value describes (its `observed` date, else `in_force_from`), when given. */
  date: string;
  /**
   * Whether `date` is a year or more before the briefing's date (its as-of date, else the date
   * produced): the value is then marked "as of <date>", so that a dated fact never reads as current.
   */
  dated: boolean;
  /** Footnote numbers of the cell's found citations, each once, ascending. */
  footnotes: number[];
  /** For flagged cells: the letter of the note that explains why. */
  note?: string;
  /** For a `missing` cell that has entries: why none is in force as of the briefing's date. */
  absence?: Absence;
}

export interface BriefingRow {
  id: string;
  label: string;
  theme: string;
  cells: BriefingCell[];
}

export interface BriefingColumn {
  id: string;
  label: string;
}

/** One cited passage, footnoted once however many cells cite it. */
export interface BriefingFootnote {
  /** 1, 2, …, in reading order (row by row, left to right, citations in seq order). */
  number: number;
  source: string;
  /** The source's title (its id when it has none). */
  sourceTitle: string;
  /** The locator of the first citation of this passage. */
  locator: string;
  /** The source's own words for the anchored range, print lines joined. */
  quote: string;
  /**
   * What the passage is to the value: the source states it, reports someone's claim ("according
   * to <attribution>"), or the analyst infers the value from it.
   */
  support: Support;
  /** Whose claim, for `reports` ('' when not said). */
  attribution: string;
  /** Where the passage is in the source text. */
  range: TextRange;
  /** Every cell that cites it, in reading order. */
  cells: { dimension: string; jurisdiction: string }[];
}

/** Why a flagged cell is not shown as supported. */
export interface BriefingNote {
  /** A, B, …: letters, so they never collide with footnote numbers. */
  label: string;
  dimension: string;
  jurisdiction: string;
  /** Row and column labels, for the note's text. */
  where: string;
  reason: string;
}

/** A citation of a shown cell that is not a footnote because it is not anchored to one place. */
export interface OmittedCitation {
  dimension: string;
  jurisdiction: string;
  seq: number;
  status: Exclude<CitationStatus, 'found'>;
  /** Unchecked because it is past the limit of citations checked (not because its source's text is missing). */
  pastLimit?: true;
  where: string;
}

export interface BriefingSource {
  id: string;
  title: string;
  authors: string;
  year: string;
  /** File name of the source's text (the last part of its path). */
  file: string;
  /** Footnote numbers that cite it. */
  footnotes: number[];
}

export interface Briefing {
  title: string;
  /** The matrix's title and folder name. */
  matrixTitle: string;
  matrixName: string;
  /** Date produced, as given (e.g. `2025-03-01`). */
  produced: string;
  /** The date the table is shown as of (undefined: each value's latest period). */
  asOf?: string;
  /** The span of time the values shown describe (their dates), or undefined when none is dated. */
  covers?: { from: string; to: string };
  /** How many values shown have no date. */
  undated: number;
  columns: BriefingColumn[];
  rows: BriefingRow[];
  footnotes: BriefingFootnote[];
  notes: BriefingNote[];
  omitted: OmittedCitation[];
  sources: BriefingSource[];
}
