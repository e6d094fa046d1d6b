import type { StatsSample } from '@porthole/shared/stats';
import { describe, expect, it } from 'vitest';
import { StatsHistory } from './stats.ts';

const sample = (t: number): StatsSample => ({ t, cpuPercent: 10, onlineCpus: 2 }) as StatsSample;

describe('StatsHistory gaps', () => {
  it('puts a gap before a sample that comes after a hole, and only then', () => {
    const h = new StatsHistory(60_000, 2_500);
    expect(h.add(sample(1000))).toEqual([sample(1000)]);
    expect(h.add(sample(2000))).toEqual([sample(2000)]);
    expect(h.add(sample(9000))).toEqual([{ t: 2001, gap: true }, sample(9000)]);
    expect(h.list().map((p) => ('gap' in p ? 'gap' : p.t))).toEqual([1000, 2000, 'gap', 9000]);
    expect(h.last?.t).toBe(9000);
  });

  it('drops a gap that the window leaves at the start', () => {
    const h = new StatsHistory(5_000, 2_500);
    h.add(sample(1000));
    h.add(sample(10_000));
    expect(h.list()).toEqual([sample(10_000)]);
  });

  it('breaks the line where the container stopped, however soon it starts again, with one gap', () => {
    const h = new StatsHistory(60_000, 2_500);
    h.add(sample(1000));
    expect(h.interrupt()).toEqual([{ t: 1001, gap: true }]);
    expect(h.interrupt()).toEqual([]);
    expect(h.add(sample(2000))).toEqual([sample(2000)]);
    expect(h.add(sample(9000))).toEqual([{ t: 2001, gap: true }, sample(9000)]);
    h.interrupt();
    // A long stop after an interruption: still one gap.
    expect(h.add(sample(30_000))).toEqual([sample(30_000)]);
    expect(h.list().map((p) => ('gap' in p ? 'gap' : p.t))).toEqual([1000, 'gap', 2000, 'gap', 9000, 'gap', 30_000]);
    expect(new StatsHistory(60_000).interrupt()).toEqual([]);
  });
});
