/** `GET /api/health` and the engine list (schemas: `schemas/health.ts`). */
export interface EngineReachability {
  reachable: boolean;
  message?: string;
}

export interface HealthResponse {
  status: 'ok';
  engines: Record<string, EngineReachability>;
}

export interface EngineInfo {
  id: string;
  name: string;
  host: string;
}
