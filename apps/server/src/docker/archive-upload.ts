import { finished, type Readable } from 'node:stream';
import type { Engine } from './engine.ts';
import { engineError } from './logs.ts';

/** Most bytes one upload (a file or an archive) may have. */
export const MAX_UPLOAD = 1 << 30;
/** An upload that moves no byte for this long (a stalled client) ends, releasing the container. */
const IDLE_MS = 120_000;

/** A refused or failed upload, with the status and message the user gets. */
export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const cutShort = () => new UploadError(400, 'The upload was cut short: the connection closed before the whole body arrived');
/** tar-stream's error for an entry that got fewer (or more) bytes than its header said. */
const readable = (err: unknown) =>
  err instanceof Error && err.message === 'Size mismatch' ? new UploadError(400, 'The upload ended before all its bytes arrived') : err;

export interface UploadOptions {
  /** The client went away: end the engine call at once. */
  signal?: AbortSignal;
  /** Bytes of `archive`, when known. */
  length?: number;
  /** Streams that feed `archive` (the tar entry a body is piped into): their errors fail the upload. */
  feeds?: Array<{ on(event: 'error', fn: (err: Error) => void): unknown }>;
  /** The client's request body: ending early (aborted, truncated) fails the upload. */
  body?: Readable;
  idleMs?: number;
}

/**
 * `PUT /containers/{id}/archive?path=DIR`: streams a tar to the engine, which extracts it into DIR.
 * `noOverwriteDirNonDir` (as `docker cp` sends it): the engine refuses to replace a folder with a
 * file, so no entry can wipe a folder, a volume or a bind mount. Resolves once the engine answered
 * 2xx; on any failure (engine error, a feed's error, a body cut short, abort, stall) the engine call
 * is destroyed, never finished, so the engine drops the partial archive and releases the container.
 */
export function putArchive(engine: Engine, id: string, dir: string, archive: Readable, opts: UploadOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const query = new URLSearchParams({ path: dir, noOverwriteDirNonDir: '1' });
    const req = engine.request({
      method: 'PUT',
      path: `/containers/${encodeURIComponent(id)}/archive?${query}`,
      headers: {
        host: 'docker',
        'content-type': 'application/x-tar',
        ...(opts.length !== undefined ? { 'content-length': String(opts.length) } : {}),
      },
    });
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener('abort', onAbort);
      if (err === undefined) return resolve();
      req.destroy();
      archive.destroy();
      reject(readable(err));
    };
    const onAbort = () => settle(new UploadError(499, 'The upload was cancelled'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const idle = opts.idleMs ?? IDLE_MS;
    req.setTimeout(idle, () => settle(new UploadError(408, `The upload stalled: nothing moved for ${idle / 1000} s`)));
    req.on('response', (res) => {
      if ((res.statusCode ?? 500) >= 300) return void engineError(res).then(settle, settle);
      finished(res, (err) => settle(err ?? undefined));
      res.resume();
    });
    req.on('error', settle);
    archive.on('error', settle);
    for (const feed of opts.feeds ?? []) feed.on('error', settle);
    if (opts.body) finished(opts.body, { writable: false }, (err) => err && settle(cutShort()));
    if (opts.signal?.aborted) return onAbort();
    archive.pipe(req);
  });
}
