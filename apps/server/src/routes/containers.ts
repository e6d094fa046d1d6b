import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { flagValue } from '@porthole/shared/containers';
import { ContainerListQuery, ContainerListResponse } from '@porthole/shared/schemas/containers';
import { EngineParams } from '@porthole/shared/schemas/engine-params';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { listContainersWithDetails } from '../docker/container-list.ts';
import { clientGone } from '../http/client-gone.ts';

/**
 * `GET /api/engines/:engine/containers?details=1` — every container, each with its inspect when
 * asked (bounded concurrency, a deadline per row and for the list: see `container-list.ts`).
 */
const containerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/engines/:engine/containers',
    { schema: { params: EngineParams, querystring: ContainerListQuery, response: { 200: ContainerListResponse, 404: ErrorBody } } },
    async (req, reply) => {
      // The browser moved on: the inspects still waiting are not started.
      const { all, details } = req.query;
      const signal = clientGone(req, reply);
      return listContainersWithDetails(req.engine, { all: flagValue(all, true), details: flagValue(details, false), signal });
    },
  );
};

export default containerRoutes;
