import { describe, expect, it } from 'vitest';
import type { ContainerInspect, VolumeInfo } from '../docker/engine-api.ts';
import { FakeEngine } from '../docker/fake-engine.ts';
import { ApiError } from '../http/api-error.ts';
import { checkBody, checkReferences } from './engine-body-policy.ts';
import { namespaceSharersHostAccess, volumeHostAccess } from './engine-refs.ts';
import { hostAccessThroughObjects } from './host-access.ts';

/** An engine with containers (by name: their network mode, PID mode, privilege) and volumes. */
function engineWith(
  containers: Record<string, { net?: string; pid?: string; privileged?: boolean }>,
  volumes: Record<string, Pick<VolumeInfo, 'Driver' | 'Options'>> = {},
): FakeEngine {
  return new FakeEngine()
    .answer('inspectContainer', async (ref) => {
      const entry = Object.entries(containers).find(([name]) => name === ref || `id-${name}` === ref);
      if (!entry) throw new ApiError(404, `No such container: ${ref}`);
      const [name, c] = entry;
      return {
        Id: `id-${name}`,
        Name: `/${name}`,
        HostConfig: { NetworkMode: c.net ?? 'bridge', PidMode: c.pid ?? '', Privileged: c.privileged ?? false },
        Mounts: [],
      } as unknown as ContainerInspect;
    })
    .answer('inspectVolume', async (name) => {
      const v = volumes[name];
      if (!v) throw new ApiError(404, `get ${name}: no such volume`);
      return { Name: name, Mountpoint: '', Scope: 'local', Labels: {}, ...v } as VolumeInfo;
    });
}

const engine = engineWith(
  {
    hostnet: { net: 'host' },
    viahost: { net: 'container:hostnet' },
    viaviahost: { net: 'container:id-viahost' },
    app: { net: 'bridge' },
    sidecar: { net: 'container:app' },
    priv: { privileged: true },
  },
  {
    data: { Driver: 'local', Options: {} },
    nfs: { Driver: 'local', Options: { type: 'nfs', o: 'addr=10.0.0.1,rw', device: ':/export' } },
    tmp: { Driver: 'local', Options: { type: 'tmpfs', device: 'tmpfs', o: 'size=100m' } },
    etc: { Driver: 'local', Options: { type: 'none', o: 'bind', device: '/etc' } },
    rbind: { Driver: 'local', Options: { type: 'ext4', o: 'rbind,ro', device: '/srv' } },
    disk: { Driver: 'local', Options: { type: 'ext4', device: '/dev/sda1' } },
    plugin: { Driver: 'vieux/sshfs', Options: { sshcmd: 'u@h:/' } },
  },
);

/** 'refused: …' or the body the engine would get. */
async function create(body: object): Promise<string> {
  const checked = await checkReferences('container.create', engine, checkBody('container.create', Buffer.from(JSON.stringify(body))));
  return checked.problems.length ? `refused: ${checked.problems.join('; ')}` : checked.body.toString();
}

describe('what a container reaches through the objects it names', () => {
  it("refuses joining a network that is the host's, however many containers away; sends a joined container's id", async () => {
    for (const ref of ['hostnet', 'viahost', 'viaviahost', 'id-hostnet']) {
      expect(await create({ Image: 'x', HostConfig: { NetworkMode: `container:${ref}` } }), ref).toMatch(
        /refused: join the network of .*host's/,
      );
      // Engines up to v24 read the top level when there is no HostConfig.
      expect(await create({ Image: 'x', NetworkMode: `container:${ref}` }), ref).toMatch(/refused/);
      expect(await create({ Image: 'x', hostconfig: { networkmode: `CONTAINER:${ref}` } }), ref).toMatch(/refused/);
    }
    // A sidecar of an ordinary container is allowed, and the engine is sent that container's id.
    expect(JSON.parse(await create({ Image: 'x', HostConfig: { NetworkMode: 'container:app' } })).HostConfig.NetworkMode).toBe(
      'container:id-app',
    );
    expect(JSON.parse(await create({ Image: 'x', HostConfig: { NetworkMode: 'container:sidecar' } })).HostConfig.NetworkMode).toBe(
      'container:id-sidecar',
    );
    // A container that is not there is the engine's to report.
    // A name nobody has is refused: the engine would look it up again at every start (after a rename).
    expect(await create({ Image: 'x', HostConfig: { NetworkMode: 'container:missing' } })).toMatch(
      /refused: .*missing, which is not a container/,
    );
    // The network of a container with host access (its localhost-only services, its traffic) is refused too.
    expect(await create({ Image: 'x', HostConfig: { NetworkMode: 'container:priv' } })).toMatch(
      /refused: join the network of priv \(priv is privileged\)/,
    );
  });

  it('refuses named volumes that are host paths, host devices or plugin mounts, in Binds and Mounts; allows ordinary ones', async () => {
    for (const name of ['etc', 'rbind', 'disk', 'plugin']) {
      for (const host of [
        { Binds: [`${name}:/v`] },
        { Binds: [`${name}:/v:ro`] },
        { Mounts: [{ Type: 'volume', Source: name, Target: '/v' }] },
        { mounts: [{ type: 'VOLUME', source: name, target: '/v' }] },
      ]) {
        expect(await create({ Image: 'x', HostConfig: host }), `${name} ${JSON.stringify(host)}`).toMatch(
          /refused: mount volumes that reach the host/,
        );
        expect(await create({ Image: 'x', ...host }), name).toMatch(/refused/);
      }
    }
    for (const name of ['data', 'nfs', 'tmp', 'new-volume'])
      expect(
        await create({ Image: 'x', HostConfig: { Binds: [`${name}:/v`], Mounts: [{ Type: 'volume', Source: name, Target: '/w' }] } }),
        name,
      ).not.toMatch(/refused/);
  });

  it('says what each volume reaches', () => {
    expect(volumeHostAccess({ Name: 'etc', Driver: 'local', Options: { type: 'none', o: 'bind', device: '/etc' } })).toBe(
      'the volume etc is a bind mount of the host path /etc',
    );
    expect(volumeHostAccess({ Name: 'd', Driver: 'local', Options: { device: '/dev/sdb' } })).toMatch(/host's .*\/dev\/sdb/);
    expect(volumeHostAccess({ Name: 'p', Driver: 'rexray', Options: {} })).toMatch(/"rexray" driver/);
    // Any filesystem type but memory and another machine's share is the host's own.
    for (const type of ['overlay', 'proc', 'sysfs', 'cgroup', 'devpts', 'ext4', 'btrfs', 'xfs'])
      expect(volumeHostAccess({ Name: 'v', Driver: 'local', Options: { type, device: type } }), type).toMatch(/mounts the host's/);
    for (const options of [
      { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
      { type: 'nfs', device: ':/export', o: 'addr=10.0.0.1' },
      {},
    ] as Array<Record<string, string>>)
      expect(volumeHostAccess({ Name: 'v', Driver: 'local', Options: options }), JSON.stringify(options)).toBeUndefined();
    expect(volumeHostAccess({ Name: 'v', Driver: 'local', Options: null as unknown as Record<string, string> })).toBeUndefined();
  });

  it('finds host access of existing containers through what they join and mount', async () => {
    const view = (hc: object, mounts: object[] = []) =>
      ({ HostConfig: hc, Mounts: mounts }) as Parameters<typeof hostAccessThroughObjects>[1];
    expect(await hostAccessThroughObjects(engine, view({ NetworkMode: 'container:id-viahost' }))).toMatch(
      /network namespace of hostnet \(hostnet shares the host's network namespace\)/,
    );
    expect(await hostAccessThroughObjects(engine, view({ PidMode: 'container:priv' }))).toMatch(
      /PID namespace of priv, and it is privileged/,
    );
    expect(await hostAccessThroughObjects(engine, view({}, [{ Type: 'volume', Name: 'etc' }]))).toMatch(
      /bind mount of the host path \/etc/,
    );
    expect(
      await hostAccessThroughObjects(
        engine,
        view({ NetworkMode: 'container:app', PidMode: 'container:app' }, [{ Type: 'volume', Name: 'data' }]),
      ),
    ).toBeUndefined();
  });
});

describe('namespace sharers, inspected once per container', () => {
  /** An engine whose containers (name → HostConfig) can change between calls; counts inspects. */
  function liveEngine(start: Record<string, Record<string, unknown>>) {
    const containers = new Map(Object.entries(start).map(([name, hc]) => [`id-${name}`, { name, hc }]));
    const inspects: string[] = [];
    const engine = new FakeEngine()
      .answer('listContainers', async () =>
        [...containers].map(([Id, c]) => ({ Id, Names: [`/${c.name}`] }) as unknown as import('../docker/engine-api.ts').ContainerSummary),
      )
      .answer('inspectContainer', async (ref) => {
        inspects.push(ref);
        const c = containers.get(ref);
        if (!c) throw new ApiError(404, `No such container: ${ref}`);
        return { Id: ref, Name: `/${c.name}`, HostConfig: c.hc, Mounts: [] } as unknown as ContainerInspect;
      });
    return { engine, containers, inspects };
  }

  it('a second check inspects nothing it has seen; new, removed and renamed containers are seen at once', async () => {
    const { engine, containers, inspects } = liveEngine({ app: {}, web: {}, db: {} });
    expect(await namespaceSharersHostAccess(engine, 'id-app')).toBeUndefined();
    expect(inspects.sort()).toEqual(['id-app', 'id-db', 'id-web']);

    inspects.length = 0;
    expect(await namespaceSharersHostAccess(engine, 'id-app')).toBeUndefined();
    expect(inspects).toEqual([]);

    // An admin's agent joins app's PID namespace with host access: seen on the next check, one inspect.
    containers.set('id-agent', { name: 'agent', hc: { PidMode: 'container:id-app', Privileged: true } });
    expect(await namespaceSharersHostAccess(engine, 'id-app')).toMatch(/shares a namespace with agent, and agent is privileged/);
    expect(inspects).toEqual(['id-agent']);

    // Renamed: the name in the refusal is the current one, without inspecting again.
    containers.set('id-agent', { name: 'renamed-agent', hc: { PidMode: 'container:id-app', Privileged: true } });
    inspects.length = 0;
    expect(await namespaceSharersHostAccess(engine, 'id-app')).toMatch(/renamed-agent is privileged/);
    expect(inspects).toEqual([]);

    // Removed: app is an ordinary container again.
    containers.delete('id-agent');
    expect(await namespaceSharersHostAccess(engine, 'id-app')).toBeUndefined();
  });

  it('a mode naming a container by its current name links them, both ways', async () => {
    const { engine, containers } = liveEngine({ app: {}, agent: { NetworkMode: 'host' } });
    expect(await namespaceSharersHostAccess(engine, 'id-app')).toBeUndefined();
    containers.set('id-side', { name: 'side', hc: { IpcMode: 'container:app' } });
    containers.set('id-bridge', { name: 'bridge2', hc: { NetworkMode: 'container:side', PidMode: 'container:agent' } });
    expect(await namespaceSharersHostAccess(engine, 'id-app')).toMatch(/agent shares the host's network namespace/);
  });
});
