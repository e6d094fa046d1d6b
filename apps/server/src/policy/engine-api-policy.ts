import type { Role } from '@porthole/shared/auth';
import type { CheckedBodyKind } from './engine-body-policy.ts';

/**
 * The Engine API through Porthole's proxy, classified like a socket proxy's allow-list: every
 * call a non-admin may make is listed here (method + path pattern → action, least role); any
 * other call is an admin's. Paths are matched without the `/v1.xx` version prefix.
 */
export interface EngineCall {
  /** `container.restart`, `image.pull`… (the audit log's action). */
  action: string;
  /** What it does, for denials: "a viewer may not <verb>". */
  verb: string;
  role: Role;
  /** The object the call names (container id or name, image, network, volume…). */
  target?: string;
  /** The body must be checked too (`POST /containers/create`, `…/update`, `…/exec`, volumes). */
  inspectBody?: CheckedBodyKind;
  /** The target is an exec id, not a container (`/exec/{id}/start`): its container is the one reached. */
  targetIs?: 'exec';
}

type Rule = [
  method: string,
  pattern: RegExp,
  action: string,
  verb: string,
  role: Role,
  inspectBody?: EngineCall['inspectBody'],
  targetIs?: EngineCall['targetIs'],
];

const ID = '([^/]+)';
const NAME = '(.+?)'; // image names contain slashes
const r = (source: string) => new RegExp(`^${source}$`);

const RULES: Rule[] = [
  // Reading: lists, inspect, logs, stats, events — everything that is not a secret.
  ['GET', r('/_ping'), 'engine.ping', 'ping the engine', 'viewer'],
  ['HEAD', r('/_ping'), 'engine.ping', 'ping the engine', 'viewer'],
  ['GET', r('/version'), 'engine.version', 'read the engine version', 'viewer'],
  ['GET', r('/info'), 'engine.info', 'read engine information', 'viewer'],
  ['GET', r('/events'), 'engine.events', 'read engine events', 'viewer'],
  ['GET', r('/system/df'), 'engine.df', 'read disk usage', 'viewer'],
  ['GET', r('/containers/json'), 'container.list', 'list containers', 'viewer'],
  ['GET', r(`/containers/${ID}/json`), 'container.inspect', 'inspect containers', 'viewer'],
  ['GET', r(`/containers/${ID}/top`), 'container.top', 'list container processes', 'viewer'],
  ['GET', r(`/containers/${ID}/logs`), 'container.logs', 'read container logs', 'viewer'],
  ['GET', r(`/containers/${ID}/stats`), 'container.stats', 'read container stats', 'viewer'],
  ['GET', r(`/containers/${ID}/changes`), 'container.changes', 'list container file changes', 'viewer'],
  // An exec's command line can carry a password (`mysql -p…`): the operators' who exec.
  ['GET', r(`/exec/${ID}/json`), 'exec.inspect', 'inspect exec sessions', 'operator'],
  // A path's stat (name, size, mode; no content). `docker cp` asks it first: a refusal of a HEAD has
  // no body, so the CLI would print "no such directory" — allowed, the copy itself is refused readably.
  ['HEAD', r(`/containers/${ID}/archive`), 'container.files.stat', 'read container file metadata', 'viewer'],
  ['GET', r('/images/json'), 'image.list', 'list images', 'viewer'],
  ['GET', r(`/images/${NAME}/json`), 'image.inspect', 'inspect images', 'viewer'],
  ['GET', r(`/images/${NAME}/history`), 'image.history', 'read image history', 'viewer'],
  ['GET', r('/networks'), 'network.list', 'list networks', 'viewer'],
  ['GET', r(`/networks/${ID}`), 'network.inspect', 'inspect networks', 'viewer'],
  ['GET', r('/volumes'), 'volume.list', 'list volumes', 'viewer'],
  ['GET', r(`/volumes/${NAME}`), 'volume.inspect', 'inspect volumes', 'viewer'],
  ['GET', r('/nodes'), 'node.list', 'list swarm nodes', 'viewer'],
  ['GET', r(`/nodes/${ID}`), 'node.inspect', 'inspect swarm nodes', 'viewer'],
  ['GET', r('/services'), 'service.list', 'list services', 'viewer'],
  ['GET', r(`/services/${ID}`), 'service.inspect', 'inspect services', 'viewer'],
  ['GET', r(`/services/${ID}/logs`), 'service.logs', 'read service logs', 'viewer'],
  ['GET', r('/tasks'), 'task.list', 'list tasks', 'viewer'],
  ['GET', r(`/tasks/${ID}`), 'task.inspect', 'inspect tasks', 'viewer'],
  ['GET', r(`/tasks/${ID}/logs`), 'task.logs', 'read task logs', 'viewer'],
  ['GET', r('/secrets'), 'secret.list', 'list secrets', 'viewer'],
  ['GET', r(`/secrets/${ID}`), 'secret.inspect', 'inspect secrets', 'viewer'],
  ['GET', r('/configs'), 'config.list', 'list configs', 'viewer'],
  ['GET', r(`/configs/${ID}`), 'config.inspect', 'inspect configs', 'viewer'],

  // Operating: lifecycle, exec, files, pulls, creating containers (body checked), networks, volumes.
  ['POST', r('/containers/create'), 'container.create', 'create containers', 'operator', 'container.create'],
  ['POST', r(`/containers/${ID}/start`), 'container.start', 'start containers', 'operator'],
  ['POST', r(`/containers/${ID}/stop`), 'container.stop', 'stop containers', 'operator'],
  ['POST', r(`/containers/${ID}/restart`), 'container.restart', 'restart containers', 'operator'],
  ['POST', r(`/containers/${ID}/kill`), 'container.kill', 'kill containers', 'operator'],
  ['POST', r(`/containers/${ID}/pause`), 'container.pause', 'pause containers', 'operator'],
  ['POST', r(`/containers/${ID}/unpause`), 'container.unpause', 'unpause containers', 'operator'],
  ['POST', r(`/containers/${ID}/wait`), 'container.wait', 'wait for containers', 'operator'],
  ['POST', r(`/containers/${ID}/rename`), 'container.rename', 'rename containers', 'operator'],
  ['POST', r(`/containers/${ID}/update`), 'container.update', 'change container limits', 'operator', 'container.update'],
  ['POST', r(`/containers/${ID}/resize`), 'container.resize', 'resize container terminals', 'operator'],
  ['POST', r(`/containers/${ID}/attach`), 'container.attach', 'attach to containers', 'operator'],
  ['GET', r(`/containers/${ID}/attach/ws`), 'container.attach', 'attach to containers', 'operator'],
  ['DELETE', r(`/containers/${ID}`), 'container.remove', 'remove containers', 'operator'],
  ['POST', r(`/containers/${ID}/exec`), 'container.exec', 'exec into containers', 'operator', 'exec.create'],
  ['POST', r(`/exec/${ID}/start`), 'container.exec', 'exec into containers', 'operator', undefined, 'exec'],
  ['POST', r(`/exec/${ID}/resize`), 'container.exec', 'exec into containers', 'operator', undefined, 'exec'],
  ['GET', r(`/containers/${ID}/archive`), 'container.files.read', 'copy files out of containers', 'operator'],
  ['PUT', r(`/containers/${ID}/archive`), 'container.files.write', 'copy files into containers', 'operator'],
  ['GET', r(`/containers/${ID}/export`), 'container.export', 'export containers', 'operator'],
  // These make the engine connect to the registry they name — any address and port: a pull's.
  ['GET', r('/images/search'), 'image.search', 'search images', 'operator'],
  ['GET', r(`/distribution/${NAME}/json`), 'image.distribution', 'read image distribution data', 'operator'],
  // A plugin's settings hold its environment (often a cloud key), unmasked.
  ['GET', r('/plugins'), 'plugin.list', 'list plugins', 'operator'],
  // A pull only with `fromImage` (`byQuery`: without it, the same path imports from any URL).
  ['POST', r('/images/create'), 'image.pull', 'pull images', 'operator'],
  ['POST', r('/networks/create'), 'network.create', 'create networks', 'operator', 'network.create'],
  ['POST', r(`/networks/${ID}/connect`), 'network.connect', 'connect containers to networks', 'operator', 'network.connect'],
  ['POST', r(`/networks/${ID}/disconnect`), 'network.disconnect', 'disconnect containers from networks', 'operator', 'network.disconnect'],
  ['POST', r('/volumes/create'), 'volume.create', 'create volumes', 'operator', 'volume.create'],
];

/** What the most common admin-only calls are, for readable denials and audit actions. */
const ADMIN_RULES: Array<[method: string, pattern: RegExp, action: string, verb: string]> = [
  ['DELETE', r(`/images/${NAME}`), 'image.remove', 'remove images'],
  ['DELETE', r(`/networks/${ID}`), 'network.remove', 'remove networks'],
  ['DELETE', r(`/volumes/${NAME}`), 'volume.remove', 'remove volumes'],
  ['POST', r('/(containers|images|networks|volumes|build)/prune'), 'prune', 'prune'],
  ['POST', r('/build'), 'image.build', 'build images'],
  ['POST', r('/session'), 'image.build', 'build images'],
  ['POST', r(`/images/${NAME}/push`), 'image.push', 'push images'],
  // A tag can take over a name others run (`nginx:latest`).
  ['POST', r(`/images/${NAME}/tag`), 'image.tag', 'tag images'],
  ['POST', r('/images/load'), 'image.load', 'load images'],
  ['GET', r('/images/get'), 'image.save', 'save images'],
  ['GET', r(`/images/${NAME}/get`), 'image.save', 'save images'],
  ['POST', r('/commit'), 'image.commit', 'commit containers to images'],
  ['POST', r('/auth'), 'registry.login', 'log in to registries'],
  ['GET', r('/swarm'), 'swarm.inspect', 'read the swarm join tokens'],
  ['POST', r('/swarm/.*'), 'swarm.manage', 'manage the swarm'],
  ['POST', r('/(services|secrets|configs)/create'), 'swarm.create', 'create swarm objects'],
  ['POST', r('/(services|nodes|secrets|configs)/[^/]+/update'), 'swarm.update', 'change swarm objects'],
  ['DELETE', r('/(services|nodes|secrets|configs)/[^/]+'), 'swarm.remove', 'remove swarm objects'],
  ['POST', r('/plugins/.*'), 'plugin.manage', 'manage plugins'],
];

const VERSION = /^\/v\d+\.\d+(?=\/)/;
/**
 * Before API 1.24 the engine takes a HostConfig in the body of `POST /containers/{id}/start` and
 * replaces the container's with it — every setting a create is checked for, on a call that is a
 * mere start. Non-admins use 1.24 or newer (every docker CLI and compose since 2016 does).
 */
const OLDEST_FOR_NON_ADMINS = [1, 24];
/** The version prefix as the engine's router takes it (`/v{version:[0-9.]+}/`, on the decoded path). */
const ANY_VERSION = /^\/v([0-9.]+)(?=\/)/;

/** Go's `versions.LessThan`: dot-separated numbers compared in turn, a missing one as 0. */
function olderThan(version: string, than: number[]): boolean {
  const parts = version.split('.').map((p) => Number.parseInt(p || '0', 10) || 0);
  for (let i = 0; i < Math.max(parts.length, than.length); i++) {
    const a = parts[i] ?? 0;
    const b = than[i] ?? 0;
    if (a !== b) return a < b;
  }
  return false;
}

/** Classifies one Engine API call (`path` without Porthole's prefix, with or without `/v1.xx`). */
export function classifyEngineCall(method: string, pathWithQuery: string): EngineCall {
  const version = ANY_VERSION.exec(decodedOrNothing(pathWithQuery.split('?')[0] ?? ''))?.[1];
  if (version !== undefined && olderThan(version, OLDEST_FOR_NON_ADMINS))
    return {
      action: 'engine.old-api',
      verb: `use Engine API versions before ${OLDEST_FOR_NON_ADMINS.join('.')} (they let a start change the container's settings)`,
      role: 'admin',
    };
  return classifyCurrent(method, pathWithQuery);
}

function classifyCurrent(method: string, pathWithQuery: string): EngineCall {
  // Matched as the engine routes it: decoded (`%2F` is a slash there), so an encoded slash or dot
  // segment cannot make one call look like another; a path that does not decode is nobody's but the admin's.
  const path = decodedOrNothing(pathWithQuery.split('?')[0]?.replace(VERSION, '') ?? '/');
  const m = method.toUpperCase();
  for (const [rm, pattern, action, verb, role, inspectBody, targetIs] of RULES) {
    const hit = rm === m ? pattern.exec(path) : null;
    if (hit)
      return byQuery(
        {
          action,
          verb,
          role,
          ...(hit[1] !== undefined ? { target: hit[1] } : {}),
          ...(inspectBody ? { inspectBody } : {}),
          ...(targetIs ? { targetIs } : {}),
        },
        queryOf(pathWithQuery),
      );
  }
  for (const [rm, pattern, action, verb] of ADMIN_RULES) {
    const hit = rm === m ? pattern.exec(path) : null;
    if (hit)
      return {
        action,
        verb,
        role: 'admin',
        ...(hit[1] !== undefined && !/prune|create|update/.test(action) ? { target: hit[1] } : {}),
      };
  }
  return { action: 'engine.other', verb: `call ${m} ${path.slice(0, 100)} on the Engine API (not on the allow-list)`, role: 'admin' };
}

/**
 * The query as the engine reads it (Go's `url.ParseQuery`: `&`-separated, `+` a space, keys and
 * values decoded, the first value of a key wins). A query Go cannot parse fails the whole call
 * there, so a different reading here of such a query decides nothing.
 */
function queryOf(pathWithQuery: string): URLSearchParams {
  const at = pathWithQuery.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : pathWithQuery.slice(at + 1));
}

/** Calls whose query makes them a stronger call than their path says. */
function byQuery(call: EngineCall, query: URLSearchParams): EngineCall {
  // The engine pulls when `fromImage` is set, and otherwise imports: from `fromSrc`, a URL it
  // fetches itself (any address), or from the body (`docker import`).
  if (call.action === 'image.pull' && !query.get('fromImage'))
    return { action: 'image.import', verb: 'import images from a URL or an archive (docker import)', role: 'admin' };
  // `details` prints what the log driver attached to each line: with `--log-opt env=…`, env values.
  if (
    /^(container|service|task)\.logs$/.test(call.action) &&
    query.get('details') &&
    !['0', 'false'].includes(query.get('details') as string)
  )
    return { ...call, role: 'operator', verb: 'read log details (they can show environment values)' };
  // `ps` options such as `e` or `eww` print each process's environment.
  if (call.action === 'container.top' && query.get('ps_args'))
    return { ...call, role: 'operator', verb: 'choose ps options for container processes (they can show environment values)' };
  return call;
}

/** The decoded path, or one no rule matches (a malformed escape). */
function decodedOrNothing(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '/\0';
  }
}
