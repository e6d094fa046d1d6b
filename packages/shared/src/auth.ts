import { type Static, Type } from '@sinclair/typebox';

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

export const TokenIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
