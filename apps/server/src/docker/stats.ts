import { type StatsGap, type StatsPoint, type StatsSample, isStatsGap } from '@porthole/shared/stats';

/** The fields of an Engine API stats frame (`GET /containers/{id}/stats`) that the maths uses. */
export interface RawStats {
  read: string;
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  blkio_stats?: { io_service_bytes_recursive?: Array<{ op: string; value: number }> | null };
  pids_stats?: { current?: number };
}

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/**
 * CPU % like the docker CLI: container CPU delta / system CPU delta × online CPUs × 100. null when
 * it cannot be measured: no previous reading (a stream's first frame), or readings that do not
 * move forward. (The CLI shows 0 % then; a chart must not.)
 */
export function cpuPercent(cur: CpuStats | undefined, pre: CpuStats | undefined): number | null {
  const cpuDelta = (cur?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cur?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  const online = onlineCpus(cur);
  if (!pre?.system_cpu_usage || !pre.cpu_usage?.total_usage || systemDelta <= 0 || cpuDelta < 0) return null;
  return (cpuDelta / systemDelta) * online * 100;
}

function onlineCpus(cpu: CpuStats | undefined): number {
  return cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 1;
}

/** Memory like the CLI: usage minus the inactive file cache (cgroup v1 `total_inactive_file`, v2 `inactive_file`). */
export function memoryUsage(mem: RawStats['memory_stats']): number {
  const usage = mem?.usage ?? 0;
  const stats = mem?.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file;
  if (v2 !== undefined && v2 < usage) return usage - v2;
  return usage;
}

function blockIo(raw: RawStats): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const e of raw.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = e.op.toLowerCase();
    if (op === 'read') read += e.value;
    else if (op === 'write') write += e.value;
  }
  return { read, write };
}

/**
 * One sample from a raw stats frame. `prev` (the previous sample of the same stream) gives the
 * rates; CPU uses the frame's own `precpu_stats` as the CLI does. `cpuLimit` (CPUs, from the
 * container's HostConfig) adds CPU % of that limit.
 */
export function statsSample(raw: RawStats, prev?: StatsSample, cpuLimit?: number): StatsSample {
  const t = Date.parse(raw.read) || Date.now();
  let netRx = 0;
  let netTx = 0;
  for (const n of Object.values(raw.networks ?? {})) {
    netRx += n.rx_bytes;
    netTx += n.tx_bytes;
  }
  const blk = blockIo(raw);
  const memUsage = memoryUsage(raw.memory_stats);
  const memLimit = raw.memory_stats?.limit ?? 0;
  const dt = prev ? (t - prev.t) / 1000 : 0;
  const rate = (now: number, before: number | undefined) => (dt > 0 && before !== undefined ? Math.max(0, (now - before) / dt) : 0);
  const cpu = cpuPercent(raw.cpu_stats, raw.precpu_stats);
  return {
    t,
    cpuPercent: cpu,
    onlineCpus: onlineCpus(raw.cpu_stats),
    ...(cpuLimit ? { cpuLimit, cpuPercentOfLimit: cpu === null ? null : cpu / cpuLimit } : {}),
    memUsage,
    memLimit,
    memPercent: memLimit > 0 ? (memUsage / memLimit) * 100 : 0,
    netRx,
    netTx,
    netRxRate: rate(netRx, prev?.netRx),
    netTxRate: rate(netTx, prev?.netTx),
    blkRead: blk.read,
    blkWrite: blk.write,
    blkReadRate: rate(blk.read, prev?.blkRead),
    blkWriteRate: rate(blk.write, prev?.blkWrite),
    pids: raw.pids_stats?.current ?? 0,
  };
}

/**
 * The last `windowMs` of samples, oldest first (a time-bounded ring). A sample further than `gapMs`
 * after the previous one is preceded by a `StatsGap`: the hole is recorded, not drawn across.
 */
export class StatsHistory {
  private points: StatsPoint[] = [];
  private lastSample?: StatsSample;
  /** When the newest sample was added, by this server's clock (a sample's `t` is the engine's). */
  addedAt?: number;
  constructor(
    private readonly windowMs: number,
    private readonly gapMs = Number.POSITIVE_INFINITY,
  ) {}

  /** Records a sample; returns what was added (a gap first when there was a hole), oldest first. */
  add(sample: StatsSample): StatsPoint[] {
    const added: StatsPoint[] = [];
    const last = this.lastSample;
    const newest = this.points.at(-1);
    if (last && sample.t - last.t > this.gapMs && newest && !isStatsGap(newest))
      added.push({ t: last.t + 1, gap: true } satisfies StatsGap);
    added.push(sample);
    this.points.push(...added);
    this.lastSample = sample;
    this.addedAt = Date.now();
    const cutoff = sample.t - this.windowMs;
    let drop = 0;
    while (drop < this.points.length && ((this.points[drop] as StatsPoint).t < cutoff || isStatsGap(this.points[drop] as StatsPoint)))
      drop++;
    if (drop > 0) this.points.splice(0, drop);
    return added;
  }

  /**
   * Nothing is measured from here on for a while (the container stopped): the line breaks after
   * the last sample, however soon the next one comes. Returns the gap added (none after a gap).
   */
  interrupt(): StatsPoint[] {
    const newest = this.points.at(-1);
    if (!newest || isStatsGap(newest)) return [];
    const gap: StatsGap = { t: newest.t + 1, gap: true };
    this.points.push(gap);
    return [gap];
  }

  /** The newest sample (never a gap). */
  get last(): StatsSample | undefined {
    return this.lastSample;
  }

  list(): StatsPoint[] {
    return [...this.points];
  }
}
