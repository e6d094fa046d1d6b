import { joinWords, parsePort, RunCommandError } from './run-command.ts';
import { type DeviceRate, emptyRunSpec, type NetworkSpec, type RestartName, type RunSpec } from './run-spec.ts';
import { shellTokens } from './shell-words.ts';

type Apply = (spec: RunSpec, value: string) => void;
interface OptionDef {
  /** Takes a value (`--name web`) or is a switch (`--rm`, `--rm=false`). */
  value: boolean;
  apply: Apply;
}

const kv = (text: string) => {
  const i = text.indexOf('=');
  return i < 0 ? { key: text, value: '' } : { key: text.slice(0, i), value: text.slice(i + 1) };
};
const rate = (text: string): DeviceRate => {
  const i = text.lastIndexOf(':');
  return i < 0 ? { path: text, rate: '' } : { path: text.slice(0, i), rate: text.slice(i + 1) };
};
const bool = (v: string) => v !== 'false' && v !== '0';
const firstNetwork = (spec: RunSpec): NetworkSpec => {
  if (!spec.networks[0]) spec.networks.push({ name: '', aliases: [], ipv4: '' });
  return spec.networks[0]!;
};
const stripCap = (c: string) => c.toUpperCase().replace(/^CAP_/, '');

function network(spec: RunSpec, v: string) {
  // `--network name=x,alias=a,ip=1.2.3.4` (advanced syntax) or `--network x`
  if (/^name=/.test(v)) {
    const n: NetworkSpec = { name: '', aliases: [], ipv4: '' };
    for (const part of v.split(',')) {
      const { key, value } = kv(part);
      if (key === 'name') n.name = value;
      else if (key === 'alias') n.aliases.push(value);
      else if (key === 'ip') n.ipv4 = value;
      else throw new RunCommandError(`Unsupported --network field "${key}"`, [`--network ${key}=`]);
    }
    spec.networks.push(n);
  } else if (spec.networks[0] && !spec.networks[0].name) spec.networks[0].name = v;
  else spec.networks.push({ name: v, aliases: [], ipv4: '' });
}

function volume(spec: RunSpec, v: string) {
  const parts = v.split(':');
  if (parts.length === 1) return spec.volumes.push({ source: '', target: v, readOnly: false });
  const mode = parts.length > 2 ? parts.pop()! : '';
  const bad = mode.split(',').filter((m) => m && m !== 'ro' && m !== 'rw');
  if (bad.length) throw new RunCommandError(`Unsupported volume mode "${bad.join(',')}" in -v ${v}`, [`-v …:${mode}`]);
  spec.volumes.push({ source: parts[0]!, target: parts.slice(1).join(':'), readOnly: mode.split(',').includes('ro') });
}

function tmpfs(spec: RunSpec, v: string) {
  const i = v.indexOf(':');
  const target = i < 0 ? v : v.slice(0, i);
  const opts = i < 0 ? [] : v.slice(i + 1).split(',');
  const size = opts.find((o) => o.startsWith('size='))?.slice(5) ?? '';
  spec.tmpfs.push({ target, size, options: opts.filter((o) => o && !o.startsWith('size=')).join(',') });
}

function restart(spec: RunSpec, v: string) {
  const [name, max] = v.split(':');
  spec.restart = (name as RestartName) ?? 'no';
  spec.restartMaxRetries = max ?? '';
}

function health(field: 'cmd' | 'interval' | 'timeout' | 'retries' | 'startPeriod'): Apply {
  return (s, v) => {
    s.health.mode = 'custom';
    s.health[field] = v;
  };
}

const set =
  (field: keyof RunSpec): Apply =>
  (s, v) => {
    (s as unknown as Record<string, string>)[field] = v;
  };
const on =
  (field: keyof RunSpec): Apply =>
  (s, v) => {
    (s as unknown as Record<string, boolean>)[field] = bool(v);
  };

const OPTIONS: Record<string, OptionDef> = {
  detach: { value: false, apply: () => {} },
  name: { value: true, apply: set('name') },
  interactive: { value: false, apply: on('interactive') },
  tty: { value: false, apply: on('tty') },
  rm: { value: false, apply: on('autoRemove') },
  hostname: { value: true, apply: set('hostname') },
  user: { value: true, apply: set('user') },
  workdir: { value: true, apply: set('workdir') },
  entrypoint: { value: true, apply: set('entrypoint') },
  env: { value: true, apply: (s, v) => s.env.push(kv(v)) },
  label: { value: true, apply: (s, v) => s.labels.push(kv(v)) },
  publish: { value: true, apply: (s, v) => s.ports.push(parsePort(v)) },
  'publish-all': { value: false, apply: on('publishAll') },
  volume: { value: true, apply: volume },
  tmpfs: { value: true, apply: tmpfs },
  network: { value: true, apply: network },
  'network-alias': { value: true, apply: (s, v) => firstNetwork(s).aliases.push(v) },
  ip: { value: true, apply: (s, v) => (firstNetwork(s).ipv4 = v) },
  cpus: { value: true, apply: set('cpus') },
  'cpu-shares': { value: true, apply: set('cpuShares') },
  'cpuset-cpus': { value: true, apply: set('cpusetCpus') },
  'cpu-period': { value: true, apply: set('cpuPeriod') },
  'cpu-quota': { value: true, apply: set('cpuQuota') },
  memory: { value: true, apply: set('memory') },
  'memory-reservation': { value: true, apply: set('memoryReservation') },
  'memory-swap': { value: true, apply: set('memorySwap') },
  'memory-swappiness': { value: true, apply: set('memorySwappiness') },
  'oom-kill-disable': { value: false, apply: on('oomKillDisable') },
  'pids-limit': { value: true, apply: set('pidsLimit') },
  'blkio-weight': { value: true, apply: set('blkioWeight') },
  'device-read-bps': { value: true, apply: (s, v) => s.deviceReadBps.push(rate(v)) },
  'device-write-bps': { value: true, apply: (s, v) => s.deviceWriteBps.push(rate(v)) },
  'device-read-iops': { value: true, apply: (s, v) => s.deviceReadIops.push(rate(v)) },
  'device-write-iops': { value: true, apply: (s, v) => s.deviceWriteIops.push(rate(v)) },
  'cap-add': { value: true, apply: (s, v) => s.capAdd.push(stripCap(v)) },
  'cap-drop': { value: true, apply: (s, v) => s.capDrop.push(stripCap(v)) },
  'read-only': { value: false, apply: on('readOnly') },
  'security-opt': {
    value: true,
    apply: (s, v) => {
      if (/^no-new-privileges(?:[:=]true)?$/.test(v)) s.noNewPrivileges = true;
      else s.securityOpt.push(v);
    },
  },
  privileged: { value: false, apply: on('privileged') },
  restart: { value: true, apply: restart },
  'health-cmd': { value: true, apply: health('cmd') },
  'health-interval': { value: true, apply: health('interval') },
  'health-timeout': { value: true, apply: health('timeout') },
  'health-retries': { value: true, apply: health('retries') },
  'health-start-period': { value: true, apply: health('startPeriod') },
  'no-healthcheck': { value: false, apply: (s, v) => (s.health.mode = bool(v) ? 'none' : 'image') },
};
/** docker run options the form does not have that take a value: skipped with their value, then named. */
const UNSUPPORTED_WITH_VALUE = new Set(
  (
    'add-host attach blkio-weight-device cgroup-parent cgroupns cidfile cpu-count cpu-percent cpu-rt-period cpu-rt-runtime ' +
    'cpuset-mems device device-cgroup-rule dns dns-option dns-search domainname env-file expose gpus group-add ' +
    'health-start-interval io-maxbandwidth io-maxiops ip6 ipc isolation kernel-memory label-file link link-local-ip ' +
    'log-driver log-opt mac-address mount oom-score-adj pid platform pull runtime shm-size stop-signal stop-timeout ' +
    'storage-opt sysctl ulimit userns uts volume-driver volumes-from detach-keys annotation'
  ).split(' '),
);

const ALIASES: Record<string, string> = { net: 'network', 'net-alias': 'network-alias' };
const SHORT: Record<string, string> = {
  d: 'detach',
  i: 'interactive',
  t: 'tty',
  h: 'hostname',
  u: 'user',
  w: 'workdir',
  e: 'env',
  l: 'label',
  p: 'publish',
  P: 'publish-all',
  v: 'volume',
  m: 'memory',
  c: 'cpu-shares',
};

/** Applies the words after `docker run` to a spec; unknown options are collected, not dropped. */
function applyRunWords(spec: RunSpec, words: string[], unknown: string[]): void {
  let i = 0;
  const take = (opt: string) => {
    if (i + 1 >= words.length) throw new RunCommandError(`Option ${opt} needs a value`);
    return words[++i]!;
  };
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const raw = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const name = ALIASES[raw] ?? raw;
      const def = OPTIONS[name];
      if (!def) {
        unknown.push(`--${raw}`);
        if (eq < 0 && UNSUPPORTED_WITH_VALUE.has(raw)) i++;
        continue;
      }
      const value = eq >= 0 ? w.slice(eq + 1) : def.value ? take(w) : 'true';
      def.apply(spec, value);
      continue;
    }
    // short options, possibly combined (`-dit`) or with an attached value (`-p8080:80`)
    for (let j = 1; j < w.length; j++) {
      const name = SHORT[w[j]!];
      const def = name ? OPTIONS[name] : undefined;
      if (!def) {
        unknown.push(`-${w[j]}`);
        if (w[j] === 'a' && j === w.length - 1) i++;
        continue;
      }
      if (!def.value) {
        def.apply(spec, 'true');
        continue;
      }
      const rest = w.slice(j + 1).replace(/^=/, '');
      def.apply(spec, rest || take(`-${w[j]}`));
      break;
    }
  }
  spec.image = words[i] ?? '';
  spec.command = joinWords(words.slice(i + 1));
}

function connectLine(spec: RunSpec, words: string[], unknown: string[]) {
  const n: NetworkSpec = { name: '', aliases: [], ipv4: '' };
  const rest: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const [opt, inline] =
      w.startsWith('--') && w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
    if (opt === '--alias') n.aliases.push(inline ?? words[++i] ?? '');
    else if (opt === '--ip') n.ipv4 = inline ?? words[++i] ?? '';
    else if (w.startsWith('-')) unknown.push(opt);
    else rest.push(w);
  }
  n.name = rest[0] ?? '';
  spec.networks.push(n);
}

/** Splits pasted text into commands: `\` line continuations joined, lines and `&&` / `;` separate. */
function commands(text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    let current: string[] = [];
    const split = shellTokens(line);
    if (!split.ok) throw new RunCommandError(split.error);
    for (const token of split.tokens) {
      if (typeof token === 'string') current.push(token);
      else if (token.op === '&&' || token.op === ';') {
        if (current.length) out.push(current);
        current = [];
      } else throw new RunCommandError(`Shell operator "${token.op}" is not supported in a pasted command`);
    }
    if (current.length) out.push(current);
  }
  return out;
}

/**
 * Fills a spec from a pasted `docker run` / `docker create` command (plus the `docker network connect`
 * and `docker start` lines Porthole itself writes). Unknown options throw a RunCommandError naming them.
 */
export function parseRunCommand(text: string): RunSpec {
  const spec = emptyRunSpec();
  const unknown: string[] = [];
  let sawRun = false;
  let sawStart = false;
  for (const words of commands(text)) {
    const w = words[0] === 'sudo' ? words.slice(1) : words;
    if (w[0] !== 'docker') throw new RunCommandError(`Not a docker command: ${words.join(' ')}`);
    const sub = w[1] === 'container' ? w.slice(2) : w.slice(1);
    if ((sub[0] === 'run' || sub[0] === 'create') && !sawRun) {
      sawRun = true;
      spec.start = sub[0] === 'run';
      applyRunWords(spec, sub.slice(1), unknown);
    } else if (w[1] === 'network' && w[2] === 'connect' && sawRun) connectLine(spec, w.slice(3), unknown);
    else if (sub[0] === 'start' && sawRun) sawStart = true;
    else
      throw new RunCommandError(
        `Only one docker run or docker create (with docker network connect / docker start) can be pasted, not: ${w.join(' ')}`,
      );
  }
  if (!sawRun) throw new RunCommandError('No docker run command found');
  if (sawStart) spec.start = true;
  if (unknown.length) {
    const names = [...new Set(unknown)];
    throw new RunCommandError(`Unknown option${names.length > 1 ? 's' : ''}: ${names.join(', ')}`, names);
  }
  if (!spec.image) throw new RunCommandError('The command names no image');
  return spec;
}
