import { HealthResponse } from '@porthole/shared/schemas/health';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

/** `GET /api/health` (public: process up, engines reachable or not); the engine list is `routes/engines.ts`. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', { schema: { response: { 200: HealthResponse } } }, async () => {
    const engines = await Promise.all(app.engines.list().map(async (e) => [e.id, await e.reachable()] as const));
    return { status: 'ok' as const, engines: Object.fromEntries(engines) };
  });
};

export default healthRoutes;
