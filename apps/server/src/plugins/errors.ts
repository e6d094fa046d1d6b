import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../http/api-error.ts';

/**
 * The one error handler. Every body is `{ message }` with exactly `application/json`.
 * Validation errors are 400 and say what is wrong. An `ApiError` keeps its status and message
 * (an engine's 404 stays 404, 409 stays 409); a 304 from the engine is no error: 200 with
 * `notModified`. Anything else is a bug: logged, and a 5xx never shows its message or stack.
 */
export default fp(
  async (app: FastifyInstance) => {
    // JSON is UTF-8 by definition; the docker CLI unwraps `{message}` only for exactly
    // `application/json` (with a charset it prints the raw JSON).
    app.addHook('onSend', async (_req, reply, payload) => {
      if (reply.getHeader('content-type') === 'application/json; charset=utf-8') reply.header('content-type', 'application/json');
      return payload;
    });
    app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
      if (err instanceof ApiError) {
        if (err.status === 304) return reply.code(200).send({ message: err.message, notModified: true });
        if (err.status >= 500) req.log.warn({ status: err.status, message: err.message }, 'answered with a server-side failure');
        return reply.code(err.status).send({ message: err.message });
      }
      if (err.validation) {
        return reply.code(400).send({ message: `Invalid request: ${err.message}` });
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
