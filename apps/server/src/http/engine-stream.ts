import type net from 'node:net';
import { Readable } from 'node:stream';
import { Coalescer } from './coalesce.ts';
import type { EngineSockets } from './engine-sockets.ts';
import { BodyEnd, type ResponseHead, gather, parseResponseHead } from './http1-framing.ts';

/**
 * A streamed Engine API response (a log read: the engine sends every log line as its own HTTP
 * chunk), read off a raw pooled engine connection: its body comes out de-chunked in the pieces
 * the socket reads (one `data` per read of up to 64 KiB instead of one per line, which is what
 * Node's HTTP client costs on a 300,000-line log). Backpressure as any Readable: the socket
 * pauses while the consumer does not read.
 */
export class EngineStream extends Readable {
  /** The engine's status (set before the promise of `engineStream` resolves). */
  statusCode = 0;
  /** Header names lower-cased; repeated headers keep the last value. */
  headers: Record<string, string> = {};

  constructor(private readonly onRead: () => void) {
    super({ highWaterMark: 256 * 1024 });
  }

  override _read(): void {
    this.onRead();
  }
}

/** `GET path` on an engine connection; resolves with the response once its head has arrived. */
export function engineStream(pool: EngineSockets, path: string): Promise<EngineStream> {
  return new Promise((resolve, reject) => {
    let socket: net.Socket;
    let reused = false;
    let attempts = 0;
    let gotBytes = false;
    let pending: Buffer | undefined;
    let head: ResponseHead | undefined;
    let body: BodyEnd | undefined;
    const ranges: number[] = [];
    const stream = new EngineStream(() => {
      if (socket.isPaused()) socket.resume();
    });
    // The engine's small reads joined into fewer `data` events (coalesce.ts).
    const incoming = new Coalescer((data) => {
      if (!stream.push(data)) socket.pause();
    });

    const detach = () => socket.off('data', onData).off('end', onEnd).off('close', onClose).off('error', fail);
    const fail = (err: Error) => {
      detach();
      socket.on('error', () => {}).destroy();
      if (!head) {
        // An idle connection the engine had closed: once more on a new one.
        if (reused && !gotBytes && attempts === 1) return connect();
        return reject(err);
      }
      incoming.discard();
      stream.destroy(err);
    };
    const finish = (extra: number) => {
      incoming.flush();
      detach();
      if (extra === 0 && !(head as ResponseHead).close && (head as ResponseHead).framing.kind !== 'close') pool.release(socket);
      else socket.on('error', () => {}).destroy();
      stream.push(null);
    };
    const onBody = (chunk: Buffer, start: number) => {
      ranges.length = 0;
      const end = (body as BodyEnd).feed(chunk, start, ranges);
      incoming.push(gather(chunk, ranges), end >= 0);
      if (end >= 0) finish(chunk.length - end);
    };
    const onData = (chunk: Buffer) => {
      gotBytes = true;
      try {
        if (body) return onBody(chunk, 0);
        pending = pending ? Buffer.concat([pending, chunk]) : chunk;
        const r = parseResponseHead(pending, 'GET');
        if (r === undefined) return;
        if (r instanceof Error) throw r;
        head = r;
        stream.statusCode = r.status;
        for (let i = 0; i < r.headers.length; i += 2) stream.headers[(r.headers[i] as string).toLowerCase()] = r.headers[i + 1] as string;
        body = new BodyEnd(r.framing);
        const rest = pending;
        pending = undefined;
        resolve(stream);
        if (body.done) return finish(rest.length - r.length);
        onBody(rest, r.length);
      } catch (err) {
        fail(err as Error);
      }
    };
    const onEnd = () => {
      if (head?.framing.kind === 'close' && !stream.readableEnded) return finish(0);
      fail(new Error('the engine closed the connection'));
    };
    const onClose = () => fail(new Error('the engine closed the connection'));
    // The consumer left (a client unsubscribed): the engine call ends with it.
    stream.on('close', () => {
      incoming.discard();
      if (!body?.done) socket.destroy();
    });

    function connect() {
      attempts++;
      ({ socket, reused } = pool.acquire());
      socket.on('data', onData).on('end', onEnd).on('close', onClose).on('error', fail);
      socket.write(`GET ${path} HTTP/1.1\r\nHost: docker\r\n\r\n`);
    }
    connect();
  });
}
