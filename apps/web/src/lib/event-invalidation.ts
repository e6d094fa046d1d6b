import type { EngineEvent } from '@porthole/shared/live';
import type { InvalidateQueryFilters, QueryClient } from '@tanstack/react-query';
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

/** The queries an engine event makes stale. */
export function staleQueriesForEvent(engine: string, event: EngineEvent): InvalidateQueryFilters[] {
  if (event.Type === 'container' && READS.test(event.Action)) return [];
  const resources = event.Type === 'container' && CONTAINER_ONLY.test(event.Action) ? ['containers'] : (AFFECTS[event.Type] ?? []);
  const filters: InvalidateQueryFilters[] = resources.map((r) => ({ queryKey: resourceKey(engine, r) }));
  if (event.Type === 'container' && FILES_CHANGED.test(event.Action))
    filters.push({ queryKey: containerFilesKey(engine), predicate: (q) => namesActor(q.queryKey[3], event) });
  return filters;
}

/** Invalidates what an engine event makes stale, so open views refetch. */
export function invalidateForEvent(client: QueryClient, engine: string, event: EngineEvent): void {
  for (const filter of staleQueriesForEvent(engine, event)) void client.invalidateQueries(filter);
}
