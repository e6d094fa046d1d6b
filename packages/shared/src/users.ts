/**
 * User administration (`/api/users`, admin only) and sessions (`/api/sessions`): the body types.
 * Plain types only; the server's schemas are in `schemas/users.ts`.
 */
import type { Role } from './auth.ts';

export interface UserInfo {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
  /** Still signs in with a password someone else chose (first start, or an admin's reset). */
  mustChangePassword: boolean;
  createdAt: string;
}

/** `POST /api/users` → `{id, username, role}`. */
export interface UserCreateBody {
  username: string;
  password: string;
  role: Role;
}

export interface UserCreated {
  id: number;
  username: string;
  role: Role;
}

/** `PATCH /api/users/:id`: any of role, disabled, password (an admin's reset). */
export interface UserPatchBody {
  role?: Role;
  disabled?: boolean;
  password?: string;
}

/** A decimal id as written in URLs. */
export interface UserIdParams {
  id: string;
}

/** One signed-in browser: "Signed in from …, last seen …". */
export interface SessionInfo {
  /** The session's public id (a hash of its secret; revoking takes this). */
  id: string;
  userId: number;
  username: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  /** ms since the epoch. */
  lastSeenAt: number;
  expiresAt: number;
  /** The session this request was made with. */
  current: boolean;
}

/** `GET /api/sessions?user=ID` (admin for other users; without `user`, one's own). */
export interface SessionListQuery {
  user?: string;
}

export interface SessionIdParams {
  id: string;
}
