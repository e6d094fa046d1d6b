import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { EngineEvent } from '@porthole/shared/live';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, type DockerTarget, directDocker, docker, dockerOk, testRun } from './docker-cli.ts';
import { type TestServer, startServer, waitFor } from './harness.ts';
import { type LiveClient, openLiveClient } from './live-client.ts';

const ENGINE2 = path.resolve(import.meta.dirname, '../../../scripts/engine2.sh');
const SOCK2 = 'unix:///var/run/docker2.sock';

function events(client: LiveClient): EngineEvent[] {
  return client.items<EngineEvent>('ev');
}

describe('events (acceptance 6): CLI events arrive within 1 s', () => {
  let server: TestServer;
  let client: LiveClient;
  const run = testRun();
  const cli = directDocker();

  beforeAll(async () => {
    server = await startServer();
    client = await openLiveClient(server.url, await server.login());
    client.subscribe('ev', 'events');
    await waitFor('events live', () => client.messages.some((m) => m.type === 'state' && m.state === 'live'));
  });
  afterAll(async () => {
    client.close();
    await run.cleanup();
    await server.close();
  });

  it('start, kill, die, stop, health_status and network connect', async () => {
    const within1s = async (what: string, pred: (e: EngineEvent) => boolean) => waitFor(what, () => events(client).some(pred), 1000);
    const id = (
      await dockerOk(cli, ['run', '-d', ...run.labelArgs, '--health-cmd', 'true', '--health-interval', '1s', FIXTURE_IMAGE, 'sleep', '600'])
    ).trim();
    await within1s('start', (e) => e.Actor.ID === id && e.Action === 'start');
    await waitFor('health_status', () => events(client).some((e) => e.Actor.ID === id && e.Action.startsWith('health_status')), 5000);
    const net = (await dockerOk(cli, ['network', 'create', ...run.labelArgs, run.name('net')])).trim();
    await dockerOk(cli, ['network', 'connect', net, id]);
    await within1s('network connect', (e) => e.Type === 'network' && e.Action === 'connect' && e.Actor.Attributes.container === id);
    await dockerOk(cli, ['kill', id]);
    await within1s('kill', (e) => e.Actor.ID === id && e.Action === 'kill');
    await within1s('die', (e) => e.Actor.ID === id && e.Action === 'die');
    await dockerOk(cli, ['start', id]);
    await dockerOk(cli, ['stop', '-t', '0', id]);
    await within1s('stop', (e) => e.Actor.ID === id && e.Action === 'stop');
  });
});

describe('events across an engine restart (second engine)', () => {
  let server: TestServer;
  const target: DockerTarget = { env: { ...directDocker().env, DOCKER_HOST: SOCK2 } };
  const run = testRun();

  beforeAll(async () => {
    execFileSync('bash', [ENGINE2, 'start'], { stdio: 'inherit' });
    if ((await docker(target, ['image', 'inspect', FIXTURE_IMAGE])).code !== 0) {
      execFileSync('bash', ['-c', `docker save ${FIXTURE_IMAGE} | docker -H ${SOCK2} load`], { stdio: 'inherit' });
    }
    server = await startServer({ DOCKER_HOST: SOCK2 });
  }, 180_000);
  afterAll(async () => {
    const ids = (await docker(target, ['ps', '-aq', '--filter', `label=${run.runLabel}`])).stdout.split('\n').filter(Boolean);
    if (ids.length) await docker(target, ['rm', '-f', ...ids]);
    await server?.close();
  });

  it('loses none of the events made around the restart', async () => {
    const client = await openLiveClient(server.url, await server.login());
    try {
      client.subscribe('ev', 'events');
      await waitFor('events live', () => client.messages.some((m) => m.type === 'state' && m.state === 'live'));
      const before = (await dockerOk(target, ['create', ...run.labelArgs, '--name', run.name('before'), FIXTURE_IMAGE, 'true'])).trim();
      await waitFor('the create before the restart', () => events(client).some((e) => e.Actor.ID === before && e.Action === 'create'));
      execFileSync('bash', [ENGINE2, 'restart'], { stdio: 'inherit' });
      const afterRestart = Math.floor(Date.now() / 1000) - 1;
      const after = (await dockerOk(target, ['create', ...run.labelArgs, '--name', run.name('after'), FIXTURE_IMAGE, 'true'])).trim();
      await dockerOk(target, ['start', after]);
      await waitFor('the events after the restart', () => events(client).some((e) => e.Actor.ID === after && e.Action === 'die'), 30_000);
      expect(client.messages.some((m) => m.type === 'state' && m.state === 'reconnecting')).toBe(true);
      // Every event the engine reports since its restart reached the subscriber, each exactly once.
      const truth = (
        await dockerOk(target, [
          'events',
          '--since',
          String(afterRestart),
          '--until',
          String(Math.floor(Date.now() / 1000) + 1),
          '--format',
          '{{json .}}',
        ])
      )
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as EngineEvent);
      const key = (e: EngineEvent) => `${e.timeNano}|${e.Type}|${e.Action}|${e.Actor.ID}`;
      const got = events(client).map(key);
      expect(new Set(got).size).toBe(got.length);
      for (const e of truth) expect(got).toContain(key(e));
      expect(truth.some((e) => e.Actor.ID === after && e.Action === 'create')).toBe(true);
    } finally {
      client.close();
    }
  }, 180_000);
});
