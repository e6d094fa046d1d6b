import type { FastifyBaseLogger } from 'fastify';
import type { ServerMessage, TopicItem, TopicName, TopicParamsOf, UpstreamState } from '@porthole/shared/live';
import type { EngineApi } from '../docker/engine-api.ts';
import type { Metrics } from '../plugins/metrics.ts';
import { type Delivery, SubscriptionQueue } from './subscription.ts';

export interface UpstreamContext<T extends TopicName> {
  engine: EngineApi;
  params: TopicParamsOf<T>;
  log: FastifyBaseLogger;
  /** Fan an item out to every subscriber of this upstream. */
  emit(item: TopicItem<T>): void;
  setState(state: UpstreamState, message?: string): void;
  /** The upstream finished by itself (e.g. a container's log stream ended). */
  end(): void;
  /**
   * Items waiting in the fullest queue of a subscriber that still reads (a stalled one does not
   * count): a source pauses above a bound and resumes in `drained`.
   */
  backlog(): number;
}

export interface OpenUpstream<T extends TopicName> {
  close(): void;
  /** Items a new subscriber receives first (e.g. stats history). */
  snapshot?(): TopicItem<T>[];
  /** Called after subscribers' queues were flushed (resume a paused source). */
  drained?(): void;
}

/** One live topic: its params are `TopicParams[T]`, its items `TopicFrames[T]` (packages/shared/src/live.ts). */
export interface TopicDefinition<T extends TopicName> {
  name: T;
  delivery: Delivery;
  /** Identity of the upstream within (engine, topic): subscribers with the same key share it. */
  key(params: TopicParamsOf<T>): string;
  /** Throws a readable error for params the schema accepts but the topic cannot run (a bad regex). */
  validate?(params: TopicParamsOf<T>): void;
  open(ctx: UpstreamContext<T>): OpenUpstream<T>;
}

/** Any registered topic (each with its own params and items). */
type AnyTopic = { [T in TopicName]: TopicDefinition<T> }[TopicName];

/** What the hub needs from a connected client (a websocket, or a fake in unit tests). */
export interface HubClient {
  send(msg: ServerMessage): void;
  /** True while the client's socket has too much unsent data to take more. */
  congested(): boolean;
}

interface Upstream {
  topic: TopicName;
  engineId: string;
  key: string;
  open: OpenUpstream<TopicName>;
  state: UpstreamState;
  stateMessage?: string;
  ended: boolean;
  subscribers: Set<Subscription>;
  closeTimer?: NodeJS.Timeout;
}

interface Subscription {
  client: ClientState;
  queue: SubscriptionQueue;
  upstream: Upstream;
}

interface ClientState {
  client: HubClient;
  subs: Map<string, Subscription>;
  flushTimer?: NodeJS.Timeout;
  /** Since when the client's socket has been too full to take more (undefined: it takes frames). */
  congestedSince?: number;
}

/**
 * A client whose socket stayed full this long has stopped reading: it no longer holds back a
 * source (`backlog()`), its queue overflows into a `skipped` marker instead. A client that reads,
 * only slower for a moment than a burst, holds the source back and loses nothing.
 */
const STALLED_AFTER_MS = 2000;

const FLUSH_MS = 40;
/**
 * A congested socket is looked at again this soon: a client that reads drains its 1 MiB in a few
 * ms, and waiting a whole frame interval let a fast log stream overrun its queue meanwhile.
 */
const CONGESTED_RETRY_MS = 5;
const MAX_ITEMS_PER_FRAME = 2000;
/** An upstream lingers this long after its last subscriber leaves (navigation churn). */
const LINGER_MS = 150;

/**
 * The live hub: one upstream Docker stream per (engine, topic, key), reference-counted and
 * fanned out to every subscriber through a bounded per-subscriber queue.
 */
export class LiveHub {
  private readonly topics = new Map<TopicName, AnyTopic>();
  private readonly upstreams = new Map<string, Upstream>();
  private readonly clients = new Map<HubClient, ClientState>();

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly metrics?: Metrics,
  ) {}

  register<T extends TopicName>(topic: TopicDefinition<T>): void {
    this.topics.set(topic.name, topic as AnyTopic);
  }

  hasTopic(name: string): name is TopicName {
    return this.topics.has(name as TopicName);
  }

  connect(client: HubClient): void {
    this.clients.set(client, { client, subs: new Map() });
  }

  disconnect(client: HubClient): void {
    const state = this.clients.get(client);
    if (!state) return;
    for (const id of [...state.subs.keys()]) this.unsubscribe(client, id);
    if (state.flushTimer) clearTimeout(state.flushTimer);
    this.clients.delete(client);
  }

  subscribe<T extends TopicName>(client: HubClient, id: string, engine: EngineApi, topicName: T, params: TopicParamsOf<T>): void {
    const state = this.clients.get(client);
    const topic = this.topics.get(topicName) as TopicDefinition<T> | undefined;
    if (!state || !topic) throw new Error(`Unknown topic "${topicName}"`);
    topic.validate?.(params);
    if (state.subs.has(id)) this.unsubscribe(client, id);

    const upstreamKey = `${engine.id}\u0000${topicName}\u0000${topic.key(params)}`;
    let upstream = this.upstreams.get(upstreamKey);
    if (!upstream) upstream = this.openUpstream(upstreamKey, engine, topic, params);
    if (upstream.closeTimer) {
      clearTimeout(upstream.closeTimer);
      upstream.closeTimer = undefined;
    }

    const sub: Subscription = { client: state, queue: new SubscriptionQueue(id, topic.delivery), upstream };
    state.subs.set(id, sub);
    upstream.subscribers.add(sub);
    sub.queue.pushControl({ type: 'state', id, state: upstream.state, message: upstream.stateMessage });
    for (const item of upstream.open.snapshot?.() ?? []) sub.queue.push(item);
    if (upstream.ended) sub.queue.pushControl({ type: 'end', id });
    this.scheduleFlush(state);
  }

  unsubscribe(client: HubClient, id: string): void {
    const state = this.clients.get(client);
    const sub = state?.subs.get(id);
    if (!state || !sub) return;
    state.subs.delete(id);
    const upstream = sub.upstream;
    upstream.subscribers.delete(sub);
    if (upstream.subscribers.size === 0 && !upstream.closeTimer) {
      upstream.closeTimer = setTimeout(() => this.closeUpstream(upstream), LINGER_MS);
    }
  }

  /** Open upstreams by engine and topic (exposed in /api/metrics). */
  upstreamCounts(): Array<{ engine: string; topic: TopicName; count: number }> {
    const counts = new Map<string, { engine: string; topic: TopicName; count: number }>();
    for (const u of this.upstreams.values()) {
      const k = `${u.engineId}/${u.topic}`;
      const c = counts.get(k) ?? { engine: u.engineId, topic: u.topic, count: 0 };
      c.count++;
      counts.set(k, c);
    }
    return [...counts.values()];
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get subscriptionCount(): number {
    let n = 0;
    for (const c of this.clients.values()) n += c.subs.size;
    return n;
  }

  /** Ends every upstream of an engine (removed, or its address changed): subscribers get `message`, then `end`. */
  closeEngine(engineId: string, message: string): void {
    for (const upstream of [...this.upstreams.values()]) {
      if (upstream.engineId !== engineId) continue;
      for (const sub of upstream.subscribers) {
        sub.queue.pushControl({ type: 'state', id: sub.queue.id, state: 'reconnecting', message });
        sub.queue.pushControl({ type: 'end', id: sub.queue.id });
        this.scheduleFlush(sub.client);
      }
      this.closeUpstream(upstream);
    }
  }

  close(): void {
    for (const client of [...this.clients.keys()]) this.disconnect(client);
    for (const u of [...this.upstreams.values()]) this.closeUpstream(u);
  }

  private openUpstream<T extends TopicName>(key: string, engine: EngineApi, topic: TopicDefinition<T>, params: TopicParamsOf<T>): Upstream {
    const upstream: Upstream = {
      topic: topic.name,
      engineId: engine.id,
      key,
      state: 'connecting',
      ended: false,
      subscribers: new Set(),
      open: { close() {} },
    };
    this.upstreams.set(key, upstream);
    this.metrics?.upstreams.inc({ topic: topic.name, engine: engine.id });
    this.metrics?.upstreamOpened.inc({ topic: topic.name });
    const forEach = (fn: (sub: Subscription) => void) => {
      for (const sub of upstream.subscribers) {
        fn(sub);
        this.scheduleFlush(sub.client);
      }
    };
    upstream.open = topic.open({
      engine,
      params,
      log: this.log.child({ topic: topic.name, engine: engine.id }),
      emit: (item) => forEach((sub) => sub.queue.push(item)),
      setState: (state, message) => {
        upstream.state = state;
        upstream.stateMessage = message;
        forEach((sub) => sub.queue.pushControl({ type: 'state', id: sub.queue.id, state, message }));
      },
      end: () => {
        upstream.ended = true;
        forEach((sub) => sub.queue.pushControl({ type: 'end', id: sub.queue.id }));
      },
      backlog: () => {
        const now = Date.now();
        let max = 0;
        for (const sub of upstream.subscribers) {
          const since = sub.client.congestedSince;
          if (since !== undefined && now - since > STALLED_AFTER_MS) continue;
          max = Math.max(max, sub.queue.length);
        }
        return max;
      },
    });
    return upstream;
  }

  private closeUpstream(upstream: Upstream): void {
    if (upstream.closeTimer) clearTimeout(upstream.closeTimer);
    upstream.closeTimer = undefined;
    if (this.upstreams.get(upstream.key) !== upstream) return;
    this.upstreams.delete(upstream.key);
    this.metrics?.upstreams.dec({ topic: upstream.topic, engine: upstream.engineId });
    try {
      upstream.open.close();
    } catch (err) {
      this.log.warn({ err }, 'closing an upstream failed');
    }
  }

  private scheduleFlush(state: ClientState, delay = FLUSH_MS): void {
    if (state.flushTimer) return;
    state.flushTimer = setTimeout(() => this.flush(state), delay);
  }

  private flush(state: ClientState): void {
    state.flushTimer = undefined;
    if (!this.clients.has(state.client)) return;
    let more = false;
    let congested = false;
    for (const sub of state.subs.values()) {
      if (state.client.congested()) {
        more = true;
        congested = true;
        state.congestedSince ??= Date.now();
        break;
      }
      state.congestedSince = undefined;
      for (const msg of sub.queue.drain(MAX_ITEMS_PER_FRAME)) state.client.send(msg);
      if (sub.queue.pending) more = true;
      sub.upstream.open.drained?.();
    }
    // A backlog (a log backfill) goes out as fast as the socket takes it; a congested socket waits.
    if (more) this.scheduleFlush(state, congested ? CONGESTED_RETRY_MS : 0);
  }
}
