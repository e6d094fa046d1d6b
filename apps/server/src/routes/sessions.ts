import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Me } from '@porthole/shared/auth';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { SessionIdParams, SessionInfo, SessionListQuery } from '@porthole/shared/schemas/users';
import { Type } from '@sinclair/typebox';
import { ApiError } from '../http/api-error.ts';
import { denialMessage } from '../policy/roles.ts';

/**
 * `GET /api/sessions[?user=ID]`, `DELETE /api/sessions/:id`: where a user is signed in, and
 * revoking one of those sessions (which closes what it opened). Everyone sees and revokes their
 * own; other users' sessions are the admin's.
 */
const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/sessions',
    { schema: { querystring: SessionListQuery, response: { 200: Type.Array(SessionInfo), 403: ErrorBody } } },
    async (req) => {
      const me = req.user as Me;
      const userId = req.query.user === undefined ? me.id : Number(req.query.user);
      if (userId !== me.id && me.role !== 'admin') throw new ApiError(403, denialMessage(me.role, "list other users' sessions"));
      const current = req.credential?.kind === 'session' ? req.credential.id : undefined;
      return app.users.sessions(userId, Date.now(), app.auth.lifetime.idleMs).map((s) => ({ ...s, current: s.id === current }));
    },
  );

  app.delete(
    '/api/sessions/:id',
    { schema: { params: SessionIdParams, response: { 204: Type.Null(), 403: ErrorBody, 404: ErrorBody } } },
    async (req, reply) => {
      const me = req.user as Me;
      const owner = app.users.sessionOwner(req.params.id);
      // Someone else's session is "not found" to a non-admin (its existence is not revealed).
      if (owner === undefined || (owner !== me.id && me.role !== 'admin')) throw new ApiError(404, 'No such session');
      req.auditTarget = { target: req.params.id.slice(0, 12), targetName: app.users.get(owner).username };
      app.auth.deleteSession(req.params.id);
      app.connections.closeSession(req.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default sessionRoutes;
