import type { EngineEvent } from '@porthole/shared/live';
import type { QueryClient } from '@tanstack/react-query';
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

/** Invalidates what an engine event makes stale, so open views refetch. */
export function invalidateForEvent(client: QueryClient, engine: string, event: EngineEvent): void {
  const resources = event.Type === 'container' && CONTAINER_ONLY.test(event.Action) ? ['containers'] : (AFFECTS[event.Type] ?? []);
  for (const r of resources) void client.invalidateQueries({ queryKey: resourceKey(engine, r) });
}
