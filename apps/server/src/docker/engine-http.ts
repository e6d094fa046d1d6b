import type http from 'node:http';
import type { IncomingMessage } from 'node:http';
import { type Duplex, finished, type Readable } from 'node:stream';
import { isRefusal, readableEngineMessage } from '@porthole/shared/engine-messages';
import { ApiError } from '../http/api-error.ts';
import { type EngineConnector, engineSockets } from '../http/engine-sockets.ts';
import { engineStream as rawStream } from '../http/engine-stream.ts';
import { DEADLINE_MS, withDeadline } from './deadline.ts';

/** Where engine requests go: `Engine.request` (a keep-alive agent on the engine's socket). */
export interface EngineTransport {
  request(options: http.RequestOptions): http.ClientRequest;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface EngineCall {
  method?: string;
  path: string;
  query?: Query;
  /** A JSON body, or a stream piped as it is (an archive). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Names the call in a timeout message: `inspect timed out after 10 s`. */
  what: string;
}

/** Most bytes of a JSON answer read into memory (a list of thousands of containers is a few MB). */
const MAX_JSON_BYTES = 64 << 20;
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ETIMEDOUT', 'EACCES']);

export function pathWithQuery(path: string, query: Query = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** A failure to talk to the engine at all: 503 with the reason. */
export function transportError(err: NodeJS.ErrnoException): ApiError {
  if (err instanceof ApiError) return err;
  const code = err.code && UNREACHABLE.has(err.code) ? err.code : undefined;
  // Other failures (TLS: a certificate that does not fit) say what went wrong.
  return new ApiError(503, `The Docker engine is not reachable (${code ?? (err.code ? `${err.code}: ${err.message}` : err.message)})`);
}

/** The engine's error answer (`{"message": …}` or plain text) with its own status. */
export function answerError(status: number, body: string): ApiError {
  let message = body.trim();
  try {
    message = (JSON.parse(body) as { message?: string }).message?.trim() || message;
  } catch {
    // plain text
  }
  if (status === 304) message ||= 'Nothing to do: the object is already in that state';
  if (isRefusal(message)) return new ApiError(409, readableEngineMessage(message));
  return new ApiError(status, readableEngineMessage(message) || `The engine answered ${status}`);
}

export async function readText(res: AsyncIterable<Buffer | string>, limit = MAX_JSON_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      (res as { destroy?: () => void }).destroy?.();
      throw new ApiError(502, `The engine's answer is larger than ${limit >> 20} MB`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends a call; resolves with the response head. `signal` destroys the request (and its response). */
function send(engine: EngineTransport, call: EngineCall, signal: AbortSignal, upgrade = false): Promise<IncomingMessage | Duplex> {
  return new Promise((resolve, reject) => {
    const stream = isStream(call.body) ? call.body : undefined;
    const json = stream || call.body === undefined ? undefined : JSON.stringify(call.body);
    const req = engine.request({
      method: call.method ?? 'GET',
      path: pathWithQuery(call.path, call.query),
      headers: {
        host: 'docker',
        ...(json !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) } : {}),
        ...(upgrade ? { connection: 'Upgrade', upgrade: 'tcp' } : {}),
        ...call.headers,
      },
    });
    const onAbort = () => req.destroy(signal.reason as Error);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    req.once('response', (res) => {
      if (!upgrade) return resolve(res);
      // Not upgraded: an error answer (no such exec, container not running).
      readText(res).then((text) => reject(answerError(res.statusCode ?? 502, text)), reject);
    });
    req.once('upgrade', (_res, socket, head) => {
      signal.removeEventListener('abort', onAbort);
      if (head.length) socket.unshift(head);
      resolve(socket);
    });
    req.once('error', (err) => reject(signal.aborted ? signal.reason : transportError(err)));
    if (stream) {
      stream.once('error', (err) => req.destroy(err));
      stream.pipe(req);
    } else req.end(json);
  });
}

const isStream = (body: unknown): body is Readable => typeof (body as Readable | undefined)?.pipe === 'function';

/** A call answered with JSON (or nothing, or plain text), read whole within `ms`. */
export function engineJson<T>(engine: EngineTransport, call: EngineCall, ms: number, outer?: AbortSignal): Promise<T> {
  return withDeadline(
    ms,
    call.what,
    async (signal) => {
      const res = (await send(engine, call, signal)) as IncomingMessage;
      const text = await readText(res);
      const status = res.statusCode ?? 502;
      if (status >= 300) throw answerError(status, text);
      // `/_ping` answers plain `OK`; everything else the engine answers is JSON.
      if (!/json/.test(res.headers['content-type'] ?? '')) return text as T;
      return (text.trim() ? JSON.parse(text) : undefined) as T;
    },
    outer,
  );
}

/**
 * A log read off a raw pooled engine connection (`http/engine-stream.ts`): the engine sends every
 * log line as its own HTTP chunk, which Node's HTTP client would hand over one by one; this hands
 * them over de-chunked in the pieces the socket reads. Same contract as `engineStream`.
 */
export function engineRawStream(
  engine: EngineConnector,
  call: EngineCall,
  outer?: AbortSignal,
  ms: number = DEADLINE_MS.connect,
): Promise<Readable> {
  return openedWithin(ms, call.what, outer, async (signal) => {
    const res = await rawStream(engineSockets(engine), pathWithQuery(call.path, call.query));
    if (signal.aborted) {
      res.destroy();
      throw signal.reason;
    }
    return { res, status: res.statusCode };
  });
}

/**
 * A streamed answer (logs, stats, events, an export, a pull): resolves with the open response once
 * the engine answered 2xx within `ms`; an error answer rejects with the engine's message. The
 * stream then runs as long as it is read; `outer` (or destroying it) ends it.
 */
export function engineStream(
  engine: EngineTransport,
  call: EngineCall,
  outer?: AbortSignal,
  ms: number = DEADLINE_MS.connect,
): Promise<IncomingMessage> {
  return openedWithin(ms, call.what, outer, async (signal) => {
    const res = (await send(engine, call, signal)) as IncomingMessage;
    return { res, status: res.statusCode ?? 502 };
  });
}

/**
 * The one way a stream is opened: `open` must answer within `ms`; an error status rejects with the
 * engine's message. Past the deadline, only the caller (`outer`) ends the stream.
 */
function openedWithin<R extends Readable>(
  ms: number,
  what: string,
  outer: AbortSignal | undefined,
  open: (signal: AbortSignal) => Promise<{ res: R; status: number }>,
): Promise<R> {
  return withDeadline(
    ms,
    what,
    async (signal) => {
      const { res, status } = await open(signal);
      if (status >= 300) throw answerError(status, await readText(res, 1 << 20));
      if (outer) outer.addEventListener('abort', () => res.destroy(), { once: true });
      return res;
    },
    outer,
  );
}

/** A hijacked call (`POST /exec/{id}/start` with `Upgrade: tcp`): the raw connection, once upgraded within `ms`. */
export function engineUpgrade(engine: EngineTransport, call: EngineCall, ms: number = DEADLINE_MS.connect): Promise<Duplex> {
  return withDeadline(ms, call.what, async (signal) => {
    const socket = (await send(engine, { method: 'POST', ...call }, signal, true)) as Duplex;
    if (signal.aborted) socket.destroy();
    return socket;
  });
}

/**
 * Streams `call.body` to the engine (an archive upload) and resolves once the engine answered 2xx.
 * No total deadline (an upload takes as long as the client sends) but one of `idleMs` without a
 * byte moving; `signal` ends it at once with its reason. On any failure the request is destroyed
 * unfinished, so the engine drops what it got and releases the container.
 */
export function engineUpload(engine: EngineTransport, call: EngineCall, o: { idleMs: number; signal?: AbortSignal }): Promise<void> {
  const body = call.body as Readable;
  return new Promise((resolve, reject) => {
    const req = engine.request({
      method: call.method ?? 'PUT',
      path: pathWithQuery(call.path, call.query),
      headers: { host: 'docker', ...call.headers },
    });
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      o.signal?.removeEventListener('abort', onAbort);
      if (err === undefined) return resolve();
      req.destroy();
      body.destroy();
      reject(err);
    };
    const onAbort = () => settle(o.signal?.reason ?? new ApiError(499, `${call.what} was cancelled`));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.setTimeout(o.idleMs, () => settle(new ApiError(408, `The upload stalled: nothing moved for ${o.idleMs / 1000} s`)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 502;
      if (status >= 300) return void readText(res, 1 << 20).then((text) => settle(answerError(status, text)), settle);
      finished(res, (err) => settle(err ?? undefined));
      res.resume();
    });
    req.on('error', (err) => settle(transportError(err)));
    body.on('error', settle);
    if (o.signal?.aborted) return onAbort();
    body.pipe(req);
  });
}
