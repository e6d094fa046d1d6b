import type { ServerMessage, TopicItem } from '@porthole/shared/live';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEngine } from '../docker/fake-engine.ts';
import { type HubClient, LiveHub, type TopicDefinition, type UpstreamContext } from './hub.ts';
import { silentLog } from './silent-log.ts';

const engine = new FakeEngine('fake');

/**
 * A `logs` topic whose upstreams are fakes the test drives (keyed by `container`): it counts
 * opens/closes and can emit any item (the hub passes items through untouched).
 */
function fakeTopic(limit = 100) {
  const open = new Map<string, UpstreamContext<'logs'>>();
  const stats = { opened: 0, closed: 0 };
  const topic: TopicDefinition<'logs'> = {
    name: 'logs',
    delivery: { kind: 'stream', limit },
    key: (p) => p.container,
    open(ctx) {
      stats.opened++;
      open.set(ctx.params.container, ctx);
      ctx.setState('live');
      return {
        close() {
          stats.closed++;
          open.delete(ctx.params.container);
        },
      };
    },
  };
  const emit = (key: string, item: unknown) => {
    const ctx = open.get(key);
    if (!ctx) throw new Error(`upstream ${key} is not open`);
    ctx.emit(item as TopicItem<'logs'>);
  };
  return { topic, open, stats, emit };
}

class FakeClient implements HubClient {
  messages: ServerMessage[] = [];
  isCongested = false;
  send(msg: ServerMessage) {
    this.messages.push(msg);
  }
  congested() {
    return this.isCongested;
  }
  items(id: string): TopicItem[] {
    return this.messages.flatMap((m) => (m.type === 'data' && m.id === id ? m.items : []));
  }
}

describe('LiveHub', () => {
  let hub: LiveHub;
  let fake: ReturnType<typeof fakeTopic>;

  beforeEach(() => {
    vi.useFakeTimers();
    fake = fakeTopic();
    hub = new LiveHub(silentLog);
    hub.register(fake.topic);
  });
  afterEach(() => {
    hub.close();
    vi.useRealTimers();
  });

  const subscribe = (client: HubClient, id: string, key = 'k') => hub.subscribe(client, id, engine, 'logs', { container: key });
  const connected = () => {
    const client = new FakeClient();
    hub.connect(client);
    return client;
  };

  it('shares one upstream between all subscribers of the same key and fans items out', async () => {
    const clients = Array.from({ length: 20 }, () => new FakeClient());
    for (const [i, c] of clients.entries()) {
      hub.connect(c);
      subscribe(c, `sub-${i}`);
    }
    expect(fake.stats.opened).toBe(1);
    expect(hub.upstreamCounts()).toEqual([{ engine: 'fake', topic: 'logs', count: 1 }]);

    fake.emit('k', { n: 1 });
    fake.emit('k', { n: 2 });
    await vi.advanceTimersByTimeAsync(100);
    for (const [i, c] of clients.entries()) {
      expect(c.messages[0]).toEqual({ type: 'state', id: `sub-${i}`, state: 'live' });
      expect(c.items(`sub-${i}`)).toEqual([{ n: 1 }, { n: 2 }]);
    }
  });

  it('opens separate upstreams for different keys', () => {
    const c = connected();
    subscribe(c, 'a', 'one');
    subscribe(c, 'b', 'two');
    expect(fake.stats.opened).toBe(2);
  });

  it('closes the upstream within a second after the last subscriber leaves, not before', async () => {
    const a = connected();
    const b = connected();
    subscribe(a, 's');
    subscribe(b, 's');
    hub.unsubscribe(a, 's');
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.stats.closed).toBe(0);

    hub.disconnect(b);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.stats.closed).toBe(1);
    expect(hub.upstreamCounts()).toEqual([]);
  });

  it('reuses a lingering upstream when a subscriber comes back quickly', async () => {
    const a = connected();
    subscribe(a, 's');
    hub.unsubscribe(a, 's');
    await vi.advanceTimersByTimeAsync(100);
    subscribe(a, 's2');
    await vi.advanceTimersByTimeAsync(5000);
    expect(fake.stats).toEqual({ opened: 1, closed: 0 });
  });

  it('leaves no upstream after 500 subscribe/unsubscribe cycles', async () => {
    const clients = Array.from({ length: 5 }, () => new FakeClient());
    for (const c of clients) hub.connect(c);
    for (let i = 0; i < 500; i++) {
      const c = clients[i % clients.length] as FakeClient;
      subscribe(c, `s${i}`, `key-${i % 7}`);
      if (i % 3 === 0) await vi.advanceTimersByTimeAsync(i % 400);
      if (i % 2 === 0) hub.unsubscribe(c, `s${i}`);
    }
    for (const c of clients.slice(0, 3)) hub.disconnect(c);
    for (const c of clients.slice(3)) for (let i = 0; i < 500; i++) hub.unsubscribe(c, `s${i}`);
    await vi.advanceTimersByTimeAsync(1000);
    expect(hub.upstreamCounts()).toEqual([]);
    expect(fake.open.size).toBe(0);
    expect(fake.stats.closed).toBe(fake.stats.opened);
    expect(hub.subscriptionCount).toBe(0);
  });

  it('gives a congested client a skipped marker then live items, while a fast client gets everything', async () => {
    const fast = connected();
    const slow = connected();
    subscribe(fast, 'f');
    subscribe(slow, 's');
    await vi.advanceTimersByTimeAsync(100);
    slow.isCongested = true;

    for (let i = 0; i < 1000; i++) {
      fake.emit('k', i);
      if (i % 50 === 49) await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(100);
    expect(fast.items('f')).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(slow.items('s')).toEqual([]);

    slow.isCongested = false;
    await vi.advanceTimersByTimeAsync(100);
    fake.emit('k', 'live-1');
    fake.emit('k', 'live-2');
    await vi.advanceTimersByTimeAsync(100);

    // The queue kept the first 100 items (its bound), counted the other 900, then went live again.
    expect(slow.messages.filter((m) => m.type !== 'state')).toEqual([
      { type: 'data', id: 's', items: Array.from({ length: 100 }, (_, i) => i) },
      { type: 'skipped', id: 's', count: 900 },
      { type: 'data', id: 's', items: ['live-1', 'live-2'] },
    ]);
    expect(fast.items('f').slice(-2)).toEqual(['live-1', 'live-2']);
  });

  it('tells subscribers when the upstream ends, including late ones', async () => {
    const a = connected();
    subscribe(a, 's');
    fake.open.get('k')?.end();
    await vi.advanceTimersByTimeAsync(100);
    expect(a.messages.at(-1)).toEqual({ type: 'end', id: 's' });

    const b = connected();
    subscribe(b, 'late');
    await vi.advanceTimersByTimeAsync(100);
    expect(b.messages.at(-1)).toEqual({ type: 'end', id: 'late' });
  });

  it('rejects unknown topics', () => {
    const a = connected();
    expect(() => hub.subscribe(a, 's', engine, 'stats', { container: 'x' })).toThrow(/Unknown topic/);
  });

  it('refuses params the topic cannot run before opening anything', () => {
    hub.register({
      ...fake.topic,
      validate: (p) => {
        if (p.container === 'bad') throw new Error('Invalid regular expression: backreferences are not supported');
      },
    });
    const a = connected();
    expect(() => subscribe(a, 's', 'bad')).toThrow(/backreferences/);
    expect(fake.stats.opened).toBe(0);
    expect(hub.subscriptionCount).toBe(0);
    subscribe(a, 's', 'good');
    expect(fake.stats.opened).toBe(1);
  });
});
