import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { ApiError } from './api-error.ts';

/** Reads a request body whole, up to `limit` bytes (413 beyond, 400 when the client breaks off). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.resume();
        reject(new ApiError(413, `The request body is larger than ${limit} bytes`));
      } else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => reject(new ApiError(400, 'The request body was cut short')));
  });
}

/**
 * A stand-in for a request whose body was read already (to check it): the same head, with a
 * `Content-Length` of the body, and the body as its stream — what the engine relay reads.
 */
export function replayedRequest(req: IncomingMessage, body: Buffer): IncomingMessage {
  const rawHeaders: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] as string;
    if (!/^(content-length|transfer-encoding)$/i.test(name)) rawHeaders.push(name, req.rawHeaders[i + 1] as string);
  }
  rawHeaders.push('Content-Length', String(body.length));
  const stream = Object.assign(new PassThrough(), { rawHeaders, headers: req.headers, method: req.method, url: req.url });
  stream.end(body);
  return stream as unknown as IncomingMessage;
}
