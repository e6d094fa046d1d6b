/** `GET /api/health` (schemas: `schemas/health.ts`); the engine list is in `engines.ts`. */
export interface EngineReachability {
  reachable: boolean;
  message?: string;
}

export interface HealthResponse {
  status: 'ok';
  engines: Record<string, EngineReachability>;
}
