import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_IMAGE, TEST_LABEL, directDocker, docker, dockerOk, proxyDocker, testRun } from './docker-cli.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { type TeamMember, addMember } from './team.ts';

/**
 * The security review's "operator takes over an admin service's DNS name": on a user-defined
 * network an admin's service shares, an operator's container may take none of the names the
 * engine's DNS answers with for another container there (running or stopped), nor choose a fixed
 * IP or MAC address (a stopped container's, say). Against the real engine, through the proxy.
 */
describe("operators take no other container's DNS name or address on a shared network", () => {
  const run = testRun();
  const direct = directDocker();
  const adminnet = run.name('adminnet');
  const adminDb = run.name('admin-db');
  const adminCache = run.name('admin-cache');
  /** The stopped container's alias; the running one's second alias. */
  const cacheAlias = `cache-${run.runId}`;
  const dbAlias = `dbalias-${run.runId}`;
  const labels = { [TEST_LABEL.split('=')[0] as string]: '1', [run.runLabel.split('=')[0] as string]: run.runId };
  let server: ServerProcess;
  let operator: TeamMember;
  let admin: TeamMember;
  let mine: string;

  const call = (token: string, method: string, p: string, body?: object) =>
    fetch(`${server.url}/api/engines/local/docker${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const create = (token: string, body: object, name?: string) =>
    call(token, 'POST', `/v1.41/containers/create${name ? `?name=${encodeURIComponent(name)}` : ''}`, {
      Image: FIXTURE_IMAGE,
      Cmd: ['sleep', '600'],
      Labels: labels,
      ...body,
    });
  const onAdminnet = (endpoint: object) => ({
    HostConfig: { NetworkMode: adminnet },
    NetworkingConfig: { EndpointsConfig: { [adminnet]: endpoint } },
  });
  async function expectRefused(res: Response, why: RegExp): Promise<void> {
    const text = await res.text();
    expect(res.status, text).toBe(403);
    expect((JSON.parse(text) as { message: string }).message).toMatch(/^403 Forbidden: an operator may not /);
    expect((JSON.parse(text) as { message: string }).message).toMatch(why);
  }
  const nameTaken = (name: string, owner: string) =>
    new RegExp(
      `take the name "${name}" on the network ${adminnet} \\(${owner} answers to it there: its clients would reach this container\\)`,
    );
  const fixedAddress =
    /choose a container's IP or MAC address \(.+\): it may be another container's, stopped or running, and take its traffic/;

  beforeAll(async () => {
    server = await startServerProcess();
    const adminCookie = await server.login();
    operator = await addMember(server.url, adminCookie, 'names-operator', 'operator');
    admin = await addMember(server.url, adminCookie, 'names-admin', 'admin');
    // The admin's: a user network with a running `db` service and a stopped cache (run once, so
    // the engine has given it its network id and aliases, then stopped).
    await dockerOk(direct, ['network', 'create', ...run.labelArgs, adminnet]);
    await run.startFixture(
      ['sleep', '600'],
      ['--name', adminDb, '--network', adminnet, '--network-alias', 'db', '--network-alias', dbAlias],
    );
    await run.startFixture(['sleep', '600'], ['--name', adminCache, '--network', adminnet, '--network-alias', cacheAlias]);
    await dockerOk(direct, ['stop', '-t', '0', adminCache]);
    // The operator's own container, on the default bridge.
    mine = (await dockerOk(direct, ['create', ...run.labelArgs, '--name', run.name('mine'), FIXTURE_IMAGE, 'sleep', '600'])).trim();
  }, 120_000);
  afterAll(async () => {
    await run.cleanup();
    await server?.stop();
  });

  it("refuses a create that takes the running service's alias, the stopped one's (any case), or an alias as its name", async () => {
    await expectRefused(
      await create(operator.token, onAdminnet({ Aliases: ['db', 'a4-admin-db'] }), run.name('impostor')),
      nameTaken('db', adminDb),
    );
    await expectRefused(
      await create(operator.token, onAdminnet({ Aliases: [cacheAlias.toUpperCase()] })),
      nameTaken(cacheAlias.toUpperCase(), adminCache),
    );
    await expectRefused(await create(operator.token, onAdminnet({ aliases: [adminCache] })), nameTaken(adminCache, adminCache));
    await expectRefused(await create(operator.token, { HostConfig: { NetworkMode: adminnet } }, dbAlias), nameTaken(dbAlias, adminDb));
    await expectRefused(await create(operator.token, { Hostname: 'DB', HostConfig: { NetworkMode: adminnet } }), nameTaken('DB', adminDb));
    // The docker CLI's own spelling of the review's case.
    const cli = await docker(proxyDocker(server.url, operator.token), [
      'create',
      ...run.labelArgs,
      '--network',
      adminnet,
      '--network-alias',
      'db',
      FIXTURE_IMAGE,
      'sleep',
      '600',
    ]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toMatch(nameTaken('db', adminDb));
    // Nothing was created.
    const members = await dockerOk(direct, ['ps', '-a', '--filter', `network=${adminnet}`, '--format', '{{.Names}}']);
    expect(members.split('\n').filter(Boolean).sort()).toEqual([adminCache, adminDb].sort());
  });

  it("refuses a network connect that takes another member's alias or name", async () => {
    const connect = (body: object) => call(operator.token, 'POST', `/v1.41/networks/${adminnet}/connect`, body);
    await expectRefused(await connect({ Container: mine, EndpointConfig: { Aliases: ['db'] } }), nameTaken('db', adminDb));
    await expectRefused(await connect({ Container: mine, EndpointConfig: { Aliases: [cacheAlias] } }), nameTaken(cacheAlias, adminCache));
    // A container named like the stopped one's alias (allowed on the bridge, which has no DNS) is refused on the network.
    expect((await create(operator.token, {}, cacheAlias)).status).toBe(201);
    await expectRefused(await connect({ Container: cacheAlias }), nameTaken(cacheAlias, adminCache));
    expect(await dockerOk(direct, ['inspect', '-f', '{{json .NetworkSettings.Networks}}', mine])).not.toContain(adminnet);
  });

  it('refuses fixed IP and MAC addresses on create and on connect', async () => {
    for (const endpoint of [
      { IPAMConfig: { IPv4Address: '172.31.250.5' } },
      { ipamconfig: { ipv6address: 'fd00:31::5' } },
      { IPAMConfig: { LinkLocalIPs: ['169.254.31.5'] } },
      { MacAddress: '02:42:ac:1f:fa:05' },
    ]) {
      await expectRefused(await create(operator.token, onAdminnet(endpoint)), fixedAddress);
      await expectRefused(
        await call(operator.token, 'POST', `/v1.41/networks/${adminnet}/connect`, { Container: mine, EndpointConfig: endpoint }),
        fixedAddress,
      );
    }
    await expectRefused(
      await create(operator.token, { MacAddress: '02:42:ac:1f:fa:05', HostConfig: { NetworkMode: adminnet } }),
      fixedAddress,
    );
  });

  it("shares a name among one user's own containers (compose replicas, a recreate), not with another user's; renames are checked", async () => {
    const svc = `svc-${run.runId}`;
    // The client's own owner label is replaced by Porthole's (the caller's id): it cannot claim another's.
    const first = await create(operator.token, { ...onAdminnet({ Aliases: [svc] }), Labels: { ...labels, 'porthole.owner': '1' } });
    expect(first.status, await first.clone().text()).toBe(201);
    const { Id: firstId } = (await first.json()) as { Id: string };
    const owner = await dockerOk(direct, ['inspect', '-f', '{{index .Config.Labels "porthole.owner"}}', firstId]);
    expect(owner.trim()).toBe(String(operator.id));
    // A replica with the same alias, by the same user: allowed (docker-compose up --scale).
    const replica = await create(operator.token, onAdminnet({ Aliases: [svc] }));
    expect(replica.status, await replica.clone().text()).toBe(201);
    // Another operator may not take it.
    const other = await addMember(server.url, await server.login(), 'names-operator2', 'operator');
    const opAlias = new RegExp(`take the name "${svc}" on the network ${adminnet}`);
    await expectRefused(await create(other.token, onAdminnet({ Aliases: [svc] })), opAlias);
    // Renaming onto a name the admin's service answers to is refused; a fresh name is not.
    const rename = (id: string, name: string) => call(operator.token, 'POST', `/v1.41/containers/${id}/rename?name=${name}`);
    await expectRefused(await rename(firstId, 'db'), nameTaken('db', adminDb));
    await expectRefused(await rename(firstId, cacheAlias.toUpperCase()), nameTaken(cacheAlias.toUpperCase(), adminCache));
    expect((await rename(firstId, run.name('renamed'))).status).toBe(204);
    // Pass 5: another user's container is not renamed or disconnected to free its names there.
    const byOther = (p: string, body?: object) => call(other.token, 'POST', p, body);
    const notYours = /another user's container/;
    await expectRefused(await byOther(`/v1.41/containers/${firstId}/rename?name=${run.name('moved')}`), notYours);
    await expectRefused(await byOther(`/v1.41/containers/${adminDb}/rename?name=${run.name('moved2')}`), notYours);
    await expectRefused(await byOther(`/v1.41/networks/${adminnet}/disconnect`, { Container: firstId }), notYours);
    await expectRefused(await byOther(`/v1.41/networks/${adminnet}/disconnect`, { container: adminDb, Force: true }), notYours);
    // The owner disconnects their own replica.
    const { Id: replicaId } = (await replica.json()) as { Id: string };
    const disconnected = await call(operator.token, 'POST', `/v1.41/networks/${adminnet}/disconnect`, { Container: replicaId });
    expect(disconnected.status, await disconnected.clone().text()).toBe(200);
  });

  it("an image's owner label is no ownership: only what Porthole stamped on a container counts (pass 5)", async () => {
    const image = `${run.name('labelled')}:1`;
    await dockerOk(
      { env: { ...direct.env, DOCKER_BUILDKIT: '0' } },
      ['build', '-q', ...run.labelArgs, '-t', image, '--label', `porthole.owner=${operator.id}`, '-'],
      { input: `FROM ${FIXTURE_IMAGE}\n`, timeoutMs: 120_000 },
    );
    const adminSvc = run.name('admin-lbl');
    await dockerOk(direct, ['run', '-d', ...run.labelArgs, '--name', adminSvc, '--network', adminnet, image, 'sleep', '600']);
    await expectRefused(await create(operator.token, onAdminnet({ Aliases: [adminSvc] })), nameTaken(adminSvc, adminSvc));
  });

  it('allows a fresh alias on the network; the admin is unchanged', async () => {
    const fresh = await create(operator.token, onAdminnet({ Aliases: [`web-${run.runId}`] }), run.name('op-web'));
    expect(fresh.status, await fresh.clone().text()).toBe(201);
    const connected = await call(operator.token, 'POST', `/v1.41/networks/${adminnet}/connect`, {
      Container: mine,
      EndpointConfig: { Aliases: [`api-${run.runId}`] },
    });
    expect(connected.status, await connected.clone().text()).toBe(200);
    const asAdmin = await create(
      admin.token,
      { ...onAdminnet({ Aliases: ['db'], MacAddress: '02:42:ac:1f:fa:06' }) },
      run.name('admin-db2'),
    );
    expect(asAdmin.status, await asAdmin.clone().text()).toBe(201);
  });
});
