import { Type } from '@sinclair/typebox';
import { MIN_PASSWORD_LENGTH } from '../auth.ts';
import type * as users from '../users.ts';
import { DecimalId, Role } from './auth.ts';
import type { Exactly } from './same-type.ts';

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
export type UserInfo = Exactly<users.UserInfo, typeof UserInfo, true>;

export const UserCreateBody = Type.Object({ username: Username, password: Password, role: Role }, { additionalProperties: false });
export type UserCreateBody = Exactly<users.UserCreateBody, typeof UserCreateBody, true>;

export const UserCreated = Type.Object({ id: Type.Integer(), username: Type.String(), role: Role });
export type UserCreated = Exactly<users.UserCreated, typeof UserCreated, true>;

export const UserPatchBody = Type.Object(
  { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()), password: Type.Optional(Password) },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatchBody = Exactly<users.UserPatchBody, typeof UserPatchBody, true>;

export const UserIdParams = Type.Object({ id: DecimalId });
export type UserIdParams = Exactly<users.UserIdParams, typeof UserIdParams, true>;

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
export type SessionInfo = Exactly<users.SessionInfo, typeof SessionInfo, true>;

export const SessionListQuery = Type.Object({ user: Type.Optional(DecimalId) }, { additionalProperties: false });
export type SessionListQuery = Exactly<users.SessionListQuery, typeof SessionListQuery, true>;

export const SessionIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{64}$' }) });
export type SessionIdParams = Exactly<users.SessionIdParams, typeof SessionIdParams, true>;
