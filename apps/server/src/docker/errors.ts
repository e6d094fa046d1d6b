/** The shape of errors dockerode/docker-modem throw for non-2xx engine answers. */
interface DockerModemError extends Error {
  statusCode?: number;
  json?: { message?: string } | string | null;
  reason?: string;
  code?: string;
}

export interface HttpFailure {
  status: number;
  message: string;
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ETIMEDOUT']);

/**
 * Maps an engine error to an HTTP status and a message the user can read: the engine's own
 * status and message stay (404 stays 404, 409 stays 409); an unreachable engine is 503.
 * Returns undefined for errors that are not Docker's.
 */
export function dockerFailure(err: unknown): HttpFailure | undefined {
  const e = err as DockerModemError;
  if (typeof e?.statusCode === 'number' && e.statusCode >= 300 && e.statusCode < 600 && ('json' in e || 'reason' in e)) {
    const json = e.json;
    const message =
      (typeof json === 'object' && json?.message) ||
      (typeof json === 'string' && json.trim()) ||
      (e.statusCode === 304 ? 'Nothing to do: the object is already in that state' : e.reason) ||
      e.message;
    return { status: e.statusCode, message: String(message).trim() };
  }
  if (e?.code && UNREACHABLE.has(e.code)) {
    return { status: 503, message: `The Docker engine is not reachable (${e.code})` };
  }
  return undefined;
}
