/**
 * `GET /api/engines/:engine/containers` — the container list, composed on the server. With
 * `details=1` each row carries its container's inspect (`GET /containers/{id}/json`), fetched
 * a few at a time with a deadline per row and for the whole list: a row whose inspect failed or
 * did not answer in time carries `error` ("inspect timed out after 5 s") instead of `details`,
 * so the list never waits on its slowest container. A container removed between the list and its
 * inspect is left out.
 *
 * `summary` is the Engine API's list row (`GET /containers/json`) and `details` its inspect, both
 * as the engine sent them; the interfaces below name the fields views read.
 * Plain types only; the schemas the server validates with are in `schemas/containers.ts`.
 */

/** A yes/no query flag: `1`/`0` or `true`/`false`. */
export type Flag = boolean | '1' | '0';

/** The value of a `Flag` (`fallback` when left out). */
export const flagValue = (flag: Flag | undefined, fallback: boolean): boolean =>
  flag === undefined ? fallback : flag === true || flag === '1';

export interface ContainerListQuery {
  /** Stopped containers too (default: yes, like every Porthole view). */
  all?: Flag;
  /** Inspect each container (limits, health and the networks views need it). */
  details?: Flag;
}

/** The fields of a list row views read (`GET /containers/json`); the engine's other fields pass through. */
export interface ContainerSummaryFields {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  State: string;
  Status: string;
  Created: number;
  Labels: Record<string, string>;
}

/** One run of a healthcheck as the engine keeps it (the last 5 only). */
export interface HealthLogEntry {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

/** The resource limits of a container (`HostConfig`), 0 meaning "none" as the engine reports it. */
export interface ContainerLimitFields {
  /** Bytes; 0: no limit. */
  Memory?: number;
  /** Memory + swap in bytes; 0: unset (twice Memory when Memory is set), -1: unlimited swap. */
  MemorySwap?: number;
  MemoryReservation?: number;
  /** CPUs × 1e9 (`--cpus`). */
  NanoCpus?: number;
  /** µs per `CpuPeriod` (`--cpu-quota`). */
  CpuQuota?: number;
  CpuPeriod?: number;
  CpuShares?: number;
  /** null or 0: no limit; -1: unlimited. */
  PidsLimit?: number | null;
  /** 10–1000, 0: unset (the engine keeps it even when the kernel discards it). */
  BlkioWeight?: number;
}

/** The fields of an inspect views read (`GET /containers/{id}/json`); the engine's other fields pass through. */
export interface ContainerDetailsFields {
  Id: string;
  Name: string;
  State: {
    Status: string;
    Running: boolean;
    /** Killed by the kernel for going over its memory limit (last run). */
    OOMKilled?: boolean;
    Health?: { Status: string; FailingStreak: number; Log?: HealthLogEntry[] };
  };
  HostConfig: ContainerLimitFields & Record<string, unknown>;
  Config: Record<string, unknown>;
}

export interface ContainerListItem {
  summary: ContainerSummaryFields;
  details?: ContainerDetailsFields;
  /** Why `details` is missing (only with `details=1`): "inspect timed out after 5 s". */
  error?: string;
  /** The failure may pass (a deadline, an engine that did not answer): offer "retry". */
  retryable?: boolean;
}

export interface ContainerListResponse {
  containers: ContainerListItem[];
}

/** `POST /api/engines/:engine/containers/:id/memory`: a new memory limit in bytes (`docker update --memory`). */
export interface MemoryLimitRequest {
  memory: number;
}

/** The limits the engine reports after the update, what was run and why. */
export interface MemoryLimitResult {
  Memory: number;
  MemorySwap: number;
  /** `docker update --memory 64m --memory-swap 128m web` */
  command: string;
  /** One sentence on what happened to swap. */
  explanation: string;
  /** The engine's warnings (a kernel without swap accounting). */
  warnings: string[];
}
