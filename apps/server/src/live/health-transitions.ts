import { healthStatusOf } from '@porthole/shared/engine-events';
import type { HealthTransition } from '@porthole/shared/health';
import type { EngineEvent } from '@porthole/shared/live';
import type { FastifyBaseLogger } from 'fastify';
import type { EngineApi } from '../docker/engine-api.ts';
import { eventsTopic } from './topics/events.ts';

const PER_CONTAINER = 500;
const TOTAL = 10_000;

/**
 * The health transitions of one engine's containers that Porthole has seen (`health_status`
 * events), kept in memory: the engine itself keeps only the last five checks per container and a
 * few hundred events. Bounded: the last 500 per container, 10,000 in all (the oldest go first).
 */
export class HealthTransitions {
  private readonly byContainer = new Map<string, HealthTransition[]>();
  /** Every kept transition's container, oldest first (to drop the oldest overall). */
  private readonly order: string[] = [];

  record(e: EngineEvent): void {
    const status = healthStatusOf(e);
    if (!status) return;
    const id = e.Actor.ID;
    const list = this.byContainer.get(id) ?? [];
    this.byContainer.set(id, list);
    const previous = list.at(-1)?.status;
    const time = e.timeNano ? Math.floor(e.timeNano / 1e6) : e.time * 1000;
    list.push({ container: id, name: e.Actor.Attributes.name ?? id.slice(0, 12), status, ...(previous ? { previous } : {}), time });
    this.order.push(id);
    if (list.length > PER_CONTAINER) this.dropOldestOf(id);
    while (this.order.length > TOTAL) this.dropOldestOf(this.order[0] as string);
  }

  /** Oldest first; one container's (a full id) or everyone's. */
  list(container?: string): HealthTransition[] {
    if (container) return [...(this.byContainer.get(container) ?? [])];
    return [...this.byContainer.values()].flat().sort((a, b) => a.time - b.time);
  }

  private dropOldestOf(id: string): void {
    const list = this.byContainer.get(id);
    list?.shift();
    if (list?.length === 0) this.byContainer.delete(id);
    const at = this.order.indexOf(id);
    if (at >= 0) this.order.splice(at, 1);
  }
}

/**
 * Feeds `store` from an `events` upstream of its own (the `events` topic's, with its resume after
 * an engine restart), opened outside the hub: the hub's upstream stays the browsers' and still
 * closes when the last of them leaves. Returns the function that stops it.
 */
export function watchHealth(engine: EngineApi, log: FastifyBaseLogger, store: HealthTransitions): () => void {
  const upstream = eventsTopic.open({
    engine,
    params: {},
    log,
    emit: (e) => store.record(e),
    setState: () => {},
    end: () => {},
    backlog: () => 0,
  });
  return () => upstream.close();
}
