import type { ContainerListResponse } from '@porthole/shared/containers';
import type { PullEvent } from '@porthole/shared/images';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, TEST_LABEL, directDocker, dockerOk, testRun } from './docker-cli.ts';
import { type FakeRegistry, startFakeRegistry } from './fake-registry.ts';
import { type TestServer, startServer } from './harness.ts';

/** The server's composite routes against the real engine: the container list with details, and pulls. */
describe('composite routes', () => {
  let server: TestServer;
  let cookie: string;
  let registry: FakeRegistry | undefined;
  let running: string;
  let created: string;
  const run = testRun();

  const get = (path: string) => server.fetch(path, { headers: { cookie } });
  const list = async (query: string) => {
    const res = await get(`/api/engines/local/containers${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as ContainerListResponse).containers.filter((c) => [running, created].includes(c.summary.Id));
  };
  const pull = (image: string) =>
    server.fetch('/api/engines/local/images/pull', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ image }),
    });

  beforeAll(async () => {
    server = await startServer();
    cookie = await server.login();
    running = await run.startFixture(['sleep', '600'], ['--memory', '64m', '--name', run.name('listed')]);
    created = (await dockerOk(directDocker(), ['create', ...run.labelArgs, FIXTURE_IMAGE, 'true'])).trim();
  });
  afterAll(async () => {
    await registry?.close();
    await run.cleanup();
    await server.close();
  });

  it('lists every container with its inspect (details=1), in one request', async () => {
    const rows = await list('?details=1');
    expect(rows.map((r) => r.summary.Id).sort()).toEqual([running, created].sort());
    const mine = rows.find((r) => r.summary.Id === running);
    expect(mine?.error).toBeUndefined();
    expect(mine?.summary).toMatchObject({ Names: [`/${run.name('listed')}`], State: 'running' });
    expect(mine?.details).toMatchObject({ Id: running, State: { Running: true }, HostConfig: { Memory: 64 << 20 } });
    expect(rows.find((r) => r.summary.Id === created)?.details).toMatchObject({ State: { Status: 'created' } });
  });

  it('lists without details by default, and only running containers with all=false', async () => {
    const rows = await list('');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.details === undefined)).toBe(true);
    expect((await list('?all=false&details=true')).map((r) => r.summary.Id)).toEqual([running]);
  });

  it('refuses bad params and queries with a readable 400, and an unknown engine with 404', async () => {
    const bad = await get('/api/engines/local/containers?details=maybe');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/json');
    expect((await bad.json()).message).toMatch(/^Invalid request: querystring\/details must/);
    const badEngine = await get('/api/engines/bad!engine/containers');
    expect(badEngine.status).toBe(400);
    expect((await badEngine.json()).message).toMatch(/params\/engine must match pattern/);
    const unknown = await get('/api/engines/nope/containers');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Unknown engine "nope"' });
  });

  it('pulls with normalised progress: every layer to done, the new one with its bytes, then done', async () => {
    registry = await startFakeRegistry({ 'porthole.test': '1', 'porthole.test.run': run.runId });
    const ref = `${registry.host}/porthole-test/pulled-${run.runId}:v1`;
    const res = await pull(ref);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const events = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as PullEvent);
    const layers = events.filter((e): e is Extract<PullEvent, { type: 'layer' }> => e.type === 'layer');
    // Three layers (the fixture's two, which the engine may know already, and a new one), each done.
    const last = new Map(layers.map((l) => [l.id, l]));
    expect(last.size).toBe(3);
    expect([...last.values()].every((l) => l.done && ['Pull complete', 'Already exists'].includes(l.status))).toBe(true);
    const downloads = layers.filter((l) => l.status === 'Downloading');
    expect(downloads.length).toBeGreaterThan(0);
    expect(downloads.every((l) => l.total > 0 && l.current <= l.total)).toBe(true);
    expect(last.get(downloads[0]?.id as string)).toMatchObject({ current: downloads[0]?.total, total: downloads[0]?.total });
    expect(events.at(-1)).toEqual({ type: 'done', image: ref, digest: registry.digest });
    const labels = await dockerOk(directDocker(), ['image', 'inspect', '--format', '{{json .Config.Labels}}', ref]);
    expect(JSON.parse(labels)).toMatchObject({ [TEST_LABEL.split('=')[0] as string]: '1' });
  });

  it('answers a pull that cannot start with the engine’s status and message', async () => {
    const schema = await pull('two words');
    expect(schema.status).toBe(400);
    expect((await schema.json()).message).toMatch(/^Invalid request: body\/image must match pattern/);
    const engineSays = await pull('Upper/Case');
    expect(engineSays.status).toBe(400);
    expect((await engineSays.json()).message).toMatch(/invalid reference format/);
    // A registry that refuses the connection: the engine's 500 and its reason, nothing of Porthole's.
    const refused = await pull('127.0.0.1:1/porthole-test/nothing');
    expect(refused.status).toBe(500);
    expect(refused.headers.get('content-type')).toBe('application/json');
    expect((await refused.json()).message).toMatch(/connection refused/);
  });
});
