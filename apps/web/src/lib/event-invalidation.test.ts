import type { EngineEvent } from '@porthole/shared/live';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventInvalidator, INVALIDATION_WINDOW_MS as WINDOW, invalidateForEvent } from './event-invalidation.ts';
import { resourceKey } from './query-keys.ts';

const event = (Type: string, Action: string): EngineEvent =>
  ({ Type, Action, Actor: { ID: 'c1', Attributes: {} }, time: 0, timeNano: 0 }) as unknown as EngineEvent;
const execDie = event('container', 'exec_die');

interface Fetch {
  at: number;
  signal: AbortSignal;
  resolve: (v: number) => void;
}

/** An active query (it has an observer, like a mounted view) that records each fetch. */
function watch(client: QueryClient, resource: string, opts: { manual?: boolean } = {}) {
  const fetches: Fetch[] = [];
  const observer = new QueryObserver(client, {
    queryKey: [...resourceKey('local', resource), 'list'],
    queryFn: ({ signal }) =>
      new Promise<number>((resolve) => {
        const n = fetches.push({ at: Date.now(), signal, resolve });
        if (!opts.manual) resolve(n);
      }),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const unsubscribe = observer.subscribe(() => {});
  return { fetches, observer, unsubscribe };
}

describe('createEventInvalidator', () => {
  let client: QueryClient;
  /** A watched containers list, fetched once, and an invalidator that has just seen an `exec_die`. */
  async function afterExecDie() {
    const containers = watch(client, 'containers');
    await vi.advanceTimersByTimeAsync(0);
    const inv = createEventInvalidator(client);
    inv.onEvent('local', execDie);
    return { containers, inv };
  }

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  });
  afterEach(() => {
    client.clear();
    vi.useRealTimers();
  });

  it('turns a burst of events into one refetch per window, the last one after the last event', async () => {
    const containers = watch(client, 'containers');
    await vi.advanceTimersByTimeAsync(0);
    expect(containers.fetches).toHaveLength(1); // the initial fetch
    const inv = createEventInvalidator(client);

    // Healthcheck exec_* events every 10 ms for a second.
    let last = 0;
    for (let t = 0; t < 1000; t += 10) {
      last = Date.now();
      inv.onEvent('local', execDie);
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(WINDOW);

    const refetches = containers.fetches.slice(1).map((f) => f.at);
    expect(refetches.length).toBeGreaterThanOrEqual(1);
    expect(refetches.length).toBeLessThanOrEqual(Math.ceil(1000 / WINDOW) + 1);
    for (let i = 1; i < refetches.length; i++) expect(refetches[i]! - refetches[i - 1]!).toBeGreaterThanOrEqual(WINDOW);
    // Never dropped: a refetch follows the last event, within the window.
    const after = refetches.filter((at) => at > last);
    expect(after).toHaveLength(1);
    expect(after[0]! - last).toBeLessThanOrEqual(WINDOW);
    inv.dispose();
  });

  it('an event after a refetch gets a refetch of its own', async () => {
    const { containers, inv } = await afterExecDie();
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(containers.fetches).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(5);
    inv.onEvent('local', event('container', 'die'));
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(containers.fetches).toHaveLength(3);
    inv.dispose();
  });

  it('invalidates only the resources the event affects, each on its own', async () => {
    const containers = watch(client, 'containers');
    const images = watch(client, 'images');
    const system = watch(client, 'system');
    await vi.advanceTimersByTimeAsync(0);
    const inv = createEventInvalidator(client);
    inv.onEvent('local', execDie);
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect([containers.fetches.length, images.fetches.length, system.fetches.length]).toEqual([2, 1, 1]);
    inv.onEvent('local', event('image', 'tag'));
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect([containers.fetches.length, images.fetches.length, system.fetches.length]).toEqual([2, 2, 2]);
    // Another engine's events leave this engine's queries alone.
    inv.onEvent('other', event('container', 'start'));
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect([containers.fetches.length, images.fetches.length, system.fetches.length]).toEqual([2, 2, 2]);
    inv.dispose();
  });

  it('does not cancel a slow refetch: it lands, then the query is refetched for the later events', async () => {
    const containers = watch(client, 'containers', { manual: true });
    await vi.advanceTimersByTimeAsync(0);
    containers.fetches[0]!.resolve(1);
    await vi.advanceTimersByTimeAsync(0);
    const inv = createEventInvalidator(client);

    inv.onEvent('local', execDie);
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(containers.fetches).toHaveLength(2); // slow: still in flight
    // Events keep coming while it is in flight, for several windows.
    for (let i = 0; i < 8; i++) {
      inv.onEvent('local', execDie);
      await vi.advanceTimersByTimeAsync(WINDOW);
    }
    expect(containers.fetches).toHaveLength(2);
    expect(containers.fetches[1]!.signal.aborted).toBe(false);

    containers.fetches[1]!.resolve(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(containers.observer.getCurrentResult().data).toBe(2);
    // The events that came during the fetch are not lost: a refetch follows at once.
    expect(containers.fetches).toHaveLength(3);
    containers.fetches[2]!.resolve(3);
    await vi.advanceTimersByTimeAsync(WINDOW * 4);
    expect(containers.observer.getCurrentResult().data).toBe(3);
    expect(containers.fetches).toHaveLength(3);
    inv.dispose();
  });

  it('dispose drops what is pending', async () => {
    const { containers, inv } = await afterExecDie();
    inv.dispose();
    await vi.advanceTimersByTimeAsync(WINDOW * 2);
    expect(containers.fetches).toHaveLength(1);
  });
});

const ID = 'c0ffee1234567890';
const eventOf = (Action: string, Type = 'container'): EngineEvent => ({
  Type,
  Action,
  Actor: { ID, Attributes: { name: 'web' } },
  time: 0,
  timeNano: 0,
});

/** Which of these cached queries an event leaves invalidated. */
function invalidatedBy(e: EngineEvent, keys: string[][]): string[] {
  const client = new QueryClient();
  for (const k of keys) client.setQueryData(k, 1);
  invalidateForEvent(client, 'local', e);
  return keys.filter((k) => client.getQueryState(k)?.isInvalidated).map((k) => k.slice(2).join(' '));
}

const files = ['engine', 'local', 'container-files', ID, '/data'];
const filesByName = ['engine', 'local', 'container-files', 'web', '/'];
const otherFiles = ['engine', 'local', 'container-files', 'deadbeef', '/'];
const top = ['engine', 'local', 'containers', 'top', ID, ''];
const list = ['engine', 'local', 'containers', 'list'];
const all = [files, filesByName, otherFiles, top, list];

describe('invalidateForEvent', () => {
  it('ignores the events a read causes (a listing or docker top would refetch itself forever)', () => {
    expect(invalidatedBy(eventOf('archive-path'), all)).toEqual([]);
    expect(invalidatedBy(eventOf('top'), all)).toEqual([]);
  });

  it('refreshes that container’s file listings (by id or name) when its files may have changed', () => {
    for (const action of ['extract-to-dir', 'exec_die', 'destroy']) {
      expect(invalidatedBy(eventOf(action), all)).toEqual([
        `container-files ${ID} /data`,
        'container-files web /',
        `containers top ${ID} `,
        'containers list',
      ]);
    }
  });

  it('does not re-read file listings on unrelated container events', () => {
    expect(invalidatedBy(eventOf('start'), all)).toEqual([`containers top ${ID} `, 'containers list']);
    expect(invalidatedBy(eventOf('pull', 'image'), all)).toEqual([]);
  });
});
