import { Type } from '@sinclair/typebox';
import type * as logs from '../logs.ts';
import type { Exactly } from './same-type.ts';

import { ContainerRef } from './engine-params.ts';

export { ContainerRef };
/** Relative (`5m`, `1h`, `2d`), a UNIX time (`1700000000.5`) or an RFC 3339 date. */
const TimeSpec = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z:.+-]+$' });

export const LogSearch = Type.Object(
  {
    pattern: Type.String({ minLength: 1, maxLength: 1000 }),
    regex: Type.Optional(Type.Boolean()),
    caseSensitive: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type LogSearch = Exactly<logs.LogSearch, typeof LogSearch, true>;

/** A finite read of a container's log, filtered on the server (see `LogsBackfillParams` in `../logs.ts`). */
export const LogsBackfillParams = Type.Object(
  {
    container: ContainerRef,
    request: Type.String({ minLength: 1, maxLength: 64 }),
    tail: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 10_000_000 }), Type.Literal('all')])),
    since: Type.Optional(TimeSpec),
    until: Type.Optional(TimeSpec),
    before: Type.Optional(Type.String({ maxLength: 64 })),
    search: Type.Optional(LogSearch),
    stdout: Type.Optional(Type.Boolean()),
    stderr: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type LogsBackfillParams = Exactly<logs.LogsBackfillParams, typeof LogsBackfillParams, true>;

/** Query of the log download route (`GET /api/engines/:engine/containers/:id/logs/download`). */
export const LogsDownloadQuery = Type.Object(
  {
    tail: Type.Optional(Type.String({ pattern: '^(all|[0-9]+)$' })),
    since: Type.Optional(TimeSpec),
    until: Type.Optional(TimeSpec),
    q: Type.Optional(Type.String({ maxLength: 1000 })),
    regex: Type.Optional(Type.Boolean()),
    caseSensitive: Type.Optional(Type.Boolean()),
    timestamps: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type LogsDownloadQuery = Exactly<logs.LogsDownloadQuery, typeof LogsDownloadQuery, true>;
