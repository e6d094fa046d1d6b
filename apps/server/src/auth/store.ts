import type { Me, Role, TokenInfo } from '@porthole/shared/auth';
import type { Db } from '../plugins/db.ts';
import { lesserRole } from '../policy/roles.ts';
import { hashPassword, randomSecret, sha256, verifyPassword } from './passwords.ts';

export const TOKEN_PREFIX = 'pht_';

/** How long a session lives: since it was created (absolute) and since it was last used (idle). */
export interface SessionLifetime {
  maxAgeMs: number;
  idleMs: number;
}

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = { maxAgeMs: 7 * 24 * 3600_000, idleMs: 8 * 3600_000 };

/** A session's last use is written at most this often (not on every request). */
const TOUCH_EVERY_MS = 60_000;

/** What a request was signed in with: a session (by its hash) or an API token (by its id and name). */
export type Credential = { kind: 'session'; id: string } | { kind: 'token'; id: number; name: string };

export interface Identity {
  /** The user, with the role this credential carries (a token's at most its owner's). */
  user: Me;
  credential: Credential;
  /**
   * A session of a user who must change the password first (generated on first start, or reset by
   * an admin): it may only read who it is, change the password and sign out. API tokens are not
   * held back: a token is made after a sign-in, and an admin's reset is not a revocation (an admin
   * who suspects a leak revokes the user's tokens, or disables the user).
   */
  passwordChangePending?: true;
}

interface UserRow {
  id: number;
  username: string;
  role: Role;
  password_hash: string;
  disabled: number;
}

/** Users, sessions and API tokens in the embedded store. Secrets are only kept hashed. */
export class AuthStore {
  /** When each token's last use was last written (by token id). */
  private readonly tokenTouchedAt = new Map<number, number>();

  constructor(
    private readonly db: Db,
    readonly lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME,
  ) {}

  hasUsers(): boolean {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n > 0;
  }

  async createUser(username: string, password: string, role: Role, mustChangePassword = false): Promise<Me> {
    const hash = await hashPassword(password);
    const info = this.db
      .prepare('INSERT INTO users (username, password_hash, role, must_change_password) VALUES (?, ?, ?, ?)')
      .run(username, hash, role, mustChangePassword ? 1 : 0);
    return { id: Number(info.lastInsertRowid), username, role };
  }

  async checkPassword(username: string, password: string): Promise<Me | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    // Verify against a dummy hash when the user does not exist, so timing does not reveal it.
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    return row && ok && !row.disabled ? { id: row.id, username: row.username, role: row.role } : null;
  }

  /** True when the user still has the password Porthole generated on first start. */
  mustChangePassword(userId: number): boolean {
    const row = this.db.prepare('SELECT must_change_password AS m FROM users WHERE id = ?').get(userId) as { m: number } | undefined;
    return row?.m === 1;
  }

  /** Sets a new password when `current` is right; false otherwise. */
  async changePassword(userId: number, current: string, next: string): Promise<boolean> {
    const row = this.db.prepare('SELECT password_hash FROM users WHERE id = ?').get(userId) as { password_hash: string } | undefined;
    if (!row || !(await verifyPassword(current, row.password_hash))) return false;
    const hash = await hashPassword(next);
    this.db.prepare('UPDATE users SET password_hash = ?, must_change_password = 0 WHERE id = ?').run(hash, userId);
    return true;
  }

  createSession(userId: number, meta: { ip?: string; userAgent?: string } = {}, now = Date.now()): { sid: string; id: string } {
    const sid = randomSecret();
    const id = sha256(sid);
    this.db
      .prepare('INSERT INTO sessions (id_hash, user_id, expires_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, userId, now + this.lifetime.maxAgeMs, now, meta.ip ?? null, meta.userAgent?.slice(0, 300) ?? null);
    return { sid, id };
  }

  /** The session's user, when it has neither expired nor been idle too long (its use is recorded). */
  identityForSession(sid: string, now = Date.now()): Identity | null {
    const id = sha256(sid);
    const row = this.db
      .prepare(
        'SELECT u.id, u.username, u.role, u.must_change_password AS mustChange, s.last_seen_at AS lastSeen FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.disabled = 0 AND s.id_hash = ? AND s.expires_at > ? AND s.last_seen_at > ?',
      )
      .get(id, now, now - this.lifetime.idleMs) as (Me & { lastSeen: number; mustChange: number }) | undefined;
    if (!row) return null;
    if (now - row.lastSeen > TOUCH_EVERY_MS) this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, id);
    return {
      user: { id: row.id, username: row.username, role: row.role },
      credential: { kind: 'session', id },
      ...(row.mustChange === 1 ? { passwordChangePending: true as const } : {}),
    };
  }

  deleteSession(id: string): void {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(id);
  }

  /** Ends every session of a user but `keep`; returns the ids it ended. */
  deleteSessionsOfUser(userId: number, keep?: string): string[] {
    const rows = this.db.prepare('SELECT id_hash AS id FROM sessions WHERE user_id = ? AND id_hash IS NOT ?').all(userId, keep ?? null) as {
      id: string;
    }[];
    this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND id_hash IS NOT ?').run(userId, keep ?? null);
    return rows.map((r) => r.id);
  }

  /** Removes expired and idle sessions; returns their ids. */
  pruneSessions(now = Date.now()): string[] {
    const where = 'expires_at <= ? OR last_seen_at <= ?';
    const args = [now, now - this.lifetime.idleMs];
    const rows = this.db.prepare(`SELECT id_hash AS id FROM sessions WHERE ${where}`).all(...args) as { id: string }[];
    if (rows.length) this.db.prepare(`DELETE FROM sessions WHERE ${where}`).run(...args);
    return rows.map((r) => r.id);
  }

  /** A token for the user; with `role`, limited to it (never more than the owner's role, checked on each use). */
  createToken(userId: number, name: string, role?: Role): { id: number; token: string } {
    const token = TOKEN_PREFIX + randomSecret();
    const info = this.db
      .prepare('INSERT INTO api_tokens (user_id, name, token_hash, role) VALUES (?, ?, ?, ?)')
      .run(userId, name, sha256(token), role ?? null);
    return { id: Number(info.lastInsertRowid), token };
  }

  identityForToken(token: string): Identity | null {
    const hash = sha256(token);
    const row = this.db
      .prepare(
        'SELECT u.id, u.username, u.role, t.id AS token_id, t.name AS token_name, t.role AS token_role FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.disabled = 0',
      )
      .get(hash) as (Me & { token_id: number; token_name: string; token_role: Role | null }) | undefined;
    if (!row) return null;
    // A token's last use is written at most once a minute (like a session's), not on every call.
    const now = Date.now();
    if (now - (this.tokenTouchedAt.get(row.token_id) ?? 0) > TOUCH_EVERY_MS) {
      this.db.prepare("UPDATE api_tokens SET last_used_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ?").run(row.token_id);
      this.tokenTouchedAt.set(row.token_id, now);
    }
    const role = row.token_role ? lesserRole(row.role, row.token_role) : row.role;
    return {
      user: { id: row.id, username: row.username, role },
      credential: { kind: 'token', id: row.token_id, name: row.token_name },
    };
  }

  /** One user's tokens, or (`userId` undefined) everyone's. */
  listTokens(userId?: number): TokenInfo[] {
    return this.db
      .prepare(
        `SELECT t.id, t.name, t.role, u.username AS owner, t.created_at AS createdAt, t.last_used_at AS lastUsedAt
         FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE ? IS NULL OR t.user_id = ? ORDER BY t.id`,
      )
      .all(userId ?? null, userId ?? null) as TokenInfo[];
  }

  /** Deletes a token of the user (or, `userId` undefined, anyone's). */
  deleteToken(userId: number | undefined, id: number): boolean {
    return (
      this.db.prepare('DELETE FROM api_tokens WHERE id = ? AND (? IS NULL OR user_id = ?)').run(id, userId ?? null, userId ?? null)
        .changes > 0
    );
  }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
