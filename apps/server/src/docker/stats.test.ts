import { describe, expect, it } from 'vitest';
import { type RawStats, StatsHistory, cpuPercent, memoryUsage, statsSample } from './stats.ts';

const frame = (over: Partial<RawStats> = {}): RawStats => ({
  read: '2026-01-01T00:00:01.000Z',
  cpu_stats: { cpu_usage: { total_usage: 1_500_000_000 }, system_cpu_usage: 12_000_000_000, online_cpus: 2 },
  precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 10_000_000_000, online_cpus: 2 },
  memory_stats: { usage: 100 * 2 ** 20, limit: 1000 * 2 ** 20, stats: { total_inactive_file: 20 * 2 ** 20 } },
  networks: { eth0: { rx_bytes: 1000, tx_bytes: 500 }, eth1: { rx_bytes: 24, tx_bytes: 12 } },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'Read', value: 4096 },
      { op: 'Write', value: 8192 },
      { op: 'Total', value: 12288 },
    ],
  },
  pids_stats: { current: 3 },
  ...over,
});

describe('stats maths (as the docker CLI)', () => {
  it('CPU % = cpu delta / system delta × online CPUs × 100', () => {
    // 0.5 s of CPU over 2 s of system time (both CPUs) = 25 % × 2 = 50 %
    expect(cpuPercent(frame().cpu_stats, frame().precpu_stats)).toBeCloseTo(50);
  });
  it('CPU % is null (not measured) without a previous reading, never 0', () => {
    expect(cpuPercent(frame().cpu_stats, {})).toBeNull();
    // The first frame of a stream: the engine sends precpu_stats with zeros.
    const first = statsSample(frame({ precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0, online_cpus: 2 } }));
    expect(first.cpuPercent).toBeNull();
  });
  it('adds the CPU limit and CPU % of it when the container has one', () => {
    expect(statsSample(frame(), undefined, 0.5)).toMatchObject({ cpuPercent: 50, cpuLimit: 0.5, cpuPercentOfLimit: 100 });
    expect(statsSample(frame())).not.toHaveProperty('cpuLimit');
  });
  it('falls back to the per-CPU list when online_cpus is missing', () => {
    const cur = { cpu_usage: { total_usage: 200, percpu_usage: [1, 1, 1, 1] }, system_cpu_usage: 1000 };
    expect(cpuPercent(cur, { cpu_usage: { total_usage: 100 }, system_cpu_usage: 800 })).toBeCloseTo(200);
  });
  it('memory is usage minus the inactive file cache (cgroup v1 and v2)', () => {
    expect(memoryUsage(frame().memory_stats)).toBe(80 * 2 ** 20);
    expect(memoryUsage({ usage: 100, stats: { inactive_file: 30 } })).toBe(70);
    expect(memoryUsage({ usage: 100, stats: {} })).toBe(100);
  });
  it('sums networks and block I/O, and computes rates against the previous sample', () => {
    const first = statsSample(frame());
    expect(first).toMatchObject({ netRx: 1024, netTx: 512, blkRead: 4096, blkWrite: 8192, pids: 3, memPercent: 8, netRxRate: 0 });
    const second = statsSample(frame({ read: '2026-01-01T00:00:03.000Z', networks: { eth0: { rx_bytes: 3048, tx_bytes: 512 } } }), first);
    expect(second.netRxRate).toBe(1012);
    expect(second.netTxRate).toBe(0);
  });
});

describe('StatsHistory', () => {
  it('keeps only the last window of samples', () => {
    const h = new StatsHistory(10_000);
    for (let i = 0; i <= 30; i++) h.add({ ...statsSample(frame()), t: i * 1000 });
    const list = h.list();
    expect(list[0]?.t).toBe(20_000);
    expect(list.at(-1)?.t).toBe(30_000);
    expect(list).toHaveLength(11);
  });
});
