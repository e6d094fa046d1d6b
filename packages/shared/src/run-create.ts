import { splitWords } from './run-command.ts';
import { CAPABILITIES, type DeviceRate, type RunSpec } from './run-spec.ts';
import { isContainerName, isCpuset, parseCpus, parseDuration, parseInteger, parsePortRange, parseSize } from './run-units.ts';

/** Field path (`memory`, `ports.0.hostPort`, `health.interval`) → what is wrong with it. */
export type FieldErrors = Record<string, string>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const isIp = (s: string) => IPV4.test(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));
const KNOWN_CAPS = new Set<string>([...CAPABILITIES, 'ALL']);

/** Checks every field before anything is sent; an empty object means the spec can be created. */
export function validateRunSpec(spec: RunSpec): FieldErrors {
  const e: FieldErrors = {};
  const check = (field: string, value: string, ok: (v: string) => boolean, message: string) => {
    if (value.trim() !== '' && !ok(value.trim())) e[field] = message;
  };
  if (!spec.image.trim()) e.image = 'Pick or type an image';
  else if (/\s/.test(spec.image.trim())) e.image = 'An image reference has no spaces';
  check('name', spec.name, isContainerName, 'Letters, digits, _ . - only, starting with a letter or digit');
  try {
    splitWords(spec.command);
  } catch (err) {
    e.command = (err as Error).message;
  }
  spec.env.forEach((kv, i) => {
    if (!kv.key && kv.value) e[`env.${i}.key`] = 'A variable needs a name';
    else if (kv.key && !/^[^=\s]+$/.test(kv.key)) e[`env.${i}.key`] = 'No spaces or = in a variable name';
  });
  spec.labels.forEach((kv, i) => {
    if (!kv.key && kv.value) e[`labels.${i}.key`] = 'A label needs a key';
  });
  spec.ports.forEach((p, i) => {
    const c = parsePortRange(p.containerPort);
    if (!c) e[`ports.${i}.containerPort`] = 'A port 1–65535 or a range like 8000-8010';
    if (p.hostPort) {
      const h = parsePortRange(p.hostPort);
      if (!h) e[`ports.${i}.hostPort`] = 'A port 1–65535 or a range like 8000-8010';
      else if (c && c[1] > c[0] && h[1] - h[0] !== c[1] - c[0]) e[`ports.${i}.hostPort`] = 'Host and container ranges differ in length';
    }
    check(`ports.${i}.hostIp`, p.hostIp, isIp, 'An IP address, like 127.0.0.1');
  });
  spec.volumes.forEach((v, i) => {
    if (!v.target.startsWith('/')) e[`volumes.${i}.target`] = 'An absolute path in the container';
  });
  spec.tmpfs.forEach((t, i) => {
    if (!t.target.startsWith('/')) e[`tmpfs.${i}.target`] = 'An absolute path in the container';
    check(`tmpfs.${i}.size`, t.size, (v) => parseSize(v) !== undefined, 'A size like 64m');
  });
  spec.networks.forEach((n, i) => {
    if (!n.name.trim()) e[`networks.${i}.name`] = 'Pick a network';
    check(`networks.${i}.ipv4`, n.ipv4, (v) => IPV4.test(v), 'An IPv4 address');
  });
  if (spec.networks.length > 1 && !spec.name.trim()) e.name = 'Name the container to connect it to more than one network';
  check('cpus', spec.cpus, (v) => parseCpus(v) !== undefined, 'A number of CPUs ≥ 0, like 0.5');
  check('cpuShares', spec.cpuShares, (v) => parseInteger(v) !== undefined, 'A whole number, like 512');
  check('cpusetCpus', spec.cpusetCpus, isCpuset, 'CPUs like 0-3 or 0,2');
  check('cpuPeriod', spec.cpuPeriod, (v) => parseInteger(v) !== undefined, 'Microseconds, like 100000');
  check('cpuQuota', spec.cpuQuota, (v) => parseInteger(v, { allowNegative: true }) !== undefined, 'Microseconds, like 50000');
  const size = 'A size like 64m, 512k or 1g';
  check('memory', spec.memory, (v) => parseSize(v) !== undefined, size);
  check('memoryReservation', spec.memoryReservation, (v) => parseSize(v) !== undefined, size);
  check('memorySwap', spec.memorySwap, (v) => v === '-1' || parseSize(v) !== undefined, `${size}, or -1 for unlimited`);
  if (spec.memorySwap && spec.memorySwap !== '-1' && !spec.memory) e.memorySwap = 'Set --memory too';
  const mem = parseSize(spec.memory);
  const swap = parseSize(spec.memorySwap);
  if (mem !== undefined && swap !== undefined && swap < mem) e.memorySwap = 'Must be at least the memory limit (it includes it)';
  check('memorySwappiness', spec.memorySwappiness, (v) => (parseInteger(v) ?? 101) <= 100, '0 to 100');
  check('pidsLimit', spec.pidsLimit, (v) => parseInteger(v, { allowNegative: true }) !== undefined, 'A whole number (-1 for unlimited)');
  check(
    'blkioWeight',
    spec.blkioWeight,
    (v) => ((n) => n !== undefined && (n === 0 || (n >= 10 && n <= 1000)))(parseInteger(v)),
    '10 to 1000',
  );
  for (const key of ['deviceReadBps', 'deviceWriteBps', 'deviceReadIops', 'deviceWriteIops'] as const) {
    spec[key].forEach((d, i) => {
      if (!d.path.startsWith('/dev/')) e[`${key}.${i}.path`] = 'A device path like /dev/sda';
      const ok = key.endsWith('Iops') ? parseInteger(d.rate) !== undefined : parseSize(d.rate) !== undefined;
      if (!ok) e[`${key}.${i}.rate`] = key.endsWith('Iops') ? 'Operations per second' : 'A rate like 1mb';
    });
  }
  check('user', spec.user, (v) => /^[^:\s]+(:[^:\s]+)?$/.test(v), 'user, uid, user:group or uid:gid');
  for (const key of ['capAdd', 'capDrop'] as const) {
    const bad = spec[key].filter((c) => !KNOWN_CAPS.has(c.toUpperCase().replace(/^CAP_/, '')));
    if (bad.length) e[key] = `Unknown capability: ${bad.join(', ')}`;
  }
  if (!['no', 'always', 'unless-stopped', 'on-failure'].includes(spec.restart)) e.restart = 'no, always, unless-stopped or on-failure';
  check('restartMaxRetries', spec.restartMaxRetries, (v) => parseInteger(v) !== undefined, 'A whole number');
  if (spec.restartMaxRetries && spec.restart !== 'on-failure') e.restartMaxRetries = 'Only with on-failure';
  if (spec.autoRemove && spec.restart !== 'no') e.restart = 'Auto-remove (--rm) cannot be combined with a restart policy';
  const h = spec.health;
  if (h.mode === 'custom') {
    if (!h.cmd.trim()) e['health.cmd'] = 'The command the check runs, like: wget -q -O- http://localhost/ || exit 1';
    for (const f of ['interval', 'timeout', 'startPeriod'] as const) {
      check(`health.${f}`, h[f], (v) => parseDuration(v) !== undefined, 'A duration like 30s, 1m30s or 500ms');
    }
    check('health.retries', h.retries, (v) => parseInteger(v) !== undefined, 'A whole number');
  }
  return e;
}

const num = (text: string, parser: (t: string) => number | undefined) => (text.trim() ? parser(text.trim()) : undefined);
const devices = (list: DeviceRate[], iops: boolean) =>
  list.map((d) => ({ Path: d.path, Rate: (iops ? parseInteger(d.rate) : parseSize(d.rate)) ?? 0 }));
const withCapPrefix = (c: string) => (c.toUpperCase() === 'ALL' ? 'ALL' : `CAP_${c.toUpperCase().replace(/^CAP_/, '')}`);

function portBindings(spec: RunSpec) {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const p of spec.ports) {
    const [c0, c1] = parsePortRange(p.containerPort) ?? [0, -1];
    const h = p.hostPort ? parsePortRange(p.hostPort) : undefined;
    for (let port = c0, k = 0; port <= c1; port++, k++) {
      const key = `${port}/${p.protocol}`;
      exposed[key] = {};
      let hostPort = '';
      if (h) hostPort = c1 > c0 ? String(h[0] + k) : h[0] === h[1] ? String(h[0]) : `${h[0]}-${h[1]}`;
      bindings[key] = [...(bindings[key] ?? []), { HostIp: p.hostIp, HostPort: hostPort }];
    }
  }
  return { exposed, bindings };
}

/** What `POST /containers/create` needs for a spec, as the docker CLI would send it. */
export interface CreateRequest {
  name: string;
  body: Record<string, unknown>;
  /** Networks after the first: connected with `POST /networks/{id}/connect` before start. */
  connect: Array<{ network: string; body: Record<string, unknown> }>;
  start: boolean;
}

/** The Engine API create body of a valid spec (call validateRunSpec first). */
export function createRequest(spec: RunSpec): CreateRequest {
  const { exposed, bindings } = portBindings(spec);
  const h = spec.health;
  const [first, ...more] = spec.networks;
  const viaCreate = !spec.start || spec.networks.length > 1;
  const endpoint = (n: { aliases: string[]; ipv4: string }) => ({
    ...(n.aliases.length ? { Aliases: n.aliases } : {}),
    ...(n.ipv4 ? { IPAMConfig: { IPv4Address: n.ipv4 } } : {}),
  });
  const config: Record<string, unknown> = {
    Image: spec.image.trim(),
    Cmd: spec.command.trim() ? splitWords(spec.command) : undefined,
    Entrypoint: spec.entrypoint ? [spec.entrypoint] : undefined,
    WorkingDir: spec.workdir || undefined,
    Hostname: spec.hostname || undefined,
    User: spec.user || undefined,
    Env: spec.env.filter((e) => e.key).map((e) => `${e.key}=${e.value}`),
    Labels: Object.fromEntries(spec.labels.filter((l) => l.key).map((l) => [l.key, l.value])),
    ExposedPorts: Object.keys(exposed).length ? exposed : undefined,
    Volumes: spec.volumes.some((v) => !v.source)
      ? Object.fromEntries(spec.volumes.filter((v) => !v.source).map((v) => [v.target, {}]))
      : undefined,
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    // `docker create` (not detached) attaches stdout/stderr, and stdin with -i; `docker run -d` none.
    AttachStdin: viaCreate && spec.interactive,
    AttachStdout: viaCreate,
    AttachStderr: viaCreate,
    StdinOnce: viaCreate && spec.interactive,
    Healthcheck:
      h.mode === 'none'
        ? { Test: ['NONE'] }
        : h.mode === 'custom'
          ? {
              Test: ['CMD-SHELL', h.cmd],
              Interval: num(h.interval, parseDuration) ?? 0,
              Timeout: num(h.timeout, parseDuration) ?? 0,
              StartPeriod: num(h.startPeriod, parseDuration) ?? 0,
              Retries: num(h.retries, parseInteger) ?? 0,
            }
          : undefined,
  };
  const hostConfig: Record<string, unknown> = {
    Binds: spec.volumes.filter((v) => v.source).map((v) => `${v.source}:${v.target}${v.readOnly ? ':ro' : ''}`),
    Tmpfs: spec.tmpfs.length
      ? Object.fromEntries(spec.tmpfs.map((t) => [t.target, [t.size ? `size=${t.size}` : '', t.options].filter(Boolean).join(',')]))
      : undefined,
    PortBindings: bindings,
    PublishAllPorts: spec.publishAll,
    NetworkMode: first?.name || 'default',
    NanoCpus: num(spec.cpus, parseCpus),
    CpuShares: num(spec.cpuShares, parseInteger),
    CpusetCpus: spec.cpusetCpus || undefined,
    CpuPeriod: num(spec.cpuPeriod, parseInteger),
    CpuQuota: num(spec.cpuQuota, (t) => parseInteger(t, { allowNegative: true })),
    Memory: num(spec.memory, parseSize),
    MemoryReservation: num(spec.memoryReservation, parseSize),
    MemorySwap: spec.memorySwap.trim() === '-1' ? -1 : num(spec.memorySwap, parseSize),
    MemorySwappiness: num(spec.memorySwappiness, parseInteger),
    OomKillDisable: spec.oomKillDisable || undefined,
    PidsLimit: num(spec.pidsLimit, (t) => parseInteger(t, { allowNegative: true })),
    BlkioWeight: num(spec.blkioWeight, parseInteger),
    BlkioDeviceReadBps: devices(spec.deviceReadBps, false),
    BlkioDeviceWriteBps: devices(spec.deviceWriteBps, false),
    BlkioDeviceReadIOps: devices(spec.deviceReadIops, true),
    BlkioDeviceWriteIOps: devices(spec.deviceWriteIops, true),
    CapAdd: spec.capAdd.map(withCapPrefix),
    CapDrop: spec.capDrop.map(withCapPrefix),
    ReadonlyRootfs: spec.readOnly,
    SecurityOpt: [...(spec.noNewPrivileges ? ['no-new-privileges'] : []), ...spec.securityOpt],
    Privileged: spec.privileged,
    RestartPolicy: { Name: spec.restart, MaximumRetryCount: num(spec.restartMaxRetries, parseInteger) ?? 0 },
    AutoRemove: spec.autoRemove,
  };
  return {
    name: spec.name.trim(),
    body: {
      ...config,
      HostConfig: hostConfig,
      ...(first ? { NetworkingConfig: { EndpointsConfig: { [first.name]: endpoint(first) } } } : {}),
    },
    connect: more.map((n) => ({ network: n.name, body: { Container: spec.name.trim(), EndpointConfig: endpoint(n) } })),
    start: spec.start,
  };
}
