import type { FastifyReply } from 'fastify';
import { extractFile } from '../docker/container-files.ts';
import type { EngineApi, PathStat } from '../docker/engine-api.ts';
import { pipeline } from 'node:stream/promises';
import { ApiError } from './api-error.ts';
import { clientGone } from './client-gone.ts';

/** A download's file name: letters, digits, `_ . -` only (what every browser reads). */
const safeName = (n: string) => n.replace(/[^\w.-]+/g, '_') || 'download';

/** The mode bit of a symbolic link in the engine's path stat (Go's `os.ModeSymlink`). */
const SYMLINK = 0x8000000;

/**
 * `Content-Disposition` of a download: the safe name, and the name as it is (UTF-8, RFC 6266's
 * `filename*`) for browsers to prefer, so `ünï €.txt` is saved as such, not as `_n_.txt`.
 */
export function attachment(name: string): string {
  const plain = safeName(name);
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return plain === name ? `attachment; filename="${plain}"` : `attachment; filename="${plain}"; filename*=UTF-8''${utf8}`;
}

/**
 * `docker cp CONTAINER:PATH -` to the browser: a file as its own bytes (with its length), a folder
 * as a tar, streamed from the engine's archive endpoint (a container's files, or a volume's through
 * a container that mounts it). The engine's refusal (no such path) is Porthole's error answer; the
 * engine going away mid-download breaks the download, not the server.
 */
export async function sendPath(
  engine: EngineApi,
  id: string,
  p: string,
  reply: FastifyReply,
  as: { name?: string; shown?: string } = {},
): Promise<void> {
  // The client leaving — before the engine answered or halfway — ends the engine's archive: left
  // unread, the engine holds the container (inspect, cp, everything on it) until Porthole restarts.
  const signal = clientGone(reply.request, reply);
  const shown = as.shown ?? p;
  try {
    const stat = await pathStat(engine, id, p, shown, signal);
    if (stat.linkTarget && !stat.isDir && (stat.mode & SYMLINK) !== 0) {
      throw new ApiError(404, `${shown} is a symbolic link to ${stat.linkTarget}: download what it points to`);
    }
    const archive = await engine.getArchive(id, p, { signal });
    const name = as.name ?? (p === '/' ? 'root' : (p.split('/').pop() as string));
    reply.hijack();
    const res = reply.raw;
    archive.on('error', () => res.destroy());
    if (stat.isDir) {
      res.writeHead(200, { 'content-type': 'application/x-tar', 'content-disposition': attachment(`${name}.tar`) });
      pipeline(archive, res).catch(() => {});
      return;
    }
    await extractFile(archive, async (stream, size) => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(size),
        'content-disposition': attachment(name),
      });
      await new Promise<void>((resolve, reject) => {
        stream.pipe(res);
        stream.once('end', resolve);
        stream.once('error', reject);
      });
    });
    if (!res.headersSent)
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `${shown} is not a regular file` }));
    else res.end();
  } catch (err) {
    if (reply.sent || reply.raw.headersSent) return void reply.raw.destroy();
    throw err;
  }
}

/**
 * The path's stat. The engine answers a missing path (a HEAD) with a bare 404, no message: said
 * here in words, unless it is the container that is missing (its own "No such container" then).
 */
async function pathStat(engine: EngineApi, id: string, p: string, shown: string, signal: AbortSignal): Promise<PathStat> {
  try {
    return await engine.statPath(id, p, { signal });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    await engine.inspectContainer(id);
    throw new ApiError(404, `${shown}: no such file or folder`);
  }
}
