import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { refuseSocket } from './request-gate.ts';

export const BODY_TIMEOUT_MS = 15_000;

/**
 * A request body Fastify parses (JSON, at most 1 MB) must arrive within 15 s, or the connection
 * is closed: a client dribbling a body cannot hold a connection (and, on the public sign-in
 * route, a password check) open. Routes that stream their body on (`config.streamingBody`: the
 * Engine API proxy, uploads) take as long as the transfer needs.
 */
export const bodyDeadline = fp(
  async (app: FastifyInstance, opts: { timeoutMs?: number }) => {
    const timeoutMs = opts.timeoutMs ?? BODY_TIMEOUT_MS;
    app.addHook('onRequest', async (req) => {
      if (req.routeOptions.config?.streamingBody || req.raw.complete) return;
      if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return;
      const raw = req.raw;
      const timer = setTimeout(() => {
        if (raw.complete || raw.socket.destroyed) return;
        req.log.info('request body did not arrive in time: closing the connection');
        // The handler has not run (it waits for the body): nothing was answered yet.
        refuseSocket(raw.socket, 408, '408 Request Timeout: the request body came too slowly');
      }, timeoutMs);
      timer.unref();
      const clear = () => clearTimeout(timer);
      raw.once('end', clear);
      raw.once('close', clear);
    });
  },
  { name: 'body-deadline' },
);
