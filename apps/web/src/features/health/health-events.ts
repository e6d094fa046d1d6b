import type { EngineEvent } from '@porthole/shared/live';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { healthHistoryQuery } from '../../lib/docker/events.ts';
import { useEngine, useEngineEvents } from '../../lib/engine-status.tsx';

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
    ...healthHistoryQuery(engine, since),
    select: (events) => events.map(toHealthEvent).filter((e): e is HealthEvent => !!e),
  });
  useEngineEvents((e) => {
    const h = toHealthEvent(e);
    if (h) setLive((prev) => [...prev.slice(-199), h]);
  });
  return [...(past.data ?? []), ...live].sort((a, b) => b.time - a.time);
}
