import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsRecorder } from '../src/live/stats-recorder.ts';
import { engineSocketPath } from './counting-proxy.ts';
import { holdContainerLock } from './engine-lock.ts';
import { testRun } from './docker-cli.ts';
import { type TestServer, startServer, waitFor } from './harness.ts';

describe('a container the engine keeps locked', () => {
  const run = testRun();
  let server: TestServer | undefined;
  let locked: http.ClientRequest | undefined;
  let stuck: string;
  let fine: string;

  beforeAll(async () => {
    [stuck, fine] = await Promise.all([run.startFixture(['sleep', '120']), run.startFixture(['sleep', '120'])]);
    locked = holdContainerLock(stuck);
    // The engine holds the lock once it reads the archive: an inspect of it hangs. (Not a stats
    // read: one that got in before the lock leaves the container subscribed in the engine's stats
    // collector, whose loop then waits on the lock, and the engine answers no stats read of any
    // container — what this test would then see, failing for the engine's reason, not Porthole's.)
    await waitFor(
      'the engine to lock the container',
      async () => (await engineGet(`/containers/${stuck}/json`, 1500)) === 'timeout',
      15_000,
    );
  });
  afterAll(async () => {
    locked?.destroy();
    await server?.close();
    await run.cleanup();
  });

  it('stalls neither the stats history of the other containers nor shutdown', async () => {
    server = await startServer({ PORTHOLE_STATS_SAMPLE_SECONDS: '1' });
    const recorder = server.app.statsRecorders.get('local') as StatsRecorder;
    // One-shot samples every second: the first is the CPU baseline, each later one a point (before
    // the fix: none ever, the first round waited for the locked container).
    await waitFor('two samples of the other container', () => recorder.history(fine).list().length >= 2, 30_000);
    const started = Date.now();
    const closing = server.close();
    server = undefined;
    await closing;
    expect(Date.now() - started).toBeLessThan(3000);
  }, 45_000);
});

function engineGet(path: string, timeoutMs: number): Promise<number | 'timeout'> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath: engineSocketPath(), path }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', () => {});
  });
}
