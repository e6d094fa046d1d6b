/**
 * What an operator may not ask the engine for in a body, because it gives the host away:
 * privileged containers, the host's namespaces, host paths, capabilities beyond Docker's
 * defaults, devices, disabled security profiles, volumes bound to host paths, privileged exec.
 * Each function returns the reasons a body is refused (empty: allowed).
 */

/** The capabilities every container has by default (adding them changes nothing). */
const DEFAULT_CAPS = new Set([
  'CHOWN',
  'DAC_OVERRIDE',
  'FSETID',
  'FOWNER',
  'MKNOD',
  'NET_RAW',
  'SETGID',
  'SETUID',
  'SETFCAP',
  'SETPCAP',
  'NET_BIND_SERVICE',
  'SYS_CHROOT',
  'KILL',
  'AUDIT_WRITE',
]);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function containerCreateProblems(body: unknown): string[] {
  const host = obj(obj(body).HostConfig);
  const out: string[] = [];
  if (host.Privileged === true) out.push('run privileged containers');
  for (const mode of ['NetworkMode', 'PidMode', 'IpcMode', 'UTSMode', 'UsernsMode', 'CgroupnsMode'] as const) {
    if (str(host[mode]).toLowerCase() === 'host') out.push(`use the host's ${mode.replace('Mode', '').toLowerCase()} namespace`);
  }
  const hostPaths = arr(host.Binds)
    .map(str)
    .map((b) => b.split(':')[0] ?? '')
    .filter((src) => src.startsWith('/') || src.startsWith('.') || src.startsWith('~'));
  for (const m of arr(host.Mounts).map(obj)) {
    if (str(m.Type).toLowerCase() === 'bind') hostPaths.push(str(m.Source));
    if (Object.keys(obj(obj(obj(m.VolumeOptions).DriverConfig).Options)).length) out.push('mount volumes with driver options');
  }
  if (hostPaths.length) out.push(`bind-mount host paths (${hostPaths.slice(0, 3).join(', ')})`);
  if (arr(host.VolumesFrom).length) out.push("mount another container's volumes (--volumes-from)");
  const caps = arr(host.CapAdd)
    .map((c) => str(c).toUpperCase().replace(/^CAP_/, ''))
    .filter((c) => !DEFAULT_CAPS.has(c));
  if (caps.length) out.push(`add capabilities (${caps.join(', ')})`);
  if (arr(host.Devices).length || arr(host.DeviceRequests).length || arr(host.DeviceCgroupRules).length) out.push('map devices');
  const unconfined = arr(host.SecurityOpt)
    .map(str)
    .filter((o) => /unconfined|label[:=]disable|no-new-privileges[:=]false/i.test(o));
  if (unconfined.length) out.push(`disable security profiles (${unconfined.join(', ')})`);
  if (str(host.CgroupParent)) out.push('choose the cgroup parent');
  return out;
}

export function execCreateProblems(body: unknown): string[] {
  return obj(body).Privileged === true ? ['exec with extended privileges (--privileged)'] : [];
}

export function volumeCreateProblems(body: unknown): string[] {
  const b = obj(body);
  const driver = str(b.Driver) || 'local';
  const out: string[] = [];
  if (driver !== 'local') out.push(`create volumes with the "${driver}" driver`);
  if (Object.keys(obj(b.DriverOpts)).length) out.push('create volumes with driver options (they can bind host paths)');
  return out;
}

/** The reasons a body of this kind is refused to a non-admin (empty: allowed). */
export function bodyProblems(kind: 'container.create' | 'exec.create' | 'volume.create', body: unknown): string[] {
  if (kind === 'container.create') return containerCreateProblems(body);
  if (kind === 'exec.create') return execCreateProblems(body);
  return volumeCreateProblems(body);
}
