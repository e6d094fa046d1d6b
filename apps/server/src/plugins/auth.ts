import type { IncomingHttpHeaders } from 'node:http';
import type { Me } from '@porthole/shared/auth';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { LiveConnections } from '../auth/live-connections.ts';
import { randomSecret } from '../auth/passwords.ts';
import { AuthStore, type Credential, type Identity, type SessionLifetime } from '../auth/store.ts';
import { UserAdmin } from '../auth/user-admin.ts';
import { errorBody } from '../http/request-gate.ts';
import { type OriginPolicy, isSafeRequest, isSameOrigin } from '../http/same-origin.ts';
import { type RoutePolicy, routePolicy } from '../policy/route-policies.ts';
import { denialMessage, roleAllows } from '../policy/roles.ts';
import type { Db } from './db.ts';

export const SESSION_COOKIE = 'porthole_session';

/**
 * The answer to a request without a valid session or token. It names the status because the
 * docker CLI shows only the body ("Error response from daemon: …"), not the status code.
 */
export const UNAUTHORIZED_MESSAGE = '401 Unauthorized: sign in first (session cookie or API token required)';
export const PASSWORD_CHANGE_MESSAGE = '403 Forbidden: change your password first (it was set for you); until then only signing out works';
export const FOREIGN_ORIGIN_MESSAGE = '403 Forbidden: this request did not come from a Porthole page (cross-origin requests are refused)';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Answers without a session or token (set from the policy table; every other route is closed). */
    public?: boolean;
    /** The route's entry in `policy/route-policies.ts` (set by the onRoute hook below). */
    policy?: RoutePolicy;
    /** The body is a raw stream read by the handler (no body deadline). */
    streamingBody?: boolean;
  }
  interface FastifyInstance {
    auth: AuthStore;
    users: UserAdmin;
    connections: LiveConnections;
    authenticate(headers: IncomingHttpHeaders): Identity | null;
    originPolicy: OriginPolicy;
  }
  interface FastifyRequest {
    user: Me | null;
    credential: Credential | null;
  }
}

/** A cookie's value; undefined for a missing or malformed one (never throws). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function sessionCookieFrom(headers: IncomingHttpHeaders): string | undefined {
  return cookieValue(headers.cookie, SESSION_COOKIE);
}

/** A `{message}` error with exactly `application/json` (the docker CLI unwraps only that). */
export function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).type('application/json').send(errorBody(message));
}

export interface AuthOptions {
  db: Db;
  adminPassword: string | undefined;
  origin: OriginPolicy;
  sessions?: SessionLifetime;
}

const PRUNE_EVERY_MS = 60_000;

/**
 * Sign-in for every route and websocket: a session cookie or `Authorization: Bearer <token>`.
 * Access is decided on the route the router matched — a route is public only when it says so
 * (`config: { public: true }`); everything else, unknown paths included, needs a credential.
 * Cookie-authenticated changes and websockets must come from Porthole's own origin. Creates the
 * `admin` user on first start.
 */
export default fp<AuthOptions>(
  async (app: FastifyInstance, opts) => {
    const store = new AuthStore(opts.db, opts.sessions);
    const connections = new LiveConnections((n) => app.metrics?.connectionsRevoked.inc(n));
    app.decorate('auth', store);
    app.decorate('users', new UserAdmin(opts.db));
    app.decorate('connections', connections);
    app.decorate('originPolicy', opts.origin);

    if (!store.hasUsers()) {
      const password = opts.adminPassword ?? randomSecret(12);
      await store.createUser('admin', password, 'admin', !opts.adminPassword);
      if (!opts.adminPassword) {
        // Printed once, on purpose, so the first user can sign in; never logged again.
        process.stdout.write(
          `\n  Porthole: created user "admin" with the generated password: ${password}\n  (set PORTHOLE_ADMIN_PASSWORD to choose it; change it after signing in)\n\n`,
        );
      } else {
        app.log.info('created user "admin" with the password from PORTHOLE_ADMIN_PASSWORD');
      }
    }

    app.decorate('authenticate', (headers: IncomingHttpHeaders): Identity | null => {
      const authz = headers.authorization;
      if (authz !== undefined) {
        const m = /^Bearer ([A-Za-z0-9_-]{1,200})$/.exec(authz.trim());
        return m ? store.identityForToken(m[1] as string) : null;
      }
      const sid = sessionCookieFrom(headers);
      return sid ? store.identityForSession(sid) : null;
    });

    // Every route takes its policy from the one table; a route without one is refused here, so it
    // can never be reached without a role check (the app does not start).
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const policies = methods.map((m) => routePolicy(m, route.url));
      const missing = methods.filter((_, i) => !policies[i]);
      if (missing.length) {
        throw new Error(
          `Route ${missing.join(',')} ${route.url} has no entry in the policy table (apps/server/src/policy/route-policies.ts)`,
        );
      }
      const policy = policies[0] as RoutePolicy;
      route.config = { ...(route.config as object), policy, public: policy.role === 'public' };
    });

    app.decorateRequest('user', null);
    app.decorateRequest('credential', null);
    app.addHook('onRequest', async (req: FastifyRequest, reply) => {
      if (req.routeOptions.config?.public) {
        // Public routes still refuse a foreign page's changes (sign-in CSRF).
        if (!isSafeRequest(req.method, req.headers) && req.headers.origin !== undefined && !isSameOrigin(req.headers, opts.origin)) {
          return sendError(reply, 403, FOREIGN_ORIGIN_MESSAGE);
        }
        return;
      }
      // Nothing matched: the not-found handler answers (the SPA's page, or an error that says
      // nothing before sign-in); it reads no data.
      if (req.is404) return;
      const identity = app.authenticate(req.headers);
      if (!identity) return sendError(reply, 401, UNAUTHORIZED_MESSAGE);
      if (identity.credential.kind === 'session' && !isSafeRequest(req.method, req.headers) && !isSameOrigin(req.headers, opts.origin)) {
        return sendError(reply, 403, FOREIGN_ORIGIN_MESSAGE);
      }
      req.user = identity.user;
      req.credential = identity.credential;
      const policy = req.routeOptions.config.policy;
      if (identity.passwordChangePending && !policy?.beforePasswordChange) return sendError(reply, 403, PASSWORD_CHANGE_MESSAGE);
      if (policy && policy.role !== 'public' && !roleAllows(identity.user.role, policy.role)) {
        return sendError(reply, 403, denialMessage(identity.user.role, policy.verb));
      }
    });

    const prune = setInterval(() => {
      for (const id of store.pruneSessions()) connections.closeSession(id);
    }, PRUNE_EVERY_MS);
    prune.unref();
    app.addHook('onClose', async () => clearInterval(prune));
  },
  { name: 'auth' },
);
