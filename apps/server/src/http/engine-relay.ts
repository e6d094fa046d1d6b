import type { IncomingMessage, ServerResponse } from 'node:http';
import type net from 'node:net';
import { Coalescer } from './coalesce.ts';
import { errorBody } from './request-gate.ts';
import { BodyEnd, type ResponseHead, parseResponseHead } from './http1-framing.ts';
import type { EngineSockets } from './engine-sockets.ts';

/**
 * The Engine API relay: once a call is signed in and allowed, its request head is written to a
 * (pooled) engine connection and the bytes go through as they are — the request body as Node's
 * parser hands it over, the response in the engine's own framing (chunks are not re-made, headers
 * are read once). What Porthole sees: the status (metrics), the end of the response (to reuse the
 * connection), the client leaving (the engine call ends with it).
 */

/** Hop-by-hop headers are not forwarded; credentials for Porthole are not passed to the engine. */
export const DROP_REQUEST = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'authorization',
  'cookie',
  'host',
  'origin',
  'referer',
]);
const DROP_RESPONSE = new Set(['connection', 'keep-alive', 'proxy-connection']);
/** Beyond this much queued for the other side, the side that sends is paused. */
const QUEUE_LIMIT = 1 << 20;

export interface RelayTarget {
  method: string;
  /** Engine API path and query. */
  path: string;
  /**
   * Leave out `Accept-Encoding`: the engine gzips archives (`docker cp` out) at tens of MB/s,
   * which only pays across a slow network, not from a client on this machine.
   */
  dropAcceptEncoding: boolean;
}

export interface RelayEvents {
  /** The call is over: the engine's status, 499 when the client left first, 502/503 when the engine failed. */
  done(status: number): void;
  /** The engine could not be reached or broke off (not called when the client left first). */
  failed(err: Error): void;
}

export interface RelayCall {
  /** Ends the call at once, both sides (a revoked sign-in). */
  abort(): void;
}

type BodyKind = 'none' | 'length' | 'chunked';

/** The request head for the engine, from the client's raw header lines. */
export function requestHead(req: IncomingMessage, target: RelayTarget): { head: string; body: BodyKind } {
  const raw = req.rawHeaders;
  let body: BodyKind = 'none';
  let lines = '';
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    const lower = name.toLowerCase();
    if (DROP_REQUEST.has(lower)) {
      if (lower === 'transfer-encoding') body = 'chunked';
      continue;
    }
    if (lower === 'content-length') {
      if (Number(raw[i + 1]) > 0 && body === 'none') body = 'length';
    } else if (lower === 'accept-encoding' && target.dropAcceptEncoding) {
      continue;
    }
    lines += `${name}: ${raw[i + 1]}\r\n`;
  }
  if (body === 'chunked') lines = `${lines.replace(/^content-length:.*\r\n/gim, '')}Transfer-Encoding: chunked\r\n`;
  return { head: `${target.method} ${target.path} HTTP/1.1\r\nHost: docker\r\n${lines}\r\n`, body };
}

/** Relays one Engine API call; the caller has hijacked the reply. */
export function relay(req: IncomingMessage, res: ServerResponse, target: RelayTarget, pool: EngineSockets, events: RelayEvents): RelayCall {
  const { head, body } = requestHead(req, target);
  let socket: net.Socket;
  let reused = false;
  let attempts = 0;
  let over = false;
  let bodySent = body === 'none';
  let gotBytes = false;
  let pending: Buffer | undefined;
  let response: ResponseHead | undefined;
  let bodyEnd: BodyEnd | undefined;

  /** Our listeners off the engine socket (before it goes back to the pool or away). */
  const detach = () => {
    socket.off('data', onData).off('end', onEnd).off('close', onClose).off('error', fail).off('drain', resumeRequest);
  };
  const settle = (status: number) => {
    over = true;
    req.removeListener('data', onRequestData).removeListener('end', onRequestEnd);
    res.removeListener('drain', resumeEngine);
    events.done(status);
  };

  const fail = (err: Error) => {
    if (over) return;
    // An idle connection the engine had closed: once more on a new one, if nothing was sent yet.
    if (reused && !gotBytes && body === 'none' && attempts === 1) {
      detach();
      socket.on('error', () => {}).destroy();
      return connect();
    }
    socket.destroy();
    events.failed(err);
    if (!res.headersSent) {
      const status = response ? 502 : 503;
      const message = response
        ? `The Docker engine broke off its response (${err.message})`
        : `The Docker engine is not reachable (${(err as NodeJS.ErrnoException).code ?? err.message})`;
      const payload = errorBody(message);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
      settle(status);
    } else {
      outgoing.discard();
      settle(response?.status ?? 502);
      res.destroy();
    }
  };

  /** The response has ended at `extra` bytes before the end of the last chunk read. */
  const complete = (extra: number) => {
    if (over) return;
    outgoing.flush();
    settle((response as ResponseHead).status);
    res.end();
    const reusable = extra === 0 && bodySent && !(response as ResponseHead).close && (response as ResponseHead).framing.kind !== 'close';
    if (reusable) {
      detach();
      pool.release(socket);
    } else {
      socket.destroy();
      // The engine answered before reading the whole upload: let the rest of it drain away.
      if (!bodySent) req.resume();
    }
  };

  // Body bytes to the client: a stream's small reads joined into fewer writes (coalesce.ts).
  const outgoing = new Coalescer((data) => {
    res.write(data);
    if (res.writableLength > QUEUE_LIMIT && !socket.isPaused()) {
      socket.pause();
      res.once('drain', resumeEngine);
    }
  });
  function resumeEngine() {
    if (!over) socket.resume();
  }

  const startResponse = (r: ResponseHead, rest: Buffer) => {
    response = r;
    const headers: string[] = [];
    const close = r.framing.kind === 'close';
    for (let i = 0; i < r.headers.length; i += 2) {
      const lower = (r.headers[i] as string).toLowerCase();
      if (DROP_RESPONSE.has(lower)) continue;
      // Framing headers go with the framing: none when the body ends with the connection, and never
      // a Content-Length beside chunks.
      if ((close && lower === 'transfer-encoding') || ((close || r.framing.kind === 'chunked') && lower === 'content-length')) continue;
      headers.push(r.headers[i] as string, r.headers[i + 1] as string);
    }
    res.writeHead(r.status, r.statusText, headers);
    // The engine's chunks go out as they came (their framing included): Node must not frame them again.
    if (r.framing.kind === 'chunked') res.chunkedEncoding = false;
    bodyEnd = new BodyEnd(r.framing);
    if (bodyEnd.done) return complete(rest.length);
    if (rest.length) onBody(rest);
    // A stream with nothing to say yet (logs -f, events): the client gets its head now.
    else res.flushHeaders();
  };

  const onBody = (chunk: Buffer) => {
    const end = (bodyEnd as BodyEnd).feed(chunk);
    if (end < 0) return outgoing.push(chunk);
    outgoing.push(end === chunk.length ? chunk : chunk.subarray(0, end), true);
    complete(chunk.length - end);
  };

  const onData = (chunk: Buffer) => {
    if (over) return;
    gotBytes = true;
    try {
      if (bodyEnd) return onBody(chunk);
      pending = pending ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const r = parseResponseHead(pending, target.method);
        if (r === undefined) return;
        if (r instanceof Error) throw r;
        const rest: Buffer = pending.subarray(r.length);
        // Interim responses (100 Continue) are the engine's business: wait for the final one.
        if (r.status < 200 && r.status !== 101) {
          pending = rest;
          continue;
        }
        pending = undefined;
        return startResponse(r, rest);
      }
    } catch (err) {
      fail(err as Error);
    }
  };
  const onEnd = () => {
    if (response?.framing.kind === 'close' && !over) complete(0);
    else fail(new Error('the engine closed the connection'));
  };
  const onClose = () => fail(new Error('the engine closed the connection'));

  // The body chunks Node's parser hands over from one read of the client go out in one write.
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  function onRequestData(chunk: Buffer) {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    if (body === 'chunked') {
      socket.write(`${chunk.length.toString(16)}\r\n`);
      socket.write(chunk);
      socket.write('\r\n');
    } else {
      socket.write(chunk);
    }
    if (socket.writableLength > QUEUE_LIMIT && !req.isPaused()) {
      req.pause();
      socket.once('drain', resumeRequest);
    }
  }
  function resumeRequest() {
    if (!over) req.resume();
  }
  function onRequestEnd() {
    if (body === 'chunked') socket.write('0\r\n\r\n');
    bodySent = true;
  }

  function connect() {
    attempts++;
    ({ socket, reused } = pool.acquire());
    socket.on('data', onData).on('end', onEnd).on('close', onClose).on('error', fail);
    socket.write(head);
    if (body !== 'none') req.on('data', onRequestData).on('end', onRequestEnd);
  }

  // The client went away (e.g. `docker logs -f` interrupted): the engine call ends too.
  res.on('close', () => {
    if (over) return;
    outgoing.discard();
    settle(499); // nginx's "client closed request"
    socket.destroy();
  });
  // An upload cut short errors the request stream: the engine call ends with it.
  req.on('error', () => {
    if (over) return;
    outgoing.discard();
    settle(499);
    socket.destroy();
    res.destroy();
  });
  connect();

  return {
    abort() {
      outgoing.discard();
      if (!over) settle(499);
      socket.destroy();
      res.destroy();
    },
  };
}
