import { Type } from '@sinclair/typebox';
import type * as audit from '../audit.ts';
import { AUDIT_RESULTS } from '../audit.ts';
import { Role } from './auth.ts';
import type { Exactly } from './same-type.ts';

/** Schemas of `GET /api/audit` (server only; the types are in `../audit.ts`). */

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Result = Type.Union(AUDIT_RESULTS.map((r) => Type.Literal(r)));

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.Number(),
  user: Nullable(Type.String()),
  tokenName: Nullable(Type.String()),
  role: Type.Union([Role, Type.Null()]),
  engine: Nullable(Type.String()),
  action: Type.String(),
  target: Nullable(Type.String()),
  targetName: Nullable(Type.String()),
  result: Result,
  status: Type.Integer(),
  message: Nullable(Type.String()),
  client: Nullable(Type.String()),
});
export type AuditEntry = Exactly<audit.AuditEntry, typeof AuditEntry, true>;

/** A time: ISO 8601 or ms since the epoch. */
const Time = Type.String({ minLength: 1, maxLength: 40, pattern: '^(\\d{1,15}|\\d{4}-\\d{2}-\\d{2}[T0-9:.Z+-]*)$' });
const Filter = Type.String({ minLength: 1, maxLength: 200 });

export const AuditQuery = Type.Object(
  {
    user: Type.Optional(Filter),
    action: Type.Optional(Filter),
    target: Type.Optional(Filter),
    result: Type.Optional(Result),
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    cursor: Type.Optional(Type.Integer({ minimum: 1 })),
    format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('json')])),
  },
  { additionalProperties: false },
);
export type AuditQuery = Exactly<audit.AuditQuery, typeof AuditQuery, true>;

export const AuditPage = Type.Object({ entries: Type.Array(AuditEntry), nextCursor: Type.Union([Type.Integer(), Type.Null()]) });
export type AuditPage = Exactly<audit.AuditPage, typeof AuditPage, true>;
