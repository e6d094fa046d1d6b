/**
 * Container logs. A log line travels as a compact tuple (a million of them must fit in a
 * browser tab): `[timestamp, stream, text]`, the timestamp being the engine's RFC 3339 time
 * with nanoseconds (sortable as a string), the stream 1 = stdout, 2 = stderr, 0 = tty.
 * Plain types only; the schemas the server validates with are in `schemas/logs.ts`.
 */
export type LogStream = 0 | 1 | 2;
export type LogLine = [t: string, s: LogStream, l: string];

export interface LogSearch {
  pattern: string;
  regex?: boolean;
  caseSensitive?: boolean;
}

/**
 * A finite read of a container's log (the part before the live tail), filtered on the server.
 * `before` is an exact log timestamp (exclusive): the seam with the live `logs` topic.
 * `request` makes the upstream private to one subscriber (a nonce chosen by the client).
 * `since`/`until`: relative (`5m`, `1h`, `2d`), a UNIX time (`1700000000.5`) or an RFC 3339 date.
 */
export interface LogsBackfillParams {
  container: string;
  request: string;
  tail?: number | 'all';
  since?: string;
  until?: string;
  before?: string;
  search?: LogSearch;
  stdout?: boolean;
  stderr?: boolean;
}

/** Query of the log download route (`GET /api/engines/:engine/containers/:id/logs/download`). */
export interface LogsDownloadQuery {
  /** `all` or a number of lines. */
  tail?: string;
  since?: string;
  until?: string;
  q?: string;
  regex?: boolean;
  caseSensitive?: boolean;
  timestamps?: boolean;
}

/** The last item of a backfill: the timestamp of the last line read (matching or not). */
export interface LogCursor {
  cursor: string;
}
export type LogItem = LogLine | LogCursor;
