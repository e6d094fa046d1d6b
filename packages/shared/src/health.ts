/** `GET /api/health` (schemas: `schemas/health.ts`); the engine list is in `engines.ts`. */
export interface EngineReachability {
  reachable: boolean;
  message?: string;
}

export interface HealthResponse {
  status: 'ok';
  engines: Record<string, EngineReachability>;
}

/** A container's health changed, as Porthole saw it (engine `health_status` events). */
export interface HealthTransition {
  container: string;
  /** The container's name when it happened. */
  name: string;
  /** `healthy`, `unhealthy`, `starting`. */
  status: string;
  /** The status before, when Porthole saw it. */
  previous?: string;
  /** ms since the epoch. */
  time: number;
}

/** `GET /api/engines/:engine/health/transitions?container=` */
export interface HealthTransitionsQuery {
  /** A full container id; all containers when left out. */
  container?: string;
}

export interface HealthTransitionsResponse {
  /** Oldest first: the last 500 per container, 10,000 in all, since Porthole started. */
  transitions: HealthTransition[];
}

/**
 * `GET /api/engines/:engine/capabilities`: what the engine's kernel does with settings it accepts
 * and may silently discard. `supported: null` when it could not be told (no image to probe with).
 */
export interface EngineCapabilities {
  blkioWeight: { supported: boolean | null /** The engine's own warning when it discards the setting. */; warning?: string };
}
