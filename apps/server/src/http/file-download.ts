import type { FastifyReply } from 'fastify';
import { extractFile } from '../docker/container-files.ts';
import type { EngineApi, PathStat } from '../docker/engine-api.ts';
import { ApiError } from './api-error.ts';

/** A download's file name: letters, digits, `_ . -` only. */
export const safeName = (n: string) => n.replace(/[^\w.-]+/g, '_') || 'download';

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
  try {
    const stat = await pathStat(engine, id, p, as.shown ?? p);
    const archive = await engine.getArchive(id, p);
    const base = safeName(as.name ?? (p === '/' ? 'root' : (p.split('/').pop() as string)));
    reply.hijack();
    const res = reply.raw;
    res.once('close', () => archive.destroy());
    archive.on('error', () => res.destroy());
    if (stat.isDir) {
      res.writeHead(200, { 'content-type': 'application/x-tar', 'content-disposition': `attachment; filename="${base}.tar"` });
      archive.pipe(res);
      return;
    }
    await extractFile(archive, async (stream, size) => {
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(size),
        'content-disposition': `attachment; filename="${base}"`,
      });
      await new Promise<void>((resolve, reject) => {
        stream.pipe(res);
        stream.once('end', resolve);
        stream.once('error', reject);
      });
    });
    if (!res.headersSent)
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `${p} is not a regular file` }));
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
async function pathStat(engine: EngineApi, id: string, p: string, shown: string): Promise<PathStat> {
  try {
    return await engine.statPath(id, p);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    await engine.inspectContainer(id);
    throw new ApiError(404, `${shown}: no such file or folder`);
  }
}
