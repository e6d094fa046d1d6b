import { splitShellWords } from '@porthole/shared/shell-words';
import { parse as parseYaml } from 'yaml';
import { ApiError } from '../http/api-error.ts';

/** The label `docker stack deploy` puts on everything of a stack. */
export const STACK_LABEL = 'com.docker.stack.namespace';

type Dict = Record<string, unknown>;
export interface StackPlan {
  networks: Array<{ name: string; spec: Dict }>;
  secrets: Array<{ name: string; spec: Dict }>;
  configs: Array<{ name: string; spec: Dict }>;
  services: Array<{ name: string; spec: Dict }>;
  /** Objects the compose file says exist already (`external: true`). */
  external: { networks: string[]; secrets: string[]; configs: string[] };
}

const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (msg: string) => new ApiError(400, `Compose file: ${msg}`);
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** `1m30s`, `10s`, `500ms` → nanoseconds (what the Engine API takes). */
export function durationNs(v: unknown, what: string): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+)ms)?$/.exec(String(v));
  if (!m || String(v) === '') throw bad(`${what} "${v}" is not a duration like 10s or 1m30s`);
  const s = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) + Number(m[4] ?? 0) / 1000;
  return Math.round(s * 1e9);
}

function stringMap(v: unknown, what: string): Record<string, string> {
  if (v === undefined) return {};
  if (Array.isArray(v)) {
    return Object.fromEntries(
      v.map((e) => {
        const [k, ...rest] = String(e).split('=');
        return [k as string, rest.join('=')];
      }),
    );
  }
  if (!isDict(v)) throw bad(`${what} must be a list or a map`);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, str(x) ?? '']));
}

/** `command: sleep 3600` is split into words like the compose CLI does (no shell). */
function words(v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(String);
  const split = splitShellWords(String(v));
  if (!split.ok) throw bad(`command "${v}": ${split.error}`);
  return split.words;
}

function ports(v: unknown): Dict[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw bad('ports must be a list');
  return v.map((p) => {
    if (isDict(p)) {
      return {
        TargetPort: Number(p.target),
        PublishedPort: p.published === undefined ? undefined : Number(p.published),
        Protocol: str(p.protocol) ?? 'tcp',
        PublishMode: str(p.mode) ?? 'ingress',
      };
    }
    const m = /^(?:(\d+):)?(\d+)(?:\/(tcp|udp))?$/.exec(String(p));
    if (!m) throw bad(`port "${p}" is not PUBLISHED:TARGET[/PROTOCOL]`);
    return { TargetPort: Number(m[2]), PublishedPort: m[1] ? Number(m[1]) : undefined, Protocol: m[3] ?? 'tcp', PublishMode: 'ingress' };
  });
}

/** Parses a compose file (version 3) into what `docker stack deploy` creates, names prefixed `<stack>_`. */
export function planStack(stack: string, composeText: string, files: Record<string, string> = {}): StackPlan {
  let doc: unknown;
  try {
    doc = parseYaml(composeText, { maxAliasCount: 100 });
  } catch (err) {
    throw bad((err as Error).message.split('\n')[0] as string);
  }
  if (!isDict(doc) || !isDict(doc.services) || Object.keys(doc.services).length === 0) throw bad('no services');
  const labels = { [STACK_LABEL]: stack };
  const plan: StackPlan = { networks: [], secrets: [], configs: [], services: [], external: { networks: [], secrets: [], configs: [] } };
  const scoped = (kind: 'networks' | 'secrets' | 'configs', key: string) => {
    const top = isDict(doc) && isDict(doc[kind]) ? (doc[kind] as Dict)[key] : undefined;
    const def = isDict(top) ? top : {};
    return str(def.name) ?? (def.external ? key : `${stack}_${key}`);
  };

  const topNetworks = isDict(doc.networks) ? doc.networks : {};
  const usesDefault = Object.values(doc.services).some((s) => !isDict(s) || s.networks === undefined);
  const networkDefs: Array<[string, Dict]> = Object.entries(topNetworks).map(([k, v]) => [k, isDict(v) ? v : {}]);
  if (usesDefault && !topNetworks.default) networkDefs.push(['default', {}]);
  for (const [key, def] of networkDefs) {
    const name = scoped('networks', key);
    if (def.external) plan.external.networks.push(name);
    else
      plan.networks.push({
        name,
        spec: {
          Name: name,
          Driver: str(def.driver) ?? 'overlay',
          Attachable: Boolean(def.attachable),
          Options: stringMap(def.driver_opts, 'driver_opts'),
          Labels: { ...stringMap(def.labels, 'labels'), ...labels },
        },
      });
  }
  for (const kind of ['secrets', 'configs'] as const) {
    for (const [key, raw] of Object.entries(isDict(doc[kind]) ? (doc[kind] as Dict) : {})) {
      const def = isDict(raw) ? raw : {};
      const name = scoped(kind, key);
      if (def.external) {
        plan.external[kind].push(name);
        continue;
      }
      const file = str(def.file);
      const data = file !== undefined ? files[file] : undefined;
      if (data === undefined)
        throw bad(`${kind}.${key}: give its content in "files" under "${file ?? key}" (the file is on your machine, not the server's)`);
      plan[kind].push({
        name,
        spec: { Name: name, Data: Buffer.from(data).toString('base64'), Labels: { ...stringMap(def.labels, 'labels'), ...labels } },
      });
    }
  }

  for (const [key, raw] of Object.entries(doc.services)) {
    if (!isDict(raw) || !raw.image) throw bad(`service ${key} needs an image`);
    const deploy = isDict(raw.deploy) ? raw.deploy : {};
    const netKeys =
      raw.networks === undefined ? ['default'] : Array.isArray(raw.networks) ? raw.networks.map(String) : Object.keys(raw.networks as Dict);
    const refs = (kind: 'secrets' | 'configs') =>
      (Array.isArray(raw[kind]) ? (raw[kind] as unknown[]) : []).map((r) => {
        const source = isDict(r) ? String(r.source) : String(r);
        const target = isDict(r) && r.target ? String(r.target) : source;
        const name = scoped(kind, source);
        const ref = { File: { Name: kind === 'secrets' ? target : `/${target.replace(/^\//, '')}`, UID: '0', GID: '0', Mode: 0o444 } };
        return kind === 'secrets' ? { ...ref, SecretName: name } : { ...ref, ConfigName: name };
      });
    const placement = isDict(deploy.placement) ? deploy.placement : {};
    const update = isDict(deploy.update_config) ? deploy.update_config : {};
    const rollback = isDict(deploy.rollback_config) ? deploy.rollback_config : {};
    const restart = isDict(deploy.restart_policy) ? deploy.restart_policy : {};
    const name = `${stack}_${key}`;
    const image = String(raw.image);
    const updateCfg = (c: Dict) => ({
      Parallelism: c.parallelism === undefined ? 1 : Number(c.parallelism),
      Delay: durationNs(c.delay, 'delay') ?? 0,
      Order: str(c.order) ?? 'stop-first',
      FailureAction: str(c.failure_action) ?? 'pause',
    });
    plan.services.push({
      name,
      spec: {
        Name: name,
        Labels: { ...stringMap(deploy.labels, 'deploy.labels'), ...labels, 'com.docker.stack.image': image },
        TaskTemplate: {
          ContainerSpec: {
            Image: image,
            Command: raw.entrypoint !== undefined ? words(raw.entrypoint) : undefined,
            Args: words(raw.command),
            Env: Object.entries(stringMap(raw.environment, 'environment')).map(([k, v]) => `${k}=${v}`),
            Labels: { ...stringMap(raw.labels, 'labels'), ...labels },
            Hostname: str(raw.hostname),
            User: str(raw.user),
            WorkingDir: str(raw.working_dir),
            StopGracePeriod: durationNs(raw.stop_grace_period, 'stop_grace_period'),
            Secrets: refs('secrets'),
            Configs: refs('configs'),
          },
          Placement: { Constraints: Array.isArray(placement.constraints) ? placement.constraints.map(String) : [] },
          RestartPolicy: {
            Condition: str(restart.condition) ?? 'any',
            Delay: durationNs(restart.delay, 'delay'),
            MaxAttempts: restart.max_attempts === undefined ? undefined : Number(restart.max_attempts),
          },
          Networks: netKeys.map((k) => ({ Target: scoped('networks', k), Aliases: [key] })),
        },
        Mode:
          deploy.mode === 'global'
            ? { Global: {} }
            : { Replicated: { Replicas: deploy.replicas === undefined ? 1 : Number(deploy.replicas) } },
        UpdateConfig: updateCfg(update),
        RollbackConfig: updateCfg(rollback),
        EndpointSpec: { Mode: str(deploy.endpoint_mode) ?? 'vip', Ports: ports(raw.ports) },
      },
    });
  }
  return plan;
}
