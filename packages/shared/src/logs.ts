import { type Static, Type } from '@sinclair/typebox';
import { ContainerRef } from './engine-params.ts';

/**
 * Container logs. A log line travels as a compact tuple (a million of them must fit in a
 * browser tab): `[timestamp, stream, text]`, the timestamp being the engine's RFC 3339 time
 * with nanoseconds (sortable as a string), the stream 1 = stdout, 2 = stderr, 0 = tty.
 */
export type LogStream = 0 | 1 | 2;
export type LogLine = [t: string, s: LogStream, l: string];

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
export type LogSearch = Static<typeof LogSearch>;

/**
 * A finite read of a container's log (the part before the live tail), filtered on the server.
 * `before` is an exact log timestamp (exclusive): the seam with the live `logs` topic.
 * `request` makes the upstream private to one subscriber (a nonce chosen by the client).
 */
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
export type LogsBackfillParams = Static<typeof LogsBackfillParams>;

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
export type LogsDownloadQuery = Static<typeof LogsDownloadQuery>;

/** The last item of a backfill: the timestamp of the last line read (matching or not). */
export interface LogCursor {
  cursor: string;
}
export type LogItem = LogLine | LogCursor;
