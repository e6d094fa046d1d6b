import type { EngineEvent } from '@porthole/shared/live';
import type { HealthTransition } from '@porthole/shared/health';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { healthHistoryQuery, healthTransitionsQuery } from '../../lib/docker/events.ts';
import { useEngine, useEngineEvents } from '../../lib/engine-status.tsx';

export interface HealthEvent {
  time: number;
  id: string;
  name: string;
  status: string;
  /** The status before, when Porthole saw it. */
  previous?: string;
}

const fromTransition = (t: HealthTransition): HealthEvent => ({
  time: t.time,
  id: t.container,
  name: t.name,
  status: t.status,
  previous: t.previous,
});

/** One entry per change: the engine's history, Porthole's record and the live feed overlap. */
function distinct(events: HealthEvent[]): HealthEvent[] {
  const seen = new Map<string, HealthEvent>();
  for (const e of events) {
    const key = `${e.id}|${e.status}|${Math.floor(e.time / 1000)}`;
    const had = seen.get(key);
    if (!had || (!had.previous && e.previous)) seen.set(key, e);
  }
  return [...seen.values()];
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

/**
 * Health changes, newest first: every transition Porthole has kept since it started (the engine
 * keeps only its last 256 events), the engine's last hour, then live ones as they come.
 */
export function useHealthTimeline(): HealthEvent[] {
  const engine = useEngine();
  const [since] = useState(() => Math.floor(Date.now() / 1000));
  const [live, setLive] = useState<HealthEvent[]>([]);
  const past = useQuery({
    ...healthHistoryQuery(engine, since),
    select: (events) => events.map(toHealthEvent).filter((e): e is HealthEvent => !!e),
  });
  const kept = useQuery({ ...healthTransitionsQuery(engine), select: (ts) => ts.map(fromTransition) });
  useEngineEvents((e) => {
    const h = toHealthEvent(e);
    if (h) setLive((prev) => [...prev.slice(-199), h]);
  });
  return distinct([...(kept.data ?? []), ...(past.data ?? []), ...live]).sort((a, b) => b.time - a.time);
}
