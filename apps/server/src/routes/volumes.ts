import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EngineId } from '@porthole/shared/schemas/engine-params';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { VolumeFilesQuery, VolumeFilesResponse } from '@porthole/shared/schemas/volumes';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Me } from '@porthole/shared/auth';
import { listVolumeFiles, volumeReader } from '../docker/volumes.ts';
import { untilClientGoes } from '../http/client-gone.ts';
import { sendPath } from '../http/file-download.ts';
import { assertNoHostAccess } from '../policy/host-access.ts';

const VolumeParams = Type.Object({
  engine: EngineId,
  name: Type.String({ minLength: 1, maxLength: 256, pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$' }),
});

/** `GET /api/engines/:engine/volumes/:name/files?path=` — browse a volume through a container that mounts it; `/files/download` copies out of it. */
const volumeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/engines/:engine/volumes/:name/files',
    {
      schema: {
        params: VolumeParams,
        querystring: VolumeFilesQuery,
        response: { 200: VolumeFilesResponse, 404: ErrorBody, 409: ErrorBody },
      },
    },
    // A cancelled listing (the browser moved on) stops reading the volume's archive.
    async (req, reply) =>
      untilClientGoes(req, reply, 'listing', (gone) =>
        listVolumeFiles(req.engine, req.params.name, req.query.path, guard(req, 'browse volume files through'), gone),
      ),
  );

  /** A file of the volume (its bytes) or a folder (a tar), as `docker cp CONTAINER:/mount/path -` would copy it. */
  app.get(
    '/api/engines/:engine/volumes/:name/files/download',
    { schema: { params: VolumeParams, querystring: VolumeFilesQuery } },
    async (req, reply) => {
      const { container, subpath, path } = await volumeReader(
        req.engine,
        req.params.name,
        req.query.path,
        guard(req, 'copy volume files out through'),
      );
      // The volume's root is saved under the volume's name, not the mount point's.
      return sendPath(req.engine, container.id, path, reply, { name: subpath ? undefined : req.params.name, shown: subpath || '/' });
    },
  );
};

/** A non-admin may not read a volume through a container with host access (`host-access.ts`). */
function guard(req: FastifyRequest, verb: string): (id: string) => Promise<unknown> {
  const { role } = req.user as Me;
  return (id) => (role === 'admin' ? Promise.resolve() : assertNoHostAccess(req.engine, id, role, verb));
}

export default volumeRoutes;
