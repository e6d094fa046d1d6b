import {
  LoginBody,
  LogoutQuery,
  type Me,
  MeResponse,
  PasswordChangeBody,
  TokenCreateBody,
  TokenCreated,
  TokenIdParams,
  TokenInfo,
  TokenListQuery,
} from '@porthole/shared/schemas/auth';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LoginThrottle, clientKey, usernameKey } from '../auth/login-throttle.ts';
import { HashingBusyError } from '../auth/passwords.ts';
import { ApiError } from '../http/api-error.ts';
import { SESSION_COOKIE, sessionCookieFrom } from '../plugins/auth.ts';
import { denialMessage, roleAllows } from '../policy/roles.ts';

/** Sign-in, sign-out, password change, the current user, and personal API tokens. */
const authRoutes: FastifyPluginAsyncTypebox<{ secureCookies: boolean }> = async (app, opts) => {
  const throttle = new LoginThrottle();

  app.post(
    '/api/auth/login',
    {
      schema: { body: LoginBody, response: { 200: MeResponse, 401: ErrorBody, 429: ErrorBody, 503: ErrorBody } },
    },
    async (req, reply) => {
      // Counted before the password is checked: parallel attempts cannot all get through.
      const keys = [clientKey(req.ip), usernameKey(req.body.username)];
      const reserved = throttle.reserve(keys);
      if (!reserved.ok) {
        reply.header('retry-after', reserved.retryAfter);
        throw new ApiError(429, `Too many failed sign-ins; try again in ${reserved.retryAfter} s`);
      }
      let user: Me | null;
      try {
        app.metrics.passwordChecks.inc();
        user = await app.auth.checkPassword(req.body.username, req.body.password);
      } catch (err) {
        throttle.settle(keys, false);
        if (err instanceof HashingBusyError) {
          reply.header('retry-after', 1);
          throw new ApiError(503, err.message);
        }
        throw err;
      }
      throttle.settle(keys, !user);
      if (!user) {
        req.log.info({ username: req.body.username }, 'failed sign-in');
        throw new ApiError(401, 'Wrong username or password');
      }
      req.user = user; // for the audit log
      const { sid } = app.auth.createSession(user.id, { ip: req.ip, userAgent: req.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, sid, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        maxAge: Math.floor(app.auth.lifetime.maxAgeMs / 1000),
      });
      // What `GET /api/auth/me` says, so the page knows at once where a temporary password sends it.
      return { ...user, mustChangePassword: app.auth.mustChangePassword(user.id) };
    },
  );

  // Sign-out ends this session (or, with `?everywhere=true`, all of the user's) and closes the
  // websockets and terminals they opened.
  app.post('/api/auth/logout', { schema: { querystring: LogoutQuery, response: { 204: Type.Null() } } }, async (req, reply) => {
    const sid = sessionCookieFrom(req.headers);
    const user = req.user as Me;
    const credential = req.credential;
    if (req.query.everywhere) {
      for (const id of app.auth.deleteSessionsOfUser(user.id)) app.connections.closeSession(id);
    } else if (credential?.kind === 'session') {
      app.auth.deleteSession(credential.id);
      app.connections.closeSession(credential.id);
    }
    if (sid) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.post(
    '/api/auth/password',
    { schema: { body: PasswordChangeBody, response: { 204: Type.Null(), 400: ErrorBody, 403: ErrorBody } } },
    async (req, reply) => {
      const user = req.user as Me;
      const { currentPassword, newPassword } = req.body;
      if (newPassword === currentPassword) throw new ApiError(400, 'The new password must differ from the current one');
      let changed: boolean;
      try {
        changed = await app.auth.changePassword(user.id, currentPassword, newPassword);
      } catch (err) {
        if (err instanceof HashingBusyError) throw new ApiError(503, err.message);
        throw err;
      }
      if (!changed) throw new ApiError(403, 'The current password is wrong');
      // Every other session of the user ends (someone may know the old password).
      const keep = req.credential?.kind === 'session' ? req.credential.id : undefined;
      for (const id of app.auth.deleteSessionsOfUser(user.id, keep)) app.connections.closeSession(id);
      req.log.info({ user: user.username }, 'password changed');
      return reply.code(204).send(null);
    },
  );

  app.get('/api/auth/me', { schema: { response: { 200: MeResponse } } }, async (req) => {
    const user = req.user as Me;
    return { ...user, mustChangePassword: app.auth.mustChangePassword(user.id) };
  });

  // One's own tokens; an admin's `?all=true`: everyone's.
  app.get(
    '/api/tokens',
    { schema: { querystring: TokenListQuery, response: { 200: Type.Array(TokenInfo), 403: ErrorBody } } },
    async (req) => {
      const user = req.user as Me;
      if (!req.query.all) return app.auth.listTokens(user.id);
      if (user.role !== 'admin') throw new ApiError(403, denialMessage(user.role, "list other users' tokens"));
      return app.auth.listTokens();
    },
  );

  // A token carries the role asked for, at most the role of the credential that creates it (a
  // viewer token cannot make an admin token). Without one it acts as its owner (and follows a role
  // change) — unless a role-limited token creates it: then it keeps that limit. It never outgrows
  // its owner: the lesser of the two roles applies on each use.
  app.post('/api/tokens', { schema: { body: TokenCreateBody, response: { 201: TokenCreated, 403: ErrorBody } } }, async (req, reply) => {
    const user = req.user as Me;
    const limited = app.users.get(user.id).role !== user.role;
    const role = req.body.role ?? (limited ? user.role : undefined);
    if (role && !roleAllows(user.role, role)) throw new ApiError(403, denialMessage(user.role, `create ${role} tokens`));
    const created = app.auth.createToken(user.id, req.body.name, role);
    req.auditTarget = { target: String(created.id), targetName: req.body.name };
    return reply.code(201).send({ ...created, name: req.body.name });
  });

  app.delete(
    '/api/tokens/:id',
    { schema: { params: TokenIdParams, response: { 204: Type.Null(), 404: ErrorBody } } },
    async (req, reply) => {
      const id = Number(req.params.id);
      const user = req.user as Me;
      // An admin revokes anyone's token; others their own.
      if (!app.auth.deleteToken(user.role === 'admin' ? undefined : user.id, id))
        throw new ApiError(404, `No token with id ${req.params.id}`);
      // Connections opened with the token (docker exec -it, websockets) end with it.
      app.connections.closeToken(id);
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
