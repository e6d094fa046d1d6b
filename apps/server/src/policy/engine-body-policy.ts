import { ApiError } from '../http/api-error.ts';
import { JsonNumber, type JsonValue, canonicalBody, jsonText } from './canonical-body.ts';
import type { EngineApi } from '../docker/engine-api.ts';
import { hostAccessOf, hostAccessThroughObjects } from './host-access.ts';
import {
  type BodyShape,
  CONTAINER_CREATE,
  CONTAINER_UPDATE,
  EXEC_CREATE,
  NETWORK_CONNECT,
  NETWORK_DISCONNECT,
  NETWORK_CREATE,
  VOLUME_CREATE,
} from './engine-body-shapes.ts';
import {
  CONTAINED_NETWORK_DRIVERS,
  OWNER_LABEL,
  dnsName,
  existingNetwork,
  ownedBy,
  userNetworksOf,
  inspectOrNothing,
  joinedContainer,
  namespaceSharersHostAccess,
  networkMembersHostAccess,
  networkNamesTaken,
  networkOwner,
  networksHostAccess,
  volumeUsersHostAccess,
  volumesHostAccess,
} from './engine-refs.ts';

/**
 * THE table of what a non-admin may not ask the engine for in a body, because it gives the host
 * (or another container) away. Bodies are first read as the engine reads them (`canonical-body.ts`:
 * case-insensitive keys, Unicode folds, repeated fields refused), checked on that reading, and the
 * engine receives that same reading re-written. Decisions (issue 14), for operators:
 *
 * | refused | why |
 * | --- | --- |
 * | `Privileged`; `SecurityOpt` other than `no-new-privileges` (seccomp profiles or `unconfined`, `apparmor=…`, `label=…`, `systempaths=unconfined`); `MaskedPaths`, `ReadonlyPaths` (they replace the masked /proc paths) | root on the host |
 * | `host` for Network/Pid/Ipc/UTS/Userns/Cgroupns mode; `container:<id>` for Pid/Ipc mode; `Cgroup` | the host's or another container's processes and memory |
 * | `NetworkMode: container:<x>` — ALLOWED when x exists and its network owner has no host access (x is then sent as its id) | sidecars (`network_mode: service:x`, a debugging container beside an app); an operator can exec into that container anyway |
 * | `EndpointsConfig` naming the `host` network | the host's network |
 * | `Binds` with a host path (anything but a volume name), `Mounts` other than plain `volume` and `tmpfs` (bind, npipe, cluster, a volume with driver options), `VolumeDriver`, `VolumesFrom`; a named volume (in `Binds` or `Mounts`) that an admin made as a bind mount, on a host device or with a plugin driver, or that a container with host access also mounts | host paths, directly or through a volume driver or another container's mounts |
 * | `CapAdd` beyond Docker's defaults; `Devices`, `DeviceRequests`, `DeviceCgroupRules`; `Sysctls` | the host's kernel and hardware |
 * | `CgroupParent`, `OomKillDisable: true`, `OomScoreAdj` below 0, `Runtime` other than `runc` | escaping the engine's limits (a container the OOM killer may not stop, or kills last, can starve the host), another runtime the admin configured |
 * | `LogConfig` with a driver other than json-file, local, journald or none, or options beyond rotation, labels and tags | syslog, gelf, fluentd, splunk… make the engine connect to any address (a port scan, a request into the host's network) |
 * | exec `Privileged` | as `Privileged` |
 * | volume `Driver` other than `local`, `DriverOpts`, `ClusterVolumeSpec` | `local` with `o=bind,device=/etc` is a bind mount of the host |
 * | a fixed address on a network: `IPAMConfig` with an address (`IPv4Address`, `IPv6Address`, `LinkLocalIPs`), `IPAddress`, `GlobalIPv6Address` or `MacAddress` of an endpoint (create's `EndpointsConfig`, connect's `EndpointConfig`), a create's top-level `MacAddress` | another container's address (a stopped one's, or one it had): its traffic, its neighbours' trust |
 * | a name on a user-defined network that another container there (running or STOPPED) already answers to: an alias (`Aliases`, `DNSNames`), the container's name (`?name=` of a create; a connected container's name) or `Hostname` equal — any case — to another's name, alias, DNS name, short id or hostname | the engine's DNS answers with both: the other container's clients (and their credentials) reach this one |
 * | network `Driver` other than bridge and overlay (macvlan, ipvlan: on the host's interfaces), `Options` other than icc, masquerade, MTU, interface prefix and overlay encryption (`com.docker.network.bridge.name` takes over a host bridge), `Ingress`, `ConfigOnly`, `ConfigFrom`, an `IPAM` driver, IPAM options or `IPAM.Config` (subnets are routes on the host) | the host's network interfaces, bridges and routes |
 *
 * `POST /containers/{id}/update` is checked on its resource fields with the same rules.
 */

/** The capabilities every container has by default (adding them changes nothing). */
export const DEFAULT_CAPS = new Set(
  'CHOWN DAC_OVERRIDE FSETID FOWNER MKNOD NET_RAW SETGID SETUID SETFCAP SETPCAP NET_BIND_SERVICE SYS_CHROOT KILL AUDIT_WRITE'.split(' '),
);

type Json = Record<string, JsonValue>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === null;
const obj = (v: unknown): Json => (isObj(v) ? v : Object.create(null));
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
/** Set to something: a non-empty list, object or string, or true. */
const given = (v: unknown): boolean =>
  Array.isArray(v) ? v.length > 0 : isObj(v) ? Object.keys(v).length > 0 : v === true || str(v) !== '';
const when = (refused: boolean, why: string) => (refused ? why : undefined);

/** A volume name (`docker volume create` accepts these); any other bind source is a host path. */
const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
const SAFE_SECURITY_OPT = /^no-new-privileges([=:](true|false))?$/i;
/** Log drivers that write on the host only, and their options that do not name an address. */
const LOCAL_LOG_DRIVERS = new Set(['', 'json-file', 'local', 'journald', 'none']);
const LOCAL_LOG_OPTIONS = new Set([
  'max-size',
  'max-file',
  'compress',
  'labels',
  'labels-regex',
  'env',
  'env-regex',
  'tag',
  'mode',
  'max-buffer-size',
]);
/** Options of a network that stays inside the engine (its drivers: engine-refs.ts). */
const CONTAINED_NETWORK_OPTIONS = new Set([
  'com.docker.network.bridge.enable_icc',
  'com.docker.network.bridge.enable_ip_masquerade',
  'com.docker.network.driver.mtu',
  'com.docker.network.container_iface_prefix',
  'encrypted',
]);

function namespaceMode(kind: string, v: unknown, joinAllowed = false): string | undefined {
  const mode = str(v).toLowerCase();
  if (mode === 'host') return `use the host's ${kind} namespace`;
  if (mode.startsWith('container:') && !joinAllowed) return `join another container's ${kind} namespace (${str(v).slice(0, 80)})`;
  return undefined;
}

function hostPathBinds(v: unknown): string | undefined {
  // `source:target[:options]`; a lone path is an anonymous volume.
  const sources = arr(v)
    .map((b) => str(b).split(':'))
    .filter((parts) => parts.length > 1 && !VOLUME_NAME.test(parts[0] as string))
    .map((parts) => parts[0] as string);
  return when(sources.length > 0, `bind-mount host paths (${sources.slice(0, 3).join(', ')})`);
}

function unsafeMounts(v: unknown): string | undefined {
  const out: string[] = [];
  for (const m of arr(v).map(obj)) {
    const type = str(m.Type).toLowerCase();
    const driver = obj(obj(m.VolumeOptions).DriverConfig);
    if (type !== 'volume' && type !== 'tmpfs') out.push(`${type || 'untyped'} mounts (${str(m.Source).slice(0, 80)})`);
    else if (given(driver.Options) || !['', 'local'].includes(str(driver.Name))) out.push('volume mounts with a driver or driver options');
  }
  return when(out.length > 0, `use ${out.slice(0, 3).join(', ')}`);
}

function addedCaps(v: unknown): string | undefined {
  const caps = arr(v)
    .map((c) => str(c).toUpperCase().replace(/^CAP_/, ''))
    .filter((c) => !DEFAULT_CAPS.has(c));
  return when(caps.length > 0, `add capabilities (${caps.slice(0, 5).join(', ')})`);
}

function unsafeSecurityOpts(v: unknown): string | undefined {
  const opts = arr(v)
    .map(str)
    .filter((o) => !SAFE_SECURITY_OPT.test(o));
  return when(opts.length > 0, `change security profiles (${opts.map((o) => o.slice(0, 40)).join(', ')})`);
}

function remoteLogging(v: unknown): string | undefined {
  const config = obj(v);
  const driver = str(config.Type);
  if (!LOCAL_LOG_DRIVERS.has(driver.toLowerCase())) return `use the "${driver.slice(0, 40)}" log driver (it sends logs to an address)`;
  const options = Object.keys(obj(config.Config)).filter((o) => !LOCAL_LOG_OPTIONS.has(o));
  return when(options.length > 0, `set log options (${options.slice(0, 3).join(', ').slice(0, 120)})`);
}

/** A JSON number below zero (`-0` is zero). */
const negative = (v: unknown): boolean => v instanceof JsonNumber && Number(v.raw) < 0;

type Rule = (v: JsonValue | undefined) => string | undefined;

/** The resource fields refused (container create and update). */
const RESOURCE_RULES: Record<string, Rule> = {
  Devices: (v) => when(given(v), 'map devices'),
  DeviceRequests: (v) => when(given(v), 'request devices (GPUs)'),
  DeviceCgroupRules: (v) => when(given(v), 'add device cgroup rules'),
  CgroupParent: (v) => when(given(v), 'choose the cgroup parent'),
  OomKillDisable: (v) => when(v === true, 'disable the OOM killer'),
};

/** The HostConfig fields refused (in `HostConfig`, and at the top level of a create body). */
export const HOST_CONFIG_RULES: Record<string, Rule> = {
  ...RESOURCE_RULES,
  Privileged: (v) => when(v === true, 'run privileged containers'),
  SecurityOpt: unsafeSecurityOpts,
  MaskedPaths: (v) => when(v !== undefined && v !== null, 'change the masked /proc paths'),
  ReadonlyPaths: (v) => when(v !== undefined && v !== null, 'change the read-only /proc paths'),
  NetworkMode: (v) => namespaceMode('network', v, true),
  PidMode: (v) => namespaceMode('pid', v),
  IpcMode: (v) => namespaceMode('ipc', v),
  UTSMode: (v) => namespaceMode('uts', v),
  UsernsMode: (v) => namespaceMode('user', v),
  CgroupnsMode: (v) => namespaceMode('cgroup', v),
  Cgroup: (v) => when(given(v), "join another container's cgroup"),
  Binds: hostPathBinds,
  Mounts: unsafeMounts,
  VolumeDriver: (v) => when(!['', 'local'].includes(str(v)), `use the "${str(v)}" volume driver`),
  VolumesFrom: (v) => when(given(v), "mount another container's volumes (--volumes-from)"),
  CapAdd: addedCaps,
  Sysctls: (v) => when(given(v), 'set kernel parameters (sysctls)'),
  Runtime: (v) => when(!['', 'runc'].includes(str(v)), `use the "${str(v)}" runtime`),
  OomScoreAdj: (v) => when(negative(v), 'lower the OOM score (the OOM killer would spare the container)'),
  LogConfig: remoteLogging,
};

function problemsOf(rules: Record<string, Rule>, fields: Json): string[] {
  return Object.entries(rules).flatMap(([field, rule]) => rule(fields[field]) ?? []);
}

/** The fields of an endpoint's settings that choose its address (IPAM's, or a MAC). */
function endpointAddresses(ep: unknown): string[] {
  const settings = obj(ep);
  const ipam = obj(settings.IPAMConfig);
  return [
    ...['IPv4Address', 'IPv6Address', 'LinkLocalIPs'].filter((f) => given(ipam[f])).map((f) => `IPAMConfig.${f}`),
    ...['IPAddress', 'GlobalIPv6Address', 'MacAddress'].filter((f) => given(settings[f])),
  ];
}

/** The problem of choosing addresses (`found`: the fields that do), or none. */
function fixedAddresses(found: string[]): string[] {
  if (!found.length) return [];
  const fields = found.slice(0, 4).join(', ').slice(0, 240);
  return [`choose a container's IP or MAC address (${fields}): it may be another container's, stopped or running, and take its traffic`];
}

function containerCreateProblems(body: Json): string[] {
  const endpoints = Object.entries(obj(obj(body.NetworkingConfig).EndpointsConfig));
  const out = [...problemsOf(HOST_CONFIG_RULES, obj(body.HostConfig)), ...problemsOf(HOST_CONFIG_RULES, body)];
  if (endpoints.some(([n]) => n.toLowerCase() === 'host')) out.push("use the host's network namespace");
  out.push(
    ...fixedAddresses([
      ...endpoints.flatMap(([net, ep]) => endpointAddresses(ep).map((f) => `${f} on ${net.slice(0, 40)}`)),
      ...(given(body.MacAddress) ? ['MacAddress'] : []),
    ]),
  );
  return [...new Set(out)];
}

function volumeCreateProblems(b: Json): string[] {
  const driver = str(b.Driver) || 'local';
  const out: string[] = [];
  if (driver !== 'local') out.push(`create volumes with the "${driver.slice(0, 80)}" driver`);
  if (given(b.DriverOpts)) out.push('create volumes with driver options (they can bind host paths)');
  if (b.ClusterVolumeSpec !== undefined && b.ClusterVolumeSpec !== null) out.push('create cluster volumes');
  return out;
}

function networkCreateProblems(b: Json): string[] {
  const driver = str(b.Driver);
  const ipam = obj(b.IPAM);
  const options = Object.keys(obj(b.Options)).filter((o) => !CONTAINED_NETWORK_OPTIONS.has(o));
  const out: string[] = [];
  if (!CONTAINED_NETWORK_DRIVERS.has(driver.toLowerCase()))
    out.push(`create networks with the "${driver.slice(0, 40)}" driver (on the host's network interfaces)`);
  if (options.length) out.push(`set network options (${options.slice(0, 3).join(', ').slice(0, 160)})`);
  if (b.Ingress === true) out.push("create the swarm's ingress network");
  if (b.ConfigOnly === true || given(obj(b.ConfigFrom).Network)) out.push('create networks from network configurations');
  if (!['', 'default'].includes(str(ipam.Driver)) || given(ipam.Options)) out.push('choose an IPAM driver or its options');
  // A subnet is a route on the host: one inside the host's LAN (or around its DNS server) takes that traffic.
  if (given(ipam.Config)) out.push('choose subnets, ranges or gateways (they become routes on the host)');
  return out;
}

export type CheckedBodyKind =
  | 'container.create'
  | 'container.update'
  | 'exec.create'
  | 'volume.create'
  | 'network.create'
  | 'network.connect'
  | 'network.disconnect';

const KINDS: Record<CheckedBodyKind, { shape: BodyShape; problems: (body: Json) => string[] }> = {
  'container.create': { shape: CONTAINER_CREATE, problems: containerCreateProblems },
  'container.update': { shape: CONTAINER_UPDATE, problems: (b) => problemsOf(RESOURCE_RULES, b) },
  'exec.create': { shape: EXEC_CREATE, problems: (b) => (b.Privileged === true ? ['exec with extended privileges (--privileged)'] : []) },
  'volume.create': { shape: VOLUME_CREATE, problems: volumeCreateProblems },
  'network.create': { shape: NETWORK_CREATE, problems: networkCreateProblems },
  // Which container it disconnects: checkReferences.
  'network.disconnect': { shape: NETWORK_DISCONNECT, problems: () => [] },
  // Its address here; which container it connects and the names it takes: checkReferences.
  'network.connect': {
    shape: NETWORK_CONNECT,
    problems: (b) => fixedAddresses(endpointAddresses(b.EndpointConfig).map((f) => `EndpointConfig.${f}`)),
  },
};

export interface CheckedBody {
  /** Why the body is refused (empty: allowed). */
  problems: string[];
  /** The body the engine gets: the checked reading, re-written (empty when the client sent none). */
  body: Buffer;
  /** The checked reading (undefined when the client sent none). */
  value?: Json;
}

/** Reads a non-admin's body as the engine would, and says what in it is refused. */
export function checkBody(kind: CheckedBodyKind, raw: Buffer): CheckedBody {
  if (!raw.length) return { problems: [], body: raw };
  const value = canonicalBody(raw.toString('utf8'), KINDS[kind].shape);
  if (!isObj(value)) throw new ApiError(400, 'The request body must be a JSON object');
  return { problems: KINDS[kind].problems(value), body: Buffer.from(jsonText(value), 'utf8'), value };
}

/** What of the call a reference check needs beyond the body: its Engine API path (with the query) and target. */
export interface CallRefs {
  /** The Engine API path and query (a create's `?name=`). */
  path?: string;
  /** The object the path names (a network connect's network). */
  target?: string | undefined;
  /** The caller's Porthole user id: their own containers' names are theirs to share (`OWNER_LABEL`). */
  owner?: string;
}

/**
 * The `?name=` of a create: every value either reading of the query gives (Go's, and Go's before
 * 1.17, which also split at `;`), without the leading slash the engine accepts.
 */
function createdNames(path = ''): string[] {
  const query = path.includes('?') ? path.slice(path.indexOf('?') + 1) : '';
  return [...new URLSearchParams(query).getAll('name'), ...new URLSearchParams(query.replace(/;/g, '&')).getAll('name')]
    .map((n) => n.replace(/^\//, ''))
    .filter(Boolean);
}

/** The names an endpoint's settings ask for (aliases, and DNS names where an engine reads them). */
const endpointNames = (ep: unknown): string[] => [...arr(obj(ep).Aliases), ...arr(obj(ep).DNSNames)].map(str).filter(Boolean);

/**
 * The names a container would take on the networks it joins (`joins`: network reference → names)
 * that another container there already answers to (`networkNamesTaken`, stopped members too). A
 * name qualified with the network (`db.net`, which the resolver also reads as `db` on `net`) is
 * compared both ways. `except`: the container itself (a connect).
 */
async function nameClashes(engine: EngineApi, joins: Map<string, string[]>, except?: string, owner?: string): Promise<string[]> {
  const out: string[] = [];
  for (const [ref, names] of joins) {
    const wanted = [...new Set(names.filter(Boolean))];
    if (!wanted.length) continue;
    const taken = await networkNamesTaken(engine, ref, except, owner);
    if (!taken) continue;
    const suffix = `.${taken.name.toLowerCase()}`;
    for (const name of wanted) {
      const key = dnsName(name);
      const keys = key.endsWith(suffix) ? [key, key.slice(0, -suffix.length)] : [key];
      const owner = keys.map((k) => taken.names.get(k)).find(Boolean);
      if (owner)
        out.push(
          `take the name "${name.slice(0, 80)}" on the network ${taken.name.slice(0, 80)} (${owner.slice(0, 80)} answers to it there: its clients would reach this container)`,
        );
    }
  }
  return [...new Set(out)];
}

/**
 * A rename (`POST /containers/{id}/rename?name=`): the engine renames the container's DNS entries
 * on its networks too (and a stopped one's name is a name there at its next start), so the new
 * name must not be one another container answers to on a user-defined network it is on. The
 * problems, as `checkReferences` gives them (none when the container is not there).
 */
export async function renameProblems(engine: EngineApi, ref: string, path: string, owner?: string): Promise<string[]> {
  const c = await inspectOrNothing(engine)(ref);
  if (!c) return [];
  // Renaming another user's container frees its name on its user networks for anyone to take
  // (attacker pass 5): a non-admin renames only their own there.
  const shared = owner === undefined || (await ownedBy(engine, c, owner)) ? [] : await userNetworksOf(engine, c);
  if (shared.length)
    return [
      `rename ${c.Name.replace(/^\//, '').slice(0, 80)}, another user's container on the network ${shared[0]?.slice(0, 80)} (its name there could then be taken)`,
    ];
  const names = createdNames(path);
  return nameClashes(engine, new Map(Object.keys(c.NetworkSettings?.Networks ?? {}).map((n) => [n, names])), c.Id, owner);
}

/** A create's checked body with `OWNER_LABEL` set to the caller (replacing any the client sent). */
export function withOwnerLabel(checked: CheckedBody, owner: string): CheckedBody {
  const value = checked.value ?? {};
  const labels = { ...obj(value.Labels), [OWNER_LABEL]: owner };
  const next = { ...value, Labels: labels };
  return { ...checked, value: next, body: Buffer.from(jsonText(next), 'utf8') };
}

/**
 * A network connect: the container connected must not have host access (it would be reachable
 * from the network), nor take a name on the network that another container there answers to.
 */
async function connectReferences(engine: EngineApi, value: Json, refs: CallRefs): Promise<CheckedBody> {
  const problems: string[] = [];
  const ref = str(value.Container);
  const c = ref ? await inspectOrNothing(engine)(ref) : undefined;
  if (c) {
    const view = c as Parameters<typeof hostAccessOf>[0];
    const why = hostAccessOf(view) ?? (await hostAccessThroughObjects(engine, view)) ?? (await namespaceSharersHostAccess(engine, c.Id));
    const name = c.Name.replace(/^\//, '');
    if (why) problems.push(`connect ${name} to networks (${why.replace(/^it /, `${name} `)})`);
    // The engine is sent the id checked, not a name that could move meanwhile.
    else value.Container = c.Id;
    // The engine makes the container's name and hostname names on the network, beside its aliases.
    if (!why && refs.target) {
      const names = [name, c.Config?.Hostname ?? '', ...endpointNames(value.EndpointConfig)];
      problems.push(...(await nameClashes(engine, new Map([[refs.target, names]]), c.Id, refs.owner)));
    }
  }
  return { problems, body: Buffer.from(jsonText(value), 'utf8'), value };
}

/**
 * A network disconnect: disconnecting another user's container from a user network frees its
 * names there (a compose service's alias) for anyone to take (attacker pass 5) — a non-admin
 * disconnects only their own. The engine is sent the id checked.
 */
async function disconnectReferences(engine: EngineApi, value: Json, refs: CallRefs): Promise<CheckedBody> {
  const problems: string[] = [];
  const ref = str(value.Container);
  const c = ref ? await inspectOrNothing(engine)(ref) : undefined;
  if (c && refs.owner !== undefined && refs.target && !(await ownedBy(engine, c, refs.owner))) {
    const network = await existingNetwork(engine, refs.target);
    if (network && network.Name !== 'bridge' && !['host', 'null'].includes(network.Driver ?? ''))
      problems.push(
        `disconnect ${c.Name.replace(/^\//, '').slice(0, 80)}, another user's container, from the network ${network.Name.slice(0, 80)} (its names there could then be taken)`,
      );
  }
  if (c) value.Container = c.Id;
  return { problems, body: Buffer.from(jsonText(value), 'utf8'), value };
}

/**
 * The second half of a container create's check, which asks the engine (`engine-refs.ts`): the
 * container a `container:<x>` network mode joins must not be on the host's network — and the engine
 * is sent x's id, checked, not a name that could be moved meanwhile — named volumes must not
 * be bind mounts or devices of the host, and the names the container takes on user-defined
 * networks (`?name=`, `Hostname`, aliases) must not be another container's there. A network
 * connect: `connectReferences`. Other kinds pass through.
 */
export async function checkReferences(
  kind: CheckedBodyKind,
  engine: EngineApi,
  checked: CheckedBody,
  refs: CallRefs = {},
): Promise<CheckedBody> {
  const value = checked.value;
  if (!value || checked.problems.length) return checked;
  if (kind === 'network.connect') return connectReferences(engine, value, refs);
  if (kind === 'network.disconnect') return disconnectReferences(engine, value, refs);
  if (kind !== 'container.create') return checked;
  const problems: string[] = [];
  const inspect = inspectOrNothing(engine);
  // HostConfig's fields, and the top-level copies engines up to v24 read.
  const holders = [obj(value.HostConfig), value];
  for (const holder of holders) {
    const joined = joinedContainer(str(holder.NetworkMode));
    if (!joined) continue;
    const owner = await networkOwner(inspect, joined);
    // A name nobody has yet is refused: the engine keeps the name and looks it up at every start,
    // when it may be another container's (a rename).
    if (!owner) problems.push(`join the network of ${joined.slice(0, 80)}, which is not a container`);
    else if (owner.hostAccess) problems.push(`join the network of ${owner.name.slice(0, 80)} (${owner.hostAccess})`);
    else {
      // Its namespace is on its networks: one holding a container with host access is refused
      // as joining that network directly is (attacker pass 5).
      const shared = (await namespaceSharersHostAccess(engine, owner.id)) ?? (await networkMembersHostAccess(engine, owner.networks ?? []));
      if (shared) problems.push(`join the network of ${owner.name.slice(0, 80)} (${shared})`);
      else holder.NetworkMode = `container:${owner.id}`;
    }
  }
  const volumes = holders.flatMap((h) => [
    ...arr(h.Binds)
      .map((b) => str(b).split(':'))
      .filter((parts) => parts.length > 1 && VOLUME_NAME.test(parts[0] as string))
      .map((parts) => parts[0] as string),
    ...arr(h.Mounts)
      .map(obj)
      .filter((m) => str(m.Type).toLowerCase() === 'volume' && str(m.Source))
      .map((m) => str(m.Source)),
  ]);
  const why = (await volumesHostAccess(engine, volumes)) ?? (await volumeUsersHostAccess(engine, volumes));
  if (why) problems.push(`mount volumes that reach the host (${why})`);
  const networks = [...holders.map((h) => str(h.NetworkMode)), ...Object.keys(obj(obj(value.NetworkingConfig).EndpointsConfig))];
  const onHost = await networksHostAccess(engine, networks);
  if (onHost) problems.push(`join networks on the host's interfaces (${onHost})`);
  const members = onHost ? undefined : await networkMembersHostAccess(engine, networks);
  if (members) problems.push(`join networks that hold containers with host access (${members})`);
  // Names on user-defined networks: the container's name and hostname on each, and each endpoint's aliases on its own.
  const own = [...createdNames(refs.path), str(value.Hostname)];
  const joins = new Map<string, string[]>(holders.map((h) => [str(h.NetworkMode), own]));
  for (const [net, ep] of Object.entries(obj(obj(value.NetworkingConfig).EndpointsConfig)))
    joins.set(net, [...(joins.get(net) ?? own), ...endpointNames(ep)]);
  problems.push(...(await nameClashes(engine, joins, undefined, refs.owner)));
  return { problems, body: Buffer.from(jsonText(value), 'utf8'), value };
}
