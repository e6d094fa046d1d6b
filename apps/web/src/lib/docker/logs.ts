import { withQuery } from '../api-client.ts';

export interface DownloadOptions {
  tail: number | 'all';
  since?: string;
  until?: string;
  q?: string;
  regex?: boolean;
  caseSensitive?: boolean;
  timestamps?: boolean;
}

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
