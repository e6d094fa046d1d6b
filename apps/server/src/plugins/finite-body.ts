import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ApiError } from '../http/api-error.ts';

/**
 * A JSON body holding a number too large to be one is refused (400): JSON.parse reads `1e309` as
 * Infinity, which then passes an integer schema's type, minimum and maximum (as `?limit=Infinity`
 * did in a query: strict-query.ts).
 */
export default fp(
  async (app: FastifyInstance) => {
    app.addHook('preValidation', async (req) => {
      if (req.body !== null && typeof req.body === 'object' && hasInfinity(req.body, 0))
        throw new ApiError(400, 'Invalid request: a number in the body is too large to be one');
    });
  },
  { name: 'finite-body' },
);

/** Whether a parsed JSON value holds ±Infinity (how far it looks: 64 levels, like the bodies Porthole takes). */
function hasInfinity(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return !Number.isFinite(value) && !Number.isNaN(value);
  if (value === null || typeof value !== 'object' || depth > 64) return false;
  for (const v of Object.values(value)) if (hasInfinity(v, depth + 1)) return true;
  return false;
}
