import { type StatsSample, isStatsGap } from '@porthole/shared/stats';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeEngine } from '../docker/fake-engine.ts';
import type { RawStats } from '../docker/stats.ts';
import { silentLog } from './silent-log.ts';
import { StatsRecorder } from './stats-recorder.ts';

/** A one-shot frame at second `s` with `cpu` ns of CPU used so far (system time moves 1e9 per second). */
const frame = (s: number, cpu: number): RawStats => ({
  read: new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString(),
  cpu_stats: { cpu_usage: { total_usage: cpu }, system_cpu_usage: s * 1e9, online_cpus: 1 },
  precpu_stats: {},
  memory_stats: { usage: 1000, limit: 2000 },
});

describe('StatsRecorder (one-shot samples of unwatched containers)', () => {
  it('takes the first frame as a baseline only, records measured CPU after, and marks a missed stretch as a gap', async () => {
    let second = 0;
    let missing = false;
    const engine = new FakeEngine('fake', [{ id: 'c1', name: 'web' }]).answer('containerStats', async () => {
      if (missing) throw new Error('the engine did not answer');
      return frame(second, second * 0.25e9);
    });
    engine.answer('inspectContainer', async () => ({ Id: 'c1', HostConfig: { NanoCpus: 0.5e9 } }) as never);
    const recorder = new StatsRecorder(engine, silentLog, 1000);
    const round = async (s: number) => {
      second = s;
      await recorder.sampleAll();
    };
    await round(1);
    // No earlier reading: nothing recorded (never a 0 % sample).
    expect(recorder.history('c1').list()).toEqual([]);
    await round(2);
    await round(3);
    const measured = recorder.history('c1').list() as StatsSample[];
    expect(measured.map((p) => p.cpuPercent)).toEqual([25, 25]);
    expect(measured[0]).toMatchObject({ cpuLimit: 0.5, cpuPercentOfLimit: 50 });
    // Rounds 4–9 fail (a busy engine): the next sample comes after a gap, and its CPU is again
    // only measured against a reading that exists.
    missing = true;
    for (let s = 4; s < 10; s++) await round(s);
    missing = false;
    await round(10);
    await round(11);
    const points = recorder.history('c1').list();
    expect(points.map((p) => (isStatsGap(p) ? 'gap' : (p as StatsSample).cpuPercent))).toEqual([25, 25, 'gap', 25]);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives no usage for a container the engine stopped answering for, after three intervals, while the others go on', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 0, 1, 0, 0, 0));
    let second = 0;
    const held = new Set<string>();
    const engine = new FakeEngine('fake', [
      { id: 'c1', name: 'web' },
      { id: 'c2', name: 'db' },
    ]).answer('containerStats', async (id: string) => {
      if (held.has(id)) throw new Error('the engine did not answer');
      return frame(second, second * 0.25e9);
    });
    engine.answer('inspectContainer', async () => ({ Id: 'x', HostConfig: {} }) as never);
    const recorder = new StatsRecorder(engine, silentLog, 5000);
    const round = async (s: number) => {
      second = s;
      vi.setSystemTime(Date.UTC(2026, 0, 1, 0, 0, s));
      await recorder.sampleAll();
    };
    const usageOf = (id: string) => recorder.usage()?.containers.find((c) => c.id === id);
    for (const s of [5, 10, 15]) await round(s);
    expect(usageOf('c2')).toMatchObject({ cpuPercent: 25, memoryUsage: 1000 });

    held.add('c2');
    // Its last figure stands for up to three intervals (15 s), then it is unknown, not the old value.
    for (const s of [20, 25, 30]) {
      await round(s);
      expect(usageOf('c2')?.cpuPercent, `${s - 15} s after its last sample`).toBe(25);
    }
    await round(31);
    expect(usageOf('c2')).toEqual({ id: 'c2', cpuPercent: null, memoryUsage: null, memoryLimit: null, t: null });
    expect(usageOf('c1')).toMatchObject({ cpuPercent: 25, memoryUsage: 1000 });

    // It answers again: measured again (after a baseline frame, as at first).
    held.delete('c2');
    await round(35);
    await round(40);
    expect(usageOf('c2')).toMatchObject({ cpuPercent: 25, memoryUsage: 1000 });
  });
});
