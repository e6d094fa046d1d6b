/**
 * One resource-usage sample of a container, computed on the server from the Engine API's
 * stats stream the way the docker CLI computes `docker stats`. Rates are per second since the
 * previous sample (0 for the first one).
 */
export interface StatsSample {
  /** Sample time, ms since the epoch (the engine's `read`). */
  t: number;
  /**
   * CPU % as `docker stats` shows it (100 = one CPU busy; may exceed 100 with several CPUs).
   * null: not measured — the first frame of a stream has no earlier reading to compare with.
   */
  cpuPercent: number | null;
  onlineCpus: number;
  /** The CPUs the container may use (`--cpus`, or `--cpu-quota`/`--cpu-period`); absent: no limit (or not known). */
  cpuLimit?: number;
  /** `cpuPercent` scaled to `cpuLimit` (100 = the whole limit), when both are known. */
  cpuPercentOfLimit?: number | null;
  /** Memory in use, without the inactive file cache (as the CLI shows it), bytes. */
  memUsage: number;
  memLimit: number;
  memPercent: number;
  netRx: number;
  netTx: number;
  netRxRate: number;
  netTxRate: number;
  blkRead: number;
  blkWrite: number;
  blkReadRate: number;
  blkWriteRate: number;
  pids: number;
}

/**
 * Where samples are missing (nobody sampled the container: it was stopped, the engine did not
 * answer, Porthole was busy): a chart draws a gap here instead of a line across it. Sits between the
 * last sample before the hole and the first one after it; `t` is just after the last sample.
 */
export interface StatsGap {
  t: number;
  gap: true;
}

/** An item of the `stats` topic and of a recorded history. */
export type StatsPoint = StatsSample | StatsGap;

export const isStatsGap = (p: StatsPoint): p is StatsGap => 'gap' in p;

/** CPUs a container may use from its `HostConfig` (`NanoCpus`, or `CpuQuota`/`CpuPeriod`); undefined: no limit. */
export function cpuLimitOf(host: { NanoCpus?: number; CpuQuota?: number; CpuPeriod?: number } | undefined): number | undefined {
  if (host?.NanoCpus && host.NanoCpus > 0) return host.NanoCpus / 1e9;
  if (host?.CpuQuota && host.CpuQuota > 0) return host.CpuQuota / (host.CpuPeriod || 100_000);
  return undefined;
}

/** How much history the server keeps per container, and serves to a new subscriber first. */
export const STATS_HISTORY_MS = 10 * 60 * 1000;

/** One running container's latest usage in the shared `container-usage` feed (null: not measured yet). */
export interface ContainerUsage {
  id: string;
  cpuPercent: number | null;
  /** CPUs the container may use (absent: no limit). */
  cpuLimit?: number;
  memoryUsage: number | null;
  memoryLimit: number | null;
  /** When the numbers were measured (ms since the epoch); null: never. */
  t: number | null;
}

/** One frame of the `container-usage` topic: every running container, sampled together. */
export interface ContainerUsageFrame {
  /** When the round of samples ended. */
  t: number;
  containers: ContainerUsage[];
}
