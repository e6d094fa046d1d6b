import type { IncomingMessage } from 'node:http';

/** Most bytes of a body nobody read that are taken in (and dropped) before the answer: Fastify's body limit. */
export const UNREAD_BODY_MAX = 1 << 20;
/** How long an answer waits for such a body at most. */
export const UNREAD_BODY_MS = 5_000;

/**
 * Resolves once a small request body nobody read (a request refused before its body was parsed: no
 * credentials, a foreign page, an unknown route, a refused Host) has arrived, and drops it. An
 * answer sent before the body, on a connection that then closes (the client asked for that, or the
 * answer does), reaches a client still writing as a broken pipe (EPIPE), not as the answer.
 * A body declared or found larger than `max`, or slower than `ms`, is not waited for: it is cut
 * as before. A body someone reads (a stream piped on) is theirs.
 */
export function dropUnreadBody(req: IncomingMessage, max = UNREAD_BODY_MAX, ms = UNREAD_BODY_MS): Promise<void> {
  if (req.complete || req.readableEnded || req.destroyed || req.readableFlowing === true) return Promise.resolve();
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let read = 0;
    const done = () => {
      clearTimeout(timer);
      req.off('data', onData).off('end', done).off('close', done).off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      read += chunk.length;
      if (read > max) done();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    req.on('data', onData).once('end', done).once('close', done).once('error', done);
    req.resume();
  });
}
