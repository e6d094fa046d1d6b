import fs from 'node:fs';
import type { Role } from '@porthole/shared/auth';
import type { EngineApi } from '../docker/engine-api.ts';
import { ApiError } from '../http/api-error.ts';
import { DEFAULT_CAPS } from './engine-body-policy.ts';
import {
  inspectOrNothing,
  joinedContainer,
  namespaceSharersHostAccess,
  networkOwner,
  volumeUsersHostAccess,
  volumesHostAccess,
} from './engine-refs.ts';
import { denialMessage } from './roles.ts';

/**
 * An operator may not create a container with access to the host (privileged, host namespaces,
 * host paths, devices, extra capabilities) — nor reach into one an admin made: exec, attach or a
 * file copy into Porthole's own container (it mounts the Docker socket) or a privileged one is
 * root on the host. So those calls are checked against what the container has, the same for the
 * Engine API proxy and Porthole's own terminal and file routes. A read-only bind mount is no way
 * in (an nginx config file), unless it can reach a socket: a `.sock` file or a directory above
 * the Docker socket.
 */
interface HostConfigView {
  Privileged?: boolean;
  PidMode?: string;
  IpcMode?: string;
  UTSMode?: string;
  UsernsMode?: string;
  NetworkMode?: string;
  CapAdd?: string[] | null;
  Devices?: unknown[] | null;
  DeviceRequests?: unknown[] | null;
  DeviceCgroupRules?: string[] | null;
  SecurityOpt?: string[] | null;
  Cgroup?: string;
  MaskedPaths?: string[] | null;
  ReadonlyPaths?: string[] | null;
}
interface MountView {
  Type?: string;
  Name?: string;
  Source?: string;
  RW?: boolean;
}

/**
 * Where sockets live on a host (`/run/containerd/containerd.sock`, `/run/docker/…`, a systemd
 * or D-Bus socket, X11 in /tmp): a read-only bind of anything in these trees — or of a directory
 * above them — can reach one, and a socket is used through a read-only mount just the same.
 */
const SOCKET_TREES = ['/run', '/var/run', '/var/lib/docker', '/var/lib/containerd', '/var/snap', '/tmp', '/proc', '/sys', '/dev'];
const reachesSockets = (source: string) =>
  source.endsWith('.sock') ||
  SOCKET_TREES.some((tree) => source === tree || source.startsWith(`${tree}/`) || tree.startsWith(`${source === '/' ? '' : source}/`));
const SAFE_SECURITY_OPT = /^no-new-privileges([=:](true|false))?$/i;
/**
 * Trees where a host keeps credentials (SSH, engine, TLS, cluster and VPN keys, root's home): a
 * read-only bind of one, of anything in it, or of a directory above it (`/etc`, `/var/lib`) can
 * read them.
 */
const CREDENTIAL_TREES = [
  '/root',
  '/etc/ssh',
  '/etc/docker',
  '/etc/containerd',
  '/etc/ssl/private',
  '/etc/pki',
  '/etc/letsencrypt',
  '/etc/kubernetes',
  '/etc/rancher',
  '/etc/cni',
  '/etc/wireguard',
  '/etc/openvpn',
  '/etc/ipsec.d',
  '/etc/sudoers.d',
  '/etc/sssd',
  '/etc/credstore',
  '/etc/credstore.encrypted',
  '/etc/NetworkManager/system-connections',
  '/var/lib/docker',
  '/var/lib/kubelet',
  '/var/lib/rancher',
  '/var/lib/etcd',
  '/var/lib/sss',
  '/var/lib/tailscale',
  // Pass 5: databases' files (password hashes in pg_authid, mysql.user), their configuration,
  // systemd's credentials, Debian's backups of the password files, and the logs (failed logins
  // record what was typed).
  '/var/lib/postgresql',
  '/var/lib/pgsql',
  '/var/lib/mysql',
  '/var/lib/mariadb',
  '/var/lib/redis',
  '/var/lib/mongodb',
  '/var/lib/influxdb',
  '/etc/postgresql',
  '/etc/mysql',
  '/etc/redis',
  '/var/lib/systemd',
  '/var/backups',
  '/var/log',
  // Pass 6: debconf's stored answers (passwords.dat), systemd DynamicUser state, mail.
  '/var/cache/debconf',
  '/var/lib/private',
  '/var/mail',
  '/var/spool/mail',
];

/**
 * Porthole's own data directory (its store of users, sessions and tokens, and the key that opens
 * the engines' stored credentials) counts as a credential tree wherever it is (`app.ts` names it).
 */
const OWN_TREES: string[] = [];
export function protectHostPath(dir: string): void {
  if (!OWN_TREES.includes(dir)) OWN_TREES.push(dir);
}
/**
 * Credential files, by the start of their path: the password and sudo files and every backup or
 * variant of them (`/etc/shadow-`, `/etc/gshadow.bak`).
 */
const CREDENTIAL_FILES = [
  '/etc/shadow',
  '/etc/gshadow',
  '/etc/sudoers',
  '/etc/security/opasswd',
  '/etc/ipsec.secrets',
  '/etc/krb5.keytab',
  '/etc/ppp/chap-secrets',
  '/etc/ppp/pap-secrets',
];
/** A path segment that names a key, a key store or a credential file, wherever it is. */
const CREDENTIAL_NAME =
  /^id_(rsa|dsa|ecdsa|ed25519)|\.(key|pem|p12|pfx|jks|keystore|kdbx|keytab|ovpn)$|^\.?(netrc|pgpass|htpasswd|git-credentials|env|kube|aws|gnupg|docker|npmrc|yarnrc|yarnrc\.yml|pypirc|my\.cnf|s3cfg|boto|vault-token)$|^pip\.conf$|^(credentials|kubeconfig|admin\.conf|k3s\.yaml)$|secret|password|token/i;
const within = (path: string, tree: string) => path === tree || path.startsWith(`${tree}/`);
/**
 * A bind's source and, when it is a symlink on this machine (Debian's `/usr/lib/ssl/private` →
 * `/etc/ssl/private`), where it leads: the engine mounts what the link points to. (Porthole in a
 * container, or a remote engine, sees other files: there only the path as written is checked.)
 */
function sourcesOf(source: string): string[] {
  try {
    const real = fs.realpathSync(source);
    return real === source ? [source] : [source, real];
  } catch {
    return [source];
  }
}
const readsCredentials = (source: string) => sourcesOf(source).some(readsCredentialsAt);
const readsCredentialsAt = (source: string) =>
  source === '/' ||
  // `/home` and a user's home hold everyone's dot-files; a project folder in a home is fine.
  /^\/home(\/[^/]+)?$/.test(source) ||
  /^\/home\/[^/]+\/\./.test(source) ||
  [...CREDENTIAL_TREES, ...OWN_TREES].some((tree) => within(source, tree) || tree.startsWith(`${source}/`)) ||
  CREDENTIAL_FILES.some((file) => source.startsWith(file) || file.startsWith(`${source}/`)) ||
  source.split('/').some((segment) => CREDENTIAL_NAME.test(segment));

/** What in a container's configuration gives access to the host, or undefined. */
export function hostAccessOf(c: { HostConfig?: HostConfigView; Mounts?: MountView[] }): string | undefined {
  const hc = c.HostConfig ?? {};
  if (hc.Privileged) return 'it is privileged';
  for (const [mode, what] of [
    [hc.PidMode, 'PID'],
    [hc.IpcMode, 'IPC'],
    [hc.UTSMode, 'UTS'],
    [hc.UsernsMode, 'user'],
    [hc.NetworkMode, 'network'],
  ] as const) {
    if (mode === 'host') return `it shares the host's ${what} namespace`;
  }
  if ((hc.DeviceCgroupRules ?? []).length) return 'it may create host devices (device cgroup rules)';
  if ((hc.DeviceRequests ?? []).length) return 'it has host devices (device requests)';
  const profiles = (hc.SecurityOpt ?? []).filter((o) => !SAFE_SECURITY_OPT.test(o));
  if (profiles.length) return `its security profiles are changed (${profiles[0]?.slice(0, 40)})`;
  if (hc.Cgroup) return "it shares another container's cgroup";
  // An engine fills these with its defaults; emptied, /proc/sys and /proc/kcore are the host's to write and read.
  if (Array.isArray(hc.MaskedPaths) && !hc.MaskedPaths.includes('/proc/kcore')) return 'its /proc paths are not masked';
  if (Array.isArray(hc.ReadonlyPaths) && !hc.ReadonlyPaths.includes('/proc/sys')) return 'its /proc/sys is writable';
  const caps = (hc.CapAdd ?? []).map((cap) => cap.toUpperCase().replace(/^CAP_/, '')).filter((cap) => !DEFAULT_CAPS.has(cap));
  if (caps.length) return `it has added capabilities (${caps.slice(0, 3).join(', ')})`;
  if ((hc.Devices ?? []).length) return 'it has host devices';
  for (const m of c.Mounts ?? []) {
    if (m.Type !== 'bind') continue;
    const source = (m.Source ?? '').replace(/\/+$/, '') || '/';
    if (m.RW !== false) return `it has the host path ${source} mounted writable`;
    if (sourcesOf(source).some(reachesSockets)) return `it has the host path ${source} mounted (a socket can be reached there)`;
    if (readsCredentials(source)) return `it has the host path ${source} mounted (the host's credentials can be read there)`;
  }
  return undefined;
}

/**
 * What the container reaches through other engine objects (`engine-refs.ts`): the network of a
 * container on the host's network, the PID or IPC namespace of a container with host access, a
 * named volume that is a host path or device.
 */
export async function hostAccessThroughObjects(
  engine: EngineApi,
  c: { Id?: string; HostConfig?: HostConfigView; Mounts?: MountView[] },
): Promise<string | undefined> {
  const inspect = inspectOrNothing(engine);
  const hc = c.HostConfig ?? {};
  const network = joinedContainer(hc.NetworkMode);
  const owner = network ? await networkOwner(inspect, network) : undefined;
  if (owner?.hostAccess) return `it shares the network namespace of ${owner.name} (${owner.hostAccess})`;
  for (const [mode, what] of [
    [hc.PidMode, 'PID'],
    [hc.IpcMode, 'IPC'],
  ] as const) {
    const ref = joinedContainer(mode);
    const other = ref ? await inspect(ref) : undefined;
    const why = other && hostAccessOf(other as Parameters<typeof hostAccessOf>[0]);
    if (other && why) return `it shares the ${what} namespace of ${other.Name.replace(/^\//, '')}, and ${why}`;
  }
  const volumes = (c.Mounts ?? []).filter((m) => m.Type === 'volume' && m.Name).map((m) => m.Name as string);
  return (await volumesHostAccess(engine, volumes)) ?? (await volumeUsersHostAccess(engine, volumes, c.Id));
}

/**
 * Throws a 403 when `role` may not `verb` (exec into, copy files into or out of, attach to,
 * export) the container `id` because of what it has; admins may. Resolves with the container's
 * full id, which the caller must send the engine instead of the name it was given: a name can be
 * moved to another container (`docker rename`) between this check and the engine's lookup (an
 * attacker pass held an exec body back and swapped the names meanwhile). A container that is not
 * there is left to the engine's own 404 (undefined).
 */
export async function assertNoHostAccess(engine: EngineApi, id: string, role: Role, verb: string): Promise<string | undefined> {
  let inspect: Awaited<ReturnType<EngineApi['inspectContainer']>>;
  try {
    inspect = await engine.inspectContainer(id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
  if (role === 'admin') return inspect.Id;
  const view = inspect as Parameters<typeof hostAccessOf>[0];
  const why =
    hostAccessOf(view) ?? (await hostAccessThroughObjects(engine, view)) ?? (await namespaceSharersHostAccess(engine, inspect.Id));
  if (why)
    throw new ApiError(
      403,
      `${denialMessage(role, `${verb} ${inspect.Name.replace(/^\//, '')}`)}: ${why}, which is access to the host (admins only)`,
    );
  return inspect.Id;
}
