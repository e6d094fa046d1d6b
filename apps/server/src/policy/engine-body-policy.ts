import { ApiError } from '../http/api-error.ts';
import { type JsonValue, canonicalBody, jsonText } from './canonical-body.ts';
import { type BodyShape, CONTAINER_CREATE, CONTAINER_UPDATE, EXEC_CREATE, VOLUME_CREATE } from './engine-body-shapes.ts';

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
 * | `NetworkMode: container:<id>` — ALLOWED | sidecars (`network_mode: service:x`, a debugging container beside an app); an operator can exec into that container anyway |
 * | `EndpointsConfig` naming the `host` network | the host's network |
 * | `Binds` with a host path (anything but a volume name), `Mounts` other than plain `volume` and `tmpfs` (bind, npipe, cluster, a volume with driver options), `VolumeDriver`, `VolumesFrom` | host paths, directly or through a volume driver or another container's mounts |
 * | `CapAdd` beyond Docker's defaults; `Devices`, `DeviceRequests`, `DeviceCgroupRules`; `Sysctls` | the host's kernel and hardware |
 * | `CgroupParent`, `OomKillDisable: true`, `Runtime` other than `runc` | escaping the engine's limits (a container the OOM killer may not stop can starve the host), another runtime the admin configured |
 * | exec `Privileged` | as `Privileged` |
 * | volume `Driver` other than `local`, `DriverOpts`, `ClusterVolumeSpec` | `local` with `o=bind,device=/etc` is a bind mount of the host |
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
};

function problemsOf(rules: Record<string, Rule>, fields: Json): string[] {
  return Object.entries(rules).flatMap(([field, rule]) => rule(fields[field]) ?? []);
}

function containerCreateProblems(body: Json): string[] {
  const networks = Object.keys(obj(obj(body.NetworkingConfig).EndpointsConfig));
  const out = [...problemsOf(HOST_CONFIG_RULES, obj(body.HostConfig)), ...problemsOf(HOST_CONFIG_RULES, body)];
  if (networks.some((n) => n.toLowerCase() === 'host')) out.push("use the host's network namespace");
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

export type CheckedBodyKind = 'container.create' | 'container.update' | 'exec.create' | 'volume.create';

const KINDS: Record<CheckedBodyKind, { shape: BodyShape; problems: (body: Json) => string[] }> = {
  'container.create': { shape: CONTAINER_CREATE, problems: containerCreateProblems },
  'container.update': { shape: CONTAINER_UPDATE, problems: (b) => problemsOf(RESOURCE_RULES, b) },
  'exec.create': { shape: EXEC_CREATE, problems: (b) => (b.Privileged === true ? ['exec with extended privileges (--privileged)'] : []) },
  'volume.create': { shape: VOLUME_CREATE, problems: volumeCreateProblems },
};

export interface CheckedBody {
  /** Why the body is refused (empty: allowed). */
  problems: string[];
  /** The body the engine gets: the checked reading, re-written (empty when the client sent none). */
  body: Buffer;
}

/** Reads a non-admin's body as the engine would, and says what in it is refused. */
export function checkBody(kind: CheckedBodyKind, raw: Buffer): CheckedBody {
  if (!raw.length) return { problems: [], body: raw };
  const value = canonicalBody(raw.toString('utf8'), KINDS[kind].shape);
  if (!isObj(value)) throw new ApiError(400, 'The request body must be a JSON object');
  return { problems: KINDS[kind].problems(value), body: Buffer.from(jsonText(value), 'utf8') };
}
