import { maskContainerEnv } from '../policy/env-mask.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { flagValue } from '@porthole/shared/containers';
import { ContainerListQuery, ContainerListResponse, MemoryLimitRequest, MemoryLimitResult } from '@porthole/shared/schemas/containers';
import { ContainerParams, EngineParams } from '@porthole/shared/schemas/engine-params';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { listContainersWithDetails } from '../docker/container-list.ts';
import { setMemoryLimit } from '../docker/memory-limit.ts';
import { clientGone } from '../http/client-gone.ts';

/**
 * `GET /api/engines/:engine/containers?details=1` — every container, each with its inspect when
 * asked (bounded concurrency, a deadline per row and for the list: see `container-list.ts`).
 * `POST /api/engines/:engine/containers/:id/memory` — a new memory limit (`memory-limit.ts`).
 */
const containerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/engines/:engine/containers',
    { schema: { params: EngineParams, querystring: ContainerListQuery, response: { 200: ContainerListResponse, 404: ErrorBody } } },
    async (req, reply) => {
      // The browser moved on: the inspects still waiting are not started.
      const { all, details } = req.query;
      const signal = clientGone(req, reply);
      const list = await listContainersWithDetails(req.engine, { all: flagValue(all, true), details: flagValue(details, false), signal });
      // Viewers see env names, not values (as `docker inspect` through the proxy).
      if (req.user?.role !== 'viewer') return list;
      return { containers: list.containers.map((c) => (c.details ? { ...c, details: maskContainerEnv(c.details) } : c)) };
    },
  );

  // `docker update --memory` with `--memory-swap` where the engine needs it (see memory-limit.ts).
  app.post(
    '/api/engines/:engine/containers/:id/memory',
    {
      schema: {
        params: ContainerParams,
        body: MemoryLimitRequest,
        response: { 200: MemoryLimitResult, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => setMemoryLimit(req.engine, req.params.id, req.body.memory, clientGone(req, reply)),
  );
};

export default containerRoutes;
