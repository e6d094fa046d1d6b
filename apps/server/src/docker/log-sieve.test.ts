import { logMatcher } from '@porthole/shared/log-match';
import type { LogLine } from '@porthole/shared/logs';
import { describe, expect, it } from 'vitest';
import { LogSieve, SLICE_MS } from './log-sieve.ts';

const line = (text: string): LogLine => ['2026-01-01T00:00:00.000000000Z', 1, text];

function collect(match: ((t: string) => boolean) | undefined, ready: () => boolean = () => true) {
  const got: string[] = [];
  let slices = 0;
  let ended = false;
  const sieve = new LogSieve(match, {
    line: (l) => got.push(l[2]),
    ready,
    sliceDone: () => {
      slices++;
    },
    end: () => {
      ended = true;
    },
  });
  return { sieve, got, slices: () => slices, ended: () => ended };
}

const waitUntil = async (check: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setImmediate(r));
  }
};

describe('LogSieve', () => {
  it('passes the matching lines in order, then ends', async () => {
    const m = logMatcher({ pattern: '^\\d*7$', regex: true });
    const c = collect(m?.test);
    for (let i = 1; i <= 100; i++) c.sieve.push(line(String(i)));
    c.sieve.end();
    await waitUntil(c.ended);
    expect(c.got).toEqual(['7', '17', '27', '37', '47', '57', '67', '77', '87', '97']);
    const all = collect(undefined);
    all.sieve.push(line('a'));
    all.sieve.push(line('b'));
    all.sieve.end();
    await waitUntil(all.ended);
    expect(all.got).toEqual(['a', 'b']);
  });

  it('matches in slices and lets timers run between them', async () => {
    // A slow matcher: 1 ms a line, 200 lines.
    const slow = (t: string) => {
      const until = performance.now() + 1;
      while (performance.now() < until);
      return t.endsWith('0');
    };
    const c = collect(slow);
    for (let i = 1; i <= 200; i++) c.sieve.push(line(String(i)));
    c.sieve.end();
    const gaps: number[] = [];
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 1);
    await waitUntil(c.ended);
    clearInterval(timer);
    expect(c.got).toHaveLength(20);
    expect(c.slices()).toBeGreaterThanOrEqual(Math.floor(200 / (SLICE_MS + 2)));
    // The promise: the event loop is never held for 100 ms (a slice is 20 ms; the rest is
    // headroom for a loaded machine).
    expect(Math.max(...gaps)).toBeLessThan(100);
  });

  it('waits while the sink is not ready and goes on after resume', async () => {
    let open = false;
    const c = collect(undefined, () => open);
    c.sieve.push(line('x'));
    c.sieve.end();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(c.got).toEqual([]);
    expect(c.sieve.backlog).toBe(1);
    open = true;
    c.sieve.resume();
    await waitUntil(c.ended);
    expect(c.got).toEqual(['x']);
  });

  it('drops everything once closed', async () => {
    const c = collect(undefined);
    c.sieve.push(line('x'));
    c.sieve.close();
    c.sieve.push(line('y'));
    c.sieve.end();
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(c.got).toEqual([]);
    expect(c.ended()).toBe(false);
  });
});
