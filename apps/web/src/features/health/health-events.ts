import type { EngineEvent } from '@porthole/shared/live';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiFetch, dockerPath } from '../../lib/api-client.ts';
import { useEngine, useEngineEvents } from '../../lib/engine-status.tsx';
import { resourceKey } from '../../lib/query-keys.ts';

export interface HealthEvent {
  time: number;
  id: string;
  name: string;
  status: string;
}

const toHealthEvent = (e: EngineEvent): HealthEvent | undefined => {
  if (e.Type !== 'container' || !e.Action.startsWith('health_status')) return undefined;
  return {
    time: e.timeNano ? e.timeNano / 1e6 : e.time * 1000,
    id: e.Actor.ID,
    name: e.Actor.Attributes?.name ?? e.Actor.ID.slice(0, 12),
    status: e.Action.replace(/^health_status:\s*/, ''),
  };
};

/** `health_status` events: the last hour from the engine, then live ones as they come. */
export function useHealthTimeline(): HealthEvent[] {
  const engine = useEngine();
  const [since] = useState(() => Math.floor(Date.now() / 1000));
  const [live, setLive] = useState<HealthEvent[]>([]);
  const past = useQuery({
    queryKey: [...resourceKey(engine, 'health-history'), since],
    queryFn: async () => {
      const res = await apiFetch(dockerPath(engine, '/events'), {
        query: { since: since - 3600, until: since, filters: JSON.stringify({ type: ['container'], event: ['health_status'] }) },
      });
      const text = await res.text();
      return text
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => toHealthEvent(JSON.parse(l) as EngineEvent))
        .filter((e): e is HealthEvent => !!e);
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEngineEvents((e) => {
    const h = toHealthEvent(e);
    if (h) setLive((prev) => [...prev.slice(-199), h]);
  });
  return [...(past.data ?? []), ...live].sort((a, b) => b.time - a.time);
}
