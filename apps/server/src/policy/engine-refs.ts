import type { ContainerInspect, EngineApi, VolumeInfo } from '../docker/engine-api.ts';
import { ApiError } from '../http/api-error.ts';
import { hostAccessOf } from './host-access.ts';

/**
 * What a container reaches through the engine objects it names, which its own settings do not
 * show (found by an attacker pass, issue 14):
 * * `NetworkMode: container:<x>` is x's network namespace — the host's, when x runs with the host
 *   network (or joins one that does). An operator may join an ordinary container's network (a
 *   sidecar), never the host's this way round.
 * * a named volume is whatever its driver mounts: the `local` driver with `o=bind,device=/etc` is a
 *   bind mount of the host path, `device=/dev/sda1` the host's disk, and a plugin driver can do
 *   anything. Operators may not create such volumes; they may not use an admin's either.
 * Both are checked when a container is created (`checkReferences`) and when an operator reaches
 * into one that exists (`host-access.ts`).
 */

/** How far a chain of `container:` modes is followed (the engine refuses loops, not depth). */
const MAX_JOINS = 5;

/** The container a `container:<ref>` mode names, or undefined for any other mode. */
export const joinedContainer = (mode: string | undefined): string | undefined => /^container:(.+)$/i.exec(mode ?? '')?.[1];

type Inspect = (ref: string) => Promise<ContainerInspect | undefined>;

/** An inspect that answers undefined for a container that is not there (the engine says so itself later). */
export function inspectOrNothing(engine: EngineApi): Inspect {
  return async (ref) => {
    try {
      return await engine.inspectContainer(ref);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return undefined;
      throw err;
    }
  };
}

/**
 * Follows `container:<ref>` to the container whose network namespace it is: the full id of the
 * container `ref` names (what the engine must be sent — a name can be moved to another container),
 * the name of the one that owns the namespace, and what of the host that namespace reaches: the
 * host's network itself, or a container with host access (its localhost-only services, its
 * traffic). Undefined when a container on the way is not there.
 */
export async function networkOwner(
  inspect: Inspect,
  ref: string,
): Promise<{ id: string; name: string; hostAccess?: string; networks?: string[] } | undefined> {
  let current = ref;
  let id: string | undefined;
  for (let hop = 0; hop < MAX_JOINS; hop++) {
    const c = await inspect(current);
    if (!c) return undefined;
    id ??= c.Id;
    const next = joinedContainer(c.HostConfig?.NetworkMode);
    if (!next) {
      const name = c.Name.replace(/^\//, '');
      const why = hostAccessOf(c as Parameters<typeof hostAccessOf>[0]);
      const networks = Object.keys(c.NetworkSettings?.Networks ?? {});
      return { id, name, networks, ...(why ? { hostAccess: why.replace(/^it /, `${name} `) } : {}) };
    }
    current = next;
  }
  // Deeper than any real setup: refused.
  return { id: id ?? current, name: current, hostAccess: `${current} is more than ${MAX_JOINS} joins away` };
}

/**
 * Inspects, one after the other: on one engine connection (parallel calls would each open one,
 * and keep it in the pool), and this is not a hot path (a check before an exec or a create).
 */
async function inspectAll(engine: EngineApi, ids: string[]): Promise<ContainerInspect[]> {
  const inspect = inspectOrNothing(engine);
  const out: ContainerInspect[] = [];
  for (const id of ids) {
    const c = await inspect(id);
    if (c) out.push(c);
  }
  return out;
}

/**
 * Each engine's containers as inspected, by id. What the namespace check reads — the namespace
 * modes, privileges, capabilities, devices, mounts — is fixed when a container is created (`docker
 * update` changes resources and the restart policy only) and an id is never reused, so a container
 * is inspected once; names are taken from the list, which is fetched every time (a rename, a new
 * container, a removed one are seen at once). An exec or a terminal then costs one list, not an
 * inspect of every container.
 */
const inspectedById = new WeakMap<EngineApi, Map<string, ContainerInspect>>();

/** Every container of the engine, inspected (the ones not seen before) and named as listed now. */
async function inspectListed(engine: EngineApi): Promise<ContainerInspect[]> {
  const listed = await engine.listContainers({ all: true });
  const cache = inspectedById.get(engine) ?? new Map<string, ContainerInspect>();
  inspectedById.set(engine, cache);
  const unseen = listed.map((c) => c.Id).filter((id) => !cache.has(id));
  for (const c of await inspectAll(engine, unseen)) cache.set(c.Id, c);
  const now = new Set(listed.map((c) => c.Id));
  for (const id of cache.keys()) if (!now.has(id)) cache.delete(id);
  return listed.flatMap((c) => {
    const inspect = cache.get(c.Id);
    return inspect ? [{ ...inspect, Name: c.Names?.[0] ?? inspect.Name }] : [];
  });
}

/**
 * The host access of a container that shares a PID, IPC or network namespace with `id` — either
 * way round and through chains: an admin's agent that joined an ordinary app container (`--pid
 * container:app` with the Docker socket) is reached from inside the app (`/proc/<pid>/root`, its
 * localhost ports), so the app is as much the admin's as the agent.
 */
export async function namespaceSharersHostAccess(engine: EngineApi, id: string): Promise<string | undefined> {
  const all = await inspectListed(engine);
  const byRef = new Map<string, ContainerInspect>();
  for (const c of all) {
    byRef.set(c.Id, c);
    byRef.set(c.Name.replace(/^\//, ''), c);
  }
  const resolve = (ref: string) => byRef.get(ref) ?? all.find((c) => c.Id.startsWith(ref));
  const links = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      if (!links.has(x)) links.set(x, new Set());
      links.get(x)?.add(y);
    }
  };
  for (const c of all) {
    const hc = c.HostConfig ?? {};
    for (const mode of [hc.NetworkMode, hc.PidMode, hc.IpcMode]) {
      const joined = joinedContainer(mode);
      const other = joined ? resolve(joined) : undefined;
      if (other) link(c.Id, other.Id);
    }
  }
  const self = resolve(id)?.Id ?? id;
  const seen = new Set([self]);
  const queue = [self];
  while (queue.length) {
    const at = queue.shift() as string;
    for (const next of links.get(at) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
      const c = byRef.get(next) as ContainerInspect;
      const why = hostAccessOf(c as Parameters<typeof hostAccessOf>[0]);
      if (why)
        return `it shares a namespace with ${c.Name.replace(/^\//, '')}, and ${why.replace(/^it /, `${c.Name.replace(/^\//, '')} `)}`;
    }
  }
  return undefined;
}

/**
 * The host access of a container on a user-defined network: joining that network reaches its
 * ports (a Docker-socket proxy kept on an internal network). The default `bridge` is everyone's
 * and is not counted.
 */
export async function networkMembersHostAccess(engine: EngineApi, refs: Iterable<string>): Promise<string | undefined> {
  for (const ref of new Set(refs)) {
    if (BUILT_IN_MODES.test(ref)) continue;
    const network = await existingNetwork(engine, ref);
    if (!network) continue;
    if (network.Name === 'bridge') continue;
    // The network's own list has its running members only: a stopped member (a socket proxy
    // between restarts) is found by the containers' side, which keeps the networks they join (by
    // name: one never started has no network id yet).
    const stopped = await engine.listContainers({ all: true, filters: { network: [network.Name, network.Id] } });
    const members = new Set([...Object.keys(network.Containers ?? {}), ...stopped.map((c) => c.Id)]);
    for (const c of await inspectAll(engine, [...members])) {
      const why = hostAccessOf(c as Parameters<typeof hostAccessOf>[0]);
      const name = c.Name.replace(/^\//, '');
      if (why) return `the network ${network.Name.slice(0, 80)} holds ${name}, and ${why.replace(/^it /, `${name} `)}`;
    }
  }
  return undefined;
}

/**
 * The containers that mount a volume and have host access themselves: a file written into the
 * shared volume is one they read or run (a hook script, a config) — so a non-admin may not share
 * such a volume. `except`: the container asked about itself.
 */
export async function volumeUsersHostAccess(engine: EngineApi, names: Iterable<string>, except?: string): Promise<string | undefined> {
  const inspect = inspectOrNothing(engine);
  for (const name of new Set(names)) {
    const users = await engine.listContainers({ all: true, filters: { volume: [name] } });
    for (const user of users) {
      if (user.Id === except) continue;
      const c = await inspect(user.Id);
      const why = c && hostAccessOf(c as Parameters<typeof hostAccessOf>[0]);
      if (c && why) return `the volume ${name.slice(0, 80)} is also mounted by ${c.Name.replace(/^\//, '')}, and ${why}`;
    }
  }
  return undefined;
}

/** Network drivers whose networks stay inside the engine (`null` is `--network none`). */
export const CONTAINED_NETWORK_DRIVERS = new Set(['', 'bridge', 'overlay', 'null']);
/** The modes of `NetworkMode` that are not a network's name. */
const BUILT_IN_MODES = /^(|default|bridge|none|host|container:.*)$/i;

/**
 * What of the host a network reaches: a macvlan or ipvlan network (an admin's) sits on the host's
 * interfaces — joining one is being on the host's LAN with an address of one's own. Undefined for
 * contained networks and for names that are no network (the engine answers those itself).
 */
export async function networksHostAccess(engine: EngineApi, refs: Iterable<string>): Promise<string | undefined> {
  for (const ref of new Set(refs)) {
    if (BUILT_IN_MODES.test(ref)) continue;
    const network = await existingNetwork(engine, ref);
    if (!network) continue;
    if (!CONTAINED_NETWORK_DRIVERS.has(network.Driver ?? ''))
      return `the network ${network.Name.slice(0, 80)} uses the "${(network.Driver ?? '').slice(0, 40)}" driver, on the host's interfaces`;
  }
  return undefined;
}

/** What a volume's driver mounts that is the host's, or undefined for an ordinary volume. */
export function volumeHostAccess(v: Pick<VolumeInfo, 'Name' | 'Driver' | 'Options'>): string | undefined {
  const name = v.Name.slice(0, 80);
  if ((v.Driver || 'local') !== 'local') return `the volume ${name} uses the "${v.Driver.slice(0, 40)}" driver`;
  const options = (v.Options ?? {}) as Record<string, string>;
  if (Object.keys(options).length === 0) return undefined;
  const flags = (options.o ?? '').split(',').map((flag) => flag.trim().split('=')[0]?.toLowerCase());
  const device = options.device ?? '';
  const type = (options.type ?? '').toLowerCase();
  if (flags.includes('bind') || flags.includes('rbind') || ['none', 'bind'].includes(type))
    return `the volume ${name} is a bind mount of the host path ${device.slice(0, 80) || '(unnamed)'}`;
  // Memory, or a share on another machine; any other filesystem type (overlay, proc, sysfs, a
  // disk…) is the host's own.
  if (!AWAY_FROM_HOST.has(type)) return `the volume ${name} mounts the host's ${type || 'filesystem'} ${device.slice(0, 80)}`.trim();
  if (device.startsWith('/')) return `the volume ${name} mounts the host's ${device.slice(0, 80)}`;
  return undefined;
}

/** `type=` of local volumes that are not the host's files: tmpfs, and shares of other machines. */
const AWAY_FROM_HOST = new Set(['tmpfs', 'nfs', 'nfs4', 'cifs', 'smb3']);

/** The network `ref` as the engine has it, or undefined when there is none (the engine says so itself). */
export async function existingNetwork(
  engine: EngineApi,
  ref: string,
): Promise<Awaited<ReturnType<EngineApi['inspectNetwork']>> | undefined> {
  try {
    return await engine.inspectNetwork(ref);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** The volume `name` as the engine has it, or undefined when there is none (one would be made, plain). */
export async function existingVolume(engine: EngineApi, name: string): Promise<VolumeInfo | undefined> {
  try {
    return await engine.inspectVolume(name);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** The host access of each named volume (first found), or undefined. */
export async function volumesHostAccess(engine: EngineApi, names: Iterable<string>): Promise<string | undefined> {
  for (const name of new Set(names)) {
    const volume = await existingVolume(engine, name);
    const why = volume && volumeHostAccess(volume);
    if (why) return why;
  }
  return undefined;
}

/** What a container's inspect says of one of its networks (`DNSNames`: engines from v25). */
type NetworkEndpoint = { NetworkID?: string; Aliases?: string[] | null; DNSNames?: string[] | null } | null;

/**
 * The label Porthole puts on every container a non-admin creates: the Porthole user id. The server
 * sets it (whatever the client sent), so it says who made the container; containers made by the
 * same user may share a name on a network (compose replicas, a recreate), nobody else's may.
 */
export const OWNER_LABEL = 'porthole.owner';

/**
 * Whether Porthole stamped container `c` as made by `owner`: its `OWNER_LABEL` is the owner's, and
 * not one it inherited from its image (a label in an image is anyone's to write: attacker pass 5).
 * An image that cannot be read any more counts as not the owner's.
 */
export async function ownedBy(engine: EngineApi, c: ContainerInspect, owner: string): Promise<boolean> {
  if (c.Config?.Labels?.[OWNER_LABEL] !== owner) return false;
  try {
    const image = await engine.inspectImage(c.Image);
    return image.Config?.Labels?.[OWNER_LABEL] !== owner;
  } catch {
    return false;
  }
}

/** User-defined networks a container is on (where its name is a DNS name): not bridge, host, none. */
export async function userNetworksOf(engine: EngineApi, c: ContainerInspect): Promise<string[]> {
  const out: string[] = [];
  for (const name of Object.keys(c.NetworkSettings?.Networks ?? {})) {
    if (BUILT_IN_MODES.test(name)) continue;
    const network = await existingNetwork(engine, name);
    if (network && network.Name !== 'bridge' && !['host', 'null'].includes(network.Driver ?? '')) out.push(network.Name);
  }
  return out;
}

/** A DNS name as the engine's resolver compares it: any case, without a trailing dot. */
export const dnsName = (name: string): string => name.toLowerCase().replace(/\.+$/, '');

/**
 * The names other containers answer to on the user-defined network `ref`, as the engine's DNS
 * resolves them there: each member's name, aliases, DNS names, short id and hostname (what the
 * engine makes aliases of), read from the containers' side so that STOPPED members count too (the
 * network's own list has its running members only; one never started has no network id yet, so
 * it is matched by the network's name). Keys are `dnsName`s, values the container answering.
 * Undefined for built-in modes, the default `bridge` (no DNS), host and none, and names that are
 * no network (the engine says so itself). `except`: the container asked about itself.
 */
export async function networkNamesTaken(
  engine: EngineApi,
  ref: string,
  except?: string,
  owner?: string,
): Promise<{ id: string; name: string; names: Map<string, string> } | undefined> {
  if (BUILT_IN_MODES.test(ref)) return undefined;
  const network = await existingNetwork(engine, ref);
  if (!network || network.Name === 'bridge' || ['host', 'null'].includes(network.Driver ?? '')) return undefined;
  const listed = await engine.listContainers({ all: true, filters: { network: [network.Name, network.Id] } });
  const ids = new Set([...listed.map((c) => c.Id), ...Object.keys(network.Containers ?? {})]);
  if (except) ids.delete(except);
  const names = new Map<string, string>();
  for (const c of await inspectAll(engine, [...ids])) {
    // The caller's own containers (`OWNER_LABEL`, set by Porthole): compose replicas and a
    // recreated container share their service's alias with their predecessor.
    if (owner !== undefined && (await ownedBy(engine, c, owner))) continue;
    const holder = c.Name.replace(/^\//, '');
    const endpoints = Object.entries(c.NetworkSettings?.Networks ?? {}) as Array<[string, NetworkEndpoint]>;
    const endpoint = endpoints.find(([key, ep]) => key === network.Name || ep?.NetworkID === network.Id)?.[1];
    if (!endpoint) continue;
    for (const n of [holder, c.Id.slice(0, 12), c.Config?.Hostname ?? '', ...(endpoint.Aliases ?? []), ...(endpoint.DNSNames ?? [])])
      if (typeof n === 'string' && n && !names.has(dnsName(n))) names.set(dnsName(n), holder);
  }
  return { id: network.Id, name: network.Name, names };
}
