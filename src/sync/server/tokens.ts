/**
 * Access tokens: each person gets one, with a role. The token is shown once when it is made;
 * the server keeps only its SHA-256 (a token is 32 random bytes: no slow hash is needed to
 * make guessing hopeless). A token reads `pm_<id>_<secret>`; the id finds the row, the secret
 * is compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Persistence } from './persistence.ts';

export const ROLES = ['reader', 'editor'] as const;
export type Role = (typeof ROLES)[number];

export interface TokenInfo {
  id: string;
  name: string;
  role: Role;
  created: string;
  revoked: string | null;
}

const hash = (secret: string): string => createHash('sha256').update(secret).digest('hex');
const TOKEN = /^pm_([a-f0-9]{8})_([A-Za-z0-9_-]{43})$/;

export class Tokens {
  constructor(private readonly store: Persistence) {}

  /** Make a token for a person: returns it (the only time it is seen) and its row. */
  create(name: string, role: Role): { token: string; info: TokenInfo } {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > 100 || /[\u0000-\u001f]/.test(trimmed)) throw new Error('a token needs a name of 1 to 100 characters, without control characters');
    if (!ROLES.includes(role)) throw new Error(`role must be ${ROLES.join(' or ')}`);
    if (this.list().some((t) => t.name === trimmed && !t.revoked)) throw new Error(`there is already a token named "${trimmed}" (revoke it first, or choose another name)`);
    const id = randomBytes(4).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const info: TokenInfo = { id, name: trimmed, role, created: new Date().toISOString(), revoked: null };
    this.store.db.prepare('INSERT INTO tokens (id, name, role, hash, created, revoked) VALUES (?, ?, ?, ?, ?, NULL)').run(id, info.name, role, hash(secret), info.created);
    return { token: `pm_${id}_${secret}`, info };
  }

  list(): TokenInfo[] {
    return this.store.db.prepare<[], TokenInfo>('SELECT id, name, role, created, revoked FROM tokens ORDER BY created, id').all();
  }

  /** Revoke the tokens with this id or name (not yet revoked); returns those revoked. */
  revoke(idOrName: string): TokenInfo[] {
    const found = this.list().filter((t) => !t.revoked && (t.id === idOrName || t.name === idOrName));
    const now = new Date().toISOString();
    for (const t of found) this.store.db.prepare('UPDATE tokens SET revoked = ? WHERE id = ?').run(now, t.id);
    return found.map((t) => ({ ...t, revoked: now }));
  }

  /** Who a token is, or undefined when it is not a valid, unrevoked token. */
  verify(token: string | undefined | null): TokenInfo | undefined {
    const m = token ? TOKEN.exec(token) : null;
    if (!m) return undefined;
    const row = this.store.db.prepare<[string], TokenInfo & { hash: string }>('SELECT id, name, role, hash, created, revoked FROM tokens WHERE id = ?').get(m[1]);
    if (!row || row.revoked) return undefined;
    const a = Buffer.from(row.hash, 'hex');
    const b = Buffer.from(hash(m[2]), 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    return { id: row.id, name: row.name, role: row.role, created: row.created, revoked: row.revoked };
  }
}
