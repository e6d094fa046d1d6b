import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE } from './docker-cli.ts';
import { labDown, labUp } from './engines-lab.ts';
import { type TestServer, callJson, startServer, waitFor } from './harness.ts';

interface Config {
  ID: string;
  Spec: { Name: string; Data?: string };
}

/**
 * Swarm configs through Porthole's proxy, by role, on the lab's Swarm (scripts/engines-lab.sh): the
 * Configs page reads and writes them this way. Viewers list them with the content masked; operators
 * read the content; only admins create and remove (as secrets); a config in use is refused by the
 * engine with its own message.
 */
describe('Swarm configs by role', () => {
  let server: TestServer;
  let cookie: string;
  const tokens: Record<'viewer' | 'operator', string> = { viewer: '', operator: '' };
  const NAME = `pt-conf-${Date.now().toString(36)}`;
  const CONTENT = Buffer.from(`listen 80; # ${NAME}\n`).toString('base64');
  let serviceId = '';
  const swarm = (path: string) => `/api/engines/swarm/docker${path}`;
  const admin = <T>(method: string, url: string, body?: unknown) => callJson<T>(server, cookie, method, url, body);
  const as = async <T>(role: 'viewer' | 'operator', method: string, url: string, body?: unknown) => {
    const res = await server.fetch(url, {
      method,
      headers: { authorization: `Bearer ${tokens[role]}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as T };
  };

  beforeAll(async () => {
    const lab = await labUp();
    server = await startServer();
    cookie = await server.login();
    expect((await admin('POST', '/api/engines', { name: 'swarm', host: lab.manager })).status).toBe(201);
    for (const role of ['viewer', 'operator'] as const) {
      const made = await admin<{ token: string }>('POST', '/api/tokens', { name: role, role });
      expect(made.status, made.text).toBe(201);
      tokens[role] = made.body.token;
    }
  }, 180_000);

  afterAll(async () => {
    if (server) {
      if (serviceId) await admin('DELETE', swarm(`/services/${serviceId}`));
      await waitFor(
        'the config removed',
        async () => [200, 204, 404].includes((await admin('DELETE', swarm(`/configs/${NAME}`))).status),
        30_000,
      );
      await server.close();
    }
    await labDown();
  }, 60_000);

  it('viewers list configs without their content, operators read it, only admins create and remove; in use is refused readably', async () => {
    const body = { Name: NAME, Data: CONTENT, Labels: { 'porthole.test': '1' } };
    const refused = await as<{ message: string }>('operator', 'POST', swarm('/configs/create'), body);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/operator may not create swarm objects/);
    const created = await admin<{ ID: string }>('POST', swarm('/configs/create'), body);
    expect(created.status, created.text).toBe(201);

    const listed = await as<Config[]>('viewer', 'GET', swarm('/configs'));
    expect(listed.status).toBe(200);
    expect(listed.body.find((c) => c.Spec.Name === NAME)?.Spec.Data).toBe('******');
    expect((await as<Config>('viewer', 'GET', swarm(`/configs/${created.body.ID}`))).body.Spec.Data).toBe('******');
    expect((await as<Config>('operator', 'GET', swarm(`/configs/${created.body.ID}`))).body.Spec.Data).toBe(CONTENT);
    expect((await as('viewer', 'DELETE', swarm(`/configs/${created.body.ID}`))).status).toBe(403);
    expect((await as('operator', 'DELETE', swarm(`/configs/${created.body.ID}`))).status).toBe(403);

    const service = await admin<{ ID: string }>('POST', swarm('/services/create'), {
      Name: `${NAME}-svc`,
      Labels: { 'porthole.test': '1' },
      TaskTemplate: {
        ContainerSpec: {
          Image: FIXTURE_IMAGE,
          Command: ['sleep', '3600'],
          StopGracePeriod: 1e9,
          Configs: [{ ConfigID: created.body.ID, ConfigName: NAME, File: { Name: '/etc/app.conf', UID: '0', GID: '0', Mode: 0o444 } }],
        },
      },
      Mode: { Replicated: { Replicas: 1 } },
      EndpointSpec: { Mode: 'dnsrr' },
    });
    expect(service.status, service.text).toBe(201);
    serviceId = service.body.ID;
    const inUse = await admin<{ message: string }>('DELETE', swarm(`/configs/${created.body.ID}`));
    expect(inUse.status).toBeGreaterThanOrEqual(400);
    expect(inUse.body.message).toMatch(new RegExp(`in use by the following service: ${NAME}-svc`));
  });
});
