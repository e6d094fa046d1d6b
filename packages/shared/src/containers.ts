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

/** The fields of an inspect views read (`GET /containers/{id}/json`); the engine's other fields pass through. */
export interface ContainerDetailsFields {
  Id: string;
  Name: string;
  State: { Status: string; Running: boolean; Health?: { Status: string; FailingStreak: number } };
  HostConfig: Record<string, unknown>;
  Config: Record<string, unknown>;
}

export interface ContainerListItem {
  summary: ContainerSummaryFields;
  details?: ContainerDetailsFields;
  /** Why `details` is missing (only with `details=1`). */
  error?: string;
}

export interface ContainerListResponse {
  containers: ContainerListItem[];
}
