import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, type DockerTarget, FIXTURE_IMAGE, directDocker, docker, dockerOk, proxyDocker, testRun } from './docker-cli.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';
import { type TeamMember, addMember } from './team.ts';

function expectRefused(res: CliResult, who: 'viewer' | 'operator', why: RegExp): void {
  expect(res.code, res.stdout).not.toBe(0);
  expect(res.stderr).toMatch(new RegExp(`403 Forbidden: an? ${who} may not`));
  expect(res.stderr).toMatch(why);
}

/**
 * Issue 14, the attacker pass after host access was closed: what an operator still reached
 * through other engine objects, through query parameters and through settings that make the
 * engine connect out. Each class is tried with several members, through the real docker CLI.
 */
describe('operators reach nothing of the host through other objects, queries or outbound settings', () => {
  const run = testRun();
  const direct = directDocker();
  let server: ServerProcess;
  let operator: TeamMember;
  let viewer: TeamMember;
  let admin: TeamMember;
  let asOperator: DockerTarget;
  let asViewer: DockerTarget;
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porthole-hostvol-'));
  fs.mkdirSync(`${hostDir}-u`);
  fs.mkdirSync(`${hostDir}-w`);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServerProcess();
    const adminCookie = await server.login();
    operator = await addMember(server.url, adminCookie, 'refs-operator', 'operator');
    viewer = await addMember(server.url, adminCookie, 'refs-viewer', 'viewer');
    asOperator = proxyDocker(server.url, operator.token);
    asViewer = proxyDocker(server.url, viewer.token);
    fs.writeFileSync(path.join(hostDir, 'secret'), 'host file');
    // What an admin made: a container on the host network (created only: this engine may not run
    // it), one joining that one's network, an ordinary app, and volumes that are host paths.
    const create = async (what: string, opts: string[]) =>
      (await dockerOk(direct, ['create', ...run.labelArgs, '--name', run.name(what), ...opts, FIXTURE_IMAGE, 'sleep', '600'])).trim();
    ids.hostnet = await create('hostnet', ['--network', 'host']);
    ids.viaHost = await create('via-host', ['--network', `container:${run.name('hostnet')}`]);
    ids.app = await run.startFixture(['sleep', '600'], ['--name', run.name('app')]);
    const volume = (name: string, opts: string[]) => dockerOk(direct, ['volume', 'create', ...run.labelArgs, ...opts, run.name(name)]);
    await volume('bindvol', ['-o', 'type=none', '-o', 'o=bind', '-o', `device=${hostDir}`]);
    await volume('plainvol', []);
    ids.bindUser = await run.startFixture(['sleep', '600'], ['--name', run.name('bind-user'), '-v', `${run.name('bindvol')}:/data`]);
    // The second attacker pass: a read-only bind of a folder where sockets live, a container with
    // host access that shares a plain volume, one with added capabilities.
    ids.tmpRo = await run.startFixture(['sleep', '600'], ['--name', run.name('tmp-ro'), '-v', '/tmp:/hosttmp:ro']);
    ids.sharer = await run.startFixture(
      ['sleep', '600'],
      ['--name', run.name('sharer'), '-v', `${run.name('sharedvol')}:/scripts`, '-v', `${hostDir}:/hostpath`],
    );
    ids.caps = await create('caps', ['--cap-add', 'SYS_ADMIN']);
    admin = await addMember(server.url, adminCookie, 'refs-admin', 'admin');
  }, 120_000);
  afterAll(async () => {
    await run.cleanup();
    await server?.stop();
    for (const dir of [hostDir, `${hostDir}-u`, `${hostDir}-w`]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("joining the host's network through another container is refused; an ordinary sidecar gets the checked id", async () => {
    for (const ref of [run.name('hostnet'), run.name('via-host'), ids.hostnet as string, (ids.viaHost as string).slice(0, 12)])
      expectRefused(
        await docker(asOperator, ['create', ...run.labelArgs, '--network', `container:${ref}`, FIXTURE_IMAGE, 'true']),
        'operator',
        /join the network of .*hostnet.*shares the host's network namespace/,
      );
    const sidecar = (
      await dockerOk(asOperator, ['create', ...run.labelArgs, '--network', `container:${run.name('app')}`, FIXTURE_IMAGE, 'true'])
    ).trim();
    expect(await dockerOk(direct, ['inspect', '-f', '{{.HostConfig.NetworkMode}}', sidecar])).toBe(`container:${ids.app}\n`);
    // An existing container that joins the host's network is refused like one on it.
    expectRefused(
      await docker(asOperator, ['cp', `${run.name('via-host')}:/etc/hostname`, '-']),
      'operator',
      /network namespace of .*hostnet.*shares the host's network/,
    );
  });

  it('volumes that are host paths cannot be mounted or reached; ordinary volumes can', async () => {
    const bindvol = run.name('bindvol');
    for (const mount of [
      ['-v', `${bindvol}:/v`],
      ['-v', `${bindvol}:/v:ro`],
      ['--mount', `source=${bindvol},target=/v`],
      ['--mount', `type=volume,src=${bindvol},dst=/v,readonly`],
    ])
      expectRefused(
        await docker(asOperator, ['create', ...run.labelArgs, ...mount, FIXTURE_IMAGE, 'true']),
        'operator',
        new RegExp(`volume ${bindvol} is a bind mount of the host path ${hostDir}`),
      );
    await dockerOk(asOperator, [
      'create',
      ...run.labelArgs,
      '-v',
      `${run.name('plainvol')}:/v`,
      '--mount',
      `source=${run.name('new')},target=/w`,
      FIXTURE_IMAGE,
      'true',
    ]);
    expectRefused(
      await docker(asOperator, ['exec', run.name('bind-user'), 'cat', '/data/secret']),
      'operator',
      /bind mount of the host path/,
    );
    // The admin may.
    expect(await dockerOk(direct, ['exec', run.name('bind-user'), 'cat', '/data/secret'])).toBe('host file');
    // Porthole's own routes that read through a container: volume browsing and the network doctor.
    const get = (p: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/engines/local${p}`, { ...init, headers: { authorization: `Bearer ${operator.token}`, ...init.headers } });
    const browse = await get(`/volumes/${bindvol}/files?path=/`);
    expect(browse.status).toBe(403);
    expect(((await browse.json()) as { message: string }).message).toMatch(
      /may not browse volume files through .*bind mount of the host path/,
    );
    const copy = await get(`/volumes/${bindvol}/files/download?path=/secret`);
    expect(copy.status).toBe(403);
    expect(((await copy.json()) as { message: string }).message).toMatch(
      /may not copy volume files out through .*bind mount of the host path/,
    );
    await dockerOk(direct, ['create', ...run.labelArgs, '-v', `${run.name('plainvol')}:/v`, FIXTURE_IMAGE, 'true']);
    expect((await get(`/volumes/${run.name('plainvol')}/files?path=/`)).status).toBe(200);
    const doctor = await get(`/containers/${run.name('bind-user')}/doctor`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: '127.0.0.1', port: 80 }),
    });
    expect(doctor.status).toBe(403);
    expect(((await doctor.json()) as { message: string }).message).toMatch(/may not run network checks inside/);
  });

  it("queries that change what a call does: import and tag are an admin's, ps options and exec inspect are not a viewer's", async () => {
    const call = (token: string, method: string, p: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/engines/local/docker${p}`, {
        method,
        ...init,
        headers: { authorization: `Bearer ${token}`, ...init.headers },
      });
    // An import fetches any URL the engine can reach (here a closed local port): refused before the engine is asked.
    for (const q of [
      'fromSrc=http://127.0.0.1:9/x.tar&repo=x',
      'fromImage=&fromSrc=http://127.0.0.1:9/x',
      'fromSrc=-',
      'fromimage=busybox&fromSrc=-',
    ]) {
      const res = await call(operator.token, 'POST', `/v1.41/images/create?${q}`);
      expect(res.status, q).toBe(403);
      expect(((await res.json()) as { message: string }).message).toMatch(/an operator may not import images/);
    }
    // A form body's fields are query parameters to the engine, ahead of the URL's.
    const form = await call(operator.token, 'POST', `/images/create?fromImage=${FIXTURE_IMAGE}`, {
      headers: { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=utf-8' },
      body: 'fromImage=&fromSrc=http%3A%2F%2F127.0.0.1%3A9%2Fx',
    });
    expect(form.status).toBe(403);
    expect(((await form.json()) as { message: string }).message).toMatch(/form-encoded/);
    expectRefused(await docker(asOperator, ['tag', FIXTURE_IMAGE, `${run.name('tagged')}:1`]), 'operator', /tag images/);
    expectRefused(
      await docker(asOperator, ['import', '-', run.name('imported')], { input: 'x'.repeat(1024) }),
      'operator',
      /import images/,
    );

    const app = run.name('app');
    for (const args of ['eww', 'aux', 'e']) expectRefused(await docker(asViewer, ['top', app, args]), 'viewer', /ps options/);
    const top = await dockerOk(asViewer, ['top', app]);
    // A viewer sees which programs run, not their arguments (an exec's password would show there).
    expect(top).toMatch(/sleep \*{6}/);
    expect(top).not.toMatch(/sleep 600/);
    expect(await dockerOk(asOperator, ['top', app, 'eww'])).toMatch(/sleep 600/);
    const exec = (await (
      await call(operator.token, 'POST', `/containers/${app}/exec`, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ Cmd: ['echo', 'pw'] }),
      })
    ).json()) as { Id: string };
    expect((await call(viewer.token, 'GET', `/exec/${exec.Id}/json`)).status).toBe(403);
    expect((await call(operator.token, 'GET', `/exec/${exec.Id}/json`)).status).toBe(200);
  });

  it('the second attacker pass: old API versions, names that do not exist yet, sockets behind read-only binds, shared volumes, exec ids', async () => {
    const call = (token: string, method: string, p: string, body?: object) =>
      fetch(`${server.url}/api/engines/local/docker${p}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const message = async (res: Response) => ((await res.json()) as { message: string }).message;
    // Before 1.24 a start takes a HostConfig and replaces the container's: refused, nothing changes.
    const plain = (await dockerOk(asOperator, ['create', ...run.labelArgs, FIXTURE_IMAGE, 'true'])).trim();
    for (const v of ['v1.23', 'v1.19', 'v01.23', 'v1.023']) {
      const res = await call(operator.token, 'POST', `/${v}/containers/${plain}/start`, {
        NetworkMode: 'host',
        Binds: [`${hostDir}:/proof`],
      });
      expect(res.status, v).toBe(403);
      expect(await message(res)).toMatch(/may not use Engine API versions before 1\.24/);
    }
    expect((await call(viewer.token, 'GET', '/v1.20/containers/json')).status).toBe(403);
    expect(await dockerOk(direct, ['inspect', '-f', '{{.HostConfig.NetworkMode}} {{len .HostConfig.Binds}}', plain])).toBe('default 0\n');

    // A container: mode naming nobody (yet) is refused; so is the network of a container with host access.
    expectRefused(
      await docker(asOperator, ['create', ...run.labelArgs, '--network', `container:${run.name('ghost')}`, FIXTURE_IMAGE, 'true']),
      'operator',
      /which is not a container/,
    );
    expectRefused(
      await docker(asOperator, ['create', ...run.labelArgs, '--network', `container:${run.name('caps')}`, FIXTURE_IMAGE, 'true']),
      'operator',
      /join the network of .*caps.*SYS_ADMIN/,
    );

    // Sockets are reached through read-only binds too.
    expectRefused(
      await docker(asOperator, ['exec', run.name('tmp-ro'), 'ls', '/hosttmp']),
      'operator',
      /host path \/tmp mounted \(a socket can be reached there\)/,
    );
    // A plain volume that a container with host access also mounts: a file written there is one it may run.
    expectRefused(
      await docker(asOperator, ['create', ...run.labelArgs, '-v', `${run.name('sharedvol')}:/d`, FIXTURE_IMAGE, 'true']),
      'operator',
      /volume .*sharedvol.* is also mounted by .*sharer/,
    );

    // An exec an admin made in such a container cannot be started by an operator who read its id in the events.
    const exec = (await (
      await call(admin.token, 'POST', `/containers/${run.name('sharer')}/exec`, { Cmd: ['cat', '/hostpath/secret'], AttachStdout: true })
    ).json()) as { Id: string };
    const start = await call(operator.token, 'POST', `/exec/${exec.Id}/start`, { Detach: false, Tty: true });
    expect(start.status).toBe(403);
    expect(await message(start)).toMatch(/may not exec into .*sharer/);
    expect((await call(operator.token, 'POST', `/exec/${exec.Id}/resize?h=10&w=10`)).status).toBe(403);

    // The engine connecting out for a viewer, plugin settings, and log details (env values with --log-opt env=).
    for (const p of [
      '/distribution/127.0.0.1:9/x/json',
      '/images/search?term=127.0.0.1:9/probe',
      '/plugins',
      `/containers/${run.name('app')}/logs?stdout=1&details=1`,
    ])
      expect((await call(viewer.token, 'GET', p)).status, p).toBe(403);
    expect((await call(viewer.token, 'GET', `/containers/${run.name('app')}/logs?stdout=1`)).status).toBe(200);
  });

  it('the third attacker pass: namespaces shared the other way round, host filesystems as volumes, unmasked /proc, networks holding host access, image env', async () => {
    const make = (what: string, opts: string[], cmd = ['sleep', '600']) => run.startFixture(cmd, ['--name', run.name(what), ...opts]);
    // An admin's agent with a host path joined an ordinary app: the app is the agent's way in.
    await make('ns-app', []);
    await make('ns-agent', ['--pid', `container:${run.name('ns-app')}`, '-v', `${hostDir}:/hostdir`]);
    expectRefused(await docker(asOperator, ['exec', run.name('ns-app'), 'true']), 'operator', /shares a namespace with .*ns-agent/);
    expectRefused(
      await docker(asOperator, ['create', ...run.labelArgs, '--network', `container:${run.name('ns-app')}`, FIXTURE_IMAGE, 'true']),
      'operator',
      /shares a namespace with .*ns-agent/,
    );
    // Volumes of the local driver that mount the host's own filesystems.
    for (const [what, opts] of [
      [
        'ovl',
        ['--opt', 'type=overlay', '--opt', 'device=overlay', '--opt', `o=lowerdir=${hostDir},upperdir=${hostDir}-u,workdir=${hostDir}-w`],
      ],
      ['procvol', ['--opt', 'type=proc', '--opt', 'device=proc']],
    ] as const) {
      await dockerOk(direct, ['volume', 'create', ...run.labelArgs, ...opts, run.name(what)]);
      expectRefused(
        await docker(asOperator, ['create', ...run.labelArgs, '-v', `${run.name(what)}:/x`, FIXTURE_IMAGE, 'true']),
        'operator',
        /mounts the host's (overlay|proc)/,
      );
    }
    // A container whose /proc masks were emptied (the engine then leaves /proc/sys writable).
    const unmasked = await fetch(`${server.url}/api/engines/local/docker/containers/create?name=${run.name('unmasked')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        Image: FIXTURE_IMAGE,
        Cmd: ['sleep', '600'],
        Labels: { 'porthole.test': '1', [run.runLabel.split('=')[0] as string]: run.runId },
        HostConfig: { MaskedPaths: [], ReadonlyPaths: [] },
      }),
    });
    expect(unmasked.status).toBe(201);
    expectRefused(
      await docker(asOperator, ['cp', `${run.name('unmasked')}:/etc/hostname`, '-']),
      'operator',
      /\/proc paths are not masked/,
    );
    // A user-defined network that holds a container with host access; connecting such a container.
    const internal = run.name('internal');
    await dockerOk(direct, ['network', 'create', ...run.labelArgs, '--internal', internal]);
    await make('sockproxy', ['--network', internal, '-v', `${hostDir}:/hostdir`]);
    expectRefused(
      await docker(asOperator, ['create', ...run.labelArgs, '--network', internal, FIXTURE_IMAGE, 'true']),
      'operator',
      /holds .*sockproxy/,
    );
    // A member that is stopped (a socket proxy between restarts) counts the same: the network's own
    // list has running members only.
    const parked = run.name('parked');
    await dockerOk(direct, ['network', 'create', ...run.labelArgs, '--internal', parked]);
    await dockerOk(direct, [
      'create',
      ...run.labelArgs,
      '--name',
      run.name('parkedproxy'),
      '--network',
      parked,
      '-v',
      `${hostDir}:/hostdir`,
      FIXTURE_IMAGE,
      'true',
    ]);
    expectRefused(
      await docker(asOperator, ['create', ...run.labelArgs, '--network', parked, FIXTURE_IMAGE, 'true']),
      'operator',
      /holds .*parkedproxy/,
    );
    // Pass 5: joining the namespace of a plain member of that network reaches it the same way.
    await make('parkedplain', ['--network', parked]);
    expectRefused(
      await docker(asOperator, ['create', ...run.labelArgs, '--network', `container:${run.name('parkedplain')}`, FIXTURE_IMAGE, 'true']),
      'operator',
      /join the network of .*parkedplain.*holds .*parkedproxy/,
    );
    const opnet = run.name('opnet');
    await dockerOk(asOperator, ['network', 'create', ...run.labelArgs, opnet]);
    expectRefused(
      await docker(asOperator, ['network', 'connect', opnet, run.name('sockproxy')]),
      'operator',
      /connect .*sockproxy.* to networks/,
    );
    expect((await docker(asOperator, ['network', 'connect', opnet, run.name('app')])).code).toBe(0);
    // An image's ENV is masked for viewers like a container's.
    await dockerOk(direct, ['commit', '-c', 'ENV DB_PASSWORD=planted-secret-123', run.name('app'), `${run.name('committed')}:1`]);
    await dockerOk(direct, ['tag', `${run.name('committed')}:1`, `${run.name('committed')}:1`]);
    const image = await dockerOk(asViewer, ['image', 'inspect', `${run.name('committed')}:1`]);
    expect(image).toContain('DB_PASSWORD=******');
    expect(image).not.toContain('planted-secret-123');
    await docker(direct, ['rmi', '-f', `${run.name('committed')}:1`]);
  });

  it('settings that make the engine connect out or spare the container are refused; local logging is not', async () => {
    const createWith = (opts: string[]) => docker(asOperator, ['create', ...run.labelArgs, ...opts, FIXTURE_IMAGE, 'true']);
    expectRefused(
      await createWith(['--log-driver', 'syslog', '--log-opt', 'syslog-address=tcp://127.0.0.1:9']),
      'operator',
      /"syslog" log driver/,
    );
    expectRefused(
      await createWith(['--log-driver', 'gelf', '--log-opt', 'gelf-address=udp://127.0.0.1:9']),
      'operator',
      /"gelf" log driver/,
    );
    expectRefused(await createWith(['--log-driver', 'fluentd']), 'operator', /"fluentd" log driver/);
    expectRefused(await createWith(['--oom-score-adj', '-1000']), 'operator', /lower the OOM score/);
    await dockerOk(asOperator, [
      'create',
      ...run.labelArgs,
      '--log-driver',
      'json-file',
      '--log-opt',
      'max-size=1m',
      '--oom-score-adj',
      '100',
      FIXTURE_IMAGE,
      'true',
    ]);
  });

  it("networks on the host's interfaces or bridges are refused; contained ones are created", async () => {
    const net = (opts: string[]) =>
      docker(asOperator, ['network', 'create', ...run.labelArgs, ...opts, run.name(`net-${Math.random().toString(36).slice(2, 7)}`)]);
    expectRefused(await net(['-d', 'macvlan', '-o', 'parent=lo']), 'operator', /"macvlan" driver/);
    expectRefused(await net(['-d', 'ipvlan', '-o', 'parent=lo']), 'operator', /"ipvlan" driver/);
    expectRefused(
      await net(['-o', 'com.docker.network.bridge.name=docker0']),
      'operator',
      /network options \(com\.docker\.network\.bridge\.name\)/,
    );
    expectRefused(await net(['--ipam-driver', 'other']), 'operator', /IPAM driver/);
    expectRefused(await net(['--config-only']), 'operator', /network configurations/);
    expectRefused(await net(['--config-from', 'some-config']), 'operator', /network configurations/);
    // An admin's macvlan network is on the host's interfaces: joining it is as refused as creating one.
    // Its parent: a veth pair of the test's own (no traffic leaves it).
    const parent = `phv${run.runId}`;
    execFileSync('ip', ['link', 'add', parent, 'type', 'veth', 'peer', 'name', `${parent}p`]);
    const macvlan = run.name('macvlan');
    try {
      await dockerOk(direct, [
        'network',
        'create',
        ...run.labelArgs,
        '-d',
        'macvlan',
        '-o',
        `parent=${parent}`,
        '--subnet',
        '198.51.100.0/24',
        macvlan,
      ]);
      expectRefused(
        await docker(asOperator, ['create', ...run.labelArgs, '--network', macvlan, FIXTURE_IMAGE, 'true']),
        'operator',
        /"macvlan" driver, on the host's interfaces/,
      );
      expectRefused(await docker(asOperator, ['network', 'connect', macvlan, run.name('app')]), 'operator', /"macvlan" driver/);
    } finally {
      await docker(direct, ['network', 'rm', macvlan]);
      execFileSync('ip', ['link', 'del', parent]);
    }
    // A subnet is a route on the host (one inside its LAN, or around its DNS server, takes that traffic).
    expectRefused(await net(['--subnet', '192.0.2.200/30', '--gateway', '192.0.2.201']), 'operator', /choose subnets/);
    expect((await net(['-o', 'com.docker.network.driver.mtu=1400', '--internal'])).code).toBe(0);
  });
});
