import { queryOptions } from '@tanstack/react-query';
import { docker, withQuery } from '../../lib/api-client.ts';
import { resourceKey } from '../../lib/query-keys.ts';

/** What the stream views (logs, stats, terminal, files) need of a container. */
export interface ContainerBrief {
  Id: string;
  Name: string;
  Config: { Tty: boolean; Image: string; Labels?: Record<string, string> | null };
  State: { Status: string; Running: boolean };
}

export const streamKeys = {
  brief: (engine: string, id: string) => [...resourceKey(engine, 'containers'), id, 'brief'] as const,
};

/** Under `['engine', id, 'containers']`, so container events refresh it. */
export const containerBriefQuery = (engine: string, id: string) =>
  queryOptions({
    queryKey: streamKeys.brief(engine, id),
    queryFn: () => docker<ContainerBrief>(engine, `/containers/${encodeURIComponent(id)}/json`),
  });

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
