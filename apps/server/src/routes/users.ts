import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { UserCreateBody, UserCreated, UserIdParams, UserInfo, UserPatchBody } from '@porthole/shared/schemas/users';
import { Type } from '@sinclair/typebox';
import { HashingBusyError } from '../auth/passwords.ts';
import { ApiError } from '../http/api-error.ts';

/** Hashing refused for load is a 503 the client may retry. */
async function hashing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof HashingBusyError) throw new ApiError(503, err.message);
    throw err;
  }
}

/**
 * `/api/users` (admin only, by the policy table): list, create, change (role, disabled, password
 * reset), delete. Whatever changes a user's access — disabling, a role change, a reset password,
 * deletion — closes the websockets, terminals and hijacked connections they have open at once,
 * and their sessions and tokens fail from the next request on.
 */
const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };

  app.get('/api/users', { schema: { response: { 200: Type.Array(UserInfo) } } }, async () => app.users.list());

  app.post('/api/users', { schema: { body: UserCreateBody, response: { 201: UserCreated, ...errors } } }, async (req, reply) => {
    const { username, password, role } = req.body;
    req.auditTarget = { targetName: username };
    const taken = () => new ApiError(409, `A user named "${username}" exists already`);
    if (app.users.exists(username)) throw taken();
    const user = await hashing(() => app.auth.createUser(username, password, role, true)).catch((err) => {
      // Two creations of one name at once: the second finds it taken only when it is written.
      throw (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? taken() : err;
    });
    req.auditTarget = { target: String(user.id), targetName: username };
    return reply.code(201).send(user);
  });

  app.patch(
    '/api/users/:id',
    { schema: { params: UserIdParams, body: UserPatchBody, response: { 200: UserInfo, ...errors } } },
    async (req) => {
      const id = Number(req.params.id);
      req.auditTarget = { targetName: app.users.get(id).username };
      const { user, accessChanged } = await hashing(() => app.users.update(id, req.body));
      if (accessChanged) app.connections.closeUser(id);
      return user;
    },
  );

  app.delete('/api/users/:id', { schema: { params: UserIdParams, response: { 204: Type.Null(), ...errors } } }, async (req, reply) => {
    const id = Number(req.params.id);
    const user = app.users.remove(id);
    req.auditTarget = { targetName: user.username };
    app.connections.closeUser(id);
    return reply.code(204).send(null);
  });
};

export default userRoutes;
