import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Engine } from '../docker/engine.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The engine named by the route's `:engine` param (set before the handler runs). */
    engine: Engine;
  }
}

/**
 * The one engine lookup: every route with an `:engine` param gets `req.engine`, or the one
 * answer for an engine that does not exist (404 `Unknown engine "x"`, from `EngineRegistry.require`).
 * Runs after sign-in and validation (an unknown engine tells nothing before sign-in).
 */
export default fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('engine', null as unknown as Engine);
    const lookup = async (req: FastifyRequest) => {
      req.engine = app.engines.require((req.params as { engine: string }).engine);
    };
    app.addHook('onRoute', (route) => {
      if (!route.url.includes(':engine')) return;
      const own = route.preHandler ? [route.preHandler].flat() : [];
      route.preHandler = [lookup, ...own];
    });
  },
  { name: 'engine-lookup' },
);
