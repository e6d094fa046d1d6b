import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { VolumeFilesQuery, VolumeFilesResponse } from '@porthole/shared/schemas/volumes';
import { Type } from '@sinclair/typebox';
import { listVolumeFiles, VolumeBrowseError, type VolumeDocker } from '../docker/volumes.ts';

/**
 * `GET /api/engines/:engine/volumes/:name/files?path=` — browse a volume through a container that
 * mounts it. Failures carry a status (VolumeBrowseError, engine errors) for the one error handler.
 */
const volumeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/engines/:engine/volumes/:name/files',
    {
      schema: {
        params: Type.Object({ engine: Type.String(), name: Type.String() }),
        querystring: VolumeFilesQuery,
        response: { 200: VolumeFilesResponse },
      },
    },
    async (req) => {
      const engine = app.engines.get(req.params.engine);
      if (!engine) throw new VolumeBrowseError(404, `Unknown engine "${req.params.engine}"`);
      return listVolumeFiles(engine.docker as unknown as VolumeDocker, req.params.name, req.query.path);
    },
  );
};

export default volumeRoutes;
