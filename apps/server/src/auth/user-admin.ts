import type { Role } from '@porthole/shared/auth';
import type { SessionInfo, UserInfo, UserPatchBody } from '@porthole/shared/users';
import { ApiError } from '../http/api-error.ts';
import type { Db } from '../plugins/db.ts';
import { hashPassword } from './passwords.ts';

interface UserRow {
  id: number;
  username: string;
  role: Role;
  disabled: number;
  must_change_password: number;
  created_at: string;
}

const toInfo = (r: UserRow): UserInfo => ({
  id: r.id,
  username: r.username,
  role: r.role,
  disabled: r.disabled === 1,
  mustChangePassword: r.must_change_password === 1,
  createdAt: r.created_at,
});

/**
 * What an admin does with users and sessions. The last active admin can be neither disabled,
 * demoted nor deleted. A password an admin sets must be changed by its user at the next sign-in.
 * Whoever calls `update`/`remove` closes the user's live connections (the store cannot).
 */
export class UserAdmin {
  constructor(private readonly db: Db) {}

  list(): UserInfo[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[]).map(toInfo);
  }

  get(id: number): UserInfo {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    if (!row) throw new ApiError(404, `No user with id ${id}`);
    return toInfo(row);
  }

  exists(username: string): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(username) !== undefined;
  }

  /** Applies the change; true when the user's access changed (connections must close). */
  async update(id: number, patch: UserPatchBody): Promise<{ user: UserInfo; accessChanged: boolean }> {
    const before = this.get(id);
    const losesAdmin = before.role === 'admin' && !before.disabled && ((patch.role && patch.role !== 'admin') || patch.disabled === true);
    if (losesAdmin) this.assertAnotherAdmin(id, patch.disabled ? 'disabled' : 'demoted');
    const hash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    this.db.transaction(() => {
      if (patch.role !== undefined) this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(patch.role, id);
      if (patch.disabled !== undefined) this.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(patch.disabled ? 1 : 0, id);
      if (hash !== undefined) this.db.prepare('UPDATE users SET password_hash = ?, must_change_password = 1 WHERE id = ?').run(hash, id);
      // Sessions end with a reset password or a disabled account (tokens stop working while disabled).
      if (hash !== undefined || patch.disabled === true) this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
    })();
    const user = this.get(id);
    const accessChanged = user.role !== before.role || (user.disabled && !before.disabled) || hash !== undefined;
    return { user, accessChanged };
  }

  remove(id: number): UserInfo {
    const user = this.get(id);
    if (user.role === 'admin' && !user.disabled) this.assertAnotherAdmin(id, 'deleted');
    this.db.prepare('DELETE FROM users WHERE id = ?').run(id);
    return user;
  }

  private assertAnotherAdmin(id: number, what: string): void {
    const others = this.db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?").get(id) as {
      n: number;
    };
    if (others.n === 0) throw new ApiError(409, `The last active admin cannot be ${what}: make another user an admin first`);
  }

  /** Live sessions of one user, or of everyone (`userId` undefined). */
  sessions(userId: number | undefined, now = Date.now(), idleMs = Number.POSITIVE_INFINITY): Omit<SessionInfo, 'current'>[] {
    return this.db
      .prepare(
        `SELECT s.id_hash AS id, s.user_id AS userId, u.username, s.ip, s.user_agent AS userAgent, s.created_at AS createdAt,
                s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE (? IS NULL OR s.user_id = ?) AND s.expires_at > ? AND s.last_seen_at > ? ORDER BY s.last_seen_at DESC`,
      )
      .all(userId ?? null, userId ?? null, now, Number.isFinite(idleMs) ? now - idleMs : 0) as Omit<SessionInfo, 'current'>[];
  }

  /** The owner of a session, or undefined when there is none with that id. */
  sessionOwner(id: string): number | undefined {
    return (this.db.prepare('SELECT user_id AS u FROM sessions WHERE id_hash = ?').get(id) as { u: number } | undefined)?.u;
  }
}
