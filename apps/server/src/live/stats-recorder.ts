import type { FastifyBaseLogger } from 'fastify';
import { type ContainerUsage, type ContainerUsageFrame, STATS_HISTORY_MS, type StatsSample, cpuLimitOf } from '@porthole/shared/stats';
import type { EngineApi } from '../docker/engine-api.ts';
import { type RawStats, StatsHistory, statsSample } from '../docker/stats.ts';

/** At most this many one-shot stats reads in flight per engine. */
const CONCURRENCY = 8;
/**
 * The deadline of one engine call. The engine leaves a call about a container it keeps locked (a
 * `docker cp` into it that does not finish) unanswered: without a deadline one such container
 * stalled every round, so no container's history grew, and shutdown waited for it for ever.
 */
const CALL_TIMEOUT_MS = 30_000;

/**
 * The last 10 minutes of stats of every running container of one engine, so a stats page opened
 * after a container ran for a while shows its history at once, whether or not anyone watched.
 *
 * While a browser watches a container, its live stats stream (the `stats` topic, one upstream per
 * container) feeds the history once a second. For the others the recorder takes a one-shot sample
 * every `intervalMs` (`GET /containers/{id}/stats?stream=false&one-shot=true`, no open stream, no
 * second of waiting): CPU % is the delta against the previous one-shot sample, as the CLI computes
 * it between two frames.
 */
export class StatsRecorder {
  private readonly histories = new Map<string, StatsHistory>();
  /** The previous raw one-shot frame per container (its cpu_stats is the next sample's precpu). */
  private readonly previous = new Map<string, RawStats>();
  /** Containers with an open live stream: the stream records them. */
  private readonly streaming = new Map<string, number>();
  /** One-shot reads still waiting for the engine (a round does not wait for them beyond its interval). */
  private readonly inFlight = new Set<string>();
  /** CPUs each container may use (undefined: no limit), read once per container. */
  private readonly cpuLimits = new Map<string, number | undefined>();
  private readonly stopping = new AbortController();
  /** The running containers of the last round, and who wants to hear when a round ends. */
  private lastRunning?: string[];
  private readonly roundListeners = new Set<(err?: Error) => void>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly engine: EngineApi,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs: number,
  ) {}

  /**
   * The history of a container (by full id), created on first use. A hole longer than two and a
   * half sampling intervals (of the slower source: one-shots, or the 1 s live stream) is a gap.
   */
  history(id: string): StatsHistory {
    let h = this.histories.get(id);
    if (!h) {
      h = new StatsHistory(STATS_HISTORY_MS, 2.5 * Math.max(this.intervalMs, 1000));
      this.histories.set(id, h);
    }
    return h;
  }

  /** The CPU limit a stats stream read from the container's inspect (one-shot samples use it too). */
  knowCpuLimit(id: string, cpus: number | undefined): void {
    this.cpuLimits.set(id, cpus);
  }

  /** A live stream of `id` is open: it records the samples; returns the release function. */
  streamOpened(id: string): () => void {
    this.streaming.set(id, (this.streaming.get(id) ?? 0) + 1);
    this.previous.delete(id);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.streaming.get(id) ?? 1) - 1;
      if (n > 0) this.streaming.set(id, n);
      else this.streaming.delete(id);
    };
  }

  /**
   * Rounds start every `intervalMs` from the first one, however long a round took (a slow round is
   * not followed by a full interval of nothing): the interval holds under load. A round that ran
   * over starts the next one at once; where samples were missed anyway, the history records a gap.
   */
  start(): void {
    if (this.intervalMs <= 0 || this.timer || this.stopped) return;
    let due = Date.now();
    const tick = () => {
      due += this.intervalMs;
      this.running = this.sampleAll()
        .then(() => this.roundEnded())
        .catch((err: Error) => {
          this.log.debug({ err: err.message }, 'stats recorder: sampling failed');
          this.roundEnded(err);
        })
        .finally(() => {
          this.running = undefined;
          const now = Date.now();
          // Rounds missed entirely are not run in a burst: the next one is the next due time ahead.
          if (due < now) due += Math.floor((now - due) / this.intervalMs) * this.intervalMs;
          if (!this.stopped) this.timer = setTimeout(tick, Math.max(0, due - now));
        });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Ends an engine call at its deadline, or at once when the recorder stops. */
  private deadline(): AbortSignal {
    return AbortSignal.any([this.stopping.signal, AbortSignal.timeout(CALL_TIMEOUT_MS)]);
  }

  /**
   * One round: a sample of each running container nobody streams; forget what is gone. A read
   * the engine has not answered within the interval is left to its deadline and the round goes
   * on (that container is skipped until it is answered): a round never waits on its slowest item.
   */
  async sampleAll(): Promise<void> {
    const running = await this.engine.listContainers({ filters: { status: ['running'] } }, { signal: this.deadline() });
    const ids = running.map((c) => c.Id).filter((id) => !this.streaming.has(id) && !this.inFlight.has(id));
    let next = 0;
    const worker = async () => {
      while (next < ids.length && !this.stopped) {
        const id = ids[next++] as string;
        this.inFlight.add(id);
        const read = this.sampleOne(id)
          .catch(() => this.previous.delete(id))
          .finally(() => this.inFlight.delete(id));
        await within(read, Math.max(this.intervalMs, 1000));
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
    this.lastRunning = running.map((c) => c.Id);
    this.prune(new Set(running.map((c) => c.Id)));
  }

  /** Calls `listener` after each round (with the error of a round that failed); returns the unsubscribe. */
  onRound(listener: (err?: Error) => void): () => void {
    this.roundListeners.add(listener);
    return () => this.roundListeners.delete(listener);
  }

  private roundEnded(err?: Error): void {
    for (const l of this.roundListeners) l(err);
  }

  /**
   * The latest measured usage of each container running at the last round; undefined before the
   * first round. Null where there is none yet, or where the newest is older than three sampling
   * intervals: the engine has stopped answering for that container (it holds back stats while a
   * call keeps a watched container locked), and an old figure is not shown as now's.
   */
  usage(): ContainerUsageFrame | undefined {
    if (!this.lastRunning) return undefined;
    const staleBefore = Date.now() - 3 * Math.max(this.intervalMs, 1000);
    const containers = this.lastRunning.map((id): ContainerUsage => {
      const history = this.histories.get(id);
      const last = (history?.addedAt ?? 0) >= staleBefore ? history?.last : undefined;
      if (!last) return { id, cpuPercent: null, memoryUsage: null, memoryLimit: null, t: null };
      return {
        id,
        cpuPercent: last.cpuPercent,
        ...(last.cpuLimit ? { cpuLimit: last.cpuLimit } : {}),
        memoryUsage: last.memUsage,
        memoryLimit: last.memLimit,
        t: last.t,
      };
    });
    return { t: Date.now(), containers };
  }

  private async sampleOne(id: string): Promise<void> {
    const raw = await this.engine.containerStats(id, { signal: this.deadline(), timeoutMs: CALL_TIMEOUT_MS });
    if (!raw.read || raw.read.startsWith('0001-')) return;
    const prev = this.previous.get(id);
    this.previous.set(id, raw);
    // The first one-shot frame has no CPU baseline: it only becomes the next one's.
    if (!prev || this.streaming.has(id)) return;
    if (!this.cpuLimits.has(id)) {
      const info = await this.engine.inspectContainer(id, { signal: this.deadline(), timeoutMs: CALL_TIMEOUT_MS });
      this.cpuLimits.set(id, cpuLimitOf(info.HostConfig));
    }
    const history = this.history(id);
    const sample: StatsSample = statsSample({ ...raw, precpu_stats: prev.cpu_stats }, history.last, this.cpuLimits.get(id));
    if (history.last && sample.t <= history.last.t) return;
    history.add(sample);
  }

  /** Stopped and removed containers keep their history until it is older than the window. */
  private prune(running: Set<string>): void {
    const cutoff = Date.now() - STATS_HISTORY_MS;
    for (const [id, h] of this.histories) {
      if (running.has(id) || this.streaming.has(id)) continue;
      this.previous.delete(id);
      this.cpuLimits.delete(id);
      if ((h.last?.t ?? 0) < cutoff) this.histories.delete(id);
    }
  }

  /** Containers with a history (for tests and metrics). */
  get size(): number {
    return this.histories.size;
  }
}

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
