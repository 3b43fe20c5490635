import { FORMAT_VERSION, DESCRIPTOR_FILE, READ_VERSIONS, TABLES } from './schema.ts';
import { isWritten, writtenColumns } from './written-columns.ts';
import { TABLE_NAMES, type Matrix, type Problem } from '../types.ts';

/** Keys of datapackage.json the format owns; any other top-level key is kept as is. */
const OWNED = new Set(['name', 'title', 'description', 'policyMatrixFormat', 'profile', 'resources']);

export interface DescriptorInfo {
  title: string;
  description: string;
  extras: Record<string, unknown>;
  /** The format version the folder was written in (FORMAT_VERSION when it does not say). */
  version: number;
}

/** Read title, description and user keys from datapackage.json; the tables are fixed by the format. */
export function parseDescriptor(text: string | undefined, problems: Problem[]): DescriptorInfo {
  const info: DescriptorInfo = { title: '', description: '', extras: {}, version: FORMAT_VERSION };
  if (text === undefined) {
    problems.push({ severity: 'warning', file: DESCRIPTOR_FILE, line: 0, column: 0, message: 'missing datapackage.json: the matrix has no title; saving writes one' });
    return info;
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    let line = 1;
    let column = 1;
    if (m) {
      const before = text.slice(0, Number(m[1]));
      line = before.split('\n').length;
      column = Number(m[1]) - before.lastIndexOf('\n');
    }
    problems.push({ severity: 'error', file: DESCRIPTOR_FILE, line, column, message: `not valid JSON: ${(e as Error).message}` });
    return info;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    problems.push({ severity: 'error', file: DESCRIPTOR_FILE, line: 1, column: 1, message: 'datapackage.json must hold a JSON object' });
    return info;
  }
  const obj = json as Record<string, unknown>;
  const version = obj.policyMatrixFormat;
  // An earlier version this tool reads is migrated on load, with no problem (saving writes
  // the current version: docs/format.md, version history).
  if (typeof version === 'number' && READ_VERSIONS.includes(version)) info.version = version;
  else if (version !== undefined) {
    const newer = typeof version === 'number' && version > FORMAT_VERSION;
    problems.push({ severity: newer ? 'error' : 'warning', file: DESCRIPTOR_FILE, line: 0, column: 0, message: `format version ${String(version)}; this tool reads versions ${READ_VERSIONS.join(' and ')} (and writes ${FORMAT_VERSION})` });
  }
  info.title = typeof obj.title === 'string' ? obj.title : '';
  info.description = typeof obj.description === 'string' ? obj.description : '';
  for (const [k, v] of Object.entries(obj)) if (!OWNED.has(k)) info.extras[k] = v;
  return info;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'matrix';

/** The Frictionless Data Package descriptor of a matrix, as canonical JSON text. */
export function writeDescriptor(matrix: Matrix): string {
  // The tables written (computed.csv only when the matrix has computed cells), each with its written columns.
  const resources = TABLE_NAMES.filter((t) => isWritten(matrix, t)).map((t) => {
    const def = TABLES[t];
    const extra = matrix.extraColumns[t] ?? [];
    const columns = writtenColumns(matrix, t);
    return {
      name: def.name,
      path: def.file,
      profile: 'tabular-data-resource',
      description: def.description,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: {
        fields: [
          ...def.columns.filter((_, i) => columns[i]).map((c) => ({
            name: c.name, type: c.type, description: c.description,
            ...(c.required || c.enum ? { constraints: { ...(c.required ? { required: true } : {}), ...(c.enum ? { enum: c.enum } : {}) } } : {}),
          })),
          ...extra.map((name) => ({ name, type: 'string', description: 'Column added by the user; not part of the format.' })),
        ],
        missingValues: [''],
        primaryKey: def.primaryKey,
        ...(def.foreignKeys.length
          ? { foreignKeys: def.foreignKeys.map((fk) => ({ fields: fk.fields, reference: { resource: fk.resource, fields: fk.reference } })) }
          : {}),
      },
    };
  });
  const descriptor = {
    profile: 'tabular-data-package',
    name: slug(matrix.name),
    title: matrix.title,
    description: matrix.description,
    policyMatrixFormat: FORMAT_VERSION,
    ...matrix.descriptorExtras,
    resources,
  };
  return JSON.stringify(descriptor, null, 2) + '\n';
}
