import type { Role } from '@porthole/shared/auth';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error.ts';
import { denialMessage, roleAllows } from './roles.ts';

/** A preHandler: the signed-in user needs at least `role` to `what` (403 naming both otherwise). */
export function requireRole(role: Role, what: string) {
  return async (req: FastifyRequest): Promise<void> => {
    const has = req.user?.role ?? 'viewer';
    if (!roleAllows(has, role)) throw new ApiError(403, denialMessage(has, what));
  };
}
