import { queryOptions } from '@tanstack/react-query';
import type { EngineCapabilities } from '@porthole/shared/health';
import { api, docker } from '../api-client.ts';
import { resourceKey } from '../query-keys.ts';

/** The parts of `GET /info` the overview shows. */
export interface EngineSystemInfo {
  Name: string;
  ServerVersion: string;
  OperatingSystem: string;
  OSType: string;
  Architecture: string;
  KernelVersion: string;
  NCPU: number;
  MemTotal: number;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  CgroupVersion?: string;
  Swarm?: { LocalNodeState: string; ControlAvailable?: boolean };
}

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  MinAPIVersion: string;
  Os: string;
  Arch: string;
  GoVersion: string;
}

export interface DiskUsage {
  LayersSize: number;
  Images: Array<{ Size: number; SharedSize: number; Containers: number }> | null;
  Containers: Array<{ SizeRw?: number; State: string }> | null;
  Volumes: Array<{ UsageData?: { Size: number; RefCount: number } }> | null;
  BuildCache: Array<{ Size: number; InUse: boolean; Shared: boolean }> | null;
}

export const systemKeys = {
  all: (engine: string) => resourceKey(engine, 'system'),
  info: (engine: string) => [...resourceKey(engine, 'system'), 'info'] as const,
  version: (engine: string) => [...resourceKey(engine, 'system'), 'version'] as const,
  df: (engine: string) => [...resourceKey(engine, 'system'), 'df'] as const,
  counts: (engine: string) => [...resourceKey(engine, 'system'), 'counts'] as const,
};

export const infoQuery = (engine: string) =>
  queryOptions({ queryKey: systemKeys.info(engine), queryFn: () => docker<EngineSystemInfo>(engine, '/info') });

/** What the engine's kernel discards of the settings it accepts (the server probes it once). */
export const capabilitiesQuery = (engine: string) =>
  queryOptions({
    queryKey: [...resourceKey(engine, 'system'), 'capabilities'] as const,
    queryFn: () => api<EngineCapabilities>(`/api/engines/${encodeURIComponent(engine)}/capabilities`),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const versionQuery = (engine: string) =>
  queryOptions({ queryKey: systemKeys.version(engine), queryFn: () => docker<EngineVersion>(engine, '/version') });

export const diskUsageQuery = (engine: string) =>
  queryOptions({ queryKey: systemKeys.df(engine), queryFn: () => docker<DiskUsage>(engine, '/system/df') });

/** Volume and network counts (the Engine API's `/info` has none). */
export const objectCountsQuery = (engine: string) =>
  queryOptions({
    queryKey: systemKeys.counts(engine),
    queryFn: async () => {
      const [volumes, networks] = await Promise.all([
        docker<{ Volumes: unknown[] | null }>(engine, '/volumes'),
        docker<unknown[]>(engine, '/networks'),
      ]);
      return { volumes: volumes.Volumes?.length ?? 0, networks: networks.length };
    },
  });
