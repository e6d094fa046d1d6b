import type { EngineEvent } from '@porthole/shared/live';
import type { Query, QueryClient } from '@tanstack/react-query';
import { resourceKey } from './query-keys.ts';

/** Which resources an engine event changes (`system` covers info, df and the overview). */
const AFFECTS: Record<string, string[]> = {
  container: ['containers', 'system', 'networks', 'volumes', 'images'],
  image: ['images', 'system'],
  network: ['networks', 'containers', 'system'],
  volume: ['volumes', 'system'],
  builder: ['images', 'system'],
};

/** Exec and health events are frequent and change little: only the container views refresh. */
const CONTAINER_ONLY = /^(exec_|health_status|top|attach|resize|copy|archive-path|extract-to-dir)/;

/** The resources (query key roots under the engine) an engine event makes stale. */
export function resourcesForEvent(event: EngineEvent): string[] {
  return event.Type === 'container' && CONTAINER_ONLY.test(event.Action) ? ['containers'] : (AFFECTS[event.Type] ?? []);
}

/** How long events for one resource are gathered into one invalidation. */
export const INVALIDATION_WINDOW_MS = 250;

export interface EventInvalidator {
  /** Marks what `event` makes stale; the invalidation follows within the window. */
  onEvent(engine: string, event: EngineEvent): void;
  /** Drops pending invalidations (unmount). */
  dispose(): void;
}

/**
 * Invalidates what engine events make stale, coalesced per resource: the first event for a
 * resource arms a timer, events until it fires join it, and it fires one invalidation (trailing
 * edge, so the last event is never lost). At most one invalidation per resource per window.
 *
 * A refetch still in flight when the timer fires is not cancelled: on a busy engine, healthcheck
 * exec_* events come faster than a list + inspects round trip, and cancelling that refetch on every
 * event kept views from ever settling. Such a query is invalidated as soon as its fetch ends
 * instead, so what it shows always includes the event; the resource's other queries do not wait.
 */
export function createEventInvalidator(client: QueryClient, windowMs = INVALIDATION_WINDOW_MS): EventInvalidator {
  const cache = client.getQueryCache();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Queries whose invalidation waits for the fetch in flight. */
  const waiting = new Set<Query>();
  const fetching = (q: Query) => q.state.fetchStatus === 'fetching';

  const flush = (engine: string, resource: string) => {
    const queryKey = resourceKey(engine, resource);
    for (const q of cache.findAll({ queryKey })) if (fetching(q)) waiting.add(q);
    void client.invalidateQueries({ queryKey, predicate: (q) => !fetching(q) });
  };
  const unsubscribe = cache.subscribe((e) => {
    if (!waiting.has(e.query)) return;
    if (e.type === 'removed') waiting.delete(e.query);
    else if (!fetching(e.query)) {
      waiting.delete(e.query);
      void client.invalidateQueries({ queryKey: e.query.queryKey, exact: true });
    }
  });

  return {
    onEvent(engine, event) {
      for (const resource of resourcesForEvent(event)) {
        const id = JSON.stringify([engine, resource]);
        if (timers.has(id)) continue;
        timers.set(
          id,
          setTimeout(() => {
            timers.delete(id);
            flush(engine, resource);
          }, windowMs),
        );
      }
    },
    dispose() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      waiting.clear();
      unsubscribe();
    },
  };
}
