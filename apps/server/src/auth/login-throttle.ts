import net from 'node:net';

/**
 * Sign-in attempts per client and per username in a sliding window. An attempt is counted
 * *before* its password is checked (a reservation), so parallel attempts cannot all pass the
 * check; a successful sign-in gives its reservation back, so a team (or a test suite) that signs
 * in often is never locked out by its own successes. @fastify/rate-limit counts every request.
 */
export class LoginThrottle {
  /** Failure times per key. */
  private readonly failures = new Map<string, number[]>();
  /** Attempts whose password check is still running, per key. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly maxAttempts = 10,
    private readonly windowMs = 60_000,
  ) {}

  /**
   * Reserves an attempt for every key, or answers how many seconds to wait when any key has used
   * its budget. The reservation is settled with `settle`.
   */
  reserve(keys: string[], now = Date.now()): { ok: true } | { ok: false; retryAfter: number } {
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now);
      const used = recent.length + (this.inFlight.get(key) ?? 0);
      if (used < this.maxAttempts) continue;
      // Full with checks still running: they settle within a second or two.
      const oldest = recent.length >= this.maxAttempts ? (recent[recent.length - this.maxAttempts] as number) : now;
      wait = Math.max(wait, Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)));
    }
    if (wait > 0) return { ok: false, retryAfter: wait };
    for (const key of keys) this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    return { ok: true };
  }

  /** Ends a reservation: a failure stays counted for the window, a success is forgotten. */
  settle(keys: string[], failed: boolean, now = Date.now()): void {
    for (const key of keys) {
      const n = (this.inFlight.get(key) ?? 1) - 1;
      if (n > 0) this.inFlight.set(key, n);
      else this.inFlight.delete(key);
      if (failed) {
        const recent = this.recent(key, now);
        recent.push(now);
        this.failures.set(key, recent);
      }
    }
    if (this.failures.size > 10_000) this.prune(now);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  private prune(now: number): void {
    for (const [key, times] of this.failures) {
      if (times.every((t) => now - t >= this.windowMs)) this.failures.delete(key);
    }
  }
}

/**
 * The client an address stands for: every loopback address (127.0.0.0/8, ::1) is this machine,
 * an IPv6 client is its /64 (one subscriber's network), an IPv4 client its address.
 */
export function clientKey(ip: string): string {
  const addr = ip.startsWith('::ffff:') && net.isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (net.isIPv4(addr)) return addr.startsWith('127.') ? 'client:loopback' : `client:${addr}`;
  if (net.isIPv6(addr)) {
    if (addr === '::1') return 'client:loopback';
    const full = expandIPv6(addr);
    return `client:${full.slice(0, 4).join(':')}::/64`;
  }
  return `client:${addr}`;
}

function expandIPv6(addr: string): string[] {
  const [head = '', tail = ''] = addr.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = addr.includes('::') ? Array(8 - h.length - t.length).fill('0') : [];
  return [...h, ...fill, ...t].map((p) => p.toLowerCase());
}

export function usernameKey(username: string): string {
  return `user:${username.toLowerCase()}`;
}
