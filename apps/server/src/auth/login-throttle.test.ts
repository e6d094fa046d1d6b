import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.ts';

describe('LoginThrottle', () => {
  it('allows ten failures in a minute and blocks the eleventh attempt', () => {
    const throttle = new LoginThrottle(10, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) {
      expect(throttle.retryAfter('1.2.3.4', t0 + i)).toBe(0);
      throttle.fail('1.2.3.4', t0 + i);
    }
    expect(throttle.retryAfter('1.2.3.4', t0 + 10)).toBe(60);
  });

  it('counts per client', () => {
    const throttle = new LoginThrottle(2, 60_000);
    throttle.fail('a', 0);
    throttle.fail('a', 1);
    expect(throttle.retryAfter('a', 2)).toBeGreaterThan(0);
    expect(throttle.retryAfter('b', 2)).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const throttle = new LoginThrottle(2, 60_000);
    throttle.fail('a', 0);
    throttle.fail('a', 30_000);
    expect(throttle.retryAfter('a', 59_999)).toBe(1);
    // The first failure leaves the window: one left, below the limit.
    expect(throttle.retryAfter('a', 60_000)).toBe(0);
  });

  it('tells how long to wait until the oldest failure leaves the window', () => {
    const throttle = new LoginThrottle(3, 60_000);
    throttle.fail('a', 10_000);
    throttle.fail('a', 20_000);
    throttle.fail('a', 30_000);
    expect(throttle.retryAfter('a', 40_000)).toBe(30);
  });

  it('stays bounded when many clients fail once', () => {
    const throttle = new LoginThrottle(10, 1000);
    for (let i = 0; i < 20_000; i++) throttle.fail(`client-${i}`, i);
    const size = (throttle as unknown as { failures: Map<string, number[]> }).failures.size;
    expect(size).toBeLessThanOrEqual(10_001);
  });
});
