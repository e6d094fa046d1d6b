import type { MemoryLimitResult } from '@porthole/shared/containers';
import type { ImageDefaults, InspectForRun } from '@porthole/shared/run-inspect';
import { queryOptions } from '@tanstack/react-query';
import { api, docker } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';
import { shareRowsById } from '../share-rows.ts';

/** One row of `GET /containers/json?all=1`. */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  State: string;
  Status: string;
  Ports: Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }>;
  Labels: Record<string, string>;
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; Mode: string; RW: boolean }>;
  /** From the list; in `containerDetailsQuery` rows, the inspect's (with `Aliases`, which the list leaves null). */
  NetworkSettings: { Networks: Record<string, EndpointSettings> };
}

/** The per-network settings of a container (`NetworkSettings.Networks[name]`). */
export interface EndpointSettings {
  NetworkID: string;
  IPAddress: string;
  GlobalIPv6Address?: string;
  MacAddress?: string;
  Aliases?: string[] | null;
  IPAMConfig?: { IPv4Address?: string } | null;
}

export interface HealthLogEntry {
  Start: string;
  End: string;
  ExitCode: number;
  Output: string;
}

/** `GET /containers/{id}/json`: what the views read of it. */
export interface ContainerInspect extends InspectForRun {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  Image: string;
  RestartCount: number;
  State: {
    Status: string;
    Running: boolean;
    Paused: boolean;
    Restarting: boolean;
    OOMKilled: boolean;
    Dead: boolean;
    Pid: number;
    ExitCode: number;
    Error: string;
    StartedAt: string;
    FinishedAt: string;
    Health?: { Status: string; FailingStreak: number; Log: HealthLogEntry[] | null };
  };
  Mounts: Array<{ Type: string; Name?: string; Source: string; Destination: string; Mode: string; RW: boolean }>;
  NetworkSettings: InspectForRun['NetworkSettings'] & {
    Ports?: Record<string, Array<{ HostIp: string; HostPort: string }> | null> | null;
    Networks?: Record<
      string,
      {
        NetworkID: string;
        Aliases?: string[] | null;
        IPAMConfig?: { IPv4Address?: string } | null;
        IPAddress: string;
        Gateway: string;
        MacAddress: string;
      }
    > | null;
  };
}

export const containerKeys = {
  all: (engine: string) => resourceKey(engine, 'containers'),
  list: (engine: string) => [...resourceKey(engine, 'containers'), 'list'] as const,
  inspect: (engine: string, id: string) => [...resourceKey(engine, 'containers'), 'inspect', id] as const,
  details: (engine: string) => [...resourceKey(engine, 'containers'), 'details'] as const,
  top: (engine: string, id: string, psArgs: string) => [...resourceKey(engine, 'containers'), 'top', id, psArgs] as const,
  changes: (engine: string, id: string) => [...resourceKey(engine, 'containers'), 'changes', id] as const,
  image: (engine: string, image: string) => [...resourceKey(engine, 'containers'), 'image-defaults', image] as const,
};

export const containerListQuery = (engine: string) =>
  queryOptions({
    queryKey: containerKeys.list(engine),
    queryFn: () => docker<ContainerSummary[]>(engine, '/containers/json', { query: { all: 1 } }),
    structuralSharing: shareRowsById<ContainerSummary>((c) => c.Id),
  });

export const containerInspectQuery = (engine: string, id: string) =>
  queryOptions({
    queryKey: containerKeys.inspect(engine, id),
    queryFn: () => docker<ContainerInspect>(engine, `/containers/${encodeURIComponent(id)}/json`),
    retry: false,
  });

export interface TopResult {
  Titles: string[];
  Processes: string[][];
}

export const topQuery = (engine: string, id: string, psArgs: string) =>
  queryOptions({
    queryKey: containerKeys.top(engine, id, psArgs),
    queryFn: () => docker<TopResult>(engine, `/containers/${encodeURIComponent(id)}/top`, { query: { ps_args: psArgs || undefined } }),
    retry: false,
  });

export const changesQuery = (engine: string, id: string) =>
  queryOptions({
    queryKey: containerKeys.changes(engine, id),
    queryFn: async () =>
      (await docker<Array<{ Path: string; Kind: 0 | 1 | 2 }> | null>(engine, `/containers/${encodeURIComponent(id)}/changes`)) ?? [],
    retry: false,
  });

/** What a container inherited from its image, so the rebuilt `docker run` leaves it out. */
export const imageDefaultsQuery = (engine: string, image: string) =>
  queryOptions({
    queryKey: containerKeys.image(engine, image),
    queryFn: async () => (await docker<{ Config: ImageDefaults }>(engine, `/images/${encodeURIComponent(image)}/json`)).Config ?? {},
    retry: false,
    staleTime: 60_000,
  });

export const containerName = (c: { Names?: string[]; Name?: string }) => (c.Name ?? c.Names?.[0] ?? '').replace(/^\//, '');

/** Names whose values are masked until revealed. */
export const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL/i;

/**
 * `docker update --memory` as the user means it (the server adds `--memory-swap` where the engine
 * needs it and words a limit below the usage readably).
 */
export const setMemoryLimit = (engine: string, id: string, memory: number) =>
  api<MemoryLimitResult>(`/api/engines/${encodeURIComponent(engine)}/containers/${encodeURIComponent(id)}/memory`, {
    method: 'POST',
    body: { memory },
  });

/** `docker update`: new limits and restart policy of a running or stopped container. */
export const updateContainer = (engine: string, id: string, body: Record<string, unknown>) =>
  docker<{ Warnings?: string[] | null }>(engine, `/containers/${encodeURIComponent(id)}/update`, { method: 'POST', body });
