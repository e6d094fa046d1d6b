import type { EngineEvent } from '@porthole/shared/live';
import { describe, expect, it } from 'vitest';
import { HealthTransitions } from './health-transitions.ts';

const event = (id: string, action: string, s: number): EngineEvent => ({
  Type: 'container',
  Action: action,
  Actor: { ID: id, Attributes: { name: `n-${id}` } },
  time: s,
  timeNano: s * 1e9,
});

describe('HealthTransitions', () => {
  it('keeps health_status events with the status before, and ignores the rest', () => {
    const store = new HealthTransitions();
    store.record(event('a', 'health_status: starting', 1));
    store.record(event('a', 'exec_die', 2));
    store.record(event('b', 'health_status: healthy', 3));
    store.record(event('a', 'health_status: unhealthy', 4));
    expect(store.list('a')).toEqual([
      { container: 'a', name: 'n-a', status: 'starting', time: 1000 },
      { container: 'a', name: 'n-a', status: 'unhealthy', previous: 'starting', time: 4000 },
    ]);
    expect(store.list().map((t) => t.container)).toEqual(['a', 'b', 'a']);
  });

  it('keeps the last 500 per container', () => {
    const store = new HealthTransitions();
    for (let i = 0; i < 600; i++) store.record(event('a', i % 2 ? 'health_status: healthy' : 'health_status: unhealthy', i));
    const list = store.list('a');
    expect(list).toHaveLength(500);
    expect(list[0]?.time).toBe(100_000);
  });
});
