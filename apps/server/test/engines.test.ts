import fs from 'node:fs';
import type { EngineInfo, EngineTestResult } from '@porthole/shared/engines';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildKitBuild, cliBuildKitBuild, contextTar, openBuildKitSession } from './buildkit.ts';
import { FIXTURE_IMAGE, docker, dockerOk, testRun } from './docker-cli.ts';
import { type Lab, labDown, labStart, labStop, labUp } from './engines-lab.ts';
import { type TestServer, callJson, startServer, waitFor } from './harness.ts';
import { type LiveClient, openLiveClient } from './live-client.ts';

const TLS_GATEWAY_PORT = 18382;

/**
 * Three engines at once through one Porthole: the default one (unix socket), one over TCP+TLS and
 * one over ssh, both real dockerds in network namespaces made by scripts/engines-lab.sh.
 */
describe('engines over socket, TLS and ssh', () => {
  let lab: Lab;
  let server: TestServer;
  let cookie: string;
  const run = testRun();
  const ids: Record<string, string> = {};

  const api = <T>(method: string, url: string, body?: unknown) => callJson<T>(server, cookie, method, url, body);
  const engines = async () => (await api<EngineInfo[]>('GET', '/api/engines')).body;
  const engine = async (id: string) => (await engines()).find((e) => e.id === id);
  const startContainer = async (engineId: string, what: string) => {
    const name = run.name(`${what}-${engineId}`);
    const create = await api<{ Id: string }>('POST', `/api/engines/${engineId}/docker/containers/create?name=${name}`, {
      Image: FIXTURE_IMAGE,
      Cmd: ['sh', '-c', `i=0; while :; do echo "${what} $i"; i=$((i+1)); sleep 0.2; done`],
      Labels: { 'porthole.test': '1', 'porthole.test.run': run.runId },
    });
    expect(create.status, create.text).toBe(201);
    const start = await api('POST', `/api/engines/${engineId}/docker/containers/${create.body.Id}/start`);
    expect(start.status, start.text).toBe(204);
    return create.body.Id;
  };
  const ours = async (engineId: string) => {
    const filters = encodeURIComponent(JSON.stringify({ label: [`porthole.test.run=${run.runId}`] }));
    const res = await api<Array<{ Id: string }>>('GET', `/api/engines/${engineId}/docker/containers/json?all=1&filters=${filters}`);
    return res.body.map((c) => c.Id);
  };

  beforeAll(async () => {
    lab = await labUp();
    server = await startServer({ PORTHOLE_GATEWAYS: `tls-lab:127.0.0.1:${TLS_GATEWAY_PORT}` });
    cookie = await server.login();
  }, 180_000);

  afterAll(async () => {
    if (server && ids.local) await api('DELETE', `/api/engines/local/docker/containers/${ids.local}?force=1`);
    await server?.app.close();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
    await run.cleanup();
    for (const dir of cliDirs) fs.rmSync(dir, { recursive: true, force: true });
    await labDown();
  }, 120_000);

  it('adds a TLS and an ssh engine; all three are listed healthy, with version, OS, Swarm role and counts, and no key', async () => {
    const tls = await api<EngineInfo>('POST', '/api/engines', { name: 'TLS lab', host: lab.tlsHost, tls: lab.tls });
    expect(tls.status, tls.text).toBe(201);
    expect(tls.body).toMatchObject({ id: 'tls-lab', health: { state: 'up' }, tls: { ca: true, cert: true, hasKey: true, verify: true } });
    const ssh = await api<EngineInfo>('POST', '/api/engines', { name: 'ssh-lab', host: lab.sshHost, ssh: lab.ssh, colour: '#ff0000' });
    expect(ssh.status, ssh.text).toBe(201);
    expect(ssh.body).toMatchObject({ id: 'ssh-lab', colour: '#ff0000', health: { state: 'up' }, ssh: { hasKey: true, knownHosts: true } });

    const list = await api<EngineInfo[]>('GET', '/api/engines');
    expect(list.body.map((e) => e.id).sort()).toEqual(['local', 'ssh-lab', 'tls-lab']);
    for (const e of list.body) {
      expect(e.health.state, `${e.id}: ${e.health.lastError}`).toBe('up');
      expect(e).toMatchObject({ os: 'linux', swarmRole: 'none' });
      expect(e.version).toMatch(/^\d+\.\d+/);
      expect(e.counts?.images).toBeGreaterThan(0);
    }
    expect(list.text).not.toMatch(/PRIVATE KEY/);
    const test = await api<EngineTestResult>('POST', '/api/engines/ssh-lab/test');
    expect(test.body).toMatchObject({ ok: true, os: 'linux' });
  });

  it('refuses plain tcp without allowInsecureTcp, a TLS key that is not one, and names the engine an ssh key cannot reach', async () => {
    const plain = await api<{ message: string }>('POST', '/api/engines', { name: 'plain', host: 'tcp://127.0.0.1:2375' });
    expect(plain.status).toBe(400);
    expect(plain.body.message).toMatch(/needs TLS.*allowInsecureTcp/);
    const allowed = await api<EngineInfo>('POST', '/api/engines', { name: 'plain', host: 'tcp://127.0.0.1:9', allowInsecureTcp: true });
    expect(allowed.status, allowed.text).toBe(201);
    expect(allowed.body.warning).toMatch(/unencrypted/);
    expect(allowed.body.health.state).toBe('down');
    expect((await api('DELETE', '/api/engines/plain')).status).toBe(204);
    const badKey = await api<{ message: string }>('POST', '/api/engines', {
      name: 'bad',
      host: lab.tlsHost,
      tls: { ...lab.tls, key: 'nope' },
    });
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toMatch(/tls.key/);
    // A key the engine host does not know (the TLS client key).
    const wrong = await api<EngineInfo>('POST', '/api/engines', {
      name: 'wrong-ssh',
      host: lab.sshHost,
      ssh: { ...lab.ssh, privateKey: lab.tls.key },
    });
    expect(wrong.status, wrong.text).toBe(201);
    expect(wrong.body.health).toMatchObject({ state: 'down', lastError: expect.stringMatching(/Permission denied/) });
    expect((await api('DELETE', '/api/engines/wrong-ssh')).status).toBe(204);
    expect((await api('GET', '/api/engines/wrong-ssh/docker/_ping')).status).toBe(404);
  });

  it('a container started on each engine shows only under its engine; docker exec works through each', async () => {
    for (const id of ['local', 'tls-lab', 'ssh-lab']) ids[id] = await startContainer(id, 'tick');
    for (const id of ['local', 'tls-lab', 'ssh-lab']) expect(await ours(id)).toEqual([ids[id]]);
    for (const id of ['tls-lab', 'ssh-lab']) {
      const cli = server.url.replace(/^http:/, 'tcp:');
      const token = await server.createToken(cookie, `cli-${id}`);
      const out = await dockerOk(
        { env: { ...process.env, DOCKER_HOST: `${cli}/api/engines/${id}/docker`, DOCKER_CONFIG: tokenConfig(token) } },
        ['exec', ids[id] as string, 'echo', `hello from ${id}`],
      );
      expect(out.trim()).toBe(`hello from ${id}`);
    }
  });

  it('an engine that stops is marked down within 5 s while the others keep streaming; it comes back by itself', async () => {
    const live: LiveClient = await openLiveClient(server.url, cookie);
    try {
      live.subscribe('local', 'logs', { container: ids.local }, 'local');
      live.subscribe('ssh', 'logs', { container: ids['ssh-lab'] }, 'ssh-lab');
      await waitFor('lines from local and ssh', () => live.items('local').length > 0 && live.items('ssh').length > 0, 15_000);
      await labStop('T');
      const stopped = Date.now();
      const down = await waitFor(
        'tls-lab marked down',
        async () => ((await engine('tls-lab'))?.health.state === 'down' ? Date.now() : false),
        5_000,
      );
      expect(down - stopped).toBeLessThanOrEqual(5_000);
      expect((await engine('tls-lab'))?.health.lastError).toMatch(/not reachable|ECONNREFUSED|timed out/);
      const [l, s] = [live.items('local').length, live.items('ssh').length];
      await waitFor(
        'more lines from local and ssh while tls-lab is down',
        () => live.items('local').length > l + 2 && live.items('ssh').length > s + 2,
        10_000,
      );
      expect((await engine('local'))?.health.state).toBe('up');
      expect((await engine('ssh-lab'))?.health.state).toBe('up');
      await labStart('T');
      await waitFor('tls-lab up again', async () => (await engine('tls-lab'))?.health.state === 'up', 15_000);
    } finally {
      live.close();
    }
  });

  it('BuildKit builds on the TLS engine through its gateway (the session call reaches the engine)', async () => {
    const token = await server.createToken(cookie, 'buildkit');
    expect(await openBuildKitSession(TLS_GATEWAY_PORT, token)).toMatch(/^HTTP\/1\.1 101/);
    const context = await contextTar({ Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN echo tls > /where\n` });
    const tag = run.name('bk-tls');
    const progress = await buildKitBuild(`http://127.0.0.1:${TLS_GATEWAY_PORT}`, token, tag, { 'porthole.test': '1' }, context);
    expect(progress).toContain('moby.buildkit.trace');
    const image = await api<{ Config: { Labels: Record<string, string> } }>('GET', `/api/engines/tls-lab/docker/images/${tag}/json`);
    expect(image.status, image.text).toBe(200);
    expect((await api('GET', `/api/engines/local/docker/images/${tag}/json`)).status).toBe(404);

    // The same with the real docker CLI (DOCKER_BUILDKIT=1) at the TLS engine's gateway.
    const cliTag = run.name('bk-tls-cli');
    const cli = await cliBuildKitBuild(
      `tcp://127.0.0.1:${TLS_GATEWAY_PORT}`,
      token,
      cliTag,
      ['porthole.test=1'],
      `FROM ${FIXTURE_IMAGE}\nRUN echo cli > /where\n`,
    );
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toMatch(/#\d+ \[\d\/\d\] RUN echo cli/);
    expect((await api('GET', `/api/engines/tls-lab/docker/images/${cliTag}/json`)).status).toBe(200);
    expect((await api('GET', `/api/engines/local/docker/images/${cliTag}/json`)).status).toBe(404);
  });

  it('the SQLite file holds no key; after a restart the engines still work', async () => {
    const keyLines = (pem: string) => pem.split('\n').filter((l) => l.length > 40 && !l.startsWith('-----'));
    const secrets = [...keyLines(lab.tls.key), ...keyLines(lab.ssh.privateKey)];
    expect(secrets.length).toBeGreaterThan(3);
    const dataDir = server.dataDir;
    await server.app.close();
    const files = fs.readdirSync(dataDir).filter((f) => f.startsWith('porthole.db'));
    const bytes = files.map((f) => fs.readFileSync(`${dataDir}/${f}`).toString('latin1')).join('');
    expect(bytes).toContain('tls-lab');
    for (const line of secrets) expect(bytes).not.toContain(line);
    expect(bytes).not.toMatch(/PRIVATE KEY/);

    server = await startServer({ PORTHOLE_DATA_DIR: dataDir });
    cookie = await server.login();
    for (const id of ['tls-lab', 'ssh-lab']) {
      const ping = await api('GET', `/api/engines/${id}/docker/_ping`);
      expect(ping.status, `${id}: ${ping.text}`).toBe(200);
      expect(await ours(id)).toEqual([ids[id]]);
    }
    const ps = await docker({ env: { ...process.env, DOCKER_HOST: lab.sshUnix } }, ['ps', '-q', '--no-trunc']);
    expect(ps.stdout).toContain(ids['ssh-lab']);
  });
});

const cliDirs: string[] = [];

function tokenConfig(token: string): string {
  const dir = fs.mkdtempSync('/tmp/porthole-cli-engines-');
  cliDirs.push(dir);
  fs.writeFileSync(`${dir}/config.json`, JSON.stringify({ HttpHeaders: { Authorization: `Bearer ${token}` } }));
  return dir;
}
