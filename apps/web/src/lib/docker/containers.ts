import type { MemoryLimitResult } from '@porthole/shared/containers';
import type { ImageDefaults, InspectForRun } from '@porthole/shared/run-inspect';
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { api, docker } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';

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
  });

export const containerInspectQuery = (engine: string, id: string) =>
  queryOptions({
    queryKey: containerKeys.inspect(engine, id),
    queryFn: () => docker<ContainerInspect>(engine, `/containers/${encodeURIComponent(id)}/json`),
    retry: false,
  });

/** A row of the server's composed list: the list row and, unless it could not be read in time, the inspect. */
export interface ContainerRow {
  summary: ContainerSummary;
  details?: ContainerInspect;
  /** Why `details` is missing ("inspect timed out after 5 s"). */
  error?: string;
  /** The failure may pass (a deadline): offer "retry". */
  retryable?: boolean;
}

/** The inspect's endpoints replace the list's: they carry the aliases. */
const withEndpoints = (r: ContainerRow): ContainerRow => {
  const networks = r.details?.NetworkSettings.Networks;
  return networks ? { ...r, summary: { ...r.summary, NetworkSettings: { Networks: networks } } } : r;
};

/**
 * Every container with its inspect, composed on the server (`GET /api/engines/:engine/containers?details=1`:
 * bounded concurrency, a deadline per row). The limits, health, networks, volumes and topology views
 * share this one cache; the containers list reads the plain list (`containerListQuery`).
 */
export const containerDetailsQuery = (engine: string) =>
  queryOptions({
    queryKey: containerKeys.details(engine),
    queryFn: async ({ signal }) =>
      (
        await api<{ containers: ContainerRow[] }>(`/api/engines/${encodeURIComponent(engine)}/containers`, {
          query: { details: 1 },
          signal,
        })
      ).containers.map(withEndpoints),
    placeholderData: (prev) => prev,
  });

const summaries = (rows: ContainerRow[]) => rows.map((r) => r.summary);
const inspects = (rows: ContainerRow[]) => rows.flatMap((r) => (r.details ? [r.details] : []));

/** The container list rows (with aliases) from the details cache: what networks, volumes and topology read. */
export const containersWithNetworksQuery = (engine: string) => queryOptions({ ...containerDetailsQuery(engine), select: summaries });

/** The inspect of every container from the details cache (limits, health). */
export const containerInspectsQuery = (engine: string) => queryOptions({ ...containerDetailsQuery(engine), select: inspects });

/** A container the details list could not inspect, with why. */
export type UnreadContainer = ContainerRow & { error: string };
const unread = (rows: ContainerRow[]) => rows.filter((r): r is UnreadContainer => !r.details && !!r.error);

/** The rows of the details cache without an inspect (limits and health mark them, never drop them). */
export const unreadContainersQuery = (engine: string) => queryOptions({ ...containerDetailsQuery(engine), select: unread });

/**
 * Inspects one container of the details list again and puts the answer into the list's cache
 * (the "retry" of a row whose inspect timed out); on failure the row keeps the new reason.
 */
export async function retryContainerDetails(client: QueryClient, engine: string, id: string): Promise<void> {
  const patch = (change: Partial<ContainerRow>) =>
    client.setQueryData<ContainerRow[]>(containerKeys.details(engine), (rows) =>
      rows?.map((r) => (r.summary.Id === id ? withEndpoints({ summary: r.summary, ...change }) : r)),
    );
  try {
    patch({ details: await docker<ContainerInspect>(engine, `/containers/${encodeURIComponent(id)}/json`, { deadlineMs: 10_000 }) });
  } catch (err) {
    patch({ error: err instanceof Error ? err.message : String(err), retryable: true });
  }
}

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
