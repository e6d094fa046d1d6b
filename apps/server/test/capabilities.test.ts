import type { EngineCapabilities } from '@porthole/shared/health';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, directDocker, FIXTURE_IMAGE, testRun } from './docker-cli.ts';
import { type TestServer, startServer } from './harness.ts';

/**
 * Whether the engine's kernel keeps a `--blkio-weight` (issue 13: Resource limits showed "—" for a
 * weight the kernel had discarded). The truth is what the docker CLI is told at create; Porthole's
 * probe must agree with it, on whatever kernel this runs, and leave nothing behind.
 */
describe('engine capabilities', () => {
  let server: TestServer;
  let cookie: string;
  const run = testRun();

  beforeAll(async () => {
    server = await startServer({ PORTHOLE_STATS_SAMPLE_SECONDS: '0' });
    cookie = await server.login();
  });
  afterAll(async () => {
    await run.cleanup();
    await server.close();
  });

  it('reports Block I/O weight support as the engine tells the docker CLI, and removes its probe', async () => {
    const direct = directDocker();
    const created = await docker(direct, ['create', ...run.labelArgs, '--blkio-weight', '300', FIXTURE_IMAGE, 'true']);
    expect(created.code, created.stderr).toBe(0);
    const cliWarning = /WARNING: (.*Block I\/O weight.*)/i.exec(created.stderr)?.[1];
    const kept = (await docker(direct, ['inspect', '-f', '{{.HostConfig.BlkioWeight}}', created.stdout.trim()])).stdout.trim();
    // The engine's two ways of saying it agree: a warning and 0 stored, or no warning and 300.
    expect(kept).toBe(cliWarning ? '0' : '300');

    const res = await server.fetch('/api/engines/local/capabilities', { headers: { cookie } });
    expect(res.status).toBe(200);
    const caps = (await res.json()) as EngineCapabilities;
    expect(caps.blkioWeight.supported).toBe(!cliWarning);
    if (cliWarning) expect(caps.blkioWeight.warning).toBe(cliWarning.trim());
    const probes = await docker(direct, ['ps', '-aq', '--filter', 'label=porthole.probe']);
    expect(probes.stdout.trim()).toBe('');

    // Asked once per engine: a second answer is the same and makes no container.
    const again = await server.fetch('/api/engines/local/capabilities', { headers: { cookie } });
    expect(await again.json()).toEqual(caps);
    expect((await server.fetch('/api/engines/nope/capabilities', { headers: { cookie } })).status).toBe(404);
  });
});
