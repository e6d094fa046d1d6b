import { execActionCommand, healthcheckExecCommand } from '@porthole/shared/engine-events';
import type { EngineEvent } from '@porthole/shared/live';
import type { EngineApi } from '../docker/engine-api.ts';

/** Containers whose healthcheck command is remembered, and healthcheck exec ids. */
const KEEP_CONTAINERS = 5000;
const KEEP_EXECS = 2000;
/** An inspect to learn a healthcheck may hold the event stream this long, then the event goes unmarked. */
const INSPECT_MS = 2000;

/**
 * Marks the `exec_create` / `exec_start` / `exec_die` events of a container's own healthcheck
 * (`healthcheck: true`), so views can hide the noise a healthcheck makes every interval. The event
 * does not say who ran the exec: its command is compared with the container's healthcheck command
 * (learned by one inspect per container, forgotten on `destroy`), and `exec_die` (which has no
 * command) by the exec id its `exec_create` had. A `docker exec` of exactly the healthcheck's
 * command is marked too: the engine gives nothing to tell them apart.
 */
export class HealthcheckMarker {
  private readonly commands = new Map<string, string | undefined>();
  private readonly execs = new Set<string>();

  constructor(private readonly engine: EngineApi) {}

  async mark(e: EngineEvent): Promise<EngineEvent> {
    if (e.Type !== 'container') return e;
    const id = e.Actor.ID;
    if (e.Action === 'destroy') this.commands.delete(id);
    const execId = e.Actor.Attributes.execID;
    if (e.Action === 'exec_die') return execId && this.execs.delete(execId) ? { ...e, healthcheck: true } : e;
    const command = execActionCommand(e.Action);
    if (command === undefined) return e;
    if (command !== (await this.healthcheckOf(id))) return e;
    if (execId) remember(this.execs, execId, KEEP_EXECS);
    return { ...e, healthcheck: true };
  }

  private async healthcheckOf(id: string): Promise<string | undefined> {
    if (this.commands.has(id)) return this.commands.get(id);
    let command: string | undefined;
    try {
      const info = await this.engine.inspectContainer(id, { timeoutMs: INSPECT_MS });
      const config = info.Config as { Healthcheck?: { Test?: string[] }; Shell?: string[] };
      command = healthcheckExecCommand(config.Healthcheck?.Test, config.Shell?.length ? config.Shell : undefined);
    } catch {
      return undefined; // gone, or the engine is slow: leave the event unmarked, ask again next time
    }
    if (this.commands.size >= KEEP_CONTAINERS) this.commands.delete(this.commands.keys().next().value as string);
    this.commands.set(id, command);
    return command;
  }
}

function remember(set: Set<string>, value: string, keep: number): void {
  set.add(value);
  if (set.size > keep) set.delete(set.values().next().value as string);
}
