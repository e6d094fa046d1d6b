/**
 * One resource-usage sample of a container, computed on the server from the Engine API's
 * stats stream the way the docker CLI computes `docker stats`. Rates are per second since the
 * previous sample (0 for the first one).
 */
export interface StatsSample {
  /** Sample time, ms since the epoch (the engine's `read`). */
  t: number;
  /** CPU % as `docker stats` shows it: may exceed 100 with several CPUs. */
  cpuPercent: number;
  onlineCpus: number;
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

/** How much history the server keeps per container, and serves to a new subscriber first. */
export const STATS_HISTORY_MS = 10 * 60 * 1000;
