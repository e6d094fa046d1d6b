import { ApiError } from '@porthole/shared/api-error';

/**
 * The server's one error type is `ApiError` (packages/shared/src/api-error.ts, the browser's too):
 * an HTTP status and a readable message. Engine answers keep the engine's status and message (404
 * stays 404, 409 stays 409); the one error handler (`plugins/errors.ts`) sends it as `{ message }`.
 * Anything thrown that is not an ApiError is a bug: it is logged and answered as a bare 500.
 */
export { ApiError };

/** True for "no such object" (an engine 404, or an unknown engine). */
export function isNotFound(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404;
}

/** The message of anything thrown, for logs and live `state` messages. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
