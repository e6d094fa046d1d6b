import type { StackDeployResult, StackInfo } from '@porthole/shared/stacks';
import { ApiError, isNotFound } from '../http/api-error.ts';
import type { EngineApi, SwarmKind } from './engine-api.ts';
import { STACK_LABEL, planStack } from './stack-compose.ts';

/** How long removing a stack waits for its networks (held until the tasks on them are gone). */
const NETWORK_RELEASE_MS = 30_000;

/** The Swarm operations need a manager: 409 with the reason otherwise. */
export async function requireManager(engine: EngineApi): Promise<void> {
  const info = await engine.systemInfo();
  if (info.Swarm?.LocalNodeState !== 'active')
    throw new ApiError(409, `Engine "${engine.id}" is not part of a Swarm (docker swarm init makes it a manager)`);
  if (!info.Swarm.ControlAvailable)
    throw new ApiError(409, `Engine "${engine.id}" is a Swarm worker: stacks and services are managed on a manager`);
}

const byStack = (name: string) => ({ label: [`${STACK_LABEL}=${name}`] });

/**
 * `docker stack deploy`, done on the server: networks, secrets and configs that do not exist yet
 * are created, services are created or updated (a redeploy), everything labelled with the stack.
 */
export async function deployStack(
  engine: EngineApi,
  name: string,
  compose: string,
  files?: Record<string, string>,
): Promise<StackDeployResult> {
  const plan = planStack(name, compose, files);
  await requireManager(engine);
  const created: string[] = [];
  const updated: string[] = [];
  const existing = async (kind: SwarmKind) => {
    const list = (await engine.swarmList(kind)) as Array<{ Name?: string; Spec?: { Name?: string } }>;
    return new Set(list.map((o) => o.Spec?.Name ?? o.Name ?? ''));
  };
  for (const kind of ['networks', 'secrets', 'configs'] as const) {
    const have = await existing(kind);
    for (const missing of plan.external[kind].filter((n) => !have.has(n)))
      throw new ApiError(400, `External ${kind.slice(0, -1)} "${missing}" does not exist`);
    for (const o of plan[kind]) {
      if (have.has(o.name)) continue;
      await engine.swarmCreate(kind, o.spec);
      created.push(o.name);
    }
  }
  // Services name their secrets and configs by ID as well.
  const ids = new Map<string, string>();
  for (const kind of ['secrets', 'configs'] as const) for (const o of await engine.swarmList(kind)) ids.set(`${kind}:${o.Spec.Name}`, o.ID);
  const services = await engine.swarmList('services', byStack(name));
  for (const s of plan.services) {
    const container = (s.spec.TaskTemplate as { ContainerSpec: Record<string, Array<Record<string, unknown>>> }).ContainerSpec;
    for (const ref of container.Secrets ?? []) ref.SecretID = ids.get(`secrets:${ref.SecretName}`);
    for (const ref of container.Configs ?? []) ref.ConfigID = ids.get(`configs:${ref.ConfigName}`);
    const current = services.find((x) => x.Spec?.Name === s.name);
    if (current) {
      await engine.updateService(current.ID, current.Version?.Index ?? 0, s.spec);
      updated.push(s.name);
    } else {
      await engine.swarmCreate('services', s.spec);
      created.push(s.name);
    }
  }
  return { name, created, updated };
}

/** The stacks of a manager (services grouped by their stack label), with running/desired tasks. */
export async function listStacks(engine: EngineApi): Promise<StackInfo[]> {
  await requireManager(engine);
  const stacks = new Map<string, StackInfo>();
  for (const s of await engine.swarmList('services', { label: [STACK_LABEL] })) {
    const stack = s.Spec?.Labels?.[STACK_LABEL];
    if (!stack) continue;
    const entry = stacks.get(stack) ?? { name: stack, services: [] };
    const global = s.Spec?.Mode?.Global !== undefined;
    entry.services.push({
      id: s.ID,
      name: s.Spec?.Name ?? s.ID,
      image:
        s.Spec?.Labels?.['com.docker.stack.image'] ??
        String((s.Spec?.TaskTemplate as { ContainerSpec?: { Image?: string } } | undefined)?.ContainerSpec?.Image ?? ''),
      mode: global ? 'global' : 'replicated',
      running: s.ServiceStatus?.RunningTasks ?? 0,
      desired: s.ServiceStatus?.DesiredTasks ?? (global ? 0 : (s.Spec?.Mode?.Replicated?.Replicas ?? 0)),
    });
    stacks.set(stack, entry);
  }
  return [...stacks.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** `docker stack rm`: services, then networks (once their tasks are gone), secrets and configs of the stack. */
export async function removeStack(engine: EngineApi, name: string): Promise<{ removed: string[] }> {
  await requireManager(engine);
  const removed: string[] = [];
  const services = await engine.swarmList('services', byStack(name));
  const networks = await engine.swarmList('networks', byStack(name));
  const secrets = await engine.swarmList('secrets', byStack(name));
  const configs = await engine.swarmList('configs', byStack(name));
  if (!services.length && !networks.length && !secrets.length && !configs.length) throw new ApiError(404, `No stack "${name}"`);
  const remove = async (kind: SwarmKind, id: string, label: string) => {
    try {
      await engine.swarmRemove(kind, id);
      removed.push(label);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  };
  for (const s of services) await remove('services', s.ID, s.Spec?.Name ?? s.ID);
  for (const s of secrets) await remove('secrets', s.ID, s.Spec.Name);
  for (const c of configs) await remove('configs', c.ID, c.Spec.Name);
  const deadline = Date.now() + NETWORK_RELEASE_MS;
  for (const n of networks) {
    for (;;) {
      try {
        await remove('networks', n.Id, n.Name);
        break;
      } catch (err) {
        // "network … has active endpoints": the tasks are still stopping.
        if (Date.now() > deadline) throw err;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  return { removed };
}
