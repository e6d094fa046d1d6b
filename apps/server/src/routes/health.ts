import { EngineInfo, HealthResponse } from '@porthole/shared/schemas/health';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

/** `GET /api/health` (public: process up, engines reachable or not) and the engine list. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', { schema: { response: { 200: HealthResponse } } }, async () => {
    const engines = await Promise.all(app.engines.list().map(async (e) => [e.id, await e.reachable()] as const));
    return { status: 'ok' as const, engines: Object.fromEntries(engines) };
  });

  app.get('/api/engines', { schema: { response: { 200: Type.Array(EngineInfo) } } }, async () =>
    app.engines.list().map((e) => ({ id: e.id, name: e.id, host: e.dockerHost })),
  );
};

export default healthRoutes;
