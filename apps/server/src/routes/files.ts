import { extractsArchive, FILE_NAME_RULE, type FileUploadResult } from '@porthole/shared/files';
import { FilePathQuery, FileUploadQuery } from '@porthole/shared/schemas/files';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { MAX_UPLOAD, UploadError } from '../docker/archive-upload.ts';
import { containerPath, extractArchive, extractFile, getArchive, listDirectory, putFile, statPath } from '../docker/container-files.ts';
import { dockerFailure } from '../docker/errors.ts';
import { EngineHttpError } from '../docker/logs.ts';

const Params = Type.Object({ engine: Type.String(), id: Type.String({ pattern: '^[a-zA-Z0-9_.-]+$' }) });

function fail(reply: FastifyReply, err: unknown) {
  if (err instanceof EngineHttpError || err instanceof UploadError) return reply.code(err.status).send({ message: err.message });
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
  // Uploads are raw bytes whatever their content type (a file's or a tar's), streamed as they come.
  // No route of this plugin reads a parsed body; a body a parser had read (text/plain, JSON) would
  // reach the tar short.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));

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
        // The engine went away mid-download: the client's download ends broken, the server stays.
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
        if (reply.sent || reply.raw.headersSent) return reply.raw.destroy();
        return fail(reply, err);
      }
    },
  );

  app.put(
    '/api/engines/:engine/containers/:id/files',
    {
      schema: { params: Params, querystring: FileUploadQuery },
      // Content types Fastify cannot even parse (`garbage`) would be refused with 415 before the
      // catch-all parser: the body is bytes, whatever the client called it.
      onRequest: async (req) => {
        req.raw.headers['content-type'] = 'application/octet-stream';
      },
      schemaErrorFormatter: uploadQueryError,
    },
    async (req, reply) => {
      const { engine: e, id } = req.params as { engine: string; id: string };
      const q = req.query as FileUploadQuery;
      const engine = app.engines.get(e);
      if (!engine) return reply.code(404).send({ message: `Unknown engine "${e}"` });
      const extract = extractsArchive(q);
      if (!extract && q.name === undefined) return reply.code(400).send({ message: 'Say the file name (name=…), or extract=1 for a tar' });
      const size = Number(req.headers['content-length']);
      // Unread bodies are not drained: the connection closes after the answer.
      if (!Number.isFinite(size)) return reply.code(411).header('connection', 'close').send({ message: 'Content-Length is required' });
      if (size > MAX_UPLOAD) return reply.code(413).header('connection', 'close').send({ message: 'The upload is larger than 1 GiB' });
      const dir = containerPath(q.path);
      const gone = clientGone(req, reply);
      try {
        if (extract) {
          const entries = await extractArchive(engine, id, dir, req.raw, gone);
          return reply.code(201).send({ path: dir, entries } satisfies FileUploadResult);
        }
        await putFile(engine, id, dir, q.name as string, size, req.raw, gone);
        return reply.code(201).send({ path: containerPath(`${dir}/${q.name}`) } satisfies FileUploadResult);
      } catch (err) {
        if (gone.aborted || (req.raw.destroyed && !req.raw.complete)) {
          req.log.debug({ err: (err as Error).message }, 'upload ended: the client went away');
          return reply.code(499).send({ message: 'The upload was cancelled' });
        }
        // The rest of a refused body is read and dropped, so the client gets the answer.
        if (!req.raw.complete) req.raw.resume();
        return fail(reply, err);
      }
    },
  );
}

/** Aborts when the client leaves before its request was answered (an upload cancelled halfway). */
function clientGone(req: FastifyRequest, reply: FastifyReply): AbortSignal {
  const gone = new AbortController();
  const left = () => (!req.raw.complete && req.raw.destroyed) || (reply.raw.destroyed && !reply.raw.writableFinished);
  if (left()) gone.abort();
  req.raw.once('close', () => req.raw.complete || gone.abort());
  reply.raw.once('close', () => reply.raw.writableFinished || gone.abort());
  return gone.signal;
}

/** Validation errors of the upload's query, in words: a bad name says what a name may be. */
function uploadQueryError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  if (errors.some((e) => e.instancePath === '/name')) return new Error(FILE_NAME_RULE);
  return new Error(errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).join(', '));
}
