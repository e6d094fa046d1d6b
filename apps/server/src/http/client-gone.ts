import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error.ts';

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

/**
 * `work`, given a signal that aborts when the client leaves; what fails after the client left is
 * answered 499 (`The <what> was cancelled`), not reported as a server error.
 */
export async function untilClientGoes<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  what: string,
  work: (gone: AbortSignal) => Promise<T>,
): Promise<T> {
  const gone = clientGone(req, reply);
  try {
    return await work(gone);
  } catch (err) {
    if (gone.aborted) throw new ApiError(499, `The ${what} was cancelled`);
    throw err;
  }
}
