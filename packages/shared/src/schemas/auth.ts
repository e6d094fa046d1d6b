import { Type } from '@sinclair/typebox';
import type * as auth from '../auth.ts';
import { MIN_PASSWORD_LENGTH, ROLES } from '../auth.ts';
import type { Exactly } from './same-type.ts';

/** Schemas of the `/api/auth` and `/api/tokens` bodies (server only; the types are in `../auth.ts`). */

export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = Exactly<auth.Role, typeof Role, true>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Exactly<auth.LoginBody, typeof LoginBody, true>;

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Role,
});
export type Me = Exactly<auth.Me, typeof Me, true>;

export const MeResponse = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Role,
  mustChangePassword: Type.Boolean(),
});
export type MeResponse = Exactly<auth.MeResponse, typeof MeResponse, true>;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type PasswordChangeBody = Exactly<auth.PasswordChangeBody, typeof PasswordChangeBody, true>;

export const LogoutQuery = Type.Object({ everywhere: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type LogoutQuery = Exactly<auth.LogoutQuery, typeof LogoutQuery, true>;

export const TokenCreateBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), role: Type.Optional(Role) },
  { additionalProperties: false },
);
export type TokenCreateBody = Exactly<auth.TokenCreateBody, typeof TokenCreateBody, true>;

export const TokenCreated = Type.Object({ id: Type.Integer(), name: Type.String(), token: Type.String() });
export type TokenCreated = Exactly<auth.TokenCreated, typeof TokenCreated, true>;

export const TokenInfo = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: Type.Union([Role, Type.Null()]),
  owner: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export type TokenInfo = Exactly<auth.TokenInfo, typeof TokenInfo, true>;

export const TokenListQuery = Type.Object({ all: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type TokenListQuery = Exactly<auth.TokenListQuery, typeof TokenListQuery, true>;

/** A decimal id as it is written in URLs: `1`, never `0x1`, `1e0`, `01` or ` 1`. */
export const DecimalId = Type.String({ pattern: '^[1-9][0-9]{0,14}$' });
export const TokenIdParams = Type.Object({ id: DecimalId });
export type TokenIdParams = Exactly<auth.TokenIdParams, typeof TokenIdParams, true>;
