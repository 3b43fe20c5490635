/**
 * The matrix model: plain data, no DOM, no I/O. Every layer (command line,
 * store, elements) shares these types.
 */

export const VALUE_TYPES = ['ordinal', 'number', 'date', 'boolean', 'text'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const CELL_STATUSES = ['supported', 'not_in_source', 'draft'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

/** A dimension's coding basis: what law or agreement says (de jure), or observed practice (de facto); '' = not decided yet. */
export const BASES = ['de_jure', 'de_facto'] as const;
export type Basis = (typeof BASES)[number] | '';

/** How sure the coding of a cell is; '' = not said. */
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number] | '';

/**
 * The kind of support a citation gives its cell: the source states the fact; it reports
 * someone's claim or argument ("it has been argued…"); or the analyst infers the value from it.
 */
export const SUPPORTS = ['states', 'reports', 'infers'] as const;
export type Support = (typeof SUPPORTS)[number];

/** Columns a user added to a table that the format does not know; kept and written back. */
export type Extra = Record<string, string>;

export interface Jurisdiction {
  id: string;
  label: string;
  group: string;
  order: number;
  extra?: Extra;
}

export interface Dimension {
  id: string;
  label: string;
  definition: string;
  theme: string;
  valueType: ValueType;
  /** Scale id, for ordinal dimensions. */
  scale: string;
  /** Unit, for number dimensions. */
  unit: string;
  order: number;
  /** The codebook (format 2): coding basis, and how to decide each level (with a worked example). */
  basis: Basis;
  codingRules: string;
  /**
   * What a higher level (or a larger number) means, as an adjective: a change up reads
   * "more <direction>", a change down "less <direction>" (e.g. `restrictive`, `integrated`).
   * '' = changes have no direction.
   */
  direction: string;
  extra?: Extra;
}

export interface Level {
  scale: string;
  rank: number;
  id: string;
  label: string;
  definition: string;
  /** The level needs an absolute statement in the source: a comparison alone ("more restrictive than…") cannot give it. */
  needsAbsolute: boolean;
  extra?: Extra;
}

/**
 * A value of a (dimension, jurisdiction) pair for a period of time: a pair may have several,
 * `period` 1, 2, … from the earliest (format 2). Keyed by (dimension, jurisdiction, period).
 */
export interface Cell {
  dimension: string;
  jurisdiction: string;
  /** 1 = the earliest value of the pair; later values 2, 3, … */
  period: number;
  value: string;
  level: string;
  /** When the policy began, and stopped, to apply (`YYYY[-MM[-DD]]`, '' = not said / still in force). */
  inForceFrom: string;
  inForceUntil: string;
  /** The date the source describes (format 1's `as_of`). */
  observed: string;
  status: CellStatus;
  confidence: Confidence;
  /** The level is graded only by comparison with another jurisdiction. */
  relative: boolean;
  note: string;
  extra?: Extra;
}

export interface Citation {
  dimension: string;
  jurisdiction: string;
  /** The period of the cell the citation supports. */
  period: number;
  seq: number;
  source: string;
  quote: string;
  prefix: string;
  suffix: string;
  locator: string;
  support: Support;
  /** For `reports`: whose claim ("Rudolph (2005)"), shown as "according to …". */
  attribution: string;
  /**
   * Where the quote was found when the matrix was saved: offsets of its first character and
   * one past its last in the source text (UTF-16 code units). A hint, checked on load (see
   * anchor/position.ts); undefined when not known.
   */
  start?: number;
  end?: number;
  /**
   * For a citation of a dataset's row: the row's key, `Column=value; Column=value` (see
   * dataset/pairs.ts); its `quote` then holds the row's decisive values in the same form. Empty
   * (or undefined) for a citation of a passage of a text.
   */
  rowKey?: string;
  extra?: Extra;
}

/** What a source's original file is (sources.csv `kind`). */
export const SOURCE_KINDS = ['text', 'pdf', 'html', 'docx', 'markdown'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Every kind sources.csv records: the kinds of text above, or `dataset`, a CSV table whose rows are cited and computed from (see dataset/). */
export const SOURCE_KIND_VALUES = [...SOURCE_KINDS, 'dataset'] as const;
export type SourceKindValue = (typeof SOURCE_KIND_VALUES)[number];

/** The type of evidence a source is (sources.csv `evidence_type`). */
export const EVIDENCE_TYPES = [
  'law-or-treaty', 'official-statistics', 'government-document', 'secondary-analysis', 'press', 'other',
] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export interface Source {
  id: string;
  title: string;
  authors: string;
  year: string;
  /** Path of the plain text that citations anchor to, relative to the matrix folder (for a dataset: its CSV file, or its Frictionless resource descriptor). */
  path: string;
  // The columns below were added to the format later: a matrix without them loads as before
  // (each undefined), and an undefined one is written back as an empty field.
  /** What the original file is; undefined when not recorded (a plain text placed by hand). */
  kind?: SourceKindValue;
  /** Path of the original file (PDF, web page, …) the text was extracted from, relative to the matrix folder. */
  original?: string;
  /** Path of the text map (pages, headings: a `.map.json` file), relative to the matrix folder. */
  map?: string;
  /** SHA-256 of the original file (of the text file itself when there is no original), 64 lower-case hex digits. */
  sha256?: string;
  /** SHA-256 of the extracted text file's bytes (UTF-8). */
  textSha256?: string;
  /** Where the source was retrieved from. */
  url?: string;
  /** An archived copy (e.g. a web archive's snapshot) of `url`. */
  archiveUrl?: string;
  /** When it was retrieved: YYYY-MM-DD. */
  retrieved?: string;
  evidenceType?: EvidenceType;
  publisher?: string;
  /** The licence the source is used under (e.g. MIT, CC-BY-4.0); written only when some source has one. */
  licence?: string;
  extra?: Extra;
}

export interface Matrix {
  /** Folder name / package name. */
  name: string;
  title: string;
  description: string;
  jurisdictions: Jurisdiction[];
  dimensions: Dimension[];
  levels: Level[];
  cells: Cell[];
  citations: Citation[];
  sources: Source[];
  /**
   * Cells computed from a dataset: one rule per cell (computed.csv, see dataset/rule.ts).
   * Undefined or empty for a matrix without the file.
   */
  computed?: ComputedRule[];
  /** Extra columns per table, in the order they appeared in the file header. */
  extraColumns: Partial<Record<TableName, string[]>>;
  /** Top-level keys of datapackage.json that the format does not own; kept on save. */
  descriptorExtras: Record<string, unknown>;
}

export const TABLE_NAMES = ['jurisdictions', 'dimensions', 'scales', 'cells', 'citations', 'sources', 'computed'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export type Severity = 'error' | 'warning';

/** A problem found while loading or checking a matrix, located as precisely as we can. */
export interface Problem {
  severity: Severity;
  /** File name relative to the matrix folder, e.g. `cells.csv`. */
  file: string;
  /** 1-based line in the file where the offending field starts (0 when the file as a whole is at fault). */
  line: number;
  /** 1-based character column in that line (0 when not known). */
  column: number;
  message: string;
  /** The column (field) name involved, when there is one. */
  field?: string;
  /** What the problem is about, so a UI can select it. */
  target?: ProblemTarget;
  /** A family of problems a UI can group: `codebook` for the coding rules' warnings (see check/codebook-rules.ts). */
  category?: ProblemCategory;
}

export type ProblemCategory = 'codebook';

/** `period` is left out for period 1 (the only one of most pairs). */
export type ProblemTarget =
  | { kind: 'cell'; dimension: string; jurisdiction: string; period?: number }
  | { kind: 'citation'; dimension: string; jurisdiction: string; seq: number; period?: number }
  | { kind: 'dimension'; id: string }
  | { kind: 'jurisdiction'; id: string }
  | { kind: 'source'; id: string }
  | { kind: 'level'; scale: string; id: string }
  | { kind: 'computed'; dimension: string; jurisdiction: string; period: number };

/** A character range [start, end) in a source's original text. */
export interface TextRange {
  start: number;
  end: number;
}

/**
 * Where a citation's quote stands in its source: found (one place), ambiguous (several),
 * orphaned (nowhere), or unchecked (the source's text is not loaded, so it was not looked
 * for: the missing text is the one problem, reported once for the source).
 */
export type CitationStatus = 'found' | 'ambiguous' | 'orphaned' | 'unchecked';

export interface Anchor {
  status: CitationStatus;
  /** The one place, when found. */
  range?: TextRange;
  /** The first places the quote matched (at most a few: see anchor/limits.ts), when ambiguous. */
  candidates?: TextRange[];
  /** How many places the quote matched, when several (counted up to a limit: see anchor/limits.ts). */
  occurrences?: number;
  /** The closest passage, when orphaned and one is close. */
  suggestion?: { range: TextRange; text: string; similarity: number };
  /** Why the citation is not found (or not checked), in plain words. */
  reason?: string;
  /**
   * A row citation (see Citation.rowKey): the dataset's row (0-based data row) it is found at,
   * or, when orphaned because the row's values changed, the row that has its key now.
   */
  row?: number;
  /** A row citation whose key matches several rows: the first few of them (see `occurrences`). */
  rows?: number[];
}

/** The rules of computed cells (computed.csv): see src/model/dataset/rule.ts. */
export const RULE_KINDS = ['count', 'share', 'same', 'differ', 'value'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * How a cell's value comes from a dataset: one row of computed.csv, its fields as written
 * (the lists and mappings in them are read by dataset/rule.ts). Declarative: no code.
 */
export interface ComputedRule {
  dimension: string;
  jurisdiction: string;
  /** The cell's period (cells in time): 1 = the earliest, the default. */
  period: number;
  /** The dataset source the rule reads. */
  source: string;
  rule: RuleKind;
  /** The column whose values the rule counts or compares (e.g. `Requirement`). */
  column: string;
  /** Values of `column` grouped into categories: `category=value|value; …` ({number}, {leave out}: see rule.ts). */
  categories: string;
  /** count, share, value: conditions on rows, `Column=value|value; Column=value`. */
  filter: string;
  /** count, share: the category counted. */
  category: string;
  /** same, differ: the column naming the compared entities (e.g. `Destination`). */
  entityColumn: string;
  /** same, differ: the entities standing for the cell's jurisdiction, `|`-separated (several: a group). */
  a: string;
  /** same, differ: the entities compared with (empty: `a`'s members among themselves). */
  b: string;
  /** same, differ: the column whose values the entities are compared over (e.g. `Passport`). */
  over: string;
  /** Ordinal dimensions: `level=least; …`, the least figure for each level. */
  levels: string;
  /** Digits after the decimal point of a share or percentage (empty: 1). */
  decimals: string;
  note: string;
  extra?: Extra;
}

/** A cell's evidence status: derived from its status, value and citations. */
export type CellCheck = 'supported' | 'not_in_source' | 'draft' | 'flagged';

/** The key of a (dimension, jurisdiction) pair: what the grid shows one cell for. */
export const cellKey = (dimension: string, jurisdiction: string): string => `${dimension}\u0000${jurisdiction}`;

/**
 * The key of one entry of a pair: period 1 has the pair's own key (so a matrix whose pairs
 * have one period each, the usual case, is keyed as before periods existed); a later
 * period adds its number (`dimension NUL jurisdiction NUL period`).
 */
export const entryKey = (dimension: string, jurisdiction: string, period: number): string =>
  period === 1 ? `${dimension}\u0000${jurisdiction}` : `${dimension}\u0000${jurisdiction}\u0000${period}`;

/** The entry key of a cell or citation. */
export const entryKeyOf = (item: { dimension: string; jurisdiction: string; period: number }): string =>
  entryKey(item.dimension, item.jurisdiction, item.period);

/** A cell in words: `(d, j)`, or `(d, j, period 2)` for a later period. */
export const entryWords = (c: { dimension: string; jurisdiction: string; period: number }): string =>
  c.period === 1 ? `(${c.dimension}, ${c.jurisdiction})` : `(${c.dimension}, ${c.jurisdiction}, period ${c.period})`;

/** The pair key and period of an entry key. */
export function splitEntryKey(key: string): { pair: string; period: number } {
  const first = key.indexOf('\u0000');
  const second = first < 0 ? -1 : key.indexOf('\u0000', first + 1);
  if (second < 0) return { pair: key, period: 1 };
  const period = Number(key.slice(second + 1));
  return Number.isInteger(period) && period > 1 ? { pair: key.slice(0, second), period } : { pair: key, period: 1 };
}
