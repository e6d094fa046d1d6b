import type { DeviceRate, PortSpec, RunSpec } from './run-spec.ts';
import { joinWords, shellQuote } from './shell-quote-words.ts';
import { shellTokens } from './shell-words.ts';

/** A pasted command that cannot be turned into a form: names every unknown option and line. */
export class RunCommandError extends Error {
  constructor(
    message: string,
    readonly unknownOptions: string[] = [],
  ) {
    super(message);
    this.name = 'RunCommandError';
  }
}

export { joinWords, shellQuote };

/** Splits shell text into words (`sh -c 'echo hi'` → ['sh', '-c', 'echo hi']); `$VARS` stay literal. */
export function splitWords(text: string): string[] {
  const split = shellTokens(text);
  if (!split.ok) throw new RunCommandError(split.error);
  return split.tokens.map((token) => {
    if (typeof token !== 'string') throw new RunCommandError(`Shell operator "${token.op}" is not allowed here`);
    return token;
  });
}

export function formatPort(p: PortSpec): string {
  const container = `${p.containerPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
  if (!p.hostIp && !p.hostPort) return container;
  const ip = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  return ip ? `${ip}:${p.hostPort}:${container}` : `${p.hostPort}:${container}`;
}

export function parsePort(text: string): PortSpec {
  const m = /^(?:(?:\[([^\]]+)\]|([^:]*)):)?(?:([^:]*):)?([^:/]+)(?:\/(tcp|udp|sctp))?$/.exec(text);
  if (!m) return { hostIp: '', hostPort: '', containerPort: text, protocol: 'tcp' };
  let hostIp = m[1] ?? m[2] ?? '';
  let hostPort = m[3] ?? '';
  // `8080:80` has one colon: the first part is the host port, not an address.
  if (m[3] === undefined && (m[1] ?? m[2]) !== undefined) {
    hostPort = hostIp;
    hostIp = '';
  }
  return { hostIp, hostPort, containerPort: m[4]!, protocol: (m[5] as PortSpec['protocol']) ?? 'tcp' };
}

const deviceArgs = (flag: string, rates: DeviceRate[]) => rates.flatMap((d) => [flag, `${d.path}:${d.rate}`]);
const opt = (flag: string, value: string) => (value.trim() ? [flag, value.trim()] : []);
const flag = (name: string, on: boolean) => (on ? [name] : []);

/** The `docker run` (or `docker create`) words of a spec, without `docker` itself. */
export function runArgs(spec: RunSpec): string[] {
  const [first] = spec.networks;
  const multi = spec.networks.length > 1;
  const verb = spec.start && !multi ? ['run', '-d'] : ['create'];
  const h = spec.health;
  return [
    ...verb,
    ...opt('--name', spec.name),
    ...flag('-i', spec.interactive),
    ...flag('-t', spec.tty),
    ...flag('--rm', spec.autoRemove),
    ...opt('--hostname', spec.hostname),
    ...opt('--user', spec.user),
    ...opt('--workdir', spec.workdir),
    ...(spec.entrypoint ? ['--entrypoint', spec.entrypoint] : []),
    ...spec.env.filter((e) => e.key).flatMap((e) => ['-e', `${e.key}=${e.value}`]),
    ...spec.labels.filter((l) => l.key).flatMap((l) => ['--label', l.value === '' ? l.key : `${l.key}=${l.value}`]),
    ...spec.ports.filter((p) => p.containerPort).flatMap((p) => ['-p', formatPort(p)]),
    ...flag('-P', spec.publishAll),
    ...spec.volumes.filter((v) => v.target).flatMap((v) => ['-v', [v.source, v.target, v.readOnly ? 'ro' : ''].filter(Boolean).join(':')]),
    ...spec.tmpfs
      .filter((t) => t.target)
      .flatMap((t) => {
        const o = [t.size ? `size=${t.size}` : '', t.options].filter(Boolean).join(',');
        return ['--tmpfs', o ? `${t.target}:${o}` : t.target];
      }),
    ...(first ? ['--network', first.name, ...first.aliases.flatMap((a) => ['--network-alias', a]), ...opt('--ip', first.ipv4)] : []),
    ...opt('--cpus', spec.cpus),
    ...opt('--cpu-shares', spec.cpuShares),
    ...opt('--cpuset-cpus', spec.cpusetCpus),
    ...opt('--cpu-period', spec.cpuPeriod),
    ...opt('--cpu-quota', spec.cpuQuota),
    ...opt('--memory', spec.memory),
    ...opt('--memory-reservation', spec.memoryReservation),
    ...opt('--memory-swap', spec.memorySwap),
    ...opt('--memory-swappiness', spec.memorySwappiness),
    ...flag('--oom-kill-disable', spec.oomKillDisable),
    ...opt('--pids-limit', spec.pidsLimit),
    ...opt('--blkio-weight', spec.blkioWeight),
    ...deviceArgs('--device-read-bps', spec.deviceReadBps),
    ...deviceArgs('--device-write-bps', spec.deviceWriteBps),
    ...deviceArgs('--device-read-iops', spec.deviceReadIops),
    ...deviceArgs('--device-write-iops', spec.deviceWriteIops),
    ...spec.capDrop.flatMap((c) => ['--cap-drop', c]),
    ...spec.capAdd.flatMap((c) => ['--cap-add', c]),
    ...flag('--read-only', spec.readOnly),
    ...(spec.noNewPrivileges ? ['--security-opt', 'no-new-privileges'] : []),
    ...spec.securityOpt.flatMap((s) => ['--security-opt', s]),
    ...flag('--privileged', spec.privileged),
    ...(spec.restart !== 'no'
      ? ['--restart', spec.restart === 'on-failure' && spec.restartMaxRetries ? `on-failure:${spec.restartMaxRetries}` : spec.restart]
      : []),
    ...(h.mode === 'none' ? ['--no-healthcheck'] : []),
    ...(h.mode === 'custom'
      ? [
          ...opt('--health-cmd', h.cmd),
          ...opt('--health-interval', h.interval),
          ...opt('--health-timeout', h.timeout),
          ...opt('--health-retries', h.retries),
          ...opt('--health-start-period', h.startPeriod),
        ]
      : []),
    spec.image || 'IMAGE',
    ...(spec.command.trim() ? safeSplit(spec.command) : []),
  ];
}

function safeSplit(text: string): string[] {
  try {
    return splitWords(text);
  } catch {
    return [text];
  }
}

/**
 * The shell command(s) that recreate a spec with the docker CLI. API 1.41 connects one network at
 * create, so further networks become `docker network connect` lines before `docker start`.
 */
export function runCommandLines(spec: RunSpec): string[] {
  const lines = [`docker ${joinWords(runArgs(spec))}`];
  const name = spec.name || 'CONTAINER';
  for (const n of spec.networks.slice(1)) {
    lines.push(
      `docker ${joinWords(['network', 'connect', ...n.aliases.flatMap((a) => ['--alias', a]), ...opt('--ip', n.ipv4), n.name, name])}`,
    );
  }
  if (spec.networks.length > 1 && spec.start) lines.push(`docker start ${shellQuote(name)}`);
  return lines;
}

export const runCommand = (spec: RunSpec): string => runCommandLines(spec).join('\n');
