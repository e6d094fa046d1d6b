import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REFUSED_CONTAINER_FIELDS,
  REFUSED_EXEC_FIELDS,
  REFUSED_UPDATE_FIELDS,
  REFUSED_VOLUME_FIELDS,
  type RefusedField,
  refusedBodies,
} from './body-spellings.ts';
import { FIXTURE_IMAGE } from './docker-cli.ts';
import { type TestServer, startServer } from './harness.ts';
import { addMember } from './team.ts';

const RUN = `bodypol-${process.pid}-${Date.now().toString(36)}`;
const LABELS = { 'porthole.test': '1', 'porthole.body-policy': RUN };
const dockerCli = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).trim();

/**
 * Issue 14, the proxy's body policy as a class: every refused setting, in every spelling the
 * engine (Go's encoding/json) reads as it, repeated, at the top level of a create or inside
 * HostConfig, is refused to an operator — and the engine never received it (nothing was
 * created or changed). Ordinary bodies in odd spellings still work, re-written canonically.
 */
describe('proxy body policy for operators', () => {
  let server: TestServer;
  let token: string;
  let fixture: string;

  beforeAll(async () => {
    server = await startServer();
    token = (await addMember(server.url, await server.login(), 'body-operator', 'operator')).token;
    fixture = dockerCli('run', '-d', '--label', 'porthole.test=1', '--label', `porthole.body-policy=${RUN}`, FIXTURE_IMAGE, 'sleep', '600');
  });
  afterAll(async () => {
    const ids = dockerCli('ps', '-aq', '--filter', `label=porthole.body-policy=${RUN}`).split('\n').filter(Boolean);
    if (ids.length) dockerCli('rm', '-f', '-v', ...ids);
    const volumes = dockerCli('volume', 'ls', '-q', '--filter', `label=porthole.body-policy=${RUN}`).split('\n').filter(Boolean);
    if (volumes.length) dockerCli('volume', 'rm', ...volumes);
    await server?.close();
  });

  const call = async (method: string, path: string, body: string) => {
    const res = await fetch(`${server.url}/api/engines/local/docker${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    });
    return { status: res.status, text: await res.text() };
  };

  /** Sends every refused spelling (8 at a time) and returns the statuses that were not 400/403. */
  async function sendAll(path: string, fields: RefusedField[], base: Record<string, unknown>): Promise<string[]> {
    const bodies = fields.flatMap((f) => refusedBodies(f, base));
    expect(bodies.length).toBeGreaterThan(fields.length * 8);
    const leaks: string[] = [];
    for (let i = 0; i < bodies.length; i += 8) {
      await Promise.all(
        bodies.slice(i, i + 8).map(async (body) => {
          const res = await call('POST', path, body);
          if (res.status !== 400 && res.status !== 403) leaks.push(`${res.status} ${body}`);
        }),
      );
    }
    return leaks;
  }

  const created = () => dockerCli('ps', '-aq', '--filter', `label=porthole.body-policy=${RUN}`).split('\n').filter(Boolean);

  it('refuses every spelling of every refused container setting, and the engine creates nothing', async () => {
    const leaks = await sendAll('/containers/create', REFUSED_CONTAINER_FIELDS, { Image: FIXTURE_IMAGE, Labels: LABELS });
    expect(leaks).toEqual([]);
    expect(created()).toEqual([fixture.slice(0, 12)]);
  });

  it('names what is refused in one readable line, at the top level too (engines up to v24 read HostConfig there)', async () => {
    const top = await call('POST', '/containers/create', JSON.stringify({ Image: FIXTURE_IMAGE, Labels: LABELS, Privileged: true }));
    expect(top).toEqual({ status: 403, text: JSON.stringify({ message: '403 Forbidden: an operator may not run privileged containers' }) });
    const twice = await call('POST', '/containers/create', `{"Image":"${FIXTURE_IMAGE}","HostConfig":{"Privileged":true},"HostConfig":{}}`);
    expect(twice.status).toBe(400);
    expect(JSON.parse(twice.text).message).toMatch(/names "HostConfig" twice/);
    // Decision: joining another container's network namespace is an operator's (sidecars, network_mode: service:x);
    // its pid or ipc namespace is not.
    const pid = await call(
      'POST',
      '/containers/create',
      JSON.stringify({ Image: FIXTURE_IMAGE, HostConfig: { PidMode: `container:${fixture}` } }),
    );
    expect(JSON.parse(pid.text).message).toMatch(/may not join another container's pid namespace/);
    const net = await call(
      'POST',
      '/containers/create',
      JSON.stringify({ Image: FIXTURE_IMAGE, Labels: LABELS, HostConfig: { NetworkMode: `container:${fixture}` } }),
    );
    expect(net.status, net.text).toBe(201);
  });

  it('creates ordinary containers from bodies in any spelling, as the engine reads them', async () => {
    const volume = `porthole-test-${RUN}`;
    const body = `{"image":"${FIXTURE_IMAGE}","LABELS":${JSON.stringify(LABELS)},"cmd":["true"],
      "hostconfig":{"memory":16777216,"binds":["${volume}:/data"],"capadd":["NET_BIND_SERVICE"],"mounts":[{"type":"tmpfs","target":"/t"}]}}`;
    const res = await call('POST', '/containers/create', body);
    expect(res.status, res.text).toBe(201);
    const { Id } = JSON.parse(res.text) as { Id: string };
    const seen = dockerCli('inspect', '-f', '{{.HostConfig.Memory}} {{.HostConfig.Binds}} {{.HostConfig.CapAdd}} {{len .Mounts}}', Id);
    expect(seen).toBe(`16777216 [${volume}:/data] [NET_BIND_SERVICE] 2`);
    dockerCli('rm', '-v', Id);
    dockerCli('volume', 'rm', volume);
  });

  it('refuses every spelling of privileged exec; the engine starts no exec', async () => {
    expect(await sendAll(`/containers/${fixture}/exec`, REFUSED_EXEC_FIELDS, { Cmd: ['id'] })).toEqual([]);
    expect(dockerCli('inspect', '-f', '{{len .ExecIDs}}', fixture)).toBe('0');
    const plain = await call('POST', `/containers/${fixture}/exec`, '{"cmd":["id"],"attachstdout":true,"privileged":false}');
    expect(plain.status, plain.text).toBe(201);
    const exec = await fetch(`${server.url}/api/engines/local/docker/exec/${JSON.parse(plain.text).Id}/json`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await exec.json()) as { ProcessConfig: { privileged: boolean } }).ProcessConfig.privileged).toBe(false);
  });

  it('refuses every spelling of volume driver options and other drivers; the engine creates no volume', async () => {
    const name = `porthole-test-${RUN}-bound`;
    expect(await sendAll('/volumes/create', REFUSED_VOLUME_FIELDS, { Name: name, Labels: LABELS })).toEqual([]);
    expect(dockerCli('volume', 'ls', '-q', '--filter', `name=${name}`)).toBe('');
  });

  it('refuses every spelling of device, cgroup and OOM-killer changes in an update; the container is unchanged', async () => {
    expect(await sendAll(`/containers/${fixture}/update`, REFUSED_UPDATE_FIELDS, { Memory: 33554432 })).toEqual([]);
    expect(dockerCli('inspect', '-f', '{{.HostConfig.Memory}} {{.HostConfig.OomKillDisable}} {{len .HostConfig.Devices}}', fixture)).toBe(
      '0 false 0',
    );
  });

  it('leaves swarm services to the admin, whatever the body', async () => {
    for (const body of refusedBodies({ path: ['TaskTemplate', 'ContainerSpec', 'Privileges'], value: {} }, { Name: RUN }).slice(0, 5)) {
      expect((await call('POST', '/services/create', body)).status).toBe(403);
      expect((await call('POST', '/services/x/update?version=1', body)).status).toBe(403);
    }
  });
});
