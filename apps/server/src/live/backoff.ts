/**
 * Delays between attempts to reopen an upstream: doubling from `baseMs` up to `maxMs` (±20 %
 * jitter so many upstreams do not retry in step), back to `baseMs` once the upstream is live.
 * A subscription to a container that does not exist retries slowly instead of costing the
 * engine a call every second or two.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const delay = Math.min(this.maxMs, this.baseMs * 2 ** Math.min(this.failures, 20));
    this.failures++;
    return Math.round(delay * (0.8 + 0.4 * this.random()));
  }

  reset(): void {
    this.failures = 0;
  }
}

/** Retry timing of container topics: quick while a container is stopped or the engine restarts, slow when it is gone. */
export const containerRetry = {
  /** The container does not run, or the engine did not answer (either may come back any moment). */
  stopped: () => new Backoff(1500, 5000),
  /** The engine says there is no such container (404). */
  missing: () => new Backoff(1500, 60_000),
};
