import { type Static, Type } from '@sinclair/typebox';
import { MIN_PASSWORD_LENGTH } from './auth-rules.ts';

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = Static<typeof Role>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Role,
});
export type Me = Static<typeof Me>;

/** `GET /api/auth/me`: the user, and whether it still signs in with a generated password. */
export const MeResponse = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Role,
  mustChangePassword: Type.Boolean(),
});
export type MeResponse = Static<typeof MeResponse>;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const LogoutQuery = Type.Object({ everywhere: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type LogoutQuery = Static<typeof LogoutQuery>;

export const TokenCreateBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false });
export type TokenCreateBody = Static<typeof TokenCreateBody>;

export const TokenCreated = Type.Object({ id: Type.Integer(), name: Type.String(), token: Type.String() });
export type TokenCreated = Static<typeof TokenCreated>;

export const TokenInfo = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export type TokenInfo = Static<typeof TokenInfo>;

/** A decimal id as it is written in URLs: `1`, never `0x1`, `1e0`, `01` or ` 1`. */
export const TokenIdParams = Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,14}$' }) });
export type TokenIdParams = Static<typeof TokenIdParams>;
