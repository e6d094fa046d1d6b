import { FilePathQuery, FileUploadQuery } from '@porthole/shared/files';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { containerPath, extractFile, getArchive, listDirectory, putFile, statPath } from '../docker/container-files.ts';
import { dockerFailure } from '../docker/errors.ts';
import { EngineHttpError } from '../docker/logs.ts';

const Params = Type.Object({ engine: Type.String(), id: Type.String({ pattern: '^[a-zA-Z0-9_.-]+$' }) });
const MAX_UPLOAD = 1 << 30;

function fail(reply: FastifyReply, err: unknown) {
  if (err instanceof EngineHttpError) return reply.code(err.status).send({ message: err.message });
  const f = dockerFailure(err);
  if (f) return reply.code(f.status).send({ message: f.message });
  throw err;
}

const safeName = (n: string) => n.replace(/[^\w.-]+/g, '_') || 'download';

/**
 * `docker cp` in the browser, on the archive endpoints: list a directory, download a file (its
 * bytes) or a folder (a tar), upload a file into a folder. Every path is normalised to an
 * absolute path in the container, so `..` never leaves it.
 */
export default async function fileRoutes(app: FastifyInstance) {
  // Uploads arrive as the raw file bytes; they are streamed into a tar for the engine.
  app.addContentTypeParser('application/octet-stream', (_req, _payload, done) => done(null));

  app.get('/api/engines/:engine/containers/:id/files', { schema: { params: Params, querystring: FilePathQuery } }, async (req, reply) => {
    const { engine: e, id } = req.params as { engine: string; id: string };
    const engine = app.engines.get(e);
    if (!engine) return reply.code(404).send({ message: `Unknown engine "${e}"` });
    const dir = containerPath((req.query as FilePathQuery).path);
    // A cancelled listing (the browser moved on) stops reading the directory's archive.
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    try {
      return await listDirectory(engine, id, dir, gone.signal);
    } catch (err) {
      if (gone.signal.aborted) return reply.code(499).send({ message: 'The listing was cancelled' });
      return fail(reply, err);
    }
  });

  app.get(
    '/api/engines/:engine/containers/:id/files/download',
    { schema: { params: Params, querystring: FilePathQuery } },
    async (req, reply) => {
      const { engine: e, id } = req.params as { engine: string; id: string };
      const engine = app.engines.get(e);
      if (!engine) return reply.code(404).send({ message: `Unknown engine "${e}"` });
      const p = containerPath((req.query as FilePathQuery).path);
      try {
        const stat = await statPath(engine, id, p);
        const archive = await getArchive(engine, id, p);
        const base = safeName(p === '/' ? 'root' : (p.split('/').pop() as string));
        reply.hijack();
        const res = reply.raw;
        res.once('close', () => archive.destroy());
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
        if (reply.sent || reply.raw.headersSent) return reply.raw.destroy();
        return fail(reply, err);
      }
    },
  );

  app.put('/api/engines/:engine/containers/:id/files', { schema: { params: Params, querystring: FileUploadQuery } }, async (req, reply) => {
    const { engine: e, id } = req.params as { engine: string; id: string };
    const engine = app.engines.get(e);
    if (!engine) return reply.code(404).send({ message: `Unknown engine "${e}"` });
    const q = req.query as FileUploadQuery;
    const size = Number(req.headers['content-length']);
    if (!Number.isFinite(size)) return reply.code(411).send({ message: 'Content-Length is required' });
    if (size > MAX_UPLOAD) return reply.code(413).send({ message: 'The file is larger than 1 GiB' });
    const dir = containerPath(q.path);
    try {
      await putFile(engine, id, dir, q.name, size, req.raw);
      return reply.code(201).send({ path: containerPath(`${dir}/${q.name}`) });
    } catch (err) {
      return fail(reply, err);
    }
  });
}
