import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AllowedHosts } from './allowed-hosts.ts';
import { normaliseTarget, targetUrl } from './request-target.ts';
import { dropUnreadBody } from './unread-body.ts';

export type GateResult = { ok: true } | { ok: false; status: number; message: string };

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
};

/**
 * In front of everything (HTTP requests and upgrades): the request target is normalised once
 * (`req.url` is rewritten, so router, auth and proxy read the same path) and `Host` must be one
 * this server answers to.
 */
export function gateRequest(req: IncomingMessage, hosts: AllowedHosts): GateResult {
  const target = normaliseTarget(req.url ?? '');
  if (!target.ok) return { ok: false, status: 400, message: target.message };
  if (target.authority !== undefined) req.headers.host = target.authority;
  const host = req.headers.host;
  if (!hosts.allows(host)) {
    return {
      ok: false,
      status: 403,
      message: `Host "${String(host ?? '').slice(0, 100)}" is not a name this Porthole answers to (add it to PORTHOLE_ALLOWED_HOSTS)`,
    };
  }
  req.url = targetUrl(target);
  return { ok: true };
}

/**
 * The security headers of answers written before Fastify (and its security headers, plugins/security-headers.ts) see the request:
 * a refused Host or target, a refused upgrade, a body that came too slowly.
 */
const REFUSAL_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

/** A JSON error body as the docker CLI reads it (exactly `application/json`). */
export function errorBody(message: string): string {
  return JSON.stringify({ message });
}

/** Answers a request refused before Fastify saw it, once its small body (if any) has arrived (`dropUnreadBody`). */
export function refuseRequest(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  const body = errorBody(message);
  void dropUnreadBody(req).then(() => {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(status, {
      ...REFUSAL_HEADERS,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    });
    res.end(body);
  });
}

/** Answers an upgrade request on its raw socket and closes it. */
export function refuseSocket(socket: Duplex, status: number, message: string): void {
  const body = errorBody(message);
  socket.on('error', () => socket.destroy());
  const headers = Object.entries(REFUSAL_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n${headers}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
