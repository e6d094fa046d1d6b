import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, directDocker, dockerOk, testRun } from './docker-cli.ts';
import { openLiveClientWith } from './live-client.ts';
import { type TestServer, startServer } from './harness.ts';
import { addMember } from './team.ts';

const PLANTED = `planted-${Math.random().toString(36).slice(2)}`;

/** Issue 14: env values are a viewer's on no path — the REST container details too, not only `docker inspect`. */
describe('env values masked for viewers on REST', () => {
  let server: TestServer;
  const tokens: Record<string, string> = {};
  const run = testRun();
  let id = '';

  beforeAll(async () => {
    server = await startServer();
    const cookie = await server.login();
    for (const role of ['viewer', 'operator'] as const) tokens[role] = (await addMember(server.url, cookie, `mask-${role}`, role)).token;
    id = await run.startFixture(['sleep', '600'], ['-e', `API_KEY=${PLANTED}`]);
  });
  afterAll(async () => {
    await run.cleanup();
    await server?.close();
  });

  const details = async (role: string) => {
    const res = await fetch(`${server.url}/api/engines/local/containers?details=1`, {
      headers: { authorization: `Bearer ${tokens[role]}` },
    });
    expect(res.status).toBe(200);
    const { containers } = (await res.json()) as { containers: Array<{ details?: { Id: string; Config: { Env: string[] } } }> };
    return containers.find((c) => c.details?.Id === id)?.details?.Config.Env ?? [];
  };

  it('answers a viewer env names with masked values, and an operator the values', async () => {
    expect(await details('viewer')).toContain('API_KEY=******');
    expect(JSON.stringify(await details('viewer'))).not.toContain(PLANTED);
    expect(await details('operator')).toContain(`API_KEY=${PLANTED}`);
  });
});

/** Attacker pass 4: secrets a viewer could still read — build steps, exec command lines, process arguments. */
describe('viewers: build-step values, exec command lines and process arguments masked', () => {
  let server: TestServer;
  let cookie = '';
  let viewer = '';
  const run = testRun();
  const image = `${run.name('built')}:1`;
  const direct = { env: { ...directDocker().env, DOCKER_BUILDKIT: '0' } };
  const get = async (path: string, auth: Record<string, string>) => {
    const res = await fetch(`${server.url}${path}`, { headers: auth });
    return { status: res.status, text: await res.text() };
  };
  const asViewer = () => ({ authorization: `Bearer ${viewer}` });
  const asAdmin = () => ({ cookie });

  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login();
    viewer = (await addMember(server.url, cookie, 'mask4-viewer', 'viewer')).token;
    const dockerfile = `FROM ${FIXTURE_IMAGE}\nENV DB_PASSWORD=${PLANTED}-env JAVA_OPTS="-Xmx1g -Dpw=${PLANTED}-quoted"\nARG NPM_TOKEN\nRUN echo built > /built.txt\n`;
    await dockerOk(direct, ['build', '-q', ...run.labelArgs, '-t', image, '--build-arg', `NPM_TOKEN=${PLANTED}-arg`, '-'], {
      input: dockerfile,
      timeoutMs: 120_000,
    });
  });
  afterAll(async () => {
    await run.cleanup();
    await server?.close();
  });

  it("a healthcheck's output is masked where it prints an env value (pass 5)", async () => {
    const id = await run.startFixture(
      ['sleep', '600'],
      ['-e', `DBPASS=${PLANTED}-hc`, '--health-cmd', 'echo ok:$DBPASS', '--health-interval', '1s', '--health-start-period', '0s'],
    );
    const inspect = `/api/engines/local/docker/containers/${id}/json`;
    await expect.poll(async () => (await get(inspect, asAdmin())).text, { timeout: 15_000 }).toContain(`ok:${PLANTED}-hc`);
    const masked = await get(inspect, asViewer());
    expect(masked.text).not.toContain(PLANTED);
    expect(masked.text).toContain('ok:******');
    const details = await get('/api/engines/local/containers?details=1', asViewer());
    expect(details.text).not.toContain(PLANTED);
  });

  it('image history, the inspect of every step and the layer analysis mask ENV, ARG and build-argument values', async () => {
    const history = `/api/engines/local/docker/images/${encodeURIComponent(image)}/history`;
    // The secrets are there for an admin (the test can fail): the viewer gets the names only.
    expect((await get(history, asAdmin())).text).toContain(`${PLANTED}-arg`);
    const seen = await get(history, asViewer());
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain(PLANTED);
    expect(seen.text).toContain('DB_PASSWORD=******');
    expect(seen.text).toContain('NPM_TOKEN=******');
    const steps = (JSON.parse(seen.text) as Array<{ Id: string }>).map((h) => h.Id).filter((id) => id.startsWith('sha256:'));
    expect(steps.length).toBeGreaterThan(1);
    for (const step of steps) {
      const inspect = await get(`/api/engines/local/docker/images/${step}/json`, asViewer());
      expect(inspect.status).toBe(200);
      expect(inspect.text).not.toContain(PLANTED);
    }
    const analysis = `/api/engines/local/images/${encodeURIComponent(image)}/analysis`;
    expect((await get(analysis, asAdmin())).text).toContain(PLANTED);
    const masked = await get(analysis, asViewer());
    expect(masked.status).toBe(200);
    expect(masked.text).not.toContain(PLANTED);
    expect(masked.text).toContain('NPM_TOKEN=******');
  });

  it("an exec's command line is masked in a viewer's events (proxy and websocket) and process list", async () => {
    const id = await run.startFixture(['sleep', '600']);
    const since = Math.floor(Date.now() / 1000) - 1;
    const live = await openLiveClientWith(server.url, asViewer());
    try {
      live.subscribe('e', 'events');
      await expect
        .poll(() => live.messages.some((m) => m.type === 'state' && m.id === 'e' && m.state === 'live'), { timeout: 10_000 })
        .toBe(true);
      await dockerOk(directDocker(), ['exec', id, 'sh', '-c', `true --api-key=${PLANTED}-exec`]);
      const execs = () =>
        live.items<{ Action: string; Actor: { ID: string } }>('e').filter((e) => e.Actor.ID === id && e.Action.startsWith('exec_'));
      await expect.poll(() => execs().map((e) => e.Action.split(':')[0]), { timeout: 10_000 }).toContain('exec_start');
      expect(JSON.stringify(execs())).not.toContain(PLANTED);
      expect(execs().map((e) => e.Action)).toContain('exec_create: ******');
    } finally {
      live.close();
    }
    // Pass 5: an id re-used for another topic, whose subscribe fails, leaves the events stream
    // running under that id — still masked.
    const again = await openLiveClientWith(server.url, asViewer());
    try {
      again.subscribe('A', 'events');
      await expect
        .poll(() => again.messages.some((m) => m.type === 'state' && m.id === 'A' && m.state === 'live'), { timeout: 10_000 })
        .toBe(true);
      again.subscribe('A', 'logs-backfill', { container: id, request: 'r1', search: { pattern: '(', regex: true } });
      await expect.poll(() => again.messages.some((m) => m.type === 'error' && m.id === 'A'), { timeout: 10_000 }).toBe(true);
      await dockerOk(directDocker(), ['exec', id, 'sh', '-c', `true --password=${PLANTED}-again`]);
      const seen = () =>
        again.items<{ Action: string; Actor: { ID: string } }>('A').filter((e) => e.Actor?.ID === id && e.Action.startsWith('exec_start'));
      await expect.poll(() => seen().length, { timeout: 10_000 }).toBeGreaterThan(0);
      expect(JSON.stringify(again.items('A'))).not.toContain(PLANTED);
    } finally {
      again.close();
    }
    const events = `/api/engines/local/docker/events?since=${since}&until=${Math.ceil(Date.now() / 1000) + 1}&filters=${encodeURIComponent(JSON.stringify({ container: [id] }))}`;
    expect((await get(events, asAdmin())).text).toContain(`${PLANTED}-exec`);
    const proxied = await get(events, asViewer());
    expect(proxied.status).toBe(200);
    expect(proxied.text).toContain('"exec_create: ******"');
    expect(proxied.text).not.toContain(PLANTED);
    // A bad query is the engine's error, in plain words, for a viewer as for anyone.
    const bad = await get('/api/engines/local/docker/events?since=abc&until=1', asViewer());
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(JSON.parse(bad.text).message).toMatch(/abc/);
    // A running exec's arguments show in `docker top`: a viewer sees the program only.
    await dockerOk(directDocker(), ['exec', '-d', id, 'sh', '-c', `sleep 600; echo ${PLANTED}-top`]);
    const top = `/api/engines/local/docker/containers/${id}/top`;
    await expect.poll(async () => (await get(top, asAdmin())).text, { timeout: 10_000 }).toContain(`${PLANTED}-top`);
    const masked = await get(top, asViewer());
    expect(masked.status).toBe(200);
    expect(masked.text).not.toContain(PLANTED);
    expect(masked.text).toContain('sh ******');
  });
});
