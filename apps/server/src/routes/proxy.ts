import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Me } from '@porthole/shared/auth';
import { ProxyParams } from '@porthole/shared/schemas/engine-params';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEADLINE_MS } from '../docker/deadline.ts';
import type { Engine } from '../docker/engine.ts';
import { engineJson, engineStream } from '../docker/engine-http.ts';
import type { Role } from '@porthole/shared/auth';
import type { EngineApi } from '../docker/engine-api.ts';
import { ApiError, messageOf } from '../http/api-error.ts';
import { readBody, replayedRequest } from '../http/buffered-body.ts';
import { DROP_REQUEST, type RelayCall, relay } from '../http/engine-relay.ts';
import { engineSockets } from '../http/engine-sockets.ts';
import { isSameOrigin } from '../http/same-origin.ts';
import { clientGone } from '../http/client-gone.ts';
import { refuseSocket } from '../http/request-gate.ts';
import { auditBase, auditBaseOf, auditTargetOf, resultOf } from '../plugins/audit.ts';
import { FOREIGN_ORIGIN_MESSAGE, PASSWORD_CHANGE_MESSAGE, UNAUTHORIZED_MESSAGE, sendError } from '../plugins/auth.ts';
import { type EngineCall, classifyEngineCall } from '../policy/engine-api-policy.ts';
import { networkMembersHostAccess, networksHostAccess } from '../policy/engine-refs.ts';
import { assertNoHostAccess } from '../policy/host-access.ts';
import { type CheckedBody, checkBody, checkReferences, renameProblems, withOwnerLabel } from '../policy/engine-body-policy.ts';
import { VIEWER_MASKS, maskEngineEvent } from '../policy/env-mask.ts';
import { denialMessage, roleAllows } from '../policy/roles.ts';

/** Bodies checked before they go to the engine (container/exec/volume create) are at most this big. */
const MAX_CHECKED_BODY = 1 << 20;
/** Reads worth an audit entry: what copies data out of the engine (`docker cp`, export, save). */
const AUDITED_READS = new Set(['container.files.read', 'container.export', 'image.save', 'container.attach']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether an allowed call goes to the audit log: changes, and reads that copy data out. */
function audited(method: string, call: EngineCall): boolean {
  return !READ_METHODS.has(method) || AUDITED_READS.has(call.action);
}

/** `/api/engines/:engine/docker/<Engine API path>` */
export const PROXY_PATTERN = /^\/api\/engines\/([^/]+)\/docker(\/[^?]*)?(\?.*)?$/;

/**
 * The client's header lines for the engine, from the raw lines: a header sent several times stays
 * several lines (BuildKit's session names each gRPC method it serves in its own
 * `X-Docker-Expose-Session-Grpc-Method` line; Node's `req.headers` joins them into one, and the
 * engine then sees no file sync: "no local sources enabled").
 */
function forwardHeaderLines(rawHeaders: string[], drop: Set<string>): string {
  let lines = '';
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (!drop.has(name.toLowerCase())) lines += `${name}: ${rawHeaders[i + 1]}\r\n`;
  }
  return lines;
}

function upstreamPath(url: string): { engine: string; path: string } | undefined {
  const m = PROXY_PATTERN.exec(url);
  if (!m) return undefined;
  return { engine: decodeURIComponent(m[1] as string), path: `${m[2] || '/'}${m[3] ?? ''}` };
}

const BUILD_PATH = /^(\/v[\d.]+)?\/build$/;

/**
 * A build through Porthole removes its intermediate containers even when it fails (`docker build
 * --force-rm`): the CLI's legacy builder asks only for `rm=1`, which keeps the container of a
 * failed step. A client that sets `forcerm` itself is left as it asked.
 */
export function withBuildDefaults(method: string, path: string): string {
  if (method !== 'POST') return path;
  const [pathname, query = ''] = path.split('?', 2) as [string, string?];
  if (!BUILD_PATH.test(pathname)) return path;
  const params = new URLSearchParams(query);
  if (params.has('forcerm')) return path;
  params.set('forcerm', '1');
  return `${pathname}?${params.toString()}`;
}

/** A client on this machine (loopback): compressing what the engine sends it only costs time. */
function isLoopback(address: string | undefined): boolean {
  return address !== undefined && (address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.'));
}

/**
 * The Engine API proxy: forwards method, path, query, headers and body to the engine and its
 * status, headers and body back, streaming both ways (nothing is buffered), so the docker CLI
 * works through Porthole. Once the call is signed in and allowed (the auth hook), it is relayed
 * as bytes on a pooled engine connection (`http/engine-relay.ts`). Hijacked calls (exec/attach,
 * `Upgrade: tcp`) go through `handleProxyUpgrade`.
 */
export default async function proxyRoutes(app: FastifyInstance) {
  // Leave every body unparsed: it is relayed to the engine as it arrives.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));
  app.addHook('onClose', async () => {
    for (const engine of app.engines.list()) engineSockets(engine).close();
  });

  /**
   * Every call is classified (`engine-api-policy.ts`) and checked against the caller's role; the
   * bodies that can give the host away are read and checked for non-admins; a viewer's container
   * inspect has its env values masked. Denials are 403 `{message}` naming role and action.
   */
  const handler = async (req: FastifyRequest, reply: FastifyReply) => {
    const target = upstreamPath(req.url);
    const engine = req.engine;
    if (!target) return sendError(reply, 404, `No route ${req.method} ${req.url.slice(0, 200)}`);
    const user = req.user as Me;
    const call = classifyEngineCall(req.method, target.path);
    const record = (status: number, message: string | null = null) =>
      app.audit.record({
        ...auditBase(req),
        action: call.action,
        ...auditTargetOf(call.target),
        result: resultOf(status),
        status,
        message,
      });
    const deny = (message: string) => {
      record(403, message);
      return sendError(reply, 403, message);
    };
    if (!roleAllows(user.role, call.role)) return deny(denialMessage(user.role, call.verb));
    // Go's engine reads a form body's fields as query parameters, ahead of the URL's own: a
    // `fromImage=` there would turn a checked pull into an import. No client of the engine sends one.
    if (user.role !== 'admin' && isFormBody(req.headers['content-type']))
      return deny(denialMessage(user.role, 'send form-encoded bodies to the Engine API (the engine reads them as query parameters)'));
    let raw = req.raw;
    if (call.inspectBody && user.role !== 'admin') {
      let checked: CheckedBody;
      try {
        checked = checkBody(call.inspectBody, await readBody(req.raw, MAX_CHECKED_BODY));
        const refs = { path: target.path, target: call.target, owner: String(user.id) };
        checked = await checkReferences(call.inspectBody, engine, checked, refs);
        // Who made it, for the name checks on shared networks (OWNER_LABEL): set by Porthole.
        if (call.inspectBody === 'container.create' && !checked.problems.length) checked = withOwnerLabel(checked, refs.owner);
      } catch (err) {
        if (err instanceof ApiError) record(err.status, err.message);
        throw err;
      }
      if (checked.problems.length) return deny(denialMessage(user.role, checked.problems.join(', or ')));
      // The engine gets the body as it was checked (canonical keys), not the bytes that came in.
      raw = replayedRequest(req.raw, checked.body);
    }
    // Reaching into a container with host access is an admin's. Checked once the body is in (an
    // exec body held back must not outlast the check), and the engine is sent the id that was
    // checked, not the name (a rename in between would point it at another container).
    let enginePath = target.path;
    if (user.role !== 'admin' && call.target && HOST_GUARDED.has(call.action)) {
      try {
        enginePath = await checkedPath(engine, call, user.role, target.path);
      } catch (err) {
        if (err instanceof ApiError && err.status === 403) return deny(err.message);
        throw err;
      }
    }
    // A rename takes a name on the container's networks: not one another's container answers to.
    if (user.role !== 'admin' && call.action === 'container.rename' && call.target) {
      const problems = await renameProblems(engine, call.target, target.path, String(user.id));
      if (problems.length) return deny(denialMessage(user.role, problems.join(', or ')));
    }
    // Connecting a container to an admin's macvlan or ipvlan network puts it on the host's LAN.
    if (user.role !== 'admin' && call.action === 'network.connect' && call.target) {
      const why = (await networksHostAccess(engine, [call.target])) ?? (await networkMembersHostAccess(engine, [call.target]));
      if (why) return deny(`${denialMessage(user.role, call.verb)}: ${why}`);
    }
    // A viewer's event stream: an exec's command line is masked in every event (env-mask.ts).
    if (user.role === 'viewer' && call.action === 'engine.events') return viewerEvents(app, req, reply, target.path);
    // A viewer's reads that can hold secrets (env values, config contents) are answered masked.
    const mask = user.role === 'viewer' ? VIEWER_MASKS[call.action] : undefined;
    if (mask) {
      const answer = await engineJson<unknown>(engine, { path: target.path, what: call.verb }, DEADLINE_MS.read);
      return reply.type('application/json').send(mask(answer));
    }
    reply.hijack();
    const started = process.hrtime.bigint();
    let relayed: RelayCall | undefined;
    // Signing out or deleting the token ends a call still running (`docker logs -f`, events).
    const untrack = req.credential ? app.connections.track(req.credential, user.id, () => relayed?.abort()) : () => {};
    relayed = relay(
      raw,
      reply.raw,
      { method: req.method, path: withBuildDefaults(req.method, enginePath), dropAcceptEncoding: isLoopback(req.socket.remoteAddress) },
      engineSockets(engine),
      {
        done: (status) => {
          untrack();
          if (audited(req.method, call)) record(status);
          // 499 (nginx's "client closed request"): the client left first, no failure.
          if (status === 499) req.log.debug('engine proxy request ended: the client went away');
          app.metrics.observeRequest(req.method, '/api/engines/:engine/docker/*', status, Number(process.hrtime.bigint() - started) / 1e9);
        },
        failed: (err) => req.log.warn({ code: (err as NodeJS.ErrnoException).code, err: err.message }, 'engine proxy request failed'),
      },
    );
    return reply;
  };

  const methods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];
  const config = { streamingBody: true };
  const schema = { params: ProxyParams };
  app.route({ method: methods, url: '/api/engines/:engine/docker', config, schema, handler });
  app.route({ method: methods, url: '/api/engines/:engine/docker/*', config, schema, handler });
}

/** Longest event line held while waiting for its end (an engine event is well under 64 KiB). */
const MAX_EVENT_LINE = 1 << 20;

/**
 * `GET /events` for a viewer: read from the engine and sent on line by line with each event
 * masked (`maskEngineEvent`), streaming as the engine's own answer does (`docker events` follows).
 */
async function viewerEvents(app: FastifyInstance, req: FastifyRequest, reply: FastifyReply, path: string): Promise<FastifyReply> {
  const [pathname = '/events', search = ''] = path.split('?', 2);
  const query = Object.fromEntries(new URLSearchParams(search));
  // The engine's refusal (a bad filter) becomes Porthole's error answer with its message.
  // A client that left while the engine was asked ends the stream too (`close` below comes too late).
  const upstream = await engineStream(req.engine as Engine, { path: pathname, query, what: 'event stream' }, clientGone(req, reply));
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.flushHeaders();
  let rest = '';
  const end = () => {
    upstream.destroy();
    res.destroy();
  };
  const untrack = req.credential ? app.connections.track(req.credential, (req.user as Me).id, end) : () => {};
  upstream.setEncoding('utf8');
  upstream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    if (rest.length > MAX_EVENT_LINE) return end();
    let out = '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        out += `${JSON.stringify(maskEngineEvent(JSON.parse(line)))}\n`;
      } catch {
        // Not an event: left out rather than passed on unmasked.
      }
    }
    if (out) res.write(out);
  });
  upstream.on('end', () => res.end());
  upstream.on('error', () => res.destroy());
  res.on('close', () => {
    untrack();
    upstream.destroy();
  });
  return reply;
}

/**
 * Hijacked Engine API calls (`docker exec`, `docker attach`: `Upgrade: tcp`) arrive as HTTP
 * upgrades. After sign-in, they are replayed on a raw connection to the engine and piped both
 * ways. Returns false for upgrades that are not for the proxy (websockets).
 */
/** Calls into a container that a container with host access refuses to non-admins (`host-access.ts`). */
const HOST_GUARDED = new Set([
  'container.exec',
  'container.attach',
  'container.files.read',
  'container.files.write',
  'container.files.stat',
  'container.export',
]);

/** A body Go's `ParseForm` reads as form fields (`application/x-www-form-urlencoded`, any case, with parameters). */
function isFormBody(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * A call into a container, checked for host access (`host-access.ts`): the path the engine is then
 * sent, with the checked container's id in place of its name. An exec start or resize names an
 * exec: the check is on the exec's container (exec ids are in the event stream every viewer reads).
 */
async function checkedPath(engine: EngineApi, call: EngineCall, role: Role, path: string): Promise<string> {
  const verb = call.verb.replace(/ containers?$/, '');
  const target = call.target as string;
  if (call.targetIs === 'exec') {
    const container = await containerOfExec(engine, target);
    if (container) await assertNoHostAccess(engine, container, role, verb);
    return path;
  }
  const id = await assertNoHostAccess(engine, target, role, verb);
  return id ? withContainerId(path, target, id) : path;
}

/** The container an exec runs in (undefined when there is no such exec: the engine says so itself). */
async function containerOfExec(engine: EngineApi, execId: string): Promise<string | undefined> {
  try {
    return (await engine.inspectExec(execId)).ContainerID;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** `/v1.41/containers/<name>/exec?x` → `/v1.41/containers/<id>/exec?x`, when the segment is that name. */
function withContainerId(path: string, name: string, id: string): string {
  const m = /^((?:\/v[\d.]+)?\/containers\/)([^/?]+)(.*)$/.exec(path);
  if (!m) return path;
  let segment: string;
  try {
    segment = decodeURIComponent(m[2] as string);
  } catch {
    return path;
  }
  return segment === name ? `${m[1]}${id}${m[3]}` : path;
}

/** Engine API actions a non-admin may make over an upgraded (hijacked) connection. */
const UPGRADABLE = new Set(['container.attach', 'container.exec']);

export function handleProxyUpgrade(app: FastifyInstance, req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
  const target = upstreamPath(req.url ?? '');
  if (!target || (req.headers.upgrade ?? '').toLowerCase() === 'websocket') return false;
  const identity = app.authenticate(req.headers);
  if (!identity) {
    refuseSocket(socket, 401, UNAUTHORIZED_MESSAGE);
    return true;
  }
  if (identity.credential.kind === 'session' && !isSameOrigin(req.headers, app.originPolicy)) {
    refuseSocket(socket, 403, FOREIGN_ORIGIN_MESSAGE);
    return true;
  }
  if (identity.passwordChangePending) {
    refuseSocket(socket, 403, PASSWORD_CHANGE_MESSAGE);
    return true;
  }
  // Hijacked calls (exec start, attach) are classified like every other call.
  const call = classifyEngineCall(req.method ?? 'GET', target.path);
  const record = (status: number, message: string | null = null) =>
    app.audit.record({
      ...auditBaseOf(identity, req.socket.remoteAddress, target.engine),
      action: call.action,
      ...auditTargetOf(call.target),
      result: resultOf(status),
      status,
      message,
    });
  // An upgraded call is relayed without reading its body or its answer, so for non-admins it is
  // only the hijacks themselves (attach, exec start): anything else upgraded would skip the body
  // checks and the viewer's env masking (an attacker pass found both).
  const hijack = UPGRADABLE.has(call.action) && !call.inspectBody;
  if (!roleAllows(identity.user.role, call.role) || (identity.user.role !== 'admin' && !hijack)) {
    const message = denialMessage(
      identity.user.role,
      hijack || !roleAllows(identity.user.role, call.role) ? call.verb : `upgrade the connection to ${call.verb}`,
    );
    record(403, message);
    refuseSocket(socket, 403, message);
    return true;
  }
  let engine: Engine;
  try {
    engine = app.engines.require(target.engine);
  } catch (err) {
    refuseSocket(socket, (err as ApiError).status, (err as ApiError).message);
    return true;
  }
  const connect = (path: string = target.path) => {
    const upstream = engine.connect();
    const head1 = `${req.method} ${path} HTTP/1.1\r\n${forwardHeaderLines(req.rawHeaders, DROP_REQUEST)}`;
    upstream.write(`${head1}Host: docker\r\nConnection: Upgrade\r\nUpgrade: ${req.headers.upgrade ?? 'tcp'}\r\n\r\n`);
    record(101);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
    // Signing out or deleting the token ends the connection (`docker exec -it` stops working).
    const untrack = app.connections.track(identity.credential, identity.user.id, () => close());
    const close = () => {
      untrack();
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
    upstream.on('close', close);
    socket.on('close', close);
  };
  if (identity.user.role !== 'admin' && call.target && HOST_GUARDED.has(call.action)) {
    // Attaching to a container with host access is refused like exec into it (`host-access.ts`).
    checkedPath(engine, call, identity.user.role, target.path).then(
      (path) => connect(path),
      (err) => {
        const status = err instanceof ApiError ? err.status : 502;
        record(status, messageOf(err));
        refuseSocket(socket, status, messageOf(err));
      },
    );
  } else connect();
  return true;
}
