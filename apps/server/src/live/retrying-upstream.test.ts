import { PassThrough, type Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEngine } from '../docker/fake-engine.ts';
import { ApiError } from '../http/api-error.ts';
import { Backoff } from './backoff.ts';
import type { UpstreamContext } from './hub.ts';
import { retryingUpstream } from './retrying-upstream.ts';

/** A topic context that records what the upstream reports. */
function context() {
  const log: string[] = [];
  const ctx: UpstreamContext<'logs'> = {
    engine: new FakeEngine(),
    params: { container: 'c' },
    log: {} as FastifyBaseLogger,
    emit: () => {},
    setState: (state, message) => log.push(message ? `${state}: ${message}` : state),
    end: () => log.push('end'),
    backlog: () => 0,
  };
  return { ctx, log };
}

const fixed = (ms: number) => new Backoff(ms, ms, () => 0.5);

describe('retryingUpstream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('goes live, says why when the stream ends, and opens it again after the backoff', async () => {
    const { ctx, log } = context();
    const streams: PassThrough[] = [];
    const upstream = retryingUpstream(ctx, {
      backoff: { stopped: fixed(1000) },
      endedMessage: 'The container stopped',
      open: async () => {
        streams.push(new PassThrough());
        return streams.at(-1) as Readable;
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['live']);
    streams[0]?.destroy();
    await vi.advanceTimersByTimeAsync(999);
    expect(log).toEqual(['live', 'reconnecting: The container stopped']);
    expect(streams).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(streams).toHaveLength(2);
    expect(log.at(-1)).toBe('live');
    upstream.close();
    expect(streams[1]?.destroyed).toBe(true);
  });

  it('waits while there is nothing to open, and retries a missing object on the slow backoff', async () => {
    const { ctx, log } = context();
    let calls = 0;
    const upstream = retryingUpstream(ctx, {
      backoff: { stopped: fixed(1000), missing: fixed(30_000) },
      open: async () => {
        calls++;
        if (calls === 1) return { wait: 'The container is not running' };
        throw new ApiError(404, 'No such container: c');
      },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['reconnecting: The container is not running']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).toBe(2);
    expect(log.at(-1)).toBe('reconnecting: No such container: c');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(3);
    upstream.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(3);
  });

  it('destroys a stream that opens after the last subscriber left', async () => {
    const { ctx, log } = context();
    const stream = new PassThrough();
    let release: () => void = () => {};
    const upstream = retryingUpstream(ctx, {
      open: async () => {
        await new Promise<void>((r) => {
          release = r;
        });
        return stream;
      },
    });
    upstream.close();
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.destroyed).toBe(true);
    expect(log).toEqual([]);
  });

  it('a finite read is never retried: a failure ends it with the reason', async () => {
    const { ctx, log } = context();
    let calls = 0;
    retryingUpstream(ctx, {
      once: true,
      open: async () => {
        calls++;
        throw new ApiError(504, 'log stream timed out after 10 s');
      },
    });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
    expect(log).toEqual(['reconnecting: log stream timed out after 10 s', 'end']);
  });
});
