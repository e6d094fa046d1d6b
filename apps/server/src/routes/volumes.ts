import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EngineId } from '@porthole/shared/schemas/engine-params';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { VolumeFilesQuery, VolumeFilesResponse } from '@porthole/shared/schemas/volumes';
import { Type } from '@sinclair/typebox';
import type { Me } from '@porthole/shared/auth';
import { listVolumeFiles } from '../docker/volumes.ts';
import { assertNoHostAccess } from '../policy/host-access.ts';

const VolumeParams = Type.Object({
  engine: EngineId,
  name: Type.String({ minLength: 1, maxLength: 256, pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$' }),
});

/** `GET /api/engines/:engine/volumes/:name/files?path=` — browse a volume through a container that mounts it. */
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
    async (req) => {
      const { role } = req.user as Me;
      return listVolumeFiles(req.engine, req.params.name, req.query.path, (id) =>
        role === 'admin' ? Promise.resolve() : assertNoHostAccess(req.engine, id, role, 'browse volume files through'),
      );
    },
  );
};

export default volumeRoutes;
