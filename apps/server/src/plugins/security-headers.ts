import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

export interface SecurityHeadersOptions {
  /** Strict-Transport-Security: only when Porthole is told it is behind TLS. */
  hsts: boolean;
}

/**
 * Helmet's security headers on every answer. They depend on nothing in the request, so helmet is
 * run once, at start, and what it set is set again on each answer: the Fastify wrapper
 * (@fastify/helmet) built helmet on every request (parsing the CSP directives each time: 4 % of the
 * proxy's CPU per `docker inspect`), and running helmet's chain of eleven middlewares per request
 * still cost about 0.1 ms of a 2-core machine's time (a `node --cpu-prof` of 500 `docker inspect`).
 */
async function securityHeaders(app: FastifyInstance, opts: SecurityHeadersOptions) {
  const headers = headersOf(helmet(helmetOptions(opts)));
  app.addHook('onRequest', (_req, reply, done) => {
    const res = reply.raw;
    for (const [name, value] of headers) res.setHeader(name, value);
    done();
  });
}

/** What helmet is asked for. */
export function helmetOptions(opts: SecurityHeadersOptions): Parameters<typeof helmet>[0] {
  return {
    // The SPA: its own scripts only; Mantine and xterm set inline styles; live data over a
    // same-origin websocket. No framing anywhere.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    // Plain HTTP on a LAN is a supported setup: no HSTS unless Porthole is told it is behind TLS.
    strictTransportSecurity: opts.hsts,
    referrerPolicy: { policy: 'same-origin' },
  };
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/** The headers a middleware sets on an answer (its only effect: helmet reads nothing of the request). */
export function headersOf(middleware: Middleware): Array<[string, string]> {
  const set = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.set(name, String(value)),
    removeHeader: (name: string) => set.delete(name),
  } as unknown as ServerResponse;
  let error: unknown;
  let called = false;
  middleware({ method: 'GET', url: '/', headers: {} } as IncomingMessage, res, (err) => {
    called = true;
    error = err;
  });
  if (!called || error) throw new Error(`security headers: helmet did not finish at start (${String(error ?? 'no callback')})`);
  return [...set];
}

export default fp(securityHeaders, { name: 'porthole-security-headers' });
