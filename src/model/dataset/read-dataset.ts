/**
 * Reading a dataset source (sources.csv `kind = dataset`): its `path` is the CSV data file,
 * or a Frictionless descriptor (`.json`: a Data Resource, or a Data Package with one tabular
 * resource, or `datapackage.json#name` for one of several) whose resource names the CSV file,
 * its table schema (the columns, checked against the file's header; `primaryKey`, checked for
 * repeats) and its licence. The data file is hashed (SHA-256) and checked against the hash
 * sources.csv records. Every problem names its file; nothing is fetched from elsewhere (a
 * resource path that is a URL, absolute, or climbs with `..` is refused).
 *
 * Confined as a text source is (docs/security.md, "Confinement"): the path, and the data file
 * a descriptor names, must lie in the matrix folder or `../sources/` (confine.ts) — one that
 * does not is an error at the source's `path` in sources.csv, and is never handed to a reader;
 * the reader then refuses a link out, a device, another origin. The data file's size is asked
 * of the reader (MAX_DATASET_BYTES), so one too large is refused by its size, unread.
 */
import { sourcePathRefusal } from '../format/confine.ts';
import { decodeText } from '../format/decode.ts';
import { sizeWords } from '../format/limits.ts';
import type { FileReader } from '../format/read.ts';
import type { RowLocator } from '../format/table.ts';
import { TABLES } from '../format/schema.ts';
import type { Problem, Source } from '../types.ts';
import { columnIndex, type Dataset } from './dataset.ts';
import { MAX_DATASET_BYTES, MAX_DESCRIPTOR_BYTES } from './limits.ts';
import { parseDataset, type DatasetFile } from './parse-dataset.ts';
import { SHA256_PATTERN, sha256Hex } from './sha256.ts';
import { engine } from './engine.ts';
import { installDatasetEngine } from './engine-hook.ts';

export const isDatasetSource = (source: Pick<Source, 'kind'>): boolean => source.kind === 'dataset';

const DELIMITERS = [',', ';', '\t', '|'];

interface ResourceInfo {
  /** The data file, relative to the matrix folder. */
  file: string;
  delimiter?: string;
  fields?: string[];
  primaryKey?: string[];
  licence?: string;
  title?: string;
}

const asObject = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

function licenceOf(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const first = asObject(value[0]);
  const name = first?.name ?? first?.title;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** A descriptor's resource path, when it is a plain relative path inside the descriptor's folder. */
function safeResourcePath(path: string): boolean {
  return path !== '' && !/^[a-z][a-z0-9+.-]*:/i.test(path) && !path.startsWith('/') && !path.startsWith('\\') && !path.split(/[\\/]/).includes('..');
}

/** What a descriptor says about the resource; a string: why it cannot be used. */
function resourceOf(json: unknown, descriptorPath: string, fragment: string): ResourceInfo | string {
  const root = asObject(json);
  if (!root) return 'the descriptor is not a JSON object';
  let resource = root;
  let packageLicence: string | undefined;
  if (Array.isArray(root.resources)) {
    packageLicence = licenceOf(root.licenses);
    const resources = root.resources.map(asObject).filter((r): r is Record<string, unknown> => r !== undefined);
    const named = fragment !== '' ? resources.find((r) => r.name === fragment) : resources.length === 1 ? resources[0] : undefined;
    if (!named) {
      return fragment !== ''
        ? `the data package has no resource named "${fragment}" (its resources: ${resources.map((r) => String(r.name ?? '?')).join(', ') || 'none'})`
        : `the data package has ${resources.length} resources: name the one to read, as ${descriptorPath}#<resource name>`;
    }
    resource = named;
  }
  if (resource.data !== undefined && resource.path === undefined) return 'the resource holds its data inline ("data"): give it as a CSV file ("path")';
  if (Array.isArray(resource.path)) return 'the resource is split across several files: a dataset is one CSV file';
  if (typeof resource.path !== 'string') return 'the resource has no "path" to its CSV file';
  if (!safeResourcePath(resource.path)) return `the resource path "${resource.path}" is not a file beside the descriptor (a URL, an absolute path and ".." are not read)`;
  const folder = descriptorPath.includes('/') ? descriptorPath.slice(0, descriptorPath.lastIndexOf('/') + 1) : '';
  const info: ResourceInfo = { file: folder + resource.path.replaceAll('\\', '/') };
  const dialect = asObject(resource.dialect);
  if (dialect && typeof dialect.delimiter === 'string') {
    if (!DELIMITERS.includes(dialect.delimiter)) return `the dialect's delimiter ${JSON.stringify(dialect.delimiter)} is not one of , ; tab |`;
    info.delimiter = dialect.delimiter;
  }
  const schema = asObject(resource.schema);
  if (schema) {
    if (Array.isArray(schema.fields)) info.fields = schema.fields.map((f) => String(asObject(f)?.name ?? ''));
    const key = schema.primaryKey;
    if (typeof key === 'string') info.primaryKey = [key];
    else if (Array.isArray(key) && key.every((k) => typeof k === 'string')) info.primaryKey = key as string[];
  }
  const licence = licenceOf(resource.licenses) ?? packageLicence;
  if (licence) info.licence = licence;
  const title = resource.title ?? root.title;
  if (typeof title === 'string' && title !== '') info.title = title;
  return info;
}

/** Report the first repeat of a declared primary key (a warning: row citations by that key would be ambiguous). */
function checkPrimaryKey(dataset: Dataset, key: readonly string[], problems: Problem[], descriptor: string): void {
  const columns = key.map((k) => columnIndex(dataset, k));
  const missing = key.filter((_, i) => columns[i] < 0);
  if (missing.length) {
    problems.push({ severity: 'error', file: descriptor, line: 0, column: 0, message: `primaryKey names ${missing.map((m) => `"${m}"`).join(', ')}, not a column of ${dataset.file}`, target: { kind: 'source', id: dataset.source } });
    return;
  }
  const seen = new Set<string>();
  for (let r = 0; r < dataset.rowCount; r++) {
    let k = '';
    for (const c of columns) k += `${dataset.columns[c].codes[r]},`;
    if (seen.has(k)) {
      const values = columns.map((c) => `${dataset.columns[c].name}=${dataset.columns[c].strings[dataset.columns[c].codes[r]]}`).join('; ');
      problems.push({ severity: 'warning', file: dataset.file, line: 0, column: 0, message: `rows repeat the primary key ${values} (and perhaps others): a row citation by that key is ambiguous`, target: { kind: 'source', id: dataset.source } });
      return;
    }
    seen.add(k);
  }
}

/**
 * The data file a dataset source's descriptor points to (`sourcePath` as in sources.csv, with
 * its `#resource`), or undefined where it points to none that would be read: for a reader that
 * must fetch a dataset's files before reading the matrix (a team client).
 */
export function datasetDataFile(sourcePath: string, descriptorText: string): string | undefined {
  const hash = sourcePath.indexOf('#');
  const path = hash >= 0 ? sourcePath.slice(0, hash) : sourcePath;
  let json: unknown;
  try {
    json = JSON.parse(descriptorText.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
  const resource = resourceOf(json, path, hash >= 0 ? sourcePath.slice(hash + 1) : '');
  return typeof resource === 'string' || sourcePathRefusal(resource.file) ? undefined : resource.file;
}

async function readBytes(read: FileReader, path: string, maxBytes: number, what: string): Promise<{ bytes?: Uint8Array; failure: string }> {
  try {
    const content = await read(path, { maxBytes, what });
    if (content === undefined) return { failure: '' };
    return { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content, failure: '' };
  } catch (e) {
    return { failure: `: ${(e as Error).message}` };
  }
}

/**
 * Read the dataset of a source (`isDatasetSource`); undefined, with the problem, when it
 * cannot be read. `at`: where the source's row is (problems about its path point there).
 */
export async function readDataset(read: FileReader, source: Source, problems: Problem[], at?: RowLocator): Promise<Dataset | undefined> {
  const target = { kind: 'source', id: source.id } as const;
  const rowProblem = (message: string, severity: Problem['severity'] = 'error', field = 'path') =>
    problems.push({ severity, file: TABLES.sources.file, ...(at?.locate(field) ?? { line: 0, column: 0 }), field, message, target });
  const hash = source.path.indexOf('#');
  const path = hash >= 0 ? source.path.slice(0, hash) : source.path;
  // Confinement first: a path out of the matrix is never handed to a reader.
  const refusal = sourcePathRefusal(path);
  if (refusal) {
    rowProblem(`the data of dataset "${source.id}" is not read: path ${path} ${refusal}`);
    return undefined;
  }
  let info: ResourceInfo = { file: path };
  let descriptor: string | undefined;
  let descriptorText: string | undefined;
  if (/\.json$/i.test(path)) {
    descriptor = path;
    const { bytes, failure } = await readBytes(read, path, MAX_DESCRIPTOR_BYTES, "a dataset's descriptor");
    if (!bytes) {
      rowProblem(`the descriptor of dataset "${source.id}" cannot be read at ${path}${failure}`);
      return undefined;
    }
    if (bytes.length > MAX_DESCRIPTOR_BYTES) {
      rowProblem(`the descriptor of dataset "${source.id}" is ${sizeWords(bytes.length)}, more than the ${sizeWords(MAX_DESCRIPTOR_BYTES)} allowed: it is not read`);
      return undefined;
    }
    descriptorText = decodeText(bytes, path, problems);
    let json: unknown;
    try {
      json = JSON.parse((descriptorText ?? '').replace(/^\uFEFF/, ''));
    } catch (e) {
      problems.push({ severity: 'error', file: path, line: 0, column: 0, message: `not valid JSON: ${(e as Error).message}`, target });
      return undefined;
    }
    const resource = resourceOf(json, path, hash >= 0 ? source.path.slice(hash + 1) : '');
    if (typeof resource === 'string') {
      problems.push({ severity: 'error', file: path, line: 0, column: 0, message: `dataset "${source.id}": ${resource}`, target });
      return undefined;
    }
    const outside = sourcePathRefusal(resource.file);
    if (outside) {
      rowProblem(`the data of dataset "${source.id}" is not read: its descriptor ${path} names ${resource.file}, which ${outside}`);
      return undefined;
    }
    info = resource;
  } else if (hash >= 0) {
    rowProblem(`"#" names a resource of a data package (datapackage.json#name); ${path} is not a descriptor`);
    return undefined;
  }

  const { bytes, failure } = await readBytes(read, info.file, MAX_DATASET_BYTES, "a dataset's data file");
  if (!bytes) {
    rowProblem(`the data of dataset "${source.id}" cannot be read at ${info.file}${failure}`);
    return undefined;
  }
  if (bytes.length > MAX_DATASET_BYTES) {
    rowProblem(`the data of dataset "${source.id}" (${info.file}) is ${sizeWords(bytes.length)}, more than the ${sizeWords(MAX_DATASET_BYTES)} allowed: it is not read`);
    return undefined;
  }
  const dataset = await datasetOfBytes(bytes, { source: source.id, file: info.file, delimiter: info.delimiter }, problems, (sha256) => {
    if (source.sha256 !== undefined && SHA256_PATTERN.test(source.sha256) && source.sha256 !== sha256) {
      rowProblem(
        `the data of dataset "${source.id}" (${info.file}) has changed since its SHA-256 was recorded (${source.sha256.slice(0, 12)}…, now ${sha256.slice(0, 12)}…): its computed cells and row citations are checked against it as it is now`,
        'warning', 'sha256',
      );
    }
  });
  if (!dataset) return undefined;
  if (descriptor !== undefined) {
    dataset.descriptor = descriptor;
    if (descriptorText !== undefined) dataset.texts[descriptor] = descriptorText;
    if (info.fields) {
      const names = dataset.columns.map((c) => c.name);
      if (info.fields.length !== names.length || info.fields.some((f, i) => f !== names[i])) {
        problems.push({
          severity: 'error', file: descriptor, line: 0, column: 0, target,
          message: `the table schema's fields (${info.fields.join(', ')}) are not the columns of ${info.file} (${names.join(', ')})`,
        });
      }
    }
    if (info.primaryKey) {
      dataset.primaryKey = info.primaryKey;
      checkPrimaryKey(dataset, info.primaryKey, problems, descriptor);
    }
    if (info.licence) dataset.licence = info.licence;
    if (info.title) dataset.title = info.title;
  }
  return dataset;
}

/**
 * A data file's bytes as a dataset: decoded and parsed while its SHA-256 is computed (WebCrypto
 * digests away from the calling thread, so the parse need not wait for it, nor the hash for
 * the parse). `hashed` is told the hash first, then the problems of decoding and parsing are
 * added, in the order a reader would check them.
 */
export async function datasetOfBytes(bytes: Uint8Array, at: Omit<DatasetFile, 'sha256'>, problems: Problem[], hashed?: (sha256: string) => void): Promise<Dataset | undefined> {
  const hashing = sha256Hex(bytes);
  const found: Problem[] = [];
  const text = decodeText(bytes, at.file, found);
  const dataset = text === undefined ? undefined : parseDataset(text, { ...at, sha256: '' }, found);
  const sha256 = await hashing;
  hashed?.(sha256);
  problems.push(...found);
  if (dataset) dataset.sha256 = sha256;
  return dataset;
}

/** The datasets of a matrix's dataset sources, by source id; one that cannot be read is a problem. */
export async function readDatasets(read: FileReader, sources: readonly Source[], problems: Problem[], locations?: WeakMap<object, RowLocator>): Promise<Map<string, Dataset>> {
  const datasets = new Map<string, Dataset>();
  // The code that checks row citations and computed cells comes with the datasets (see engine-hook.ts).
  if (sources.some(isDatasetSource)) installDatasetEngine(engine);
  await Promise.all(sources.filter(isDatasetSource).map(async (source) => {
    if (source.path === '' || datasets.has(source.id)) return;
    const dataset = await readDataset(read, source, problems, locations?.get(source));
    if (dataset) datasets.set(source.id, dataset);
  }));
  return datasets;
}
