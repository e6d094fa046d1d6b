import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished, type Readable, type Writable } from 'node:stream';
import tar from 'tar-stream';
import { ApiError } from '../http/api-error.ts';
import { ArchiveChecker } from './archive-check.ts';
import type { EngineApi } from './engine-api.ts';

/** Most bytes one upload (a file or an archive) may have. */
export const MAX_UPLOAD = 1 << 30;
/** An upload that moves no byte for this long (a stalled client) ends, releasing the container. */
const IDLE_MS = 120_000;

const cutShort = () => new ApiError(400, 'The upload was cut short: the connection closed before the whole body arrived');
/** tar-stream's error for an entry that got fewer (or more) bytes than its header said. */
const readable = (err: unknown) =>
  err instanceof Error && err.message === 'Size mismatch' ? new ApiError(400, 'The upload ended before all its bytes arrived') : err;

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
 * Streams a tar into DIR of the container (`EngineApi.putArchive`, with `noOverwriteDirNonDir` as
 * `docker cp` sends it: the engine refuses to replace a folder with a file, so no entry can wipe a
 * folder, a volume or a bind mount). Resolves once the engine answered 2xx; on any failure (engine
 * error, a feed's error, a body cut short, abort, stall) the engine call is destroyed, never
 * finished, so the engine drops the partial archive and releases the container.
 */
export async function putArchive(engine: EngineApi, id: string, dir: string, archive: Readable, opts: UploadOptions = {}): Promise<void> {
  const stop = new AbortController();
  const fail = (err: unknown) => stop.abort(err);
  const onAbort = () => fail(new ApiError(499, 'The upload was cancelled'));
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  for (const feed of opts.feeds ?? []) feed.on('error', fail);
  if (opts.body) finished(opts.body, { writable: false }, (err) => err && fail(cutShort()));
  try {
    await engine.putArchive(id, dir, archive, { length: opts.length, idleMs: opts.idleMs ?? IDLE_MS, signal: stop.signal });
  } catch (err) {
    throw readable(err);
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

export interface SpooledArchive {
  file: string;
  size: number;
  entries: number;
}

/**
 * Reads a tar from `body` and writes a checked copy of it to a new file in the temp directory
 * (mode 0600): every entry is checked (`ArchiveChecker`) and re-encoded from the checked fields
 * only (no device nodes, no xattrs or pax records, no owner), so the engine extracts exactly what
 * was checked. Refuses the archive at its first bad entry; the caller deletes `file` afterwards,
 * the file is deleted here if spooling fails.
 */
export async function spoolArchive(body: Readable, opts: { signal?: AbortSignal; limit?: number } = {}): Promise<SpooledArchive> {
  const file = path.join(os.tmpdir(), `porthole-upload-${randomUUID()}.tar`);
  // `wx`: a new file, never one that is there already; 0600 (umask only takes bits away).
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const extract = tar.extract();
  const pack = tar.pack();
  const checker = new ArchiveChecker();
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (err: unknown) => {
        if (settled) return;
        settled = true;
        body.unpipe(extract as unknown as Writable);
        extract.destroy();
        pack.destroy();
        out.destroy();
        reject(err);
      };
      extract.on('entry', (header, stream, next) => {
        stream.on('error', fail);
        const entry = checker.check(header);
        if (typeof entry === 'string') return fail(new ApiError(400, `The archive was refused: ${entry}`));
        // The target folder itself (`./`): its owner and mode stay as they are.
        if (entry.name === '.') {
          stream.on('end', next);
          return void stream.resume();
        }
        const sink = pack.entry(entry, (err) => (err ? fail(err) : next()));
        sink.on('error', fail);
        if (entry.type === 'file') stream.pipe(sink);
        else stream.resume();
      });
      extract.on('error', (err) => fail(new ApiError(400, `The upload is not a valid tar archive: ${err.message}`)));
      extract.on('finish', () => {
        if (checker.entries === 0) return fail(new ApiError(400, 'The archive has no entries'));
        pack.finalize();
      });
      pack.on('error', fail);
      out.on('error', fail);
      // After the file is closed, so that reading it sees every byte.
      out.on('close', () => {
        if (!out.writableFinished) return fail(new Error('The spool file closed early'));
        if (settled) return;
        settled = true;
        resolve();
      });
      finished(body, { writable: false }, (err) => err && fail(cutShort()));
      const onAbort = () => fail(new ApiError(499, 'The upload was cancelled'));
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      out.once('close', () => opts.signal?.removeEventListener('abort', onAbort));
      pack.pipe(out);
      body.pipe(extract as unknown as Writable);
    });
    const { size } = await fs.promises.stat(file);
    // Re-encoding adds at most a header per entry: more than that is not what Content-Length said.
    if (size > (opts.limit ?? MAX_UPLOAD) + 1024 * (checker.entries + 2)) throw new ApiError(413, 'The archive is larger than 1 GiB');
    return { file, size, entries: checker.entries };
  } catch (err) {
    // Only once the file is closed: a stream destroyed before its file was opened creates it still.
    if (!out.closed) await new Promise<void>((r) => out.destroy().once('close', () => r()));
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}

/**
 * Deletes spool files a killed Porthole left behind (an upload in progress writes its file all
 * the time, so one untouched for 10 minutes belongs to nobody). Returns how many it deleted.
 */
export function sweepStaleSpools(dir = os.tmpdir(), now = Date.now()): number {
  let n = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!/^porthole-upload-[0-9a-f-]{36}\.tar$/.test(name)) continue;
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > 10 * 60_000) {
        fs.rmSync(file, { force: true });
        n++;
      }
    } catch {
      // gone already
    }
  }
  return n;
}
