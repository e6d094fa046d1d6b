/**
 * The engine registry's API (`/api/engines`; schemas: `schemas/engines.ts`). Keys (a TLS client
 * key, an ssh private key) are write-only: after saving, the API only says that there is one.
 */
export type SwarmRole = 'none' | 'worker' | 'manager';
export type EngineHealthState = 'up' | 'down' | 'unknown';

export interface EngineHealth {
  state: EngineHealthState;
  /** Why the last check failed (kept while down). */
  lastError?: string;
  /** ISO time of the last finished check. */
  lastCheckedAt?: string;
  /** ISO time of the first check that found the engine in this state (the server's clock, like `lastCheckedAt`). */
  since?: string;
}

export interface EngineCounts {
  containersRunning: number;
  containersStopped: number;
  containersUnhealthy: number;
  images: number;
}

export interface EngineTlsSummary {
  ca: boolean;
  cert: boolean;
  hasKey: boolean;
  verify: boolean;
}

export interface EngineSshSummary {
  hasKey: boolean;
  /** Host keys were given (else the first one seen is trusted and kept). */
  knownHosts: boolean;
}

export interface EngineInfo {
  /** The slug URLs use: `/api/engines/:id/...`. */
  id: string;
  name: string;
  colour: string;
  host: string;
  tls?: EngineTlsSummary;
  ssh?: EngineSshSummary;
  allowInsecureTcp: boolean;
  /** Set for plain tcp:// engines: the Docker API unencrypted and unauthenticated. */
  warning?: string;
  version?: string;
  apiVersion?: string;
  os?: string;
  arch?: string;
  swarmRole: SwarmRole;
  health: EngineHealth;
  /** From the last successful check. */
  counts?: EngineCounts;
}

export interface EngineTlsInput {
  ca?: string;
  cert?: string;
  /** Omitted in an update: the saved key stays. */
  key?: string;
  /** Check the engine's certificate (default true). */
  verify?: boolean;
}

export interface EngineSshInput {
  /** Omitted in an update: the saved key stays. */
  privateKey?: string;
  /** known_hosts lines for the engine host (recommended). */
  knownHosts?: string;
}

export interface EngineCreate {
  name: string;
  host: string;
  /** Defaults to a slug of the name. */
  id?: string;
  colour?: string;
  tls?: EngineTlsInput;
  ssh?: EngineSshInput;
  allowInsecureTcp?: boolean;
}

/** Omitted fields stay as they are; `tls: null` turns TLS off. */
export interface EngineUpdate {
  name?: string;
  host?: string;
  colour?: string;
  tls?: EngineTlsInput | null;
  ssh?: EngineSshInput;
  allowInsecureTcp?: boolean;
}

export interface EngineTestResult {
  ok: boolean;
  version?: string;
  apiVersion?: string;
  os?: string;
  arch?: string;
  swarmRole?: SwarmRole;
  /** Why it failed, readable. */
  message?: string;
}

export const PLAIN_TCP_WARNING =
  'Plain tcp:// sends the Docker API unencrypted and without authentication: anyone who can reach the port is root on that host';
