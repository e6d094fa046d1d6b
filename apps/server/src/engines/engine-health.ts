import type { EngineCounts, EngineHealth, EngineTestResult, SwarmRole } from '@porthole/shared/engines';
import type { Engine } from '../docker/engine.ts';
import type { SystemInfo } from '../docker/engine-api.ts';

/** How often every engine is checked, and how long one check may take: a dead engine is marked down within 5 s. */
const INTERVAL_MS = 2000;
const CHECK_MS = 2500;

export interface EngineFacts {
  health: EngineHealth;
  version?: string;
  apiVersion?: string;
  os?: string;
  arch?: string;
  swarmRole: SwarmRole;
  counts?: EngineCounts;
}

export function swarmRoleOf(info: SystemInfo): SwarmRole {
  if (info.Swarm?.LocalNodeState !== 'active') return 'none';
  return info.Swarm.ControlAvailable ? 'manager' : 'worker';
}

/** Ping, version and info of one engine within `ms`: what `POST /api/engines/:id/test` answers. */
export async function testEngine(engine: Engine, ms = CHECK_MS): Promise<EngineTestResult & { info?: SystemInfo }> {
  try {
    await engine.ping({ timeoutMs: ms });
    const [version, info] = await Promise.all([engine.version({ timeoutMs: ms }), engine.systemInfo({ timeoutMs: ms })]);
    return {
      ok: true,
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: version.Os,
      arch: version.Arch,
      swarmRole: swarmRoleOf(info),
      info,
    };
  } catch (err) {
    return { ok: false, message: engine.explain(err) };
  }
}

/**
 * Checks every engine in the background, each on its own (a slow engine delays only its own next
 * check: a check still running is not started again). What it learnt stays until the next check;
 * a failed check keeps the last good facts (version, counts) and says why it failed.
 */
export class EngineHealthMonitor {
  private readonly facts = new Map<string, EngineFacts>();
  private readonly running = new Set<Engine>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly engines: () => Engine[]) {}

  start(): void {
    this.timer ??= setInterval(() => this.tick(), INTERVAL_MS);
    this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** What is known of an engine (`unknown` before its first check). */
  of(id: string): EngineFacts {
    return this.facts.get(id) ?? { health: { state: 'unknown' }, swarmRole: 'none' };
  }

  forget(id: string): void {
    this.facts.delete(id);
  }

  /** Checks one engine now (after a change), and waits for it. */
  async check(engine: Engine): Promise<EngineFacts> {
    if (this.running.has(engine)) return this.of(engine.id);
    this.running.add(engine);
    try {
      const result = await testEngine(engine);
      const counts = result.ok && result.info ? await countsOf(engine, result.info) : undefined;
      const before = this.of(engine.id);
      const now = new Date().toISOString();
      // Since when: kept while the state holds, this check's time when it changes.
      const since = (state: EngineHealth['state']) => (before.health.state === state ? (before.health.since ?? now) : now);
      const next: EngineFacts = result.ok
        ? {
            health: { state: 'up', lastCheckedAt: now, since: since('up') },
            version: result.version,
            apiVersion: result.apiVersion,
            os: result.os,
            arch: result.arch,
            swarmRole: result.swarmRole ?? 'none',
            counts: counts ?? before.counts,
          }
        : { ...before, health: { state: 'down', lastError: result.message, lastCheckedAt: now, since: since('down') } };
      // An engine removed meanwhile is not brought back.
      if (this.engines().includes(engine)) this.facts.set(engine.id, next);
      return next;
    } finally {
      this.running.delete(engine);
    }
  }

  private tick(): void {
    for (const engine of this.engines()) void this.check(engine);
  }
}

async function countsOf(engine: Engine, info: SystemInfo): Promise<EngineCounts | undefined> {
  try {
    const [unhealthy, images] = await Promise.all([
      engine.listContainers({ filters: { health: ['unhealthy'] } }, { timeoutMs: CHECK_MS }),
      // What `docker images` lists and the Images view counts: `/info`'s Images counts
      // intermediate build images too (a count that disagreed with the Images view).
      engine.listImages({}, { timeoutMs: CHECK_MS }),
    ]);
    return {
      containersRunning: info.ContainersRunning,
      containersStopped: info.ContainersStopped,
      containersUnhealthy: unhealthy.length,
      images: images.length,
    };
  } catch {
    return undefined;
  }
}
