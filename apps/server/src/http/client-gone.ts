import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Aborts when the client leaves before its request was answered (the browser moved on, an upload
 * was cancelled halfway, `docker pull` interrupted): the engine calls it started end with it.
 */
export function clientGone(req: FastifyRequest, reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  const left = () => (!req.raw.complete && req.raw.destroyed) || (reply.raw.destroyed && !reply.raw.writableFinished);
  if (left()) gone.abort();
  req.raw.once('close', () => req.raw.complete || gone.abort());
  reply.raw.once('close', () => reply.raw.writableFinished || gone.abort());
  return gone.signal;
}
