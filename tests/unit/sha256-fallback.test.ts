/** SHA-256 where WebCrypto is missing (a page served over plain http): the same digests as Node's. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Js } from '../../src/model/sources/fixity.ts';
import { random } from './support/random.ts';

describe('sha256Js', () => {
  it('gives the digest Node gives, at every length around the block boundaries and for a long input', () => {
    const next = random(7);
    for (const n of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 300_001]) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
      expect(Buffer.from(sha256Js(bytes)).toString('hex'), `${n} bytes`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('hashes "abc" as FIPS 180-4 says', () => {
    expect(Buffer.from(sha256Js(new TextEncoder().encode('abc'))).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
