import { joinWords, shellQuote } from '@porthole/shared/shell-quote-words';
import { splitShellWords } from '@porthole/shared/shell-words';
import type { ServiceSpec } from '../../lib/docker/swarm.ts';

/** `--config source=x,target=/etc/x`: a swarm config mounted read-only into every task (target `/<source>` when empty). */
export interface ConfigMount {
  source: string;
  target: string;
}

/** The fields of the service form, and the `docker service create` command they stand for. */
export interface ServiceForm {
  name: string;
  image: string;
  replicas: number;
  ports: string[];
  env: string[];
  constraints: string[];
  configs: ConfigMount[];
  /** The command and its arguments as typed (shell words, split on create). */
  command: string;
  /** `--stop-grace-period`: seconds a task has after SIGTERM (the engine's default is 10). */
  stopGraceSeconds: number;
  /** `--endpoint-mode`: `vip` (a virtual IP; needs IPVS) or `dnsrr` (DNS round robin). */
  endpointMode: 'vip' | 'dnsrr';
  updateParallelism: number;
  updateDelaySeconds: number;
  /** `--update-monitor`: seconds each batch is watched for failure (the engine's default is 5; rollbacks use it too). */
  updateMonitorSeconds: number;
}

export const emptyServiceForm = (): ServiceForm => ({
  name: '',
  image: '',
  replicas: 1,
  ports: [],
  env: [],
  constraints: [],
  configs: [],
  command: '',
  stopGraceSeconds: 10,
  endpointMode: 'vip',
  updateParallelism: 1,
  updateDelaySeconds: 0,
  updateMonitorSeconds: 5,
});

const quote = shellQuote;
const commandWords = (command: string) => {
  const split = splitShellWords(command.trim());
  return split.ok ? split.words : [];
};

export function serviceCommand(f: ServiceForm): string {
  const parts = ['docker service create'];
  if (f.name) parts.push(`--name ${quote(f.name)}`);
  parts.push(`--replicas ${f.replicas}`);
  for (const p of f.ports) parts.push(`--publish ${quote(p)}`);
  for (const e of f.env) parts.push(`--env ${quote(e)}`);
  for (const c of f.constraints) parts.push(`--constraint ${quote(c)}`);
  for (const c of f.configs) parts.push(`--config ${quote(c.target ? `source=${c.source},target=${c.target}` : c.source)}`);
  if (f.stopGraceSeconds !== 10) parts.push(`--stop-grace-period ${f.stopGraceSeconds}s`);
  if (f.endpointMode !== 'vip') parts.push(`--endpoint-mode ${f.endpointMode}`);
  if (f.updateParallelism !== 1) parts.push(`--update-parallelism ${f.updateParallelism}`);
  if (f.updateDelaySeconds) parts.push(`--update-delay ${f.updateDelaySeconds}s`);
  if (f.updateMonitorSeconds !== 5) parts.push(`--update-monitor ${f.updateMonitorSeconds}s --rollback-monitor ${f.updateMonitorSeconds}s`);
  parts.push(quote(f.image || '<image>'));
  if (f.command.trim()) parts.push(f.command.trim());
  return parts.join(' ');
}

/** `8080:80` or `8080:80/udp` → a port config; a bare `80` publishes on a port the swarm picks. */
function portConfig(p: string) {
  const [ports = '', proto = 'tcp'] = p.split('/');
  const [a, b] = ports.split(':');
  return b === undefined
    ? { Protocol: proto, TargetPort: Number(a) }
    : { Protocol: proto, PublishedPort: Number(a), TargetPort: Number(b) };
}

/** The service spec; `configIds` resolves config names (the engine wants both name and id). */
export function serviceSpec(f: ServiceForm, configIds: Record<string, string> = {}): ServiceSpec {
  const args = commandWords(f.command);
  const configs = f.configs.map((c) => ({
    ConfigID: configIds[c.source] ?? c.source,
    ConfigName: c.source,
    File: { Name: c.target || `/${c.source}`, UID: '0', GID: '0', Mode: 0o444 },
  }));
  const rollout = {
    Parallelism: f.updateParallelism,
    Delay: f.updateDelaySeconds * 1e9,
    Monitor: f.updateMonitorSeconds * 1e9,
    FailureAction: 'pause',
    Order: 'stop-first',
  };
  return {
    Name: f.name,
    Labels: {},
    TaskTemplate: {
      ContainerSpec: {
        Image: f.image,
        Env: f.env,
        StopGracePeriod: f.stopGraceSeconds * 1e9,
        ...(args.length ? { Args: args } : {}),
        ...(configs.length ? { Configs: configs } : {}),
      },
      Placement: { Constraints: f.constraints },
    },
    Mode: { Replicated: { Replicas: f.replicas } },
    UpdateConfig: rollout,
    RollbackConfig: rollout,
    EndpointSpec: { Mode: f.endpointMode, Ports: f.ports.map(portConfig) },
  };
}

const LIST_FLAGS: Record<string, 'ports' | 'env' | 'constraints'> = {
  '--publish': 'ports',
  '-p': 'ports',
  '--env': 'env',
  '-e': 'env',
  '--constraint': 'constraints',
};

/** Fills the form from a pasted `docker service create …`; unknown flags are named, never guessed. */
export function parseServiceCommand(line: string): { ok: true; form: ServiceForm } | { ok: false; error: string } {
  const split = splitShellWords(line.trim());
  if (!split.ok) return split;
  const words = [...split.words];
  if (words[0] === 'docker') words.shift();
  if (words[0] === 'service') words.shift();
  if (words[0] === 'create') words.shift();
  const form = emptyServiceForm();
  while (words.length && words[0]?.startsWith('-')) {
    const raw = words.shift() as string;
    if (raw === '-d' || raw === '--detach') continue; // the CLI's own waiting; the form never waits
    const [flag, inline] = raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    const value = inline ?? words.shift();
    if (value === undefined) return { ok: false, error: `${flag} needs a value` };
    const list = LIST_FLAGS[flag];
    if (list) form[list].push(value);
    else if (flag === '--config') {
      const mount = configMount(value);
      if (typeof mount === 'string') return { ok: false, error: mount };
      form.configs.push(mount);
    } else if (flag === '--name') form.name = value;
    else if (flag === '--replicas') form.replicas = Number(value);
    else if (flag === '--update-parallelism') form.updateParallelism = Number(value);
    else if (flag === '--update-delay') form.updateDelaySeconds = Number.parseFloat(value);
    else if (flag === '--update-monitor' || flag === '--rollback-monitor') form.updateMonitorSeconds = Number.parseFloat(value);
    else if (flag === '--stop-grace-period') form.stopGraceSeconds = Number.parseFloat(value);
    else if (flag === '--endpoint-mode' && (value === 'vip' || value === 'dnsrr')) form.endpointMode = value;
    else return { ok: false, error: `${flag} is not supported by the form` };
  }
  const [image, ...args] = words;
  if (!image) return { ok: false, error: 'No image given' };
  form.image = image;
  form.command = joinWords(args);
  return { ok: true, form };
}

/** `x` or `source=x,target=/etc/x` (`src`, `dst` too); uid, gid and mode are left to the form's defaults, so refused. */
function configMount(value: string): ConfigMount | string {
  if (!value.includes('=')) return { source: value, target: '' };
  const mount: ConfigMount = { source: '', target: '' };
  for (const part of value.split(',')) {
    const at = part.indexOf('=');
    const [k, v] = at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)];
    if (k === 'source' || k === 'src') mount.source = v;
    else if (k === 'target' || k === 'dst' || k === 'destination') mount.target = v;
    else return `--config ${k} is not supported by the form`;
  }
  return mount.source ? mount : '--config needs a source';
}
