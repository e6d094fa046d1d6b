import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../http/api-error.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** `METHOD /url` → the query parameters that route takes, for every route that declares them. */
    queryParameters: Map<string, Set<string>>;
  }
}

/**
 * A query parameter a route does not take is refused (400), not dropped: `?path[]=x` or `?paht=x`
 * on a volume download once answered with the whole volume, as if no path had been asked for (a
 * schema's `additionalProperties: false` does not refuse either: Fastify's validator removes them).
 * Applies to every route that declares a querystring schema (the Engine API proxy declares none:
 * the engine reads its own query). Runs after sign-in, before the schema checks remove anything.
 * A number too large to be one (`1e309`, `Infinity`) is refused too (in a body: finite-body.ts).
 */
export default fp(
  async (app: FastifyInstance) => {
    app.decorate('queryParameters', new Map<string, Set<string>>());
    app.addHook('onRoute', (route) => {
      const allowed = queryKeys(route.schema?.querystring);
      if (!allowed) return;
      for (const method of [route.method].flat()) app.queryParameters.set(`${method} ${route.url}`, allowed);
      const numeric = numericKeys(route.schema?.querystring);
      const check = async (req: FastifyRequest) => {
        const query = (req.query ?? {}) as Record<string, unknown>;
        const unknown = Object.keys(query).filter((k) => !allowed.has(k));
        if (unknown.length) throw new ApiError(400, unknownQueryMessage(unknown, allowed));
        // The validator turns `Infinity` or `1e309` into a number that passes its type, minimum and
        // maximum (a 500 from the database at `?limit=Infinity`): a number must be finite.
        for (const k of numeric) {
          for (const v of [query[k]].flat()) {
            if (typeof v === 'string' && Math.abs(Number(v)) === Number.POSITIVE_INFINITY)
              throw new ApiError(400, `Invalid request: querystring/${k} must be a finite number`);
          }
        }
      };
      const own = route.preValidation ? [route.preValidation].flat() : [];
      route.preValidation = [check, ...own];
    });
  },
  { name: 'strict-query' },
);

/** The parameter names a querystring schema (a JSON-schema object) declares; undefined when it declares none. */
export function queryKeys(schema: unknown): Set<string> | undefined {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? new Set(Object.keys(properties)) : undefined;
}

/** The parameters a querystring schema types as numbers. */
function numericKeys(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties ?? {};
  return Object.keys(properties).filter((k) => [properties[k]?.type].flat().some((t) => t === 'integer' || t === 'number'));
}

export function unknownQueryMessage(unknown: string[], allowed: Set<string>): string {
  const names = unknown
    .slice(0, 5)
    .map((k) => `'${k.slice(0, 60)}'`)
    .join(', ');
  const takes = allowed.size ? `it takes ${[...allowed].sort().join(', ')}` : 'it takes none';
  return `Unknown query parameter${unknown.length > 1 ? 's' : ''} ${names} (${takes})`;
}
