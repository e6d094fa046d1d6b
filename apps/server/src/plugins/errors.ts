import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { dockerFailure } from '../docker/errors.ts';

/**
 * The one error handler: validation errors are 400, Docker errors keep the engine's status and
 * message (304 "already in that state" is answered as 200 with a note), everything else that
 * is a 5xx is logged and answered without internals. Every body is `{ message }`.
 */
export default fp(
  async (app: FastifyInstance) => {
    // JSON is UTF-8 by definition; the docker CLI unwraps `{message}` only for exactly
    // `application/json` (with a charset it prints the raw JSON).
    app.addHook('onSend', async (_req, reply, payload) => {
      if (reply.getHeader('content-type') === 'application/json; charset=utf-8') reply.header('content-type', 'application/json');
      return payload;
    });
    app.setErrorHandler((err: FastifyError, req, reply) => {
      if (err.validation) {
        return reply.code(400).send({ message: `Invalid request: ${err.message}` });
      }
      const docker = dockerFailure(err);
      if (docker) {
        if (docker.status === 304) return reply.code(200).send({ message: docker.message, notModified: true });
        if (docker.status >= 500) req.log.warn({ status: docker.status, message: docker.message }, 'engine error');
        return reply.code(docker.status).send({ message: docker.message });
      }
      const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
      if (status >= 500) {
        req.log.error({ err }, 'request failed');
        return reply.code(status).send({ message: 'Internal server error' });
      }
      return reply.code(status).send({ message: err.message });
    });
  },
  { name: 'errors' },
);
