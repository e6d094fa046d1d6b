import type { EngineEvent } from '@porthole/shared/live';
import type { InvalidateQueryFilters, Query, QueryClient } from '@tanstack/react-query';
import { containerFilesKey, resourceKey } from './query-keys.ts';

/** Which resources an engine event changes (`system` covers info, df and the overview). */
const AFFECTS: Record<string, string[]> = {
  container: ['containers', 'system', 'networks', 'volumes', 'images'],
  image: ['images', 'system'],
  network: ['networks', 'containers', 'system'],
  volume: ['volumes', 'system'],
  builder: ['images', 'system'],
};

/**
 * Events the engine emits for a *read*: `archive-path` for every HEAD/GET of a container's
 * archive (the Files view's listing and downloads), `top` for `docker top` (the Processes tab).
 * They change nothing, and invalidating on them made those views refetch themselves forever:
 * each refetch caused the event that invalidated it, and the invalidation cancelled the refetch
 * in flight, so the view kept its old data (an uploaded file never appeared).
 */
const READS = /^(archive-path|top)$/;

/** Exec and health events are frequent and change little: only the container views refresh. */
const CONTAINER_ONLY = /^(exec_|health_status|attach|resize|copy|extract-to-dir)/;

/** Container events that can change the files inside it: its Files listings refresh. */
const FILES_CHANGED = /^(extract-to-dir|exec_die|destroy)/;

/** Whether a container reference from a URL (full id, short id or name) names the event's container. */
function namesActor(ref: unknown, event: EngineEvent): boolean {
  if (typeof ref !== 'string' || !ref) return false;
  const name = event.Actor.Attributes?.name;
  return event.Actor.ID.startsWith(ref) || ref === name || ref === `/${name}`;
}

/** One group of queries an event makes stale; `group` names it for coalescing. */
export interface StaleQueries {
  group: string;
  filter: InvalidateQueryFilters;
}

/** The queries an engine event makes stale. */
export function staleQueriesForEvent(engine: string, event: EngineEvent): StaleQueries[] {
  if (event.Type === 'container' && READS.test(event.Action)) return [];
  const resources = event.Type === 'container' && CONTAINER_ONLY.test(event.Action) ? ['containers'] : (AFFECTS[event.Type] ?? []);
  const out: StaleQueries[] = resources.map((r) => ({ group: JSON.stringify([engine, r]), filter: { queryKey: resourceKey(engine, r) } }));
  if (event.Type === 'container' && FILES_CHANGED.test(event.Action)) {
    out.push({
      group: JSON.stringify([engine, 'container-files', event.Actor.ID]),
      filter: { queryKey: containerFilesKey(engine), predicate: (q) => namesActor(q.queryKey[3], event) },
    });
  }
  return out;
}

/** Invalidates at once what an engine event makes stale (no coalescing). */
export function invalidateForEvent(client: QueryClient, engine: string, event: EngineEvent): void {
  for (const { filter } of staleQueriesForEvent(engine, event)) void client.invalidateQueries(filter);
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
 * Invalidates what engine events make stale, coalesced per group (a resource, or one container's
 * file listings): the first event for a group arms a timer, events until it fires join it, and it
 * fires one invalidation (trailing edge, so the last event is never lost). At most one
 * invalidation per group per window.
 *
 * A refetch still in flight when the timer fires is not cancelled: on a busy engine, healthcheck
 * exec_* events come faster than a list + inspects round trip, and cancelling that refetch on every
 * event kept views from ever settling. Such a query is invalidated as soon as its fetch ends
 * instead, so what it shows always includes the event; the group's other queries do not wait.
 */
export function createEventInvalidator(client: QueryClient, windowMs = INVALIDATION_WINDOW_MS): EventInvalidator {
  const cache = client.getQueryCache();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Queries whose invalidation waits for the fetch in flight. */
  const waiting = new Set<Query>();
  const fetching = (q: Query) => q.state.fetchStatus === 'fetching';

  const flush = (filter: InvalidateQueryFilters) => {
    for (const q of cache.findAll(filter)) if (fetching(q)) waiting.add(q);
    void client.invalidateQueries({ ...filter, predicate: (q) => !fetching(q) && (filter.predicate?.(q) ?? true) });
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
      for (const { group, filter } of staleQueriesForEvent(engine, event)) {
        if (timers.has(group)) continue;
        timers.set(
          group,
          setTimeout(() => {
            timers.delete(group);
            flush(filter);
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
