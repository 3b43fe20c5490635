/**
 * A DOCX is a ZIP: before any library unpacks it, make sure it cannot exhaust memory. The
 * sizes its central directory declares are checked first (no part is unpacked), then every
 * part is inflated in small steps and counted, since a forged directory can understate
 * them; unpacking stops at the limit. Only then does mammoth read the file.
 */
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { SourceError } from '../../errors.ts';
import { formatBytes, SOURCE_LIMITS } from '../limits.ts';

/** Compressed bytes fed to the inflater at a time: at most about 1000× that comes out per step. */
const STEP = 16 * 1024;

class Stop extends Error {}

export interface ZipGuardLimits {
  unpacked: number;
  entries: number;
}

/**
 * Check a DOCX's zip: declared sizes, then real sizes, against the limits. Returns the
 * unpacked parts asked for in `keep` (e.g. `docProps/core.xml`). Throws a `SourceError`:
 * `too-large` over a limit, `corrupt` for a damaged zip.
 */
export function guardZip(
  bytes: Uint8Array,
  fileName: string,
  keep: readonly string[] = [],
  limits: ZipGuardLimits = { unpacked: SOURCE_LIMITS.docxUnpacked, entries: SOURCE_LIMITS.docxEntries },
): Map<string, Uint8Array> {
  const tooLarge = (what: string) =>
    new SourceError('too-large', fileName, `unpacks to ${what}, over the limit of ${formatBytes(limits.unpacked)} for a Word document: it is not a normal document (a "zip bomb"?)`);
  // 1. What the central directory declares.
  let declared = 0;
  let entries = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries++;
        declared += file.originalSize;
        if (entries > limits.entries) throw new Stop('entries');
        if (declared > limits.unpacked) throw new Stop('size');
        return false;
      },
    });
  } catch (error) {
    if (error instanceof Stop) {
      if (error.message === 'entries') throw new SourceError('too-large', fileName, `holds more than ${limits.entries} parts: it is not a normal Word document`);
      throw tooLarge(`more than ${formatBytes(limits.unpacked)} by its own account`);
    }
    throw new SourceError('corrupt', fileName, `is a damaged Word document: its ZIP directory cannot be read (${(error as Error).message})`, { cause: error });
  }

  // 2. What the parts really unpack to, counted as they come out.
  let total = 0;
  const kept = new Map<string, Uint8Array[]>();
  let failure: unknown;
  const unzip = new Unzip((file) => {
    const chunks: Uint8Array[] | undefined = keep.includes(file.name) ? [] : undefined;
    if (chunks) kept.set(file.name, chunks);
    file.ondata = (error, data) => {
      if (error) {
        failure ??= error;
        return;
      }
      total += data.length;
      if (total > limits.unpacked) {
        failure ??= new Stop('size');
        file.terminate();
        return;
      }
      chunks?.push(data);
    };
    try {
      file.start();
    } catch (error) {
      failure ??= error;
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && failure === undefined; at += STEP) {
      unzip.push(bytes.subarray(at, Math.min(bytes.length, at + STEP)), at + STEP >= bytes.length);
    }
  } catch (error) {
    failure ??= error;
  }
  if (failure instanceof Stop) throw tooLarge(`more than ${formatBytes(limits.unpacked)}`);
  if (failure !== undefined) throw new SourceError('corrupt', fileName, `is a damaged Word document: a part of it cannot be unpacked (${(failure as Error).message ?? failure})`, { cause: failure });

  const out = new Map<string, Uint8Array>();
  for (const [name, chunks] of kept) {
    const joined = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      joined.set(c, at);
      at += c.length;
    }
    out.set(name, joined);
  }
  return out;
}
