import type { LogsDownloadQuery } from '@porthole/shared/logs';
import { withQuery } from '../api-client.ts';

/** The download route's query, with the tail as a view keeps it. */
export type DownloadOptions = Omit<LogsDownloadQuery, 'tail'> & { tail: number | 'all' };

/** The URL of the streamed text download of a log range and filter. */
export function logDownloadUrl(engine: string, id: string, o: DownloadOptions): string {
  return withQuery(`/api/engines/${encodeURIComponent(engine)}/containers/${encodeURIComponent(id)}/logs/download`, {
    tail: String(o.tail),
    since: o.since || undefined,
    until: o.until || undefined,
    q: o.q || undefined,
    regex: o.q && o.regex ? true : undefined,
    caseSensitive: o.q && o.caseSensitive ? true : undefined,
    timestamps: o.timestamps || undefined,
  });
}
