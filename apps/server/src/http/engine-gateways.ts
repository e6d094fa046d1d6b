import http from 'node:http';
import type { FastifyInstance } from 'fastify';

/** One gateway: an engine's Engine API at the root path of its own listener. */
export interface GatewaySpec {
  engine: string;
  host: string;
  port: number;
}

/** `PORTHOLE_GATEWAYS=local:127.0.0.1:23750,tls1:127.0.0.1:23751` */
export function parseGateways(value: string | undefined): GatewaySpec[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([a-zA-Z0-9_.-]{1,64}):([0-9.]+|\[[0-9a-fA-F:]+\]|localhost):(\d{1,5})$/.exec(entry);
      const port = Number(m?.[3]);
      if (!m || port < 1 || port > 65535) throw new Error(`PORTHOLE_GATEWAYS: "${entry}" is not engine:address:port`);
      return { engine: m[1] as string, host: (m[2] as string).replace(/^\[(.*)\]$/, '$1'), port };
    });
}

/**
 * Gateways serve one engine's Engine API at the root path (`DOCKER_HOST=tcp://127.0.0.1:23750`),
 * for clients that do not keep a path prefix on every call: BuildKit opens its session with
 * `POST /session` and `/grpc` (HTTP/2 over an `Upgrade: h2c`) at the root. Every request and
 * upgrade is handed to Porthole's own server as `/api/engines/<engine>/docker/<path>`: the same
 * host check, sign-in (API tokens), access rules and relay as the proxy — nothing of its own.
 */
export function startGateways(app: FastifyInstance, specs: GatewaySpec[]): Promise<http.Server[]> {
  return Promise.all(
    specs.map(
      (spec) =>
        new Promise<http.Server>((resolve, reject) => {
          const prefix = `/api/engines/${encodeURIComponent(spec.engine)}/docker`;
          const rewrite = (req: http.IncomingMessage) => {
            const url = req.url ?? '/';
            req.url = url.startsWith('/') ? prefix + url : prefix;
          };
          const server = http.createServer({ headersTimeout: 10_000, connectionsCheckingInterval: 1000 }, (req, res) => {
            rewrite(req);
            app.server.emit('request', req, res);
          });
          server.requestTimeout = 0;
          server.on('upgrade', (req, socket, head) => {
            rewrite(req);
            app.server.emit('upgrade', req, socket, head);
          });
          server.once('error', reject);
          server.listen(spec.port, spec.host, () => {
            server.off('error', reject);
            app.log.info({ engine: spec.engine, address: `${spec.host}:${spec.port}` }, 'engine gateway listening');
            resolve(server);
          });
        }),
    ),
  );
}
