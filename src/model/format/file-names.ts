import { TABLE_NAMES, type TableName } from '../types.ts';

/**
 * The files of a matrix folder, by name alone: for code that points at a file (problems,
 * load messages) without the format's column definitions (schema.ts), which an embedded
 * comparison or briefing need not load.
 */
export const DESCRIPTOR_FILE = 'datapackage.json';

export const TABLE_FILES: Readonly<Record<TableName, string>> = {
  jurisdictions: 'jurisdictions.csv', dimensions: 'dimensions.csv', scales: 'scales.csv',
  cells: 'cells.csv', citations: 'citations.csv', sources: 'sources.csv',
  computed: 'computed.csv',
};

/** The files a matrix folder holds (the descriptor, then the tables). */
export const MATRIX_FILES: readonly string[] = [DESCRIPTOR_FILE, ...TABLE_NAMES.map((t) => TABLE_FILES[t])];

/** Table files a matrix may do without (added to the format later; see schema.ts, optionalFile). */
export const OPTIONAL_TABLE_FILES: readonly string[] = [TABLE_FILES.computed];
