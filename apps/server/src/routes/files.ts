import type { Me } from '@porthole/shared/auth';
import { assertNoHostAccess } from '../policy/host-access.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ContainerParams } from '@porthole/shared/schemas/engine-params';
import { extractsArchive, FILE_NAME_RULE, type FileUploadResult } from '@porthole/shared/files';
import { FilePathQuery, FileUploadQuery } from '@porthole/shared/schemas/files';
import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { MAX_UPLOAD } from '../docker/archive-upload.ts';
import { containerPath, extractArchive, listDirectory, putFile } from '../docker/container-files.ts';
import { sendPath } from '../http/file-download.ts';
import { ApiError, messageOf } from '../http/api-error.ts';
import { clientGone, untilClientGoes } from '../http/client-gone.ts';

/**
 * `docker cp` in the browser, on the archive endpoints: list a directory, download a file (its
 * bytes) or a folder (a tar), upload a file into a folder. Every path is normalised to an
 * absolute path in the container, so `..` never leaves it.
 */
const fileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Uploads are raw bytes whatever their content type (a file's or a tar's), streamed as they come.
  // No route of this plugin reads a parsed body; a body a parser had read (text/plain, JSON) would
  // reach the tar short.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null));

  // A container with host access (privileged, the Docker socket mounted…) is an admin's to reach
  // into. Each route's own preHandler: it runs after the one engine lookup (`req.engine`).
  const noHostAccess = async (req: FastifyRequest) => {
    if ((req.user as Me).role === 'admin') return;
    const verb =
      req.method === 'PUT' ? 'copy files into' : req.url.includes('/files/download') ? 'copy files out of' : 'browse the files of';
    const params = req.params as { id: string };
    const checked = await assertNoHostAccess(req.engine, params.id, (req.user as Me).role, verb);
    // The route then works on the id that was checked, not the name (a rename could move it).
    if (checked) params.id = checked;
  };
  const pathRoute = { schema: { params: ContainerParams, querystring: FilePathQuery }, preHandler: noHostAccess };

  app.get('/api/engines/:engine/containers/:id/files', pathRoute, async (req, reply) => {
    const { engine } = req;
    const { id } = req.params;
    const dir = containerPath(req.query.path);
    // A cancelled listing (the browser moved on) stops reading the directory's archive.
    return untilClientGoes(req, reply, 'listing', (gone) => listDirectory(engine, id, dir, gone));
  });

  app.get('/api/engines/:engine/containers/:id/files/download', pathRoute, async (req, reply) =>
    sendPath(req.engine, req.params.id, containerPath(req.query.path), reply),
  );

  app.put(
    '/api/engines/:engine/containers/:id/files',
    {
      // The body is streamed to the engine as it arrives: no body deadline (a slow link may take
      // minutes for a large file); a stalled upload is cut by its own idle timeout.
      config: { streamingBody: true },
      schema: { params: ContainerParams, querystring: FileUploadQuery },
      // Content types Fastify cannot even parse (`garbage`) would be refused with 415 before the
      // catch-all parser: the body is bytes, whatever the client called it.
      onRequest: async (req) => {
        req.raw.headers['content-type'] = 'application/octet-stream';
      },
      schemaErrorFormatter: uploadQueryError,
      preHandler: noHostAccess,
    },
    async (req, reply) => {
      const { engine, query: q } = req;
      const { id } = req.params;
      const extract = extractsArchive(q);
      if (!extract && q.name === undefined) throw new ApiError(400, 'Say the file name (name=…), or extract=1 for a tar');
      const size = Number(req.headers['content-length']);
      // Unread bodies are not drained: the connection closes after the answer.
      if (!Number.isFinite(size) || size > MAX_UPLOAD) reply.header('connection', 'close');
      if (!Number.isFinite(size)) throw new ApiError(411, 'Content-Length is required');
      if (size > MAX_UPLOAD) throw new ApiError(413, 'The upload is larger than 1 GiB');
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
          req.log.debug({ err: messageOf(err) }, 'upload ended: the client went away');
          throw new ApiError(499, 'The upload was cancelled');
        }
        // The rest of a refused body is read and dropped, so the client gets the answer.
        if (!req.raw.complete) req.raw.resume();
        throw err;
      }
    },
  );
};

export default fileRoutes;

/** Validation errors of the upload's query, in words: a bad name says what a name may be. */
function uploadQueryError(errors: FastifySchemaValidationError[], dataVar: string): Error {
  if (errors.some((e) => e.instancePath === '/name')) return new Error(FILE_NAME_RULE);
  return new Error(errors.map((e) => `${dataVar}${e.instancePath} ${e.message}`).join(', '));
}
