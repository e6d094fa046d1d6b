import { joinWords } from './run-command.ts';
import { emptyRunSpec, type DeviceRate, type RestartName, type RunSpec } from './run-spec.ts';
import { formatCpus, formatDuration, formatSize } from './run-units.ts';

/** The parts of `GET /containers/{id}/json` a `docker run` is rebuilt from. */
export interface InspectForRun {
  Name: string;
  Config: {
    Image: string;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    WorkingDir?: string;
    Hostname?: string;
    User?: string;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    Tty?: boolean;
    OpenStdin?: boolean;
    Volumes?: Record<string, object> | null;
    Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
  };
  HostConfig: {
    Binds?: string[] | null;
    Tmpfs?: Record<string, string> | null;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    PublishAllPorts?: boolean;
    NetworkMode?: string;
    NanoCpus?: number;
    CpuShares?: number;
    CpusetCpus?: string;
    CpuPeriod?: number;
    CpuQuota?: number;
    Memory?: number;
    MemoryReservation?: number;
    MemorySwap?: number;
    MemorySwappiness?: number | null;
    OomKillDisable?: boolean | null;
    PidsLimit?: number | null;
    BlkioWeight?: number;
    BlkioDeviceReadBps?: Array<{ Path: string; Rate: number }> | null;
    BlkioDeviceWriteBps?: Array<{ Path: string; Rate: number }> | null;
    BlkioDeviceReadIOps?: Array<{ Path: string; Rate: number }> | null;
    BlkioDeviceWriteIOps?: Array<{ Path: string; Rate: number }> | null;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    ReadonlyRootfs?: boolean;
    SecurityOpt?: string[] | null;
    Privileged?: boolean;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    AutoRemove?: boolean;
  };
  NetworkSettings?: {
    Networks?: Record<string, { Aliases?: string[] | null; IPAMConfig?: { IPv4Address?: string } | null }> | null;
  };
  Id?: string;
}

/** What the container inherited from its image (left out of the rebuilt command). */
export interface ImageDefaults {
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Env?: string[] | null;
  Labels?: Record<string, string> | null;
  Volumes?: Record<string, object> | null;
  Healthcheck?: { Test?: string[] } | null;
}

const same = (a?: unknown, b?: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const split = (kv: string) => {
  const i = kv.indexOf('=');
  return i < 0 ? { key: kv, value: '' } : { key: kv.slice(0, i), value: kv.slice(i + 1) };
};
const rates = (list: Array<{ Path: string; Rate: number }> | null | undefined, iops: boolean): DeviceRate[] =>
  (list ?? []).map((d) => ({ path: d.Path, rate: iops ? String(d.Rate) : formatSize(d.Rate) }));
const stripCap = (c: string) => c.replace(/^CAP_/, '');

/** Rebuilds the form (and so the `docker run`) that would recreate an inspected container. */
export function specFromInspect(c: InspectForRun, image: ImageDefaults = {}): RunSpec {
  const s = emptyRunSpec();
  const cfg = c.Config;
  const hc = c.HostConfig;
  s.image = cfg.Image;
  s.name = c.Name.replace(/^\//, '');
  const ownEntrypoint = !same(cfg.Entrypoint, image.Entrypoint);
  const entry = ownEntrypoint ? (cfg.Entrypoint ?? []) : [];
  s.entrypoint = entry[0] ?? '';
  const cmd = [...entry.slice(1), ...(ownEntrypoint || !same(cfg.Cmd, image.Cmd) ? (cfg.Cmd ?? []) : [])];
  s.command = joinWords(cmd);
  if (cfg.WorkingDir && cfg.WorkingDir !== image.WorkingDir) s.workdir = cfg.WorkingDir;
  // The engine names hosts after the id unless --hostname was given.
  if (cfg.Hostname && !(c.Id ?? '').startsWith(cfg.Hostname)) s.hostname = cfg.Hostname;
  if (cfg.User && cfg.User !== image.User) s.user = cfg.User;
  s.tty = Boolean(cfg.Tty);
  s.interactive = Boolean(cfg.OpenStdin);
  const imageEnv = new Set(image.Env ?? []);
  s.env = (cfg.Env ?? []).filter((e) => !imageEnv.has(e)).map(split);
  s.labels = Object.entries(cfg.Labels ?? {})
    .filter(([k, v]) => image.Labels?.[k] !== v)
    .map(([key, value]) => ({ key, value }));
  for (const [key, list] of Object.entries(hc.PortBindings ?? {})) {
    const [port, proto] = key.split('/');
    for (const b of list ?? []) {
      s.ports.push({ hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '', containerPort: port!, protocol: (proto as 'tcp') ?? 'tcp' });
    }
  }
  s.publishAll = Boolean(hc.PublishAllPorts);
  for (const bind of hc.Binds ?? []) {
    const parts = bind.split(':');
    const mode = parts.length > 2 ? parts.pop()! : '';
    s.volumes.push({ source: parts[0]!, target: parts.slice(1).join(':'), readOnly: mode.split(',').includes('ro') });
  }
  for (const target of Object.keys(cfg.Volumes ?? {})) {
    if (!image.Volumes?.[target] && !s.volumes.some((v) => v.target === target)) s.volumes.push({ source: '', target, readOnly: false });
  }
  for (const [target, options] of Object.entries(hc.Tmpfs ?? {})) {
    const opts = options.split(',').filter(Boolean);
    const size = opts.find((o) => o.startsWith('size='))?.slice(5) ?? '';
    s.tmpfs.push({ target, size, options: opts.filter((o) => !o.startsWith('size=')).join(',') });
  }
  const mode = hc.NetworkMode ?? 'default';
  const nets = Object.entries(c.NetworkSettings?.Networks ?? {});
  const shortId = (c.Id ?? '').slice(0, 12);
  const endpoint = (name: string, ep?: { Aliases?: string[] | null; IPAMConfig?: { IPv4Address?: string } | null }) => ({
    name,
    // The engine adds the container's short id as an alias on user networks: not the user's.
    aliases: (ep?.Aliases ?? []).filter((a) => a !== shortId && a !== s.name),
    ipv4: ep?.IPAMConfig?.IPv4Address ?? '',
  });
  if (mode !== 'default' && mode !== 'bridge') {
    s.networks.push(endpoint(mode, c.NetworkSettings?.Networks?.[mode] ?? undefined));
  }
  for (const [name, ep] of nets) {
    if (name === mode || (mode === 'default' && name === 'bridge')) continue;
    s.networks.push(endpoint(name, ep));
  }
  if (hc.NanoCpus) s.cpus = formatCpus(hc.NanoCpus);
  if (hc.CpuShares) s.cpuShares = String(hc.CpuShares);
  if (hc.CpusetCpus) s.cpusetCpus = hc.CpusetCpus;
  if (hc.CpuPeriod) s.cpuPeriod = String(hc.CpuPeriod);
  if (hc.CpuQuota) s.cpuQuota = String(hc.CpuQuota);
  if (hc.Memory) s.memory = formatSize(hc.Memory);
  if (hc.MemoryReservation) s.memoryReservation = formatSize(hc.MemoryReservation);
  if (hc.MemorySwap) s.memorySwap = hc.MemorySwap === -1 ? '-1' : formatSize(hc.MemorySwap);
  if (hc.MemorySwappiness !== null && hc.MemorySwappiness !== undefined && hc.MemorySwappiness >= 0) {
    s.memorySwappiness = String(hc.MemorySwappiness);
  }
  s.oomKillDisable = Boolean(hc.OomKillDisable);
  if (hc.PidsLimit) s.pidsLimit = String(hc.PidsLimit);
  if (hc.BlkioWeight) s.blkioWeight = String(hc.BlkioWeight);
  s.deviceReadBps = rates(hc.BlkioDeviceReadBps, false);
  s.deviceWriteBps = rates(hc.BlkioDeviceWriteBps, false);
  s.deviceReadIops = rates(hc.BlkioDeviceReadIOps, true);
  s.deviceWriteIops = rates(hc.BlkioDeviceWriteIOps, true);
  s.capAdd = (hc.CapAdd ?? []).map(stripCap);
  s.capDrop = (hc.CapDrop ?? []).map(stripCap);
  s.readOnly = Boolean(hc.ReadonlyRootfs);
  for (const opt of hc.SecurityOpt ?? []) {
    if (/^no-new-privileges(?:[:=]true)?$/.test(opt)) s.noNewPrivileges = true;
    else s.securityOpt.push(opt);
  }
  s.privileged = Boolean(hc.Privileged);
  const policy = hc.RestartPolicy?.Name || 'no';
  s.restart = policy as RestartName;
  if (policy === 'on-failure' && hc.RestartPolicy?.MaximumRetryCount) s.restartMaxRetries = String(hc.RestartPolicy.MaximumRetryCount);
  s.autoRemove = Boolean(hc.AutoRemove);
  const hcheck = cfg.Healthcheck;
  if (hcheck?.Test?.length && !same(hcheck.Test, image.Healthcheck?.Test)) {
    if (hcheck.Test[0] === 'NONE') s.health.mode = 'none';
    else {
      s.health = {
        mode: 'custom',
        cmd: hcheck.Test[0] === 'CMD-SHELL' ? (hcheck.Test[1] ?? '') : joinWords(hcheck.Test.slice(1)),
        interval: hcheck.Interval ? formatDuration(hcheck.Interval) : '',
        timeout: hcheck.Timeout ? formatDuration(hcheck.Timeout) : '',
        retries: hcheck.Retries ? String(hcheck.Retries) : '',
        startPeriod: hcheck.StartPeriod ? formatDuration(hcheck.StartPeriod) : '',
      };
    }
  }
  return s;
}
