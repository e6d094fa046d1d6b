import { describe, expect, it } from 'vitest';
import { LoginThrottle, clientKey, usernameKey } from './login-throttle.ts';

describe('LoginThrottle', () => {
  it('allows ten failed attempts in a minute and refuses the eleventh before it is checked', () => {
    const throttle = new LoginThrottle(10, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) {
      expect(throttle.reserve(['a'], t0 + i)).toEqual({ ok: true });
      throttle.settle(['a'], true, t0 + i);
    }
    expect(throttle.reserve(['a'], t0 + 10)).toEqual({ ok: false, retryAfter: 60 });
  });

  it('counts attempts still being checked: 400 parallel attempts reserve only ten', () => {
    const throttle = new LoginThrottle(10, 60_000);
    const results = Array.from({ length: 400 }, () => throttle.reserve(['client:x', 'user:admin'], 0));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.find((r) => !r.ok);
    expect(refused && !refused.ok && refused.retryAfter).toBeGreaterThan(0);
  });

  it('limits per username across clients and per client across usernames', () => {
    const throttle = new LoginThrottle(3, 60_000);
    for (let i = 0; i < 3; i++) {
      const keys = [`client:${i}`, 'user:admin'];
      expect(throttle.reserve(keys, 0).ok).toBe(true);
      throttle.settle(keys, true, 0);
    }
    expect(throttle.reserve(['client:new', 'user:admin'], 1).ok).toBe(false);
    expect(throttle.reserve(['client:new', 'user:bob'], 1).ok).toBe(true);
  });

  it('gives a successful attempt back', () => {
    const throttle = new LoginThrottle(2, 60_000);
    for (let i = 0; i < 20; i++) {
      expect(throttle.reserve(['a'], i).ok).toBe(true);
      throttle.settle(['a'], false, i);
    }
  });

  it('forgets failures older than the window and says how long to wait', () => {
    const throttle = new LoginThrottle(3, 60_000);
    for (const t of [10_000, 20_000, 30_000]) {
      throttle.reserve(['a'], t);
      throttle.settle(['a'], true, t);
    }
    expect(throttle.reserve(['a'], 40_000)).toEqual({ ok: false, retryAfter: 30 });
    expect(throttle.reserve(['a'], 70_000).ok).toBe(true);
  });

  it('stays bounded when many clients fail once', () => {
    const throttle = new LoginThrottle(10, 1000);
    for (let i = 0; i < 20_000; i++) {
      throttle.reserve([`client-${i}`], i);
      throttle.settle([`client-${i}`], true, i);
    }
    const size = (throttle as unknown as { failures: Map<string, number[]> }).failures.size;
    expect(size).toBeLessThanOrEqual(10_001);
  });
});

describe('clientKey', () => {
  it('treats every loopback address as one client', () => {
    for (const ip of ['127.0.0.1', '127.0.0.2', '127.1.2.3', '::1', '::ffff:127.0.0.9']) expect(clientKey(ip)).toBe('client:loopback');
  });
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(clientKey('10.0.0.1')).not.toBe(clientKey('10.0.0.2'));
    expect(clientKey('::ffff:10.0.0.1')).toBe(clientKey('10.0.0.1'));
    expect(clientKey('2001:db8:1:2::1')).toBe(clientKey('2001:db8:1:2:ffff::9'));
    expect(clientKey('2001:db8:1:2::1')).not.toBe(clientKey('2001:db8:1:3::1'));
  });
  it('keys usernames case-insensitively', () => {
    expect(usernameKey('Admin')).toBe(usernameKey('admin'));
  });
});
