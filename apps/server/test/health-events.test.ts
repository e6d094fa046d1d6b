import type { HealthTransitionsResponse } from '@porthole/shared/health';
import type { EngineEvent } from '@porthole/shared/live';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directDocker, dockerOk, testRun } from './docker-cli.ts';
import { type TestServer, startServer, waitFor } from './harness.ts';
import { type LiveClient, openLiveClient } from './live-client.ts';

/**
 * Healthchecks on the real engine: their exec events are marked `healthcheck: true` (a user's
 * `docker exec` is not), and the health transitions Porthole saw are kept and served, whether or
 * not a browser watched the events.
 */
describe('health events', () => {
  let server: TestServer;
  let cookie: string;
  let client: LiveClient;
  const run = testRun();
  const direct = directDocker();

  beforeAll(async () => {
    server = await startServer({ PORTHOLE_STATS_SAMPLE_SECONDS: '0' });
    cookie = await server.login();
    client = await openLiveClient(server.url, cookie);
  });
  afterAll(async () => {
    client?.close();
    await run.cleanup();
    await server.close();
  });

  it('marks the healthcheck’s exec events and not a docker exec', async () => {
    client.subscribe('ev', 'events', {});
    await waitFor('the events stream', () => client.messages.some((m) => m.type === 'state' && m.state === 'live'), 10_000);
    const id = await run.startFixture(['sleep', '600'], ['--health-cmd', 'test -e /tmp', '--health-interval', '1s']);
    await dockerOk(direct, ['exec', id, 'ls', '/']);
    const mine = () => client.items<EngineEvent>('ev').filter((e) => e.Actor.ID === id && e.Action.startsWith('exec_'));
    await waitFor('two healthchecks and the exec', () => mine().filter((e) => e.healthcheck).length >= 6, 15_000);
    const byAction = mine().map((e) => `${e.Action}${e.healthcheck ? ' [hc]' : ''}`);
    expect(byAction).toContain('exec_create: /bin/sh -c test -e /tmp [hc]');
    expect(byAction).toContain('exec_start: /bin/sh -c test -e /tmp [hc]');
    expect(byAction).toContain('exec_die [hc]');
    // The user's exec: create, start and die, none marked.
    const user = mine().filter((e) => !e.healthcheck);
    expect(user.map((e) => e.Action)).toEqual(['exec_create: ls /', 'exec_start: ls /', 'exec_die']);
  });

  it('keeps the health transitions it saw, with the status before', async () => {
    // Healthy while /ok exists (the fixture image has no /tmp).
    const id = await run.startFixture(
      ['sh', '-c', 'touch /ok; sleep 600'],
      ['--health-cmd', 'test -e /ok', '--health-interval', '1s', '--health-retries', '1'],
    );
    const transitions = async () => {
      const res = await server.fetch(`/api/engines/local/health/transitions?container=${id}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return ((await res.json()) as HealthTransitionsResponse).transitions;
    };
    await waitFor('healthy', async () => (await transitions()).some((t) => t.status === 'healthy'), 15_000);
    await dockerOk(direct, ['exec', id, 'rm', '/ok']);
    const seen = await waitFor(
      'unhealthy',
      async () => {
        const t = await transitions();
        return t.some((x) => x.status === 'unhealthy') && t;
      },
      15_000,
    );
    expect(seen.at(-1)).toMatchObject({ container: id, status: 'unhealthy', previous: 'healthy' });
    // All containers: ours among them, oldest first.
    const all = await server.fetch('/api/engines/local/health/transitions', { headers: { cookie } });
    const list = ((await all.json()) as HealthTransitionsResponse).transitions;
    expect(list.filter((t) => t.container === id).map((t) => t.status)).toEqual(seen.map((t) => t.status));
    const bad = await server.fetch('/api/engines/local/health/transitions?container=../x', { headers: { cookie } });
    expect(bad.status).toBe(400);
  });
});
