import type { IncomingHttpHeaders } from 'node:http';
import type { Me } from '@porthole/shared/auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AuthStore } from '../auth/store.ts';
import { randomSecret } from '../auth/passwords.ts';
import type { Db } from './db.ts';

export const SESSION_COOKIE = 'porthole_session';

/**
 * The answer to a request without a valid session or token. It names the status because the
 * docker CLI shows only the body ("Error response from daemon: …"), not the status code.
 */
export const UNAUTHORIZED_MESSAGE = '401 Unauthorized: sign in first (session cookie or API token required)';

/** Routes that answer without a session or token. */
const PUBLIC_ROUTES = new Set(['GET /api/health', 'POST /api/auth/login']);

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthStore;
    authenticate(headers: IncomingHttpHeaders): Me | null;
  }
  interface FastifyRequest {
    user: Me | null;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export interface AuthOptions {
  db: Db;
  adminPassword: string | undefined;
}

/**
 * Sign-in for every `/api` route and websocket: a session cookie or `Authorization: Bearer
 * <token>`. Creates the `admin` user on first start.
 */
export default fp<AuthOptions>(
  async (app: FastifyInstance, opts) => {
    const store = new AuthStore(opts.db);
    app.decorate('auth', store);

    if (!store.hasUsers()) {
      const password = opts.adminPassword ?? randomSecret(12);
      await store.createUser('admin', password, 'admin');
      if (!opts.adminPassword) {
        // Printed once, on purpose, so the first user can sign in; never logged again.
        process.stdout.write(
          `\n  Porthole: created user "admin" with the generated password: ${password}\n  (set PORTHOLE_ADMIN_PASSWORD to choose it; change it after signing in)\n\n`,
        );
      } else {
        app.log.info('created user "admin" with the password from PORTHOLE_ADMIN_PASSWORD');
      }
    }

    app.decorate('authenticate', (headers: IncomingHttpHeaders): Me | null => {
      const authz = headers.authorization;
      if (authz?.startsWith('Bearer ')) return store.userForToken(authz.slice(7).trim());
      const sid = cookieValue(headers.cookie, SESSION_COOKIE);
      return sid ? store.userForSession(sid) : null;
    });

    app.decorateRequest('user', null);
    app.addHook('onRequest', async (req: FastifyRequest, reply) => {
      const path = req.url.split('?')[0] as string;
      if (!path.startsWith('/api/') && path !== '/api') return;
      if (PUBLIC_ROUTES.has(`${req.method} ${path}`)) return;
      req.user = app.authenticate(req.headers);
      if (!req.user) return reply.code(401).send({ message: UNAUTHORIZED_MESSAGE });
    });
  },
  { name: 'auth' },
);

export function sessionCookieFrom(headers: IncomingHttpHeaders): string | undefined {
  return cookieValue(headers.cookie, SESSION_COOKIE);
}
