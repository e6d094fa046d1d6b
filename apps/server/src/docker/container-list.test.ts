import { describe, expect, it } from 'vitest';
import { ApiError } from '../http/api-error.ts';
import { listContainersWithDetails } from './container-list.ts';
import { FakeEngine } from './fake-engine.ts';

const three = () =>
  new FakeEngine('fake', [
    { id: 'a1', name: 'web', memory: 64 << 20 },
    { id: 'b2', name: 'db', state: 'exited' },
    { id: 'c3', name: 'stuck' },
  ]);

/** The list with details (every container), with these deadlines and concurrency. */
const listWithDetails = (engine: FakeEngine, opts: Omit<Parameters<typeof listContainersWithDetails>[1], 'all' | 'details'> = {}) =>
  listContainersWithDetails(engine, { all: true, details: true, ...opts });

describe('listContainersWithDetails', () => {
  it('gives the list alone without details (no inspect)', async () => {
    const engine = three();
    const { containers } = await listContainersWithDetails(engine, { all: true, details: false });
    expect(containers.map((c) => c.summary.Id)).toEqual(['a1', 'b2', 'c3']);
    expect(containers.every((c) => c.details === undefined && c.error === undefined)).toBe(true);
    expect(engine.calls.map(([m]) => m)).toEqual(['listContainers']);
  });

  it('adds each container’s inspect', async () => {
    const { containers } = await listContainersWithDetails(three(), { all: true, details: true });
    expect(containers.map((c) => [c.summary.Id, c.details?.Id])).toEqual([
      ['a1', 'a1'],
      ['b2', 'b2'],
      ['c3', 'c3'],
    ]);
    expect(containers[0]?.details?.HostConfig).toEqual({ Memory: 64 << 20 });
  });

  it('does not wait on an inspect that never answers: its row is marked, the others are complete', async () => {
    const engine = three().hang('inspectContainer', (id) => id === 'c3');
    const started = Date.now();
    const { containers } = await listWithDetails(engine, { itemDeadlineMs: 150, totalDeadlineMs: 5000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(containers.find((c) => c.summary.Id === 'c3')).toEqual({
      summary: expect.objectContaining({ Id: 'c3' }),
      error: 'inspect timed out after 0.2 s',
      retryable: true,
    });
    expect(containers.filter((c) => c.details).map((c) => c.summary.Id)).toEqual(['a1', 'b2']);
  });

  it('answers by the deadline of the whole list, marking the rows still waiting', async () => {
    const engine = new FakeEngine(
      'fake',
      Array.from({ length: 20 }, (_, i) => ({ id: `id${i}`, name: `c${i}` })),
    ).hang('inspectContainer', (id) => id !== 'id0');
    const started = Date.now();
    const { containers } = await listWithDetails(engine, { concurrency: 2, itemDeadlineMs: 10_000, totalDeadlineMs: 200 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(containers).toHaveLength(20);
    expect(containers[0]?.details?.Id).toBe('id0');
    expect(containers.slice(1).every((c) => c.error === 'inspect timed out after 0.2 s' && c.retryable)).toBe(true);
    // The rows never started were never inspected: at most `concurrency` calls were waiting.
    expect(engine.calls.filter(([m]) => m === 'inspectContainer').length).toBeLessThanOrEqual(3);
  });

  it('leaves out a container removed between the list and its inspect, and marks other failures', async () => {
    const engine = three().answer('inspectContainer', async (id) => {
      if (id === 'b2') throw new ApiError(404, 'No such container: b2');
      if (id === 'c3') throw new ApiError(500, 'engine trouble');
      return { Id: id } as never;
    });
    const { containers } = await listWithDetails(engine);
    expect(containers.map((c) => [c.summary.Id, c.error ?? 'ok'])).toEqual([
      ['a1', 'ok'],
      ['c3', 'engine trouble'],
    ]);
    expect(containers[1]?.retryable).toBe(true);
  });

  it('keeps at most `concurrency` inspects in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const engine = new FakeEngine(
      'fake',
      Array.from({ length: 30 }, (_, i) => ({ id: `id${i}`, name: `c${i}` })),
    ).answer('inspectContainer', async (id) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return { Id: id } as never;
    });
    const { containers } = await listWithDetails(engine, { concurrency: 4 });
    expect(containers).toHaveLength(30);
    expect(most).toBe(4);
  });
});
