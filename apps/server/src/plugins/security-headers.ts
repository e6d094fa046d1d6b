import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

export interface SecurityHeadersOptions {
  /** Strict-Transport-Security: only when Porthole is told it is behind TLS. */
  hsts: boolean;
}

/**
 * Helmet's security headers on every answer. The middleware is built once, at start: the Fastify
 * wrapper (@fastify/helmet) built it again on every request (parsing the CSP directives each time:
 * 4 % of the proxy's CPU per `docker inspect`).
 */
async function securityHeaders(app: FastifyInstance, opts: SecurityHeadersOptions) {
  const apply = helmet({
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
  });
  app.addHook('onRequest', (req, reply, done) => apply(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
}

export default fp(securityHeaders, { name: 'porthole-security-headers' });
