import type { HealthTransition, HealthTransitionsResponse } from '@porthole/shared/health';
import type { EngineEvent } from '@porthole/shared/live';
import { queryOptions } from '@tanstack/react-query';
import { api, apiFetch, dockerPath } from '../api-client.ts';
import { readJsonLines } from './progress-stream.ts';
import { resourceKey } from '../query-keys.ts';

export const eventKeys = {
  history: (engine: string, since: number) => [...resourceKey(engine, 'events-history'), since] as const,
};

/** The engine's events between two times (a finite `GET /events?since&until`, newline-delimited JSON). */
export async function eventHistory(
  engine: string,
  since: number,
  until: number,
  filters?: Record<string, string[]>,
): Promise<EngineEvent[]> {
  const res = await apiFetch(dockerPath(engine, '/events'), {
    query: { since, until, filters: filters ? JSON.stringify(filters) : undefined },
  });
  return readJsonLines<EngineEvent>(res);
}

/** The engine's events of the last minutes (the events view opens with them). */
export const eventHistoryQuery = (engine: string, since: number, until: number) =>
  queryOptions({
    queryKey: eventKeys.history(engine, since),
    queryFn: () => eventHistory(engine, since, until),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** `health_status` events of the last hour before `since`. */
export const healthHistoryQuery = (engine: string, since: number) =>
  queryOptions({
    queryKey: [...resourceKey(engine, 'health-history'), since] as const,
    queryFn: () => eventHistory(engine, since - 3600, since, { type: ['container'], event: ['health_status'] }),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The health changes Porthole itself has seen since it started (the engine keeps only 256 events), oldest first. */
export const healthTransitionsQuery = (engine: string) =>
  queryOptions({
    queryKey: [...resourceKey(engine, 'health-transitions')] as const,
    queryFn: async ({ signal }): Promise<HealthTransition[]> =>
      (await api<HealthTransitionsResponse>(`/api/engines/${encodeURIComponent(engine)}/health/transitions`, { signal })).transitions,
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
