/**
 * What a draft is the draft of: the matrix's identity and content, not how its files were
 * picked. Two matrices opened the same way ("8 files", a zip of the same name, the same URL
 * after the server's copy changed) are told apart by their content; the same matrix opened
 * again finds its draft. The key is the matrix's name and a SHA-256 of its canonical files
 * as loaded (saveMatrix: the same matrix always gives the same files), e.g.
 * `eu-north-america#sha256:1f…`.
 */

/** Characters hashed at a time: each step is a few milliseconds, with a pause between. */
const PIECE = 1 << 20;

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

/**
 * The draft key of a matrix named `name` whose canonical files are `files`. `pause` is awaited
 * between pieces (so hashing tens of megabytes never holds up the page). Where Web Crypto is
 * missing (a page served over plain HTTP from another host), a 64-bit FNV-1a stands in.
 */
export async function draftKey(name: string, files: Readonly<Record<string, string>>, pause: () => Promise<void> = async () => undefined): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  const names = Object.keys(files).sort();
  if (!subtle) return `${name}#fnv1a64:${fnv1a64(names, files)}`;
  const encoder = new TextEncoder();
  // A digest per piece (each file's name and length first), then one of them all.
  const digests: ArrayBuffer[] = [];
  for (const file of names) {
    const text = files[file];
    digests.push(await subtle.digest('SHA-256', encoder.encode(`${file}\u0000${text.length}\u0000`)));
    for (let from = 0; from < text.length; from += PIECE) {
      digests.push(await subtle.digest('SHA-256', encoder.encode(text.slice(from, from + PIECE))));
      await pause();
    }
  }
  const all = new Uint8Array(digests.length * 32);
  digests.forEach((d, i) => all.set(new Uint8Array(d), i * 32));
  return `${name}#sha256:${hex(await subtle.digest('SHA-256', all))}`;
}

/** 64-bit FNV-1a of the files' names, lengths and UTF-16 code units (each as two bytes, low first). */
function fnv1a64(names: readonly string[], files: Readonly<Record<string, string>>): string {
  const hash = new Fnv1a64();
  const text = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      hash.byte(c & 0xff);
      hash.byte(c >>> 8);
    }
  };
  for (const file of names) {
    text(`${file}\u0000${files[file].length}\u0000`);
    text(files[file]);
  }
  return hash.hex();
}

/** FNV-1a, 64 bits, in four 16-bit limbs (JavaScript numbers hold 53 bits exactly). */
export class Fnv1a64 {
  private h = [0x2325, 0x8422, 0x9ce4, 0xcbf2];

  byte(b: number): void {
    const h = this.h;
    h[0] ^= b & 0xff;
    // Times the FNV prime, 2^40 + 0x1b3: each limb times 0x1b3, plus the limbs two and a half below, shifted.
    const t0 = h[0] * 0x1b3;
    const t1 = h[1] * 0x1b3 + (t0 >>> 16);
    const t2 = h[2] * 0x1b3 + (h[0] << 8) + (t1 >>> 16);
    const t3 = h[3] * 0x1b3 + (h[1] << 8) + (t2 >>> 16);
    h[0] = t0 & 0xffff;
    h[1] = t1 & 0xffff;
    h[2] = t2 & 0xffff;
    h[3] = t3 & 0xffff;
  }

  hex(): string {
    return [3, 2, 1, 0].map((i) => this.h[i].toString(16).padStart(4, '0')).join('');
  }
}
