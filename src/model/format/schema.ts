import { EVIDENCE_TYPES, RULE_KINDS, SOURCE_KIND_VALUES, type TableName } from '../types.ts';
import { TABLE_FILES } from './file-names.ts';

/**
 * The format's tables and columns (docs/format.md). One definition drives loading,
 * saving and the Frictionless descriptor, so the three cannot drift apart.
 */

export const FORMAT_VERSION = 2;

/** Format versions this tool reads: 1 is migrated on load (docs/format.md, version history). */
export const READ_VERSIONS: readonly number[] = [1, 2];

export type FieldType = 'string' | 'integer' | 'date';

export interface ColumnDef {
  name: string;
  type: FieldType;
  description: string;
  /** The value may not be empty. */
  required?: boolean;
  /** Files may leave the column out (it was added to the format later): no problem is reported. */
  optional?: boolean;
  /**
   * An optional column written only when some row has a value in it: matrices that do not use
   * what it records keep their files (and descriptor) as they are.
   */
  writtenWhenUsed?: boolean;
  enum?: readonly string[];
  /** The value when the field is empty (or the column is left out), as saved. */
  default?: string;
}

export interface TableDef {
  name: TableName;
  file: string;
  description: string;
  columns: readonly ColumnDef[];
  primaryKey: readonly string[];
  foreignKeys: readonly { fields: readonly string[]; resource: TableName; reference: readonly string[] }[];
  /**
   * A table added to the format later that a matrix may do without: a missing file is no
   * problem, and the file (and its descriptor resource) is written only when it has rows.
   */
  optionalFile?: boolean;
  /** Columns of earlier format versions, read as the column they became (format 1's `as_of` is `observed`). */
  renamed?: Readonly<Record<string, string>>;
}

const col = (name: string, description: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name, type: 'string', description, ...extra,
});

export const TABLES: Record<TableName, TableDef> = {
  jurisdictions: {
    name: 'jurisdictions', file: TABLE_FILES.jurisdictions, description: 'Jurisdictions compared (the matrix columns).',
    columns: [
      col('id', 'Stable identifier.', { required: true }),
      col('label', 'Display name.', { required: true }),
      col('group', 'Group for comparison, e.g. EU or North America.'),
      col('order', 'Display order.', { type: 'integer', required: true }),
    ],
    primaryKey: ['id'], foreignKeys: [],
  },
  dimensions: {
    name: 'dimensions', file: TABLE_FILES.dimensions, description: 'Policy dimensions compared (the matrix rows).',
    columns: [
      col('id', 'Stable identifier.', { required: true }),
      col('label', 'Display name.', { required: true }),
      col('definition', 'What the dimension measures.'),
      col('theme', 'Grouping of dimensions.'),
      col('value_type', 'Type of the cell values.', { required: true, enum: ['ordinal', 'number', 'date', 'boolean', 'text'] }),
      col('scale', 'Scale id for ordinal dimensions.'),
      col('unit', 'Unit for number dimensions.'),
      col('order', 'Display order.', { type: 'integer', required: true }),
      col('basis', 'Coding basis: de_jure (what law or agreement says) or de_facto (observed practice); empty = not decided.', { optional: true, enum: ['de_jure', 'de_facto'] }),
      col('coding_rules', 'How to decide each level, with a worked example.', { optional: true }),
      col('direction', 'What a higher level or a larger number means, as an adjective (a change up reads "more <direction>"), e.g. restrictive; empty = no direction.', { optional: true }),
    ],
    primaryKey: ['id'], foreignKeys: [],
  },
  scales: {
    name: 'scales', file: TABLE_FILES.scales, description: 'Named levels of ordinal scales, one row per level.',
    columns: [
      col('scale', 'Scale id.', { required: true }),
      col('rank', 'Position on the scale, 1 = lowest.', { type: 'integer', required: true }),
      col('level', 'Level id, unique within the scale.', { required: true }),
      col('label', 'Display name of the level.', { required: true }),
      col('definition', 'What the level means.'),
      col('needs_absolute', 'yes: the level needs an absolute statement in the source; a comparison alone cannot give it.', { optional: true, enum: ['yes', 'no'], default: 'no' }),
    ],
    primaryKey: ['scale', 'level'], foreignKeys: [],
  },
  cells: {
    name: 'cells', file: TABLE_FILES.cells, description: 'One row per (dimension, jurisdiction, period): the value of a pair over time.',
    columns: [
      col('dimension', 'Dimension id.', { required: true }),
      col('jurisdiction', 'Jurisdiction id.', { required: true }),
      col('period', 'The value\'s place in time for its pair: 1 = earliest.', { type: 'integer', optional: true, default: '1' }),
      col('value', 'The value, by the dimension value type.'),
      col('level', 'Level id on the dimension scale (ordinal dimensions).'),
      col('in_force_from', 'When the policy began to apply: YYYY, YYYY-MM or YYYY-MM-DD.', { optional: true }),
      col('in_force_until', 'When it stopped applying (empty: still in force as far as the source says, or unknown).', { optional: true }),
      col('observed', 'The date the source describes: YYYY, YYYY-MM or YYYY-MM-DD.', { optional: true }),
      col('status', 'Evidence status.', { required: true, enum: ['supported', 'not_in_source', 'draft'] }),
      col('confidence', 'How sure the coding is: high, medium or low.', { optional: true, enum: ['high', 'medium', 'low'] }),
      col('relative', 'yes: the level is graded only by comparison with another jurisdiction.', { optional: true, enum: ['yes', 'no'], default: 'no' }),
      col('note', 'Analyst note.'),
    ],
    primaryKey: ['dimension', 'jurisdiction', 'period'],
    foreignKeys: [
      { fields: ['dimension'], resource: 'dimensions', reference: ['id'] },
      { fields: ['jurisdiction'], resource: 'jurisdictions', reference: ['id'] },
    ],
    renamed: { as_of: 'observed' },
  },
  citations: {
    name: 'citations', file: TABLE_FILES.citations, description: 'Citations of cells: passages of source texts (W3C TextQuoteSelector semantics).',
    columns: [
      col('dimension', 'Dimension id of the cited cell.', { required: true }),
      col('jurisdiction', 'Jurisdiction id of the cited cell.', { required: true }),
      col('period', 'Period of the cited cell.', { type: 'integer', optional: true, default: '1' }),
      col('seq', 'Order of the citation within its cell.', { type: 'integer', required: true }),
      col('source', 'Source id.', { required: true }),
      col('quote', 'The exact passage.', { required: true }),
      col('prefix', 'Text just before the passage, to tell occurrences apart.'),
      col('suffix', 'Text just after the passage, to tell occurrences apart.'),
      col('locator', 'Page, section or chapter.'),
      col('support', 'Kind of support: states (the source states the fact), reports (it reports someone\'s claim or argument), infers (the analyst infers it from the passage).', { optional: true, enum: ['states', 'reports', 'infers'], default: 'states' }),
      col('attribution', 'For reports: whose claim, shown as "according to …".', { optional: true }),
      col('start', 'Where the quote was found when saved: offset of its first character in the source text, in UTF-16 code units (W3C TextPositionSelector). A hint, checked against the quote.', { type: 'integer', optional: true }),
      col('end', 'Offset one past the quote\'s last character in the source text (with start).', { type: 'integer', optional: true }),
      col('row_key', 'For a citation of a dataset\'s row: the row\'s key columns and values, "Column=value; Column=value" (\\ escapes ; = | and \\). The quote then holds the row\'s decisive values in the same form.', { optional: true, writtenWhenUsed: true }),
    ],
    primaryKey: ['dimension', 'jurisdiction', 'period', 'seq'],
    foreignKeys: [
      { fields: ['dimension', 'jurisdiction', 'period'], resource: 'cells', reference: ['dimension', 'jurisdiction', 'period'] },
      { fields: ['source'], resource: 'sources', reference: ['id'] },
    ],
  },
  sources: {
    name: 'sources', file: TABLE_FILES.sources, description: 'Sources: the plain texts that citations point into, with their originals, fixity hashes and bibliographic fields.',
    columns: [
      col('id', 'Source id.', { required: true }),
      col('title', 'Title.', { required: true }),
      col('authors', 'Authors or editors, "; "-separated.'),
      col('year', 'Year of publication.'),
      col('path', 'Path of the plain text that citations anchor to, relative to the matrix folder.', { required: true }),
      col('kind', 'What the original file is (dataset: a CSV table whose rows are cited and computed from).', { optional: true, enum: SOURCE_KIND_VALUES }),
      col('original', 'Path of the original file the text was extracted from (PDF, web page, DOCX, Markdown), relative to the matrix folder.', { optional: true }),
      col('map', 'Path of the text map (pages with printed labels, headings) of the extracted text, relative to the matrix folder.', { optional: true }),
      col('sha256', 'SHA-256 of the original file (of the text file when there is no original), 64 lower-case hex digits.', { optional: true }),
      col('text_sha256', 'SHA-256 of the text file at path (its UTF-8 bytes), 64 lower-case hex digits.', { optional: true }),
      col('url', 'Web address the source was retrieved from.', { optional: true }),
      col('archive_url', 'Address of an archived copy of the source (e.g. a web archive snapshot).', { optional: true }),
      col('retrieved', 'Date the source was retrieved: YYYY-MM-DD.', { type: 'date', optional: true }),
      col('evidence_type', 'Type of evidence.', { optional: true, enum: EVIDENCE_TYPES }),
      col('publisher', 'Publisher or issuing body.', { optional: true }),
      col('licence', 'Licence the source is used under (e.g. MIT, CC-BY-4.0).', { optional: true, writtenWhenUsed: true }),
    ],
    primaryKey: ['id'], foreignKeys: [],
  },
  computed: {
    name: 'computed', file: TABLE_FILES.computed, description: 'Cells computed from a dataset: one declarative rule per cell (docs/format.md, "Computed cells").',
    columns: [
      col('dimension', 'Dimension id of the computed cell.', { required: true }),
      col('jurisdiction', 'Jurisdiction id of the computed cell.', { required: true }),
      col('period', 'Period of the cell (cells in time): 1 = the earliest (empty: 1).', { type: 'integer', optional: true }),
      col('source', 'Id of the dataset source the rule reads.', { required: true }),
      col('rule', 'What is computed.', { required: true, enum: RULE_KINDS }),
      col('column', 'Column whose values are counted or compared.', { required: true }),
      col('categories', 'Values of the column grouped into categories: "category=value|value; …" ({number}: any number; {leave out}: values left out).'),
      col('filter', 'count, share, value: conditions on rows, "Column=value|value; Column=value".'),
      col('category', 'count, share: the category counted.'),
      col('entity_column', 'same, differ: the column naming the compared entities.'),
      col('a', 'same, differ: the entities standing for the cell\'s jurisdiction, "|"-separated (several: a group).'),
      col('b', 'same, differ: the entities compared with, "|"-separated (empty: the members of a among themselves).'),
      col('over', 'same, differ: the column whose values the entities are compared over.'),
      col('levels', 'Ordinal dimensions: the least figure for each level, "level=number; …".'),
      col('decimals', 'Digits after the decimal point of a share or percentage (empty: 1).', { type: 'integer' }),
      col('note', 'Analyst note on the rule.'),
    ],
    primaryKey: ['dimension', 'jurisdiction', 'period'],
    foreignKeys: [
      { fields: ['dimension', 'jurisdiction', 'period'], resource: 'cells', reference: ['dimension', 'jurisdiction', 'period'] },
      { fields: ['source'], resource: 'sources', reference: ['id'] },
    ],
    optionalFile: true,
  },
};

export { DESCRIPTOR_FILE } from './file-names.ts';

/** Every file of a matrix folder: the descriptor and the tables, in reading order. */
export { MATRIX_FILES } from './file-names.ts';
