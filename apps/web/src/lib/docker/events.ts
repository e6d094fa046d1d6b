import type { EngineEvent } from '@porthole/shared/live';
import { queryOptions } from '@tanstack/react-query';
import { apiFetch, dockerPath } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';

export const eventKeys = {
  history: (engine: string, since: number) => [...resourceKey(engine, 'events-history'), since] as const,
};

/** The engine's events of the last `seconds` (a finite `GET /events?since&until`, newline-delimited JSON). */
export const eventHistoryQuery = (engine: string, since: number, until: number) =>
  queryOptions({
    queryKey: eventKeys.history(engine, since),
    queryFn: async () => {
      const res = await apiFetch(dockerPath(engine, `/events?since=${since}&until=${until}`));
      const text = await res.text();
      return text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as EngineEvent);
    },
    staleTime: Number.POSITIVE_INFINITY,
  });

export const eventKey = (e: EngineEvent) => `${e.timeNano}|${e.Type}|${e.Action}|${e.Actor?.ID}`;

/** Where an event's object lives in Porthole. */
export function eventLink(e: EngineEvent): string | undefined {
  const id = encodeURIComponent(e.Actor.ID);
  switch (e.Type) {
    case 'container':
      return `/containers/${id}`;
    case 'image':
      return `/images/${id}`;
    case 'network':
      return `/networks/${id}`;
    case 'volume':
      return `/volumes/${id}`;
    default:
      return undefined;
  }
}

export function eventName(e: EngineEvent): string {
  const a = e.Actor.Attributes ?? {};
  return a.name ?? a.image ?? e.Actor.ID.slice(0, 12);
}
