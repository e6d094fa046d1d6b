import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export interface Metrics {
  registry: Registry;
  /** Records one finished HTTP request (also called by the hijacking proxy). */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  wsClients: Gauge;
  upstreams: Gauge<'topic' | 'engine'>;
  upstreamOpened: Counter<'topic'>;
  /** Password hashes checked at sign-in (what the sign-in throttle bounds). */
  passwordChecks: Counter;
  /** Long-lived connections (websockets, terminals, proxied streams) closed because their sign-in ended. */
  connectionsRevoked: Counter;
}

/** Prometheus metrics at `GET /api/metrics` (behind sign-in like every /api route). */
export default fp(
  async (app: FastifyInstance) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'porthole_' });
    const requests = new Counter({
      name: 'porthole_http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    const latency = new Histogram({
      name: 'porthole_http_request_duration_seconds',
      help: 'HTTP request latency by method and route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const metrics: Metrics = {
      registry,
      observeRequest(method, route, status, seconds) {
        requests.inc({ method, route, status: String(status) });
        latency.observe({ method, route }, seconds);
      },
      wsClients: new Gauge({ name: 'porthole_ws_clients', help: 'Open websocket clients', registers: [registry] }),
      upstreams: new Gauge({
        name: 'porthole_upstream_streams',
        help: 'Open upstream Docker streams by engine and topic',
        labelNames: ['topic', 'engine'],
        registers: [registry],
      }),
      upstreamOpened: new Counter({
        name: 'porthole_upstream_streams_opened_total',
        help: 'Upstream Docker streams opened, by topic',
        labelNames: ['topic'],
        registers: [registry],
      }),
      passwordChecks: new Counter({
        name: 'porthole_password_checks_total',
        help: 'Passwords checked at sign-in',
        registers: [registry],
      }),
      connectionsRevoked: new Counter({
        name: 'porthole_connections_revoked_total',
        help: 'Open connections closed because their session or token ended',
        registers: [registry],
      }),
    };
    app.decorate('metrics', metrics);
    new Gauge({
      name: 'porthole_live_subscriptions',
      help: 'Live subscriptions of websocket clients (listeners on upstream streams)',
      registers: [registry],
      collect() {
        // The hub is decorated after this plugin; it exists by the time anyone scrapes.
        this.set(app.live?.subscriptionCount ?? 0);
      },
    });

    app.addHook('onResponse', async (req, reply) => {
      metrics.observeRequest(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
    });

    app.get('/api/metrics', async (_req, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);
