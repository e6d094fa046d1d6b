import type { ContainerListResponse } from '@porthole/shared/containers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CountingProxy, startCountingProxy } from './counting-proxy.ts';
import { testRun } from './docker-cli.ts';
import { useTestServer } from './support/server-fixture.ts';

/**
 * A container whose inspect never answers (held by a unix-socket proxy in front of the engine)
 * must not hold the composite list: it answers by the per-row deadline with every other row
 * complete and that row marked as retryable.
 */
describe('container list with details, one inspect that never answers', () => {
  let proxy: CountingProxy;
  let slow: string;
  let quick: string[];
  const run = testRun();

  beforeAll(async () => {
    slow = await run.startFixture(['sleep', '600'], ['--memory', '32m']);
    quick = [await run.startFixture(['sleep', '600'], ['--cpus', '0.5']), await run.startFixture(['sleep', '600'])];
    proxy = await startCountingProxy(undefined, {
      hold: new RegExp(`^GET /v[\\d.]+/containers/${slow}/json|^GET /containers/${slow}/json`),
    });
  });
  afterAll(() => proxy?.close());
  const t = useTestServer({ env: () => ({ DOCKER_HOST: proxy.dockerHost, PORTHOLE_STATS_SAMPLE_SECONDS: '0' }), run });

  it('answers within the row deadline with the others complete and the slow row marked', async () => {
    const started = Date.now();
    const res = await t.server.fetch('/api/engines/local/containers?details=1', { headers: { cookie: t.cookie } });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    const rows = ((await res.json()) as ContainerListResponse).containers;
    // The row deadline is 5 s, the whole list's 8 s.
    expect(elapsed).toBeGreaterThanOrEqual(4_500);
    expect(elapsed).toBeLessThan(8_000);
    // The hold really was in front of the engine for that inspect.
    expect(proxy.calls.some((c) => c.line.includes(`/containers/${slow}/json`))).toBe(true);
    const held = rows.find((r) => r.summary.Id === slow);
    expect(held).toMatchObject({ error: 'inspect timed out after 5 s', retryable: true });
    expect(held?.details).toBeUndefined();
    for (const id of quick) {
      const row = rows.find((r) => r.summary.Id === id);
      expect(row?.error).toBeUndefined();
      expect(row?.details?.State.Running).toBe(true);
    }
    expect(rows.find((r) => r.summary.Id === quick[0])?.details?.HostConfig.NanoCpus).toBe(5e8);
  });
});
