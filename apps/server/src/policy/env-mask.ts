/** What a viewer sees instead of an environment variable's value. */
export const MASKED_VALUE = '******';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `KEY=******` for each `KEY=value` (the names stay: they are not secrets, values may be). */
function maskedEnv(env: unknown): unknown {
  if (!Array.isArray(env)) return env;
  return env.map((e) => (typeof e === 'string' && e.includes('=') ? `${e.slice(0, e.indexOf('='))}=${MASKED_VALUE}` : e));
}

/** A copy of `value` with the object at `path` replaced by `change(it)` (unchanged when it is missing). */
function changedAt(value: unknown, path: string[], change: (o: Json) => Json): unknown {
  if (!isObj(value)) return value;
  const [head, ...rest] = path;
  if (head === undefined) return change(value);
  return head in value ? { ...value, [head]: changedAt(value[head], rest, change) } : value;
}

const envMasked = (o: Json): Json => ('Env' in o ? { ...o, Env: maskedEnv(o.Env) } : o);
const dataMasked = (o: Json): Json => ('Data' in o ? { ...o, Data: MASKED_VALUE } : o);
const dataRemoved = (o: Json): Json => {
  const { Data: _, ...rest } = o;
  return rest;
};

/**
 * A container inspect with every environment value masked (`KEY=******`): what viewers get on
 * every path (the proxy's `GET /containers/{id}/json`, so `docker inspect` through Porthole, and
 * `GET …/containers?details=1`).
 */
export function maskContainerEnv<T>(inspect: T): T {
  return changedAt(inspect, ['Config'], envMasked) as T;
}

const maskService = (s: unknown) =>
  ['Spec', 'PreviousSpec'].reduce((v, spec) => changedAt(v, [spec, 'TaskTemplate', 'ContainerSpec'], envMasked), s);
const maskTask = (t: unknown) => changedAt(t, ['Spec', 'ContainerSpec'], envMasked);
const each = (mask: (v: unknown) => unknown) => (v: unknown) => (Array.isArray(v) ? v.map(mask) : mask(v));

/**
 * Engine API reads a viewer gets masked, by the proxy's action: env values of containers, services
 * and tasks; a config's content (`Spec.Data`: configs often hold credentials too — decision, issue
 * 14: operators and admins see it, viewers do not). A secret's `Spec.Data` is never returned by
 * the engine; it is removed here all the same.
 */
export const VIEWER_MASKS: Record<string, (body: unknown) => unknown> = {
  'container.inspect': maskContainerEnv,
  // An image's ENV (a committed container's environment, a build's secrets) is the same kind of value.
  'image.inspect': (i) => changedAt(changedAt(i, ['Config'], envMasked), ['ContainerConfig'], envMasked),
  'service.list': each(maskService),
  'service.inspect': maskService,
  'task.list': each(maskTask),
  'task.inspect': maskTask,
  'config.list': each((c) => changedAt(c, ['Spec'], dataMasked)),
  'config.inspect': (c) => changedAt(c, ['Spec'], dataMasked),
  'secret.list': each((s) => changedAt(s, ['Spec'], dataRemoved)),
  'secret.inspect': (s) => changedAt(s, ['Spec'], dataRemoved),
};
