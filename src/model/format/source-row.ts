/**
 * A row of sources.csv as a `Source`: the columns every matrix has (id, title, authors,
 * year, path) and the optional ones that record where the text came from and that it has not
 * changed (kind, original, map, sha256, text_sha256, url, archive_url, retrieved,
 * evidence_type, publisher, licence). An empty optional field is read as not recorded (undefined).
 */
import { EVIDENCE_TYPES, SOURCE_KIND_VALUES, type EvidenceType, type Source, type SourceKindValue } from '../types.ts';
import { sourcePathRefusal } from './confine.ts';
import type { TableRow } from './table.ts';

const SHA256 = /^[0-9a-f]{64}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function isWebAddress(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Read one row of sources.csv; problems with the optional columns are reported on the row. */
export function readSourceRow(row: TableRow, id: string): Source {
  const target = { kind: 'source', id } as const;
  const source: Source = { id, title: row.get('title'), authors: row.get('authors'), year: row.get('year'), path: row.get('path'), extra: row.extra };
  const optional = (column: string): string | undefined => {
    const value = row.get(column);
    return value === '' ? undefined : value;
  };

  const kind = optional('kind');
  if (kind !== undefined) {
    if ((SOURCE_KIND_VALUES as readonly string[]).includes(kind)) source.kind = kind as SourceKindValue;
    else row.report('kind', `kind "${kind}" is not one of ${SOURCE_KIND_VALUES.join(', ')} (it is ignored, and saved as empty)`, 'error', target);
  }
  // The original and the map lie where the text may (docs/security.md, "Confinement"): a
  // path out of the matrix is an error here, so that no reader is ever handed it.
  for (const column of ['original', 'map'] as const) {
    const path = optional(column);
    if (path === undefined) continue;
    source[column] = path;
    const refusal = sourcePathRefusal(path);
    if (refusal) row.report(column, `${column} ${path} ${refusal}; it is not read`, 'error', target);
  }
  for (const [column, key] of [['sha256', 'sha256'], ['text_sha256', 'textSha256']] as const) {
    const hash = optional(column);
    if (hash === undefined) continue;
    source[key] = hash;
    if (!SHA256.test(hash)) row.report(column, `${column} "${hash}" is not a SHA-256 (64 lower-case hex digits): the file cannot be checked against it`, 'error', target);
  }
  for (const [column, key] of [['url', 'url'], ['archive_url', 'archiveUrl']] as const) {
    const url = optional(column);
    if (url === undefined) continue;
    source[key] = url;
    if (!isWebAddress(url)) row.report(column, `${column} "${url}" is not a web address (http:// or https://): it is kept, but not shown as a link`, 'warning', target);
  }
  const retrieved = optional('retrieved');
  if (retrieved !== undefined) {
    source.retrieved = retrieved;
    if (!DATE.test(retrieved)) row.report('retrieved', `retrieved "${retrieved}" is not a date written YYYY-MM-DD`, 'warning', target);
  }
  const evidence = optional('evidence_type');
  if (evidence !== undefined) {
    if ((EVIDENCE_TYPES as readonly string[]).includes(evidence)) source.evidenceType = evidence as EvidenceType;
    else row.report('evidence_type', `evidence_type "${evidence}" is not one of ${EVIDENCE_TYPES.join(', ')} (it is ignored, and saved as empty)`, 'error', target);
  }
  const publisher = optional('publisher');
  if (publisher !== undefined) source.publisher = publisher;
  const licence = optional('licence');
  if (licence !== undefined) source.licence = licence;
  return source;
}
