import type { ContainerUsageFrame } from '@porthole/shared/stats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingProxy, startCountingProxy } from './counting-proxy.ts';
import { testRun } from './docker-cli.ts';
import { waitFor } from './harness.ts';
import { type LiveClient, openLiveClient, upstreamGauge } from './live-client.ts';
import { useTestServer } from './support/server-fixture.ts';

/**
 * The `container-usage` topic: CPU and memory of every running container from the recorder's
 * one-shot rounds, one frame per round, for any number of subscribers — never a stats stream per
 * container.
 */
describe('container-usage topic', () => {
  let proxy: CountingProxy;
  let busy: string;
  let idle: string;
  const run = testRun();

  beforeAll(async () => {
    busy = await run.startFixture(['sh', '-c', 'while :; do :; done'], ['--cpus', '0.25']);
    idle = await run.startFixture(['sleep', '600'], ['--memory', '64m']);
    proxy = await startCountingProxy();
  });
  afterAll(() => proxy?.close());
  const t = useTestServer({ env: () => ({ DOCKER_HOST: proxy.dockerHost, PORTHOLE_STATS_SAMPLE_SECONDS: '1' }), run });

  it('sends measured usage of every running container to every subscriber, without stats streams', async () => {
    const clients: LiveClient[] = [];
    const started = Date.now();
    try {
      for (let i = 0; i < 3; i++) {
        const c = await openLiveClient(t.server.url, t.cookie);
        c.subscribe('u', 'container-usage', {});
        clients.push(c);
      }
      const frame = await waitFor(
        'a frame with both containers measured',
        () => {
          const last = clients[0]?.items<ContainerUsageFrame>('u').at(-1);
          const mine = last?.containers.filter((c) => [busy, idle].includes(c.id) && c.cpuPercent !== null);
          return mine?.length === 2 && last;
        },
        20_000,
      );
      const b = frame.containers.find((c) => c.id === busy);
      const i = frame.containers.find((c) => c.id === idle);
      expect(b?.cpuLimit).toBe(0.25);
      expect(b?.cpuPercent).toBeGreaterThan(5);
      expect(b?.cpuPercent).toBeLessThan(35);
      expect(i).toMatchObject({ memoryLimit: 64 * 1024 * 1024 });
      expect(i?.cpuPercent).toBeLessThan(5);
      expect(i?.memoryUsage).toBeGreaterThan(0);
      // Every subscriber gets frames; the hub shares one upstream; nothing streams stats.
      await waitFor('frames for every client', () => clients.every((c) => c.items('u').length > 0), 5_000);
      expect((await upstreamGauge(t.server.url, t.cookie))['container-usage']).toBe(1);
      expect((await upstreamGauge(t.server.url, t.cookie)).stats ?? 0).toBe(0);
      expect(proxy.between(started, Date.now() + 1, 'stream=true') + proxy.between(started, Date.now() + 1, 'stream=1')).toBe(0);
    } finally {
      for (const c of clients) c.close();
    }
  });

  it('refuses params it does not take', async () => {
    const c = await openLiveClient(t.server.url, t.cookie);
    try {
      c.subscribe('bad', 'container-usage', { container: busy });
      await waitFor('an error', () => c.messages.find((m) => m.type === 'error'), 5_000);
    } finally {
      c.close();
    }
  });
});
