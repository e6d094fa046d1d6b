import type { EngineInfo } from '@porthole/shared/engines';
import type { ServiceLogLine } from '@porthole/shared/live';
import type { StackInfo } from '@porthole/shared/stacks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, dockerOk } from './docker-cli.ts';
import { type Lab, labDown, labUp } from './engines-lab.ts';
import { type TestServer, callJson, startServer, waitFor } from './harness.ts';
import { openLiveClient } from './live-client.ts';

interface Task {
  NodeID: string;
  Status: { State: string };
  Spec: { ContainerSpec: { Image: string } };
}

/** A two-node Swarm (scripts/engines-lab.sh) driven through Porthole: the proxy for single calls, the stack routes, the service-logs topic. */
describe('Swarm through Porthole', () => {
  let lab: Lab;
  let server: TestServer;
  let cookie: string;
  let serviceId = '';
  const SECRET = `s3cret-${Date.now()}`;
  const direct = (host: string) => ({ env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: host } });

  const api = <T>(method: string, url: string, body?: unknown) => callJson<T>(server, cookie, method, url, body);
  const swarm = (path: string) => `/api/engines/swarm/docker${path}`;
  const q = (o: object) => encodeURIComponent(JSON.stringify(o));
  const running = async () =>
    (await api<Task[]>('GET', swarm(`/tasks?filters=${q({ service: [serviceId], 'desired-state': ['running'] })}`))).body.filter(
      (t) => t.Status.State === 'running',
    );
  const service = async () =>
    (
      await api<{
        Version: { Index: number };
        Spec: Record<string, unknown> & { TaskTemplate: { ContainerSpec: { Image: string } } };
        UpdateStatus?: { State: string };
      }>('GET', swarm(`/services/${serviceId}`))
    ).body;
  const updateService = async (change: (spec: Record<string, unknown>) => void, query = '') => {
    const s = await service();
    change(s.Spec);
    const res = await api('POST', swarm(`/services/${serviceId}/update?version=${s.Version.Index}${query}`), s.Spec);
    expect(res.status, res.text).toBe(200);
  };
  const nodes = async () =>
    (await api<Array<{ ID: string; Version: { Index: number }; Spec: { Role: string; Availability: string } }>>('GET', swarm('/nodes')))
      .body;
  const setAvailability = async (role: string, availability: string) => {
    const node = (await nodes()).find((n) => n.Spec.Role === role);
    if (!node) throw new Error(`no ${role} node`);
    const res = await api('POST', swarm(`/nodes/${node.ID}/update?version=${node.Version.Index}`), {
      ...node.Spec,
      Availability: availability,
    });
    expect(res.status, res.text).toBe(200);
    return node.ID;
  };

  beforeAll(async () => {
    lab = await labUp();
    server = await startServer();
    cookie = await server.login();
    const added = await api<EngineInfo>('POST', '/api/engines', { name: 'swarm', host: lab.manager });
    expect(added.status, added.text).toBe(201);
    expect(added.body.swarmRole).toBe('manager');
    // The same image under a second tag on both nodes, for the rolling update.
    for (const host of [lab.manager, lab.worker]) await dockerOk(direct(host), ['tag', FIXTURE_IMAGE, 'porthole-test/busybox:v2']);
  }, 180_000);

  afterAll(async () => {
    if (server && serviceId) await api('DELETE', swarm(`/services/${serviceId}`));
    await server?.close();
    await labDown();
  }, 120_000);

  it('stacks on an engine that is not a manager: 409 with the reason', async () => {
    const res = await api<{ message: string }>('GET', '/api/engines/local/stacks');
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/not part of a Swarm/);
  });

  it('a service with 4 replicas spreads over both nodes; its logs come from both; scale to 2; drain moves tasks', async () => {
    const created = await api<{ ID: string }>('POST', swarm('/services/create'), {
      Name: 'ticker',
      Labels: { 'porthole.test': '1' },
      TaskTemplate: {
        ContainerSpec: {
          Image: FIXTURE_IMAGE,
          Command: ['sh', '-c', 'trap "exit 0" TERM; i=0; while :; do echo "tick $i"; i=$((i+1)); sleep 0.3 & wait $!; done'],
          StopGracePeriod: 1e9,
        },
      },
      Mode: { Replicated: { Replicas: 4 } },
      EndpointSpec: { Mode: 'dnsrr' },
    });
    expect(created.status, created.text).toBe(201);
    serviceId = created.body.ID;
    const tasks = await waitFor('4 running tasks', async () => ((await running()).length === 4 ? running() : false), 30_000);
    expect(new Set(tasks.map((t) => t.NodeID)).size).toBe(2);

    const live = await openLiveClient(server.url, cookie);
    try {
      live.subscribe('svc', 'service-logs', { service: serviceId }, 'swarm');
      await waitFor('lines from both nodes', () => new Set(live.items<ServiceLogLine>('svc').map((l) => l.node)).size === 2, 20_000);
      const line = live.items<ServiceLogLine>('svc')[0] as ServiceLogLine;
      expect(line.l).toMatch(/^tick \d+$/);
      expect(line.task).toMatch(/^\w{25}$/);
    } finally {
      live.close();
    }

    await updateService((spec) => {
      spec.Mode = { Replicated: { Replicas: 2 } };
    });
    await waitFor('2 running tasks', async () => (await running()).length === 2, 30_000);

    const workerId = await setAvailability('worker', 'drain');
    try {
      await waitFor(
        'every task off the drained worker',
        async () => {
          const r = await running();
          return r.length === 2 && r.every((t) => t.NodeID !== workerId);
        },
        30_000,
      );
    } finally {
      await setAvailability('worker', 'active');
    }
  });

  it('a rolling image update finishes, and a rollback returns to the previous image', async () => {
    await updateService((spec) => {
      (spec.TaskTemplate as { ContainerSpec: { Image: string } }).ContainerSpec.Image = 'porthole-test/busybox:v2';
      spec.UpdateConfig = { Parallelism: 1, Order: 'stop-first' };
    });
    await waitFor('update completed', async () => (await service()).UpdateStatus?.State === 'completed', 60_000);
    expect((await running()).every((t) => t.Spec.ContainerSpec.Image.startsWith('porthole-test/busybox:v2'))).toBe(true);
    const s = await service();
    const res = await api('POST', swarm(`/services/${serviceId}/update?version=${s.Version.Index}&rollback=previous`), s.Spec);
    expect(res.status, res.text).toBe(200);
    await waitFor('rollback completed', async () => (await service()).UpdateStatus?.State === 'rollback_completed', 60_000);
    expect((await service()).Spec.TaskTemplate.ContainerSpec.Image).toMatch(/^porthole-test\/busybox:latest/);
  });

  it('a 3-service stack deploys like docker stack deploy, its secret is readable in the task and never returned, its overlay is attachable, and removing it leaves nothing', async () => {
    const compose = [
      'version: "3.8"',
      'services:',
      '  web:',
      `    image: ${FIXTURE_IMAGE}`,
      '    command: ["httpd", "-f", "-p", "80"]',
      '    networks: [front]',
      '    deploy: { replicas: 2, endpoint_mode: dnsrr }',
      '  worker:',
      `    image: ${FIXTURE_IMAGE}`,
      '    command: sleep 3600',
      '    stop_grace_period: 1s',
      '    deploy: { endpoint_mode: dnsrr }',
      '  db:',
      `    image: ${FIXTURE_IMAGE}`,
      '    command: sleep 3600',
      '    stop_grace_period: 1s',
      '    secrets: [dbpass]',
      '    deploy: { endpoint_mode: dnsrr, placement: { constraints: ["node.role==worker"] } }',
      'networks:',
      '  front: { driver: overlay, attachable: true }',
      'secrets:',
      '  dbpass: { file: ./dbpass.txt }',
    ].join('\n');
    const deployed = await api<{ created: string[] }>('POST', '/api/engines/swarm/stacks', {
      name: 'demo',
      compose,
      files: { './dbpass.txt': SECRET },
    });
    expect(deployed.status, deployed.text).toBe(200);
    expect(deployed.body.created.sort()).toEqual(['demo_db', 'demo_dbpass', 'demo_default', 'demo_front', 'demo_web', 'demo_worker']);

    const cli = await waitFor(
      'all replicas running (docker stack services)',
      async () => {
        const out = await dockerOk(direct(lab.manager), ['stack', 'services', 'demo', '--format', '{{.Name}} {{.Replicas}}']);
        return /demo_web 2\/2/.test(out) && /demo_db 1\/1/.test(out) && /demo_worker 1\/1/.test(out) ? out : false;
      },
      60_000,
    );
    const stacks = (await api<StackInfo[]>('GET', '/api/engines/swarm/stacks')).body;
    const ours = stacks.find((s) => s.name === 'demo');
    const rows = ours?.services.map((s) => `${s.name} ${s.running}/${s.desired}`).sort();
    expect(rows).toEqual(cli.trim().split('\n').sort());

    const dbTask = await waitFor(
      'the db task container on the worker',
      async () =>
        (await dockerOk(direct(lab.worker), ['ps', '-q', '--filter', 'label=com.docker.swarm.service.name=demo_db'])).trim() || false,
    );
    expect((await dockerOk(direct(lab.worker), ['exec', dbTask, 'cat', '/run/secrets/dbpass'])).trim()).toBe(SECRET);
    const secrets = await api<Array<{ ID: string }>>('GET', swarm(`/secrets?filters=${q({ name: ['demo_dbpass'] })}`));
    const one = await api('GET', swarm(`/secrets/${secrets.body[0]?.ID}`));
    for (const answer of [secrets.text, one.text, JSON.stringify(stacks)]) {
      expect(answer).not.toContain(SECRET);
      expect(answer).not.toContain(Buffer.from(SECRET).toString('base64'));
    }

    // A standalone container joins the stack's attachable overlay (created through the proxy).
    const standalone = await api<{ Id: string }>('POST', swarm('/containers/create'), {
      Image: FIXTURE_IMAGE,
      Cmd: ['sleep', '60'],
      Labels: { 'porthole.test': '1' },
      HostConfig: { NetworkMode: 'demo_front' },
    });
    expect(standalone.status, standalone.text).toBe(201);
    try {
      expect((await api('POST', swarm(`/containers/${standalone.body.Id}/start`))).status).toBe(204);
      const net = await api<{ Containers: Record<string, { IPv4Address: string }> }>('GET', swarm('/networks/demo_front'));
      expect(net.body.Containers[standalone.body.Id]?.IPv4Address).toMatch(/^10\.98\./);
    } finally {
      await api('DELETE', swarm(`/containers/${standalone.body.Id}?force=1`));
    }

    const removed = await api<{ removed: string[] }>('DELETE', '/api/engines/swarm/stacks/demo');
    expect(removed.status, removed.text).toBe(200);
    // Like `docker stack rm`, the nodes let go of the networks once the tasks have stopped.
    for (const kind of ['services', 'networks', 'secrets', 'configs']) {
      const filter = q({ label: ['com.docker.stack.namespace=demo'] });
      await waitFor(
        `no ${kind} of the stack left`,
        async () => (await api<unknown[]>('GET', swarm(`/${kind}?filters=${filter}`))).body.length === 0,
        30_000,
      );
    }
    expect(await dockerOk(direct(lab.manager), ['stack', 'ls', '--format', '{{.Name}}'])).not.toMatch(/demo/);
  });
});
