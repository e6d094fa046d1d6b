import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EngineParams } from '@porthole/shared/schemas/engine-params';
import { ErrorBody } from '@porthole/shared/schemas/errors';
import { EngineCapabilities, HealthTransitionsQuery, HealthTransitionsResponse } from '@porthole/shared/schemas/health';
import { engineCapabilities } from '../docker/capabilities.ts';

/**
 * `GET /api/engines/:engine/health/transitions[?container=<full id>]` — the health changes Porthole
 * has seen since it started (`live/health-transitions.ts`), oldest first.
 */
const healthTransitionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/engines/:engine/health/transitions',
    { schema: { params: EngineParams, querystring: HealthTransitionsQuery, response: { 200: HealthTransitionsResponse, 404: ErrorBody } } },
    async (req) => ({ transitions: app.healthTransitions.get(req.engine.id)?.list(req.query.container) ?? [] }),
  );
  /** What the engine's kernel discards of what it accepts (`docker/capabilities.ts`). */
  app.get(
    '/api/engines/:engine/capabilities',
    { schema: { params: EngineParams, response: { 200: EngineCapabilities, 404: ErrorBody } } },
    async (req) => engineCapabilities(req.engine),
  );
};

export default healthTransitionRoutes;
