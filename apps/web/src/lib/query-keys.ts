/**
 * Query keys are `['engine', engineId, resource, ...]` so that engine events can invalidate
 * a whole resource (`['engine', id, 'containers']`) and a reconnect can refetch an engine.
 * Each feature builds its keys from `engineKey` in its own api.ts.
 */
export const engineKey = (engine: string) => ['engine', engine] as const;
export const resourceKey = (engine: string, resource: string) => ['engine', engine, resource] as const;
