import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKitBuild, cliBuildKitBuild, contextTar, openBuildKitSession } from './buildkit.ts';
import { FIXTURE_IMAGE, directDocker, docker, testRun } from './docker-cli.ts';
import { type TestServer, startServer } from './harness.ts';

const GATEWAY_PORT = 18381;

/**
 * BuildKit's client opens its session with `POST /session` (and `/grpc`) without the path prefix
 * (the "unable to upgrade to h2c, received 404"): a gateway serves the engine at the root.
 * The client's calls are made by hand first (`test/buildkit.ts`), then by the real docker CLI
 * (`DOCKER_BUILDKIT=1`: Debian's 20.10 CLI has BuildKit built in; a newer one needs buildx).
 */
describe('BuildKit through an engine gateway', () => {
  let server: TestServer;
  let token: string;
  const run = testRun();
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-bk-'));
  const gateway = `http://127.0.0.1:${GATEWAY_PORT}`;

  beforeAll(async () => {
    server = await startServer({ PORTHOLE_GATEWAYS: `local:127.0.0.1:${GATEWAY_PORT}` });
    token = await server.createToken(await server.login(), 'buildkit');
    fs.writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ HttpHeaders: { Authorization: `Bearer ${token}` } }));
  });

  afterAll(async () => {
    await docker(directDocker(), ['rmi', '-f', run.name('bk'), run.name('legacy')]);
    await run.cleanup();
    await server?.close();
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it("a prefix-less POST /session: 404 on Porthole's own port, upgraded to h2c by the engine through the gateway", async () => {
    expect(await openBuildKitSession(server.port, token)).toMatch(/^HTTP\/1\.1 404/);
    expect(await openBuildKitSession(GATEWAY_PORT, token)).toMatch(/^HTTP\/1\.1 101/);
  });

  it('a BuildKit build (version=2) through the gateway makes an image that runs', async () => {
    const tag = run.name('bk');
    const context = await contextTar({
      Dockerfile: `FROM ${FIXTURE_IMAGE}\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt > /copy.txt\n`,
      'hello.txt': `built by buildkit ${run.runId}\n`,
    });
    const progress = await buildKitBuild(gateway, token, tag, { 'porthole.test': '1', 'porthole.test.run': run.runId }, context);
    expect(progress).toContain('moby.buildkit.trace');
    const out = await docker(directDocker(), [
      'run',
      '--rm',
      '--label',
      'porthole.test=1',
      '--label',
      run.runLabel,
      tag,
      'cat',
      '/copy.txt',
    ]);
    expect(out.stdout.trim()).toBe(`built by buildkit ${run.runId}`);
  });

  it('the real docker CLI builds through the gateway, with BuildKit (DOCKER_BUILDKIT=1) and without', async () => {
    const tag = run.name('cli-bk');
    const bk = await cliBuildKitBuild(
      `tcp://127.0.0.1:${GATEWAY_PORT}`,
      token,
      tag,
      ['porthole.test=1', run.runLabel],
      `FROM ${FIXTURE_IMAGE}\nRUN echo "cli buildkit ${run.runId}" > /x\n`,
    );
    expect(bk.code, bk.stderr).toBe(0);
    // BuildKit's own progress (its steps numbered #1…), not the classic builder's "Step 1/2".
    expect(bk.stderr).toMatch(/#\d+ \[\d\/\d\] RUN echo/);
    const out = await docker(directDocker(), ['run', '--rm', '--label', 'porthole.test=1', '--label', run.runLabel, tag, 'cat', '/x']);
    expect(out.stdout.trim()).toBe(`cli buildkit ${run.runId}`);
    await docker(directDocker(), ['rmi', '-f', tag]);

    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DOCKER_HOST: `tcp://127.0.0.1:${GATEWAY_PORT}`,
      DOCKER_CONFIG: configDir,
    };
    const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-bk-ctx-'));
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${FIXTURE_IMAGE}\nRUN echo legacy > /x\n`);
    try {
      const legacy = await docker({ env: { ...env, DOCKER_BUILDKIT: '0' } }, [
        'build',
        '-q',
        '--label',
        run.runLabel,
        '-t',
        run.name('legacy'),
        ctx,
      ]);
      expect(legacy.code, legacy.stderr).toBe(0);
    } finally {
      fs.rmSync(ctx, { recursive: true, force: true });
    }
  });

  it('without a token the gateway answers 401 like the proxy', async () => {
    expect((await fetch(`${gateway}/_ping`)).status).toBe(401);
    const ok = await fetch(`${gateway}/_ping`, { headers: { authorization: `Bearer ${token}` } });
    expect(await ok.text()).toBe('OK');
  });
});
