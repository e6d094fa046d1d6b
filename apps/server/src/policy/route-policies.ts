import type { Role } from '@porthole/shared/auth';
import type { TopicName } from '@porthole/shared/live';

/**
 * THE policy table of Porthole's own routes: the least role each one needs, and the action the
 * audit log records. A route that is not listed here cannot be registered (the auth plugin's
 * onRoute hook throws), so a new route without a policy fails at startup. The Engine API proxy's
 * calls are classified per call (`engine-api-policy.ts`); live topics below.
 *
 * Decisions (issue 14): viewers read everything that is not a secret — lists, inspect (env values
 * masked), logs and stats live, events, image layers and their file lists. Operators also act on
 * containers, open terminals and exec (the network doctor execs), copy files both ways (browsing a
 * container's or a volume's files reads them through the archive API: operator), download logs,
 * read a file out of an image layer (a download), pull images. Users, the audit log and anything
 * not on the proxy's allow-list are the admin's. Image export/save (`docker save`, `GET
 * /images/get`) is the admin's too: an image can carry baked-in secrets and the issue gives the
 * operator no export; `docker export` of a container is the operator's (a file copy out). A path's
 * stat through the proxy (`HEAD /containers/{id}/archive`: metadata, no content) is a viewer's, so
 * that `docker cp` reaches the copy itself and prints its refusal readably.
 */
export interface RoutePolicy {
  /** `public`: no sign-in at all. */
  role: Role | 'public';
  /** The audit log's action (`container.files.write`). */
  action: string;
  /** For denials: "a viewer may not <verb>". */
  verb: string;
  /** Recorded in the audit log although it is a GET (a download, a terminal). */
  audit?: true;
  /** The role is decided per call inside the handler (the Engine API proxy). */
  perCall?: true;
  /** Open to a session that must change its password first (everything else answers 403). */
  beforePasswordChange?: true;
}

const E = '/api/engines/:engine';
const C = `${E}/containers/:id`;
const I = `${E}/images/:id/analysis`;

const p = (role: RoutePolicy['role'], action: string, verb: string, extra: Partial<RoutePolicy> = {}): RoutePolicy => ({
  role,
  action,
  verb,
  ...extra,
});

const PROXY = p('viewer', 'engine.api', 'use the Engine API', { perCall: true });
const PROXY_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

export const ROUTE_POLICIES: Record<string, RoutePolicy> = {
  'GET /api/health': p('public', 'health', 'read health'),
  'POST /api/auth/login': p('public', 'auth.login', 'sign in'),
  // A session that must change its password first may only use these three (`beforePasswordChange`).
  'POST /api/auth/logout': p('viewer', 'auth.logout', 'sign out', { beforePasswordChange: true }),
  'POST /api/auth/password': p('viewer', 'auth.password', 'change their password', { beforePasswordChange: true }),
  'GET /api/auth/me': p('viewer', 'auth.me', 'read who they are', { beforePasswordChange: true }),
  // Everyone manages their own tokens (at most their role); `?all=true` is the admin's (checked in the route).
  'GET /api/tokens': p('viewer', 'token.list', 'list tokens'),
  'POST /api/tokens': p('viewer', 'token.create', 'create tokens'),
  'DELETE /api/tokens/:id': p('viewer', 'token.delete', 'delete tokens'),
  // Everyone sees and revokes their own sessions; other users' are the admin's (checked in the route).
  'GET /api/sessions': p('viewer', 'session.list', 'list sessions'),
  'DELETE /api/sessions/:id': p('viewer', 'session.revoke', 'revoke sessions'),
  'GET /api/users': p('admin', 'user.list', 'list users'),
  'POST /api/users': p('admin', 'user.create', 'create users'),
  'PATCH /api/users/:id': p('admin', 'user.update', 'change users'),
  'DELETE /api/users/:id': p('admin', 'user.delete', 'delete users'),
  'GET /api/audit': p('admin', 'audit.read', 'read the audit log'),
  'GET /api/metrics': p('viewer', 'metrics', 'read metrics'),
  'GET /api/ws': p('viewer', 'live', 'open the live connection'),
  'GET /api/engines': p('viewer', 'engine.list', 'list engines'),
  [`GET ${E}`]: p('viewer', 'engine.read', 'read engines'),
  'POST /api/engines': p('admin', 'engine.create', 'add engines'),
  [`PATCH ${E}`]: p('admin', 'engine.update', 'change engines'),
  [`DELETE ${E}`]: p('admin', 'engine.delete', 'remove engines'),
  [`POST ${E}/test`]: p('admin', 'engine.test', 'test engines'),
  // A stack's compose file can bind-mount host paths or publish any port: deploying is the admin's.
  [`GET ${E}/stacks`]: p('viewer', 'stack.list', 'list stacks'),
  [`POST ${E}/stacks`]: p('admin', 'stack.deploy', 'deploy stacks'),
  [`DELETE ${E}/stacks/:name`]: p('admin', 'stack.remove', 'remove stacks'),
  ...Object.fromEntries(
    PROXY_METHODS.flatMap((m) => [
      [`${m} ${E}/docker`, PROXY],
      [`${m} ${E}/docker/*`, PROXY],
    ]),
  ),
  [`GET ${E}/containers`]: p('viewer', 'container.list', 'list containers'),
  [`POST ${C}/doctor`]: p('operator', 'container.doctor', 'run network checks inside containers'),
  [`POST ${C}/memory`]: p('operator', 'container.update', 'change container limits'),
  [`GET ${E}/health/transitions`]: p('viewer', 'health.transitions', 'read health transitions'),
  [`GET ${E}/capabilities`]: p('viewer', 'engine.capabilities', 'read engine capabilities'),
  [`GET ${C}/logs/download`]: p('operator', 'container.logs.download', 'download logs', { audit: true }),
  [`GET ${C}/files`]: p('operator', 'container.files.list', 'browse container files'),
  [`GET ${C}/files/download`]: p('operator', 'container.files.read', 'copy files out of containers', { audit: true }),
  [`PUT ${C}/files`]: p('operator', 'container.files.write', 'copy files into containers'),
  [`GET ${C}/terminal`]: p('operator', 'container.terminal', 'open terminals in containers', { audit: true }),
  [`GET ${I}`]: p('viewer', 'image.analysis', 'read image layers'),
  [`GET ${I}/layers/:layer/changes`]: p('viewer', 'image.analysis', 'read image layers'),
  [`GET ${I}/layers/:layer/tree`]: p('viewer', 'image.analysis', 'read image layers'),
  [`GET ${I}/layers/:layer/file`]: p('operator', 'image.files.read', 'read files out of image layers', { audit: true }),
  [`GET ${E}/images/prune-preview`]: p('viewer', 'image.prune-preview', 'preview an image prune'),
  [`POST ${E}/images/pull`]: p('operator', 'image.pull', 'pull images'),
  [`GET ${E}/volumes/:name/files`]: p('operator', 'volume.files.list', 'browse volume files'),
  [`GET ${E}/volumes/:name/files/download`]: p('operator', 'volume.files.read', 'copy files out of volumes', { audit: true }),
  // The SPA's files (the sign-in page is one of them).
  'GET /': p('public', 'spa', 'load the app'),
  'GET /*': p('public', 'spa', 'load the app'),
};

/** The policy of a route (a HEAD route Fastify adds beside a GET has the GET's), or undefined. */
export function routePolicy(method: string, url: string): RoutePolicy | undefined {
  return ROUTE_POLICIES[`${method} ${url}`] ?? (method === 'HEAD' ? ROUTE_POLICIES[`GET ${url}`] : undefined);
}

/** Who may subscribe to each live topic. */
export const TOPIC_POLICIES: Record<TopicName, { role: Role; verb: string }> = {
  events: { role: 'viewer', verb: 'read engine events' },
  stats: { role: 'viewer', verb: 'read container stats' },
  logs: { role: 'viewer', verb: 'read container logs' },
  'logs-backfill': { role: 'viewer', verb: 'read container logs' },
  'container-usage': { role: 'viewer', verb: 'read container stats' },
  audit: { role: 'admin', verb: 'read the audit log' },
  'service-logs': { role: 'viewer', verb: 'read service logs' },
};
