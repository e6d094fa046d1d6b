import { LoginBody, Me, TokenCreateBody, TokenCreated, TokenIdParams, TokenInfo } from '@porthole/shared/auth';
import { ErrorBody } from '@porthole/shared/errors';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { LoginThrottle } from '../auth/login-throttle.ts';
import { SESSION_COOKIE, sessionCookieFrom } from '../plugins/auth.ts';

/** Sign-in, sign-out, the current user, and personal API tokens. */
const authRoutes: FastifyPluginAsyncTypebox<{ secureCookies: boolean }> = async (app, opts) => {
  const throttle = new LoginThrottle();

  app.post(
    '/api/auth/login',
    { schema: { body: LoginBody, response: { 200: Me, 401: ErrorBody, 429: ErrorBody } } },
    async (req, reply) => {
      const retryAfter = throttle.retryAfter(req.ip);
      if (retryAfter > 0) {
        reply.header('retry-after', retryAfter);
        return reply.code(429).send({ message: `Too many failed sign-ins; try again in ${retryAfter} s` });
      }
      const user = await app.auth.checkPassword(req.body.username, req.body.password);
      if (!user) {
        throttle.fail(req.ip);
        req.log.info({ username: req.body.username }, 'failed sign-in');
        return reply.code(401).send({ message: 'Wrong username or password' });
      }
      const sid = app.auth.createSession(user.id);
      reply.setCookie(SESSION_COOKIE, sid, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: opts.secureCookies,
        maxAge: 7 * 24 * 3600,
      });
      return user;
    },
  );

  app.post('/api/auth/logout', { schema: { response: { 204: Type.Null() } } }, async (req, reply) => {
    const sid = sessionCookieFrom(req.headers);
    if (sid) app.auth.deleteSession(sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/auth/me', { schema: { response: { 200: Me } } }, async (req) => req.user as Me);

  app.get('/api/tokens', { schema: { response: { 200: Type.Array(TokenInfo) } } }, async (req) => app.auth.listTokens((req.user as Me).id));

  app.post('/api/tokens', { schema: { body: TokenCreateBody, response: { 201: TokenCreated } } }, async (req, reply) => {
    const created = app.auth.createToken((req.user as Me).id, req.body.name);
    return reply.code(201).send({ ...created, name: req.body.name });
  });

  app.delete(
    '/api/tokens/:id',
    { schema: { params: TokenIdParams, response: { 204: Type.Null(), 404: ErrorBody } } },
    async (req, reply) => {
      if (!app.auth.deleteToken((req.user as Me).id, req.params.id)) {
        return reply.code(404).send({ message: `No token with id ${req.params.id}` });
      }
      return reply.code(204).send(null);
    },
  );
};

export default authRoutes;
