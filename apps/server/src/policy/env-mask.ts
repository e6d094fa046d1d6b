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
  const masked = changedAt(inspect, ['Config'], envMasked);
  // A healthcheck's output can print what its command used (`echo ok:$DB_PASSWORD`, a client's
  // error quoting its connection string): every env value in it is masked too.
  const values = envValues(isObj(inspect) && isObj(inspect.Config) ? inspect.Config.Env : undefined);
  if (!values.length) return masked as T;
  return changedAt(masked, ['State', 'Health'], (h) =>
    Array.isArray(h.Log)
      ? { ...h, Log: h.Log.map((e) => (isObj(e) && typeof e.Output === 'string' ? { ...e, Output: redacted(e.Output, values) } : e)) }
      : h,
  ) as T;
}

/** The values of `KEY=value` entries worth looking for (3 characters or more), longest first. */
function envValues(env: unknown): string[] {
  if (!Array.isArray(env)) return [];
  const values = env.flatMap((e) => (typeof e === 'string' && e.includes('=') ? [e.slice(e.indexOf('=') + 1)] : []));
  return [...new Set(values.filter((v) => v.length >= 3))].sort((a, b) => b.length - a.length);
}

/**
 * `text` with each value masked as it is written and as clients print it: in any case, URL-encoded
 * (a connection string in a client's error) and base64-encoded. (Output crafted to hide a value —
 * split, reversed — is an operator's doing, who can read the env anyway.)
 */
function redacted(text: string, values: string[]): string {
  let out = text;
  for (const v of values) {
    for (const form of new Set([v, encodeURIComponent(v), encodeURI(v), Buffer.from(v).toString('base64').replace(/=+$/, '')])) {
      if (form.length < 3) continue;
      out = out.replace(new RegExp(form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'), MASKED_VALUE);
    }
  }
  return out;
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
  'image.inspect': (i) =>
    changedAt(
      changedAt(i, ['Config'], (o) => onBuildMasked(envMasked(o))),
      ['ContainerConfig'],
      (o) => onBuildMasked(buildCmdMasked(envMasked(o))),
    ),
  // Build steps: ENV/ARG values and the build arguments of RUN steps.
  'image.history': each((h) => (isObj(h) && typeof h.CreatedBy === 'string' ? { ...h, CreatedBy: maskBuildStep(h.CreatedBy) } : h)),
  'container.top': maskTop,
  'service.list': each(maskService),
  'service.inspect': maskService,
  'task.list': each(maskTask),
  'task.inspect': maskTask,
  'config.list': each((c) => changedAt(c, ['Spec'], dataMasked)),
  'config.inspect': (c) => changedAt(c, ['Spec'], dataMasked),
  'secret.list': each((s) => changedAt(s, ['Spec'], dataRemoved)),
  'secret.inspect': (s) => changedAt(s, ['Spec'], dataRemoved),
};

/** `exec_create: <command line>`, `exec_start: …`: the command an exec ran. */
const EXEC_COMMAND = /^(exec_create|exec_start): /;

/**
 * An engine event as a viewer gets it: an exec's command line (`docker exec db mysql -pSecret`) is
 * masked, as `GET /exec/{id}/json` is refused to viewers for the same reason; everything else of
 * the event (which container, which action, the healthcheck mark) stays.
 */
export function maskEngineEvent<T>(event: T): T {
  if (!isObj(event)) return event;
  let masked: Json | undefined;
  for (const field of ['Action', 'status']) {
    const v = event[field];
    if (typeof v !== 'string' || !EXEC_COMMAND.test(v)) continue;
    masked ??= { ...event };
    masked[field] = `${v.slice(0, v.indexOf(':'))}: ${MASKED_VALUE}`;
  }
  // Unchanged items are passed on as they are (this runs on every live item a viewer gets).
  return (masked ?? event) as T;
}

/** Where a build step's shell command starts after its build arguments (`|2 A=1 B=2 /bin/sh -c …`). */
const SHELL_START = /\s(\/bin\/(?:ba)?sh -c|cmd \/S \/C|powershell)\s/;

/**
 * A build step as a viewer reads it (image history `CreatedBy`, a layer analysis, an image's
 * `ContainerConfig.Cmd`): the values of `ENV` and `ARG` and of the build arguments a `RUN` step
 * saw (`|1 NPM_TOKEN=… /bin/sh -c …`, where registry and package tokens usually go) are masked;
 * the names and the commands stay.
 */
export function maskBuildStep(step: string): string {
  let s = step;
  const args = /^(\s*(?:RUN\s+)?)\|(\d+)\s+/.exec(s);
  if (args) {
    const start = args[0].length;
    // The last shell start: a value may itself hold ` /bin/sh -c ` (masking part of the command is safe).
    const shells = [...s.slice(start - 1).matchAll(new RegExp(SHELL_START.source, 'g'))];
    const shell = shells[shells.length - 1];
    const end = shell ? start - 1 + (shell.index ?? 0) : s.length;
    // The arguments are written unquoted: a value may hold spaces, so the whole stretch up to the
    // shell is replaced by the names (the first N `NAME=` in it).
    const names = [...s.slice(start, end).matchAll(/(?:^|\s)([A-Za-z_][A-Za-z0-9_.-]*)=/g)].map((m) => m[1]).slice(0, Number(args[2]));
    s = `${s.slice(0, start)}${names.map((name) => `${name}=${MASKED_VALUE}`).join(' ')}${s.slice(end)}`;
  }
  const instruction = /(^|#\(nop\)\s+|\s)(ENV|ARG)\s+(.*)$/s.exec(s);
  if (instruction) {
    const at = instruction.index + (instruction[1] ?? '').length + (instruction[2] ?? '').length;
    const rest = s.slice(at);
    // `ENV KEY=value …`: the classic builder writes quoted values without their quotes (`ENV A=x y
    // B=z`), so all after ENV is replaced by the names (every `NAME=` in it, whatever characters
    // the name has: masking too much is safe). The old `ENV KEY value` form: all after the name.
    const first = /^\s*(\S*)/.exec(rest)?.[1] ?? '';
    const names = [...rest.matchAll(/(?:^|\s)([^\s=]+)=/g)].map((m) => `${m[1]}=${MASKED_VALUE}`);
    const masked = first.includes('=')
      ? ` ${names.join(' ')}`
      : rest.replace(/^(\s*\S+)(\s+\S.*)?$/s, (_, name: string, value?: string) => (value ? `${name} ${MASKED_VALUE}` : name));
    s = s.slice(0, at) + masked;
  }
  return s;
}

/** A build step's command as an array (`["|1", "NPM_TOKEN=…", "/bin/sh", "-c", "…"]`), masked as `maskBuildStep`. */
function maskBuildCmd(cmd: unknown): unknown {
  if (!Array.isArray(cmd) || !cmd.every((c) => typeof c === 'string')) return cmd;
  const parts = cmd as string[];
  const n = /^\|(\d+)$/.exec(parts[0] ?? '');
  const count = n ? Number(n[1]) : 0;
  return parts.map((part, i) => (n && i >= 1 && i <= count ? part.replace(/^([^=]*)=.*$/s, `$1=${MASKED_VALUE}`) : maskBuildStep(part)));
}

const buildCmdMasked = (o: Json): Json => ('Cmd' in o ? { ...o, Cmd: maskBuildCmd(o.Cmd) } : o);
/** ONBUILD instructions (`ENV A=x`, `ARG B=y`) as build steps. */
const onBuildMasked = (o: Json): Json =>
  Array.isArray(o.OnBuild) ? { ...o, OnBuild: o.OnBuild.map((step) => (typeof step === 'string' ? maskBuildStep(step) : step)) } : o;

/**
 * `docker top` as a viewer gets it: which programs run, not their arguments (an exec started with a
 * password on its command line shows there while it runs).
 */
function maskTop(top: unknown): unknown {
  if (!isObj(top) || !Array.isArray(top.Titles) || !Array.isArray(top.Processes)) return top;
  const col = top.Titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
  if (col < 0) return top;
  return {
    ...top,
    Processes: top.Processes.map((p) => {
      if (!Array.isArray(p) || typeof p[col] !== 'string') return p;
      const [program, ...args] = (p[col] as string).split(' ');
      const row = [...p];
      row[col] = args.some((a) => a !== '') ? `${program} ${MASKED_VALUE}` : program;
      return row;
    }),
  };
}
