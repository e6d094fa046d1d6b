import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Engine } from '../docker/engine.ts';
import { EngineHealthMonitor } from './engine-health.ts';

/** An engine whose answers the test switches: up (ping, version, info, lists) or down. */
function fakeEngine() {
  const state = { up: true };
  const refuse = async () => {
    if (!state.up) throw new Error('connect ECONNREFUSED');
  };
  const engine = {
    id: 'e1',
    ping: refuse,
    version: async () => (await refuse(), { Version: '27.0', ApiVersion: '1.47', Os: 'linux', Arch: 'amd64' }),
    systemInfo: async () => (await refuse(), { ContainersRunning: 1, ContainersStopped: 2, Swarm: { LocalNodeState: 'inactive' } }),
    listContainers: async () => [],
    listImages: async () => [{}, {}],
    explain: (err: unknown) => `unreachable: ${(err as Error).message}`,
  };
  return { engine: engine as unknown as Engine, state };
}

describe('engine health: since when, on the server’s clock', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps `since` while the state holds and moves it when the state changes; `lastCheckedAt` follows every check', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const { engine, state } = fakeEngine();
    const monitor = new EngineHealthMonitor(() => [engine]);
    const at = (s: string) => vi.setSystemTime(new Date(`2026-12-03T10:00:${s}Z`));
    const seen: Array<[string, string | undefined, string | undefined]> = [];
    const check = async (s: string) => {
      at(s);
      const { health } = await monitor.check(engine);
      seen.push([health.state, health.since?.slice(17, 19), health.lastCheckedAt?.slice(17, 19)]);
    };
    expect(monitor.of('e1').health).toEqual({ state: 'unknown' });
    await check('00');
    await check('02');
    state.up = false;
    await check('04');
    await check('06');
    state.up = true;
    await check('08');
    await check('10');
    expect(seen).toEqual([
      ['up', '00', '00'],
      ['up', '00', '02'],
      ['down', '04', '04'],
      ['down', '04', '06'],
      ['up', '08', '08'],
      ['up', '08', '10'],
    ]);
    // A failed check keeps what was known (counts, version) and says why.
    state.up = false;
    await check('12');
    expect(monitor.of('e1')).toMatchObject({
      version: '27.0',
      counts: { images: 2 },
      health: { lastError: expect.stringMatching(/ECONNREFUSED/) },
    });
  });
});
