import { type Static, Type } from '@sinclair/typebox';
import { MIN_PASSWORD_LENGTH } from '../auth.ts';
import type * as users from '../users.ts';
import { DecimalId, Role } from './auth.ts';
import type { Check, Same } from './same-type.ts';

/** Schemas of `/api/users` and `/api/sessions` (server only; the types are in `../users.ts`). */

const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.@-]*$' });
const Password = Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 1024 });

export const UserInfo = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: Role,
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: Type.String(),
});
export type UserInfo = users.UserInfo;

export const UserCreateBody = Type.Object({ username: Username, password: Password, role: Role }, { additionalProperties: false });
export type UserCreateBody = users.UserCreateBody;

export const UserCreated = Type.Object({ id: Type.Integer(), username: Type.String(), role: Role });
export type UserCreated = users.UserCreated;

export const UserPatchBody = Type.Object(
  { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()), password: Type.Optional(Password) },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatchBody = users.UserPatchBody;

export const UserIdParams = Type.Object({ id: DecimalId });
export type UserIdParams = users.UserIdParams;

export const SessionInfo = Type.Object({
  id: Type.String(),
  userId: Type.Integer(),
  username: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  lastSeenAt: Type.Number(),
  expiresAt: Type.Number(),
  current: Type.Boolean(),
});
export type SessionInfo = users.SessionInfo;

export const SessionListQuery = Type.Object({ user: Type.Optional(DecimalId) }, { additionalProperties: false });
export type SessionListQuery = users.SessionListQuery;

export const SessionIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) });
export type SessionIdParams = users.SessionIdParams;

export type SchemaChecks = [
  Check<Same<Static<typeof UserInfo>, users.UserInfo>>,
  Check<Same<Static<typeof UserCreateBody>, users.UserCreateBody>>,
  Check<Same<Static<typeof UserCreated>, users.UserCreated>>,
  Check<Same<Static<typeof UserPatchBody>, users.UserPatchBody>>,
  Check<Same<Static<typeof UserIdParams>, users.UserIdParams>>,
  Check<Same<Static<typeof SessionInfo>, users.SessionInfo>>,
  Check<Same<Static<typeof SessionListQuery>, users.SessionListQuery>>,
  Check<Same<Static<typeof SessionIdParams>, users.SessionIdParams>>,
];
