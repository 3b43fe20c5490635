/**
 * Limits on what a dataset, and the rules and row citations that read it, may ask (see
 * docs/format.md, "Limits"). A matrix and its datasets are untrusted input: these keep reading
 * and checking them in proportion to their size, whatever they hold, and are checked before
 * the work (what is past a limit is reported where it stands, and not read or computed).
 */

/** Bytes of a dataset's data file (40 times the bundled Passport Index's 1.1 MB). */
export const MAX_DATASET_BYTES = 48 * 1024 * 1024;

/** Bytes of a Frictionless resource descriptor (JSON). */
export const MAX_DESCRIPTOR_BYTES = 1024 * 1024;

/** Data rows of a dataset (6 times the bundled one's 39,601). */
export const MAX_DATASET_ROWS = 250_000;

/**
 * Values of a dataset, rows times columns (20 times the bundled one's 118,803): a wide file
 * is held to fewer rows (each value is kept as a 4-byte code, so 10 MiB at most).
 */
export const MAX_DATASET_VALUES = 2_500_000;

/** Columns of a dataset. */
export const MAX_DATASET_COLUMNS = 256;

/** Characters of one field of a dataset. */
export const MAX_DATASET_FIELD = 10_000;

/** Rules a matrix may have computed (those past it are kept, saved, and not computed). */
export const MAX_COMPUTED_RULES = 20_000;

/**
 * Rows all the rules of a matrix may read in all (each rule reads the rows of its entities,
 * or of its filter's values, found through an index of the column). A hundred million rows
 * read is about a second; a rule past it is not computed, and says so.
 */
export const MAX_RULE_WORK = 100_000_000;

/** Different sets of key columns the row citations of one dataset may use (an index is built for each). */
export const MAX_KEY_SETS = 32;

/** Rows listed for a row citation whose key matches several (the rest are counted). */
export const MAX_LISTED_ROWS = 5;
