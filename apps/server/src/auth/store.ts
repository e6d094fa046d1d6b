import type { Me, Role, TokenInfo } from '@porthole/shared/auth';
import type { Db } from '../plugins/db.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from './passwords.ts';

const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
export const TOKEN_PREFIX = 'pht_';

interface UserRow {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
}

/** Users, sessions and API tokens in the embedded store. Secrets are only kept hashed. */
export class AuthStore {
  constructor(private readonly db: Db) {}

  hasUsers(): boolean {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n > 0;
  }

  async createUser(username: string, password: string, role: Role): Promise<Me> {
    const hash = await hashPassword(password);
    const info = this.db.prepare('INSERT INTO users (username, password_hash, role) VALUES (?, ?, ?)').run(username, hash, role);
    return { id: Number(info.lastInsertRowid), username, role };
  }

  async checkPassword(username: string, password: string): Promise<Me | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    // Verify against a dummy hash when the user does not exist, so timing does not reveal it.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    return row && ok ? { id: row.id, username: row.username, role: row.role } : null;
  }

  createSession(userId: number): string {
    const sid = randomSecret();
    this.db
      .prepare('INSERT INTO sessions (id_hash, user_id, expires_at) VALUES (?, ?, ?)')
      .run(sha256(sid), userId, Date.now() + SESSION_TTL_MS);
    return sid;
  }

  userForSession(sid: string): Me | null {
    const row = this.db
      .prepare('SELECT u.id, u.username, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.expires_at > ?')
      .get(sha256(sid), Date.now()) as Me | undefined;
    return row ?? null;
  }

  deleteSession(sid: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(sha256(sid));
  }

  createToken(userId: number, name: string): { id: number; token: string } {
    const token = TOKEN_PREFIX + randomSecret();
    const info = this.db.prepare('INSERT INTO api_tokens (user_id, name, token_hash) VALUES (?, ?, ?)').run(userId, name, sha256(token));
    return { id: Number(info.lastInsertRowid), token };
  }

  userForToken(token: string): Me | null {
    const hash = sha256(token);
    const row = this.db
      .prepare(
        'SELECT u.id, u.username, u.role, t.id AS token_id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?',
      )
      .get(hash) as (Me & { token_id: number }) | undefined;
    if (!row) return null;
    this.db.prepare("UPDATE api_tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(row.token_id);
    return { id: row.id, username: row.username, role: row.role };
  }

  listTokens(userId: number): TokenInfo[] {
    return this.db
      .prepare('SELECT id, name, created_at AS createdAt, last_used_at AS lastUsedAt FROM api_tokens WHERE user_id = ? ORDER BY id')
      .all(userId) as TokenInfo[];
  }

  deleteToken(userId: number, id: number): boolean {
    return this.db.prepare('DELETE FROM api_tokens WHERE id = ? AND user_id = ?').run(id, userId).changes > 0;
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
