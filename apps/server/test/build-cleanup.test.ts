import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, TEST_LABEL, directDocker, docker, dockerOk, proxyDocker, testRun } from './docker-cli.ts';
import { type TestServer, startServer } from './harness.ts';

/** `docker build` (legacy builder) through the proxy: a failed step leaves no container behind (issue 13). */
describe('failed build through the proxy', () => {
  let server: TestServer;
  let context: string;
  const run = testRun();
  const direct = directDocker();
  // The step's container takes the image's labels, so the run label finds it.
  const leftovers = async () => (await dockerOk(direct, ['ps', '-aq', '--filter', `label=${run.runLabel}`])).split('\n').filter(Boolean);

  beforeAll(async () => {
    server = await startServer({ PORTHOLE_STATS_SAMPLE_SECONDS: '0' });
    context = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-build-'));
    fs.writeFileSync(
      path.join(context, 'Dockerfile'),
      `FROM ${FIXTURE_IMAGE}\nLABEL ${TEST_LABEL} ${run.runLabel}\nRUN echo failing-${run.runId} && exit 3\n`,
    );
  });
  afterAll(async () => {
    fs.rmSync(context, { recursive: true, force: true });
    await run.cleanup();
    await server.close();
  });

  it('straight at the engine the failed step’s container stays (what Porthole fixes)', async () => {
    const res = await docker(direct, ['build', context], { timeoutMs: 120_000 });
    expect(res.code).not.toBe(0);
    const left = await leftovers();
    expect(left).toHaveLength(1);
    await dockerOk(direct, ['rm', '-f', ...left]);
  });

  it('through the proxy the build fails the same way and leaves nothing', async () => {
    const token = await server.createToken(await server.login());
    const res = await docker(proxyDocker(server.url, token), ['build', context], { timeoutMs: 120_000 });
    expect(res.code).not.toBe(0);
    expect(res.stdout + res.stderr).toContain(`failing-${run.runId}`);
    expect(res.stdout + res.stderr).toMatch(/returned a non-zero code: 3/);
    expect(await leftovers()).toEqual([]);
  });
});
