import { type Static, Type } from '@sinclair/typebox';
import type * as auth from '../auth.ts';
import { MIN_PASSWORD_LENGTH, ROLES } from '../auth.ts';
import type { Check, Same } from './same-type.ts';

/** Schemas of the `/api/auth` and `/api/tokens` bodies (server only; the types are in `../auth.ts`). */

export const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));
export type Role = auth.Role;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = auth.LoginBody;

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Role,
});
export type Me = auth.Me;

export const MeResponse = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Role,
  mustChangePassword: Type.Boolean(),
});
export type MeResponse = auth.MeResponse;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type PasswordChangeBody = auth.PasswordChangeBody;

export const LogoutQuery = Type.Object({ everywhere: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type LogoutQuery = auth.LogoutQuery;

export const TokenCreateBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), role: Type.Optional(Role) },
  { additionalProperties: false },
);
export type TokenCreateBody = auth.TokenCreateBody;

export const TokenCreated = Type.Object({ id: Type.Integer(), name: Type.String(), token: Type.String() });
export type TokenCreated = auth.TokenCreated;

export const TokenInfo = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: Type.Union([Role, Type.Null()]),
  owner: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export type TokenInfo = auth.TokenInfo;

export const TokenListQuery = Type.Object({ all: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export type TokenListQuery = auth.TokenListQuery;

/** A decimal id as it is written in URLs: `1`, never `0x1`, `1e0`, `01` or ` 1`. */
export const DecimalId = Type.String({ pattern: '^[1-9][0-9]{0,14}$' });
export const TokenIdParams = Type.Object({ id: DecimalId });
export type TokenIdParams = auth.TokenIdParams;

export type SchemaChecks = [
  Check<Same<Static<typeof Role>, auth.Role>>,
  Check<Same<Static<typeof LoginBody>, auth.LoginBody>>,
  Check<Same<Static<typeof Me>, auth.Me>>,
  Check<Same<Static<typeof MeResponse>, auth.MeResponse>>,
  Check<Same<Static<typeof PasswordChangeBody>, auth.PasswordChangeBody>>,
  Check<Same<Static<typeof LogoutQuery>, auth.LogoutQuery>>,
  Check<Same<Static<typeof TokenCreateBody>, auth.TokenCreateBody>>,
  Check<Same<Static<typeof TokenCreated>, auth.TokenCreated>>,
  Check<Same<Static<typeof TokenInfo>, auth.TokenInfo>>,
  Check<Same<Static<typeof TokenIdParams>, auth.TokenIdParams>>,
  Check<Same<Static<typeof TokenListQuery>, auth.TokenListQuery>>,
];
