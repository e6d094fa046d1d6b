import { describe, expect, it } from 'vitest';
import { type RefusedField, refusedBodies } from '../../test/body-spellings.ts';
import type { ContainerInspect, ContainerSummary, NetworkInfo } from '../docker/engine-api.ts';
import { FakeEngine } from '../docker/fake-engine.ts';
import { ApiError } from '../http/api-error.ts';
import { type CallRefs, type CheckedBodyKind, checkBody, checkReferences, renameProblems } from './engine-body-policy.ts';

/** 'refused: …', 'invalid' (400) or the body the engine would get. */
function outcome(kind: CheckedBodyKind, text: string): string {
  try {
    const checked = checkBody(kind, Buffer.from(text));
    return checked.problems.length ? `refused: ${checked.problems.join('; ')}` : checked.body.toString();
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return 'invalid';
    throw err;
  }
}

const ENDPOINT_ADDRESSES: Array<[path: string[], value: unknown]> = [
  [['IPAMConfig', 'IPv4Address'], '172.30.0.5'],
  [['IPAMConfig', 'IPv6Address'], 'fd00:30::5'],
  [['IPAMConfig', 'LinkLocalIPs'], ['169.254.10.10']],
  [['IPAMConfig', 'LinkLocalIPs'], ['fe80::5']],
  [['MacAddress'], '02:42:ac:1e:00:05'],
  [['IPAddress'], '172.30.0.5'],
  [['GlobalIPv6Address'], 'fd00:30::5'],
];

const CREATE_ADDRESSES: RefusedField[] = [
  ...ENDPOINT_ADDRESSES.map(([path, value]) => ({ path: ['NetworkingConfig', 'EndpointsConfig', 'adminnet', ...path], value })),
  { path: ['MacAddress'], value: '02:42:ac:1e:00:05' },
];
const CONNECT_ADDRESSES: RefusedField[] = ENDPOINT_ADDRESSES.map(([path, value]) => ({ path: ['EndpointConfig', ...path], value }));

describe('non-admins choose no fixed address on a network', () => {
  it('refuses every spelling and placement of an endpoint address or MAC, on create and on connect', () => {
    let n = 0;
    for (const [kind, fields, base] of [
      ['container.create', CREATE_ADDRESSES, { Image: 'x', HostConfig: { NetworkMode: 'adminnet' } }],
      ['network.connect', CONNECT_ADDRESSES, { Container: 'mine' }],
    ] as const) {
      for (const field of fields)
        for (const body of refusedBodies(field, base)) {
          const result = outcome(kind, body);
          if (result !== 'invalid')
            expect(result, body).toMatch(/^refused: choose a container's IP or MAC address \(.+\): it may be another/);
          n++;
        }
    }
    expect(n).toBeGreaterThan(400);
  });

  it('names the fields and networks in the refusal', () => {
    const body = {
      Image: 'x',
      MacAddress: '02:42:ac:1e:00:05',
      NetworkingConfig: { EndpointsConfig: { adminnet: { ipamconfig: { ipv4address: '172.30.0.5' }, Aliases: ['web'] } } },
    };
    expect(outcome('container.create', JSON.stringify(body))).toBe(
      "refused: choose a container's IP or MAC address (IPAMConfig.IPv4Address on adminnet, MacAddress): it may be another container's, stopped or running, and take its traffic",
    );
    expect(outcome('network.connect', JSON.stringify({ Container: 'c', EndpointConfig: { macaddress: '02:42:ac:1e:00:05' } }))).toMatch(
      /\(EndpointConfig\.MacAddress\)/,
    );
  });

  it('allows endpoints without addresses (aliases, empty IPAM settings as the CLI sends them), with canonical keys', () => {
    const create = {
      Image: 'x',
      MacAddress: '',
      NetworkingConfig: {
        EndpointsConfig: {
          appnet: { aliases: ['web'], IPAMConfig: { IPv4Address: '', IPv6Address: '', LinkLocalIPs: [] }, MacAddress: '', Links: null },
          other: null,
        },
      },
    };
    expect(JSON.parse(outcome('container.create', JSON.stringify(create))).NetworkingConfig.EndpointsConfig.appnet.Aliases).toEqual([
      'web',
    ]);
    const connect = { Container: 'c', EndpointConfig: { Aliases: ['web'], IPAMConfig: null } };
    expect(outcome('network.connect', JSON.stringify(connect))).toBe(JSON.stringify(connect));
    expect(outcome('network.connect', '{"Container":"c","EndpointConfig":{"Aliases":[],"aliases":["x"]}}')).toBe('invalid');
  });
});

/**
 * An engine with one user network `adminnet` (id `net-1`) holding a running `db` (aliased `db`,
 * `postgres`) and a STOPPED `cache` (alias `Redis`, hostname `kv`), and the bridge.
 */
function engineWithNetwork(): FakeEngine {
  const containers: Record<string, object> = {
    'id-db-0000000000': {
      Name: '/admin-db',
      Config: { Hostname: 'id-db-000000' },
      NetworkSettings: { Networks: { adminnet: { NetworkID: 'net-1', Aliases: ['db', 'postgres'] } } },
    },
    'id-cache-0000000': {
      Name: '/admin-cache',
      Config: { Hostname: 'kv' },
      // Never started: no network id yet.
      NetworkSettings: { Networks: { adminnet: { NetworkID: '', Aliases: ['Redis'] } } },
    },
    'id-onnet-0000000': {
      Name: '/onnet',
      Config: { Hostname: 'onnet' },
      NetworkSettings: { Networks: { adminnet: { NetworkID: 'net-1', Aliases: ['mine-web'] } } },
    },
    'id-mine-00000000': { Name: '/mine', Config: { Hostname: 'db' }, NetworkSettings: { Networks: {} }, HostConfig: {} },
    'id-mine2-0000000': { Name: '/fresh', Config: { Hostname: 'fresh' }, NetworkSettings: { Networks: {} }, HostConfig: {} },
  };
  const networks: Record<string, object> = {
    adminnet: { Id: 'net-1', Name: 'adminnet', Driver: 'bridge', Containers: { 'id-db-0000000000': {} } },
    bridge: { Id: 'net-0', Name: 'bridge', Driver: 'bridge', Containers: {} },
  };
  return new FakeEngine()
    .answer('inspectNetwork', async (ref) => {
      const n = networks[ref] ?? Object.values(networks).find((x) => (x as NetworkInfo).Id === ref);
      if (!n) throw new ApiError(404, `network ${ref} not found`);
      return n as NetworkInfo;
    })
    .answer('listContainers', async (q) => {
      const on = q?.filters?.network ?? [];
      return Object.entries(containers)
        .filter(([, c]) =>
          Object.entries((c as ContainerInspect).NetworkSettings.Networks).some(([k, ep]) => on.includes(k) || on.includes(ep.NetworkID)),
        )
        .map(([Id]) => ({ Id }) as ContainerSummary);
    })
    .answer('inspectContainer', async (ref) => {
      const entry = Object.entries(containers).find(([id, c]) => id === ref || (c as ContainerInspect).Name === `/${ref}`);
      if (!entry) throw new ApiError(404, `No such container: ${ref}`);
      return { Id: entry[0], HostConfig: {}, Mounts: [], ...entry[1] } as unknown as ContainerInspect;
    });
}

async function references(kind: CheckedBodyKind, body: object, refs: CallRefs): Promise<string> {
  const checked = await checkReferences(kind, engineWithNetwork(), checkBody(kind, Buffer.from(JSON.stringify(body))), refs);
  return checked.problems.length ? `refused: ${checked.problems.join('; ')}` : 'allowed';
}

describe('non-admins take no name another container answers to on a user network', () => {
  const onAdminnet = (aliases: string[]) => ({
    Image: 'x',
    HostConfig: { NetworkMode: 'adminnet' },
    NetworkingConfig: { EndpointsConfig: { adminnet: { Aliases: aliases } } },
  });

  it("refuses aliases, names and hostnames equal to a running or stopped member's name, alias, short id or hostname, any case", async () => {
    for (const alias of ['db', 'DB', 'postgres', 'admin-db', 'redis', 'REDIS.', 'admin-cache', 'kv', 'id-db-000000', 'db.adminnet'])
      expect(await references('container.create', onAdminnet([alias]), { path: '/containers/create' }), alias).toMatch(
        /^refused: take the name ".+" on the network adminnet \(admin-(db|cache) answers to it there/,
      );
    for (const path of ['/v1.41/containers/create?name=db', '/containers/create?name=%2FRedis', '/containers/create?x=1;name=postgres'])
      expect(await references('container.create', onAdminnet(['fresh']), { path }), path).toMatch(/^refused: take the name/);
    expect(await references('container.create', { ...onAdminnet([]), Hostname: 'Postgres' }, {})).toMatch(/"Postgres" .*admin-db/);
    // The network by id, in NetworkMode alone (no endpoint settings): the name still counts.
    expect(
      await references('container.create', { Image: 'x', NetworkMode: 'net-1' }, { path: '/containers/create?name=admin-db' }),
    ).toMatch(/refused/);
    // DNSNames, where an engine reads them; and an endpoint keyed by network id.
    expect(
      await references('container.create', { Image: 'x', NetworkingConfig: { EndpointsConfig: { 'net-1': { DNSNames: ['db'] } } } }, {}),
    ).toMatch(/refused/);
  });

  it('refuses a connect whose aliases, container name or hostname another member answers to', async () => {
    for (const [body, why] of [
      [{ Container: 'fresh', EndpointConfig: { Aliases: ['Db'] } }, /"Db" .*admin-db/],
      [{ Container: 'mine' }, /"db" .*admin-db/], // its hostname
      [{ Container: 'fresh', EndpointConfig: { aliases: ['redis'] } }, /admin-cache/],
    ] as const)
      expect(await references('network.connect', body, { target: 'adminnet' }), JSON.stringify(body)).toMatch(why);
  });

  it('refuses a rename to a name another member of its networks answers to (the engine renames its DNS entry)', async () => {
    expect(await renameProblems(engineWithNetwork(), 'onnet', '/v1.41/containers/onnet/rename?name=Postgres')).toEqual([
      'take the name "Postgres" on the network adminnet (admin-db answers to it there: its clients would reach this container)',
    ]);
    expect(await renameProblems(engineWithNetwork(), 'onnet', '/containers/onnet/rename?name=admin-cache')).toHaveLength(1);
    // Its own names, a fresh name, a container on no user network, one that is not there.
    for (const [ref, name] of [
      ['onnet', 'mine-web'],
      ['onnet', 'onnet2'],
      ['mine', 'db'],
      ['missing', 'db'],
    ])
      expect(await renameProblems(engineWithNetwork(), ref as string, `/containers/${ref}/rename?name=${name}`), name).toEqual([]);
  });

  it('allows fresh names, the default bridge and built-in modes', async () => {
    expect(await references('container.create', onAdminnet(['web', 'api']), { path: '/containers/create?name=my-web' })).toBe('allowed');
    expect(await references('network.connect', { Container: 'fresh', EndpointConfig: { Aliases: ['web'] } }, { target: 'adminnet' })).toBe(
      'allowed',
    );
    for (const mode of ['bridge', 'net-0', 'default', 'none', 'host', ''])
      expect(
        await references('container.create', { Image: 'x', HostConfig: { NetworkMode: mode } }, { path: '/containers/create?name=db' }),
      ).not.toMatch(/take the name/);
    expect(await references('network.connect', { Container: 'mine', EndpointConfig: { Aliases: ['db'] } }, { target: 'bridge' })).toBe(
      'allowed',
    );
  });
});
