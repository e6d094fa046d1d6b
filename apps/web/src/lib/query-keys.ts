/**
 * Query keys are `['engine', engineId, resource, ...]` so that engine events can invalidate
 * a whole resource (`['engine', id, 'containers']`) and a reconnect can refetch an engine.
 * Each feature builds its keys from `engineKey` in its own api.ts.
 */
export const engineKey = (engine: string) => ['engine', engine] as const;
export const resourceKey = (engine: string, resource: string) => ['engine', engine, resource] as const;

/**
 * Containers' file listings (`[...containerFilesKey(engine), containerRef, path]`). Deliberately not under `containers`: a listing reads the
 * directory's whole archive, so it refreshes only on events that change the container's files
 * (see event-invalidation.ts), not on every container event of the engine.
 */
export const containerFilesKey = (engine: string) => resourceKey(engine, 'container-files');
