/**
 * Users, sessions and API tokens: the types of the `/api/auth` and `/api/tokens` bodies. Plain
 * types and constants only (the browser bundle imports this); the TypeBox schemas the server
 * validates with are in `schemas/auth.ts`, checked against these types at compile time.
 */
export { MIN_PASSWORD_LENGTH } from './auth-rules.ts';

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface LoginBody {
  username: string;
  password: string;
}

export interface Me {
  id: number;
  username: string;
  role: Role;
}

/** `GET /api/auth/me`: the user, and whether it still signs in with a generated password. */
export interface MeResponse {
  id: number;
  username: string;
  role: Role;
  mustChangePassword: boolean;
}

export interface PasswordChangeBody {
  currentPassword: string;
  newPassword: string;
}

export interface LogoutQuery {
  everywhere?: boolean;
}

export interface TokenCreateBody {
  name: string;
  /** A token limited to this role (e.g. a read-only `viewer` token of an admin); never more than its owner's. */
  role?: Role;
}

export interface TokenCreated {
  id: number;
  name: string;
  token: string;
}

export interface TokenInfo {
  id: number;
  name: string;
  /** The role the token is limited to (null: its owner's). */
  role: Role | null;
  /** The owner's username. */
  owner: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** `GET /api/tokens?all=true` (admin): everyone's tokens. */
export interface TokenListQuery {
  all?: boolean;
}

/** A decimal id as it is written in URLs (see the schema for the exact rule). */
export interface TokenIdParams {
  id: string;
}
