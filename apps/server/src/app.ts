import finiteBody from './plugins/finite-body.ts';
import strictQuery from './plugins/strict-query.ts';
import http from 'node:http';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { sweepStaleSpools } from './docker/archive-upload.ts';
import { EngineHealthMonitor } from './engines/engine-health.ts';
import type { EngineRegistry } from './engines/engine-registry.ts';
import { openEngineRegistry } from './engines/engine-setup.ts';
import type { Engine } from './docker/engine.ts';
import { AllowedHosts } from './http/allowed-hosts.ts';
import { startGateways } from './http/engine-gateways.ts';
import { engineSockets } from './http/engine-sockets.ts';
import { bodyDeadline } from './http/body-deadline.ts';
import { gateRequest, refuseRequest, refuseSocket } from './http/request-gate.ts';
import unreadBody from './plugins/unread-body.ts';
import { WebsocketRoutes, isWebsocketUpgrade } from './http/websocket-routes.ts';
import { HealthTransitions, watchHealth } from './live/health-transitions.ts';
import { LiveHub } from './live/hub.ts';
import { eventsTopic } from './live/topics/events.ts';
import { logsTopic } from './live/topics/logs.ts';
import { logsBackfillTopic } from './live/topics/logs-backfill.ts';
import { serviceLogsTopic } from './live/topics/service-logs.ts';
import { StatsRecorder } from './live/stats-recorder.ts';
import { createContainerUsageTopic } from './live/topics/container-usage.ts';
import { createStatsTopic } from './live/topics/stats.ts';
import auditPlugin from './plugins/audit.ts';
import authPlugin, { UNAUTHORIZED_MESSAGE } from './plugins/auth.ts';
import { createAuditTopic } from './live/topics/audit.ts';
import { openDb } from './plugins/db.ts';
import securityHeaders from './plugins/security-headers.ts';
import { protectHostPath } from './policy/host-access.ts';
import engineLookup from './plugins/engine-lookup.ts';
import errorsPlugin from './plugins/errors.ts';
import metricsPlugin from './plugins/metrics.ts';
import spaPlugin from './plugins/spa.ts';
import auditRoutes from './routes/audit.ts';
import authRoutes from './routes/auth.ts';
import containerRoutes from './routes/containers.ts';
import doctorRoutes from './routes/doctor.ts';
import fileRoutes from './routes/files.ts';
import engineRoutes from './routes/engines.ts';
import stackRoutes from './routes/stacks.ts';
import healthRoutes from './routes/health.ts';
import healthTransitionRoutes from './routes/health-transitions.ts';
import imageRoutes from './routes/images.ts';
import logRoutes from './routes/logs.ts';
import proxyRoutes, { handleProxyUpgrade } from './routes/proxy.ts';
import sessionRoutes from './routes/sessions.ts';
import terminalRoutes from './routes/terminal.ts';
import userRoutes from './routes/users.ts';
import volumeRoutes from './routes/volumes.ts';
import wsRoutes from './routes/ws.ts';

declare module 'fastify' {
  interface FastifyInstance {
    engines: EngineRegistry;
    engineHealth: EngineHealthMonitor;
    live: LiveHub;
    statsRecorders: Map<string, StatsRecorder>;
    healthTransitions: Map<string, HealthTransitions>;
  }
}

const HEADERS_TIMEOUT_MS = 10_000;

/** Builds the Porthole server (not listening). `server.ts` listens; tests call this directly. */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const hosts = new AllowedHosts(config.host, config.allowedHosts);
  const app = Fastify({
    // Every request passes the gate before Fastify sees it: one normalised target for router,
    // auth and proxy, and a Host this server answers to.
    serverFactory: (handler) => {
      // Slow headers are cut off; bodies have their own deadline on routes that parse them
      // (streaming routes — proxy, uploads — take as long as the transfer needs). Node checks
      // headersTimeout only every connectionsCheckingInterval (30 s by default, which let half a
      // request line hold a connection for 30 s): check every second.
      const server = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1000 }, (req, res) => {
        const gate = gateRequest(req, hosts);
        if (!gate.ok) return refuseRequest(req, res, gate.status, gate.message);
        handler(req, res);
      });
      server.requestTimeout = 0;
      return server;
    },
    logger: {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token', '*.password', '*.token'],
        censor: '[redacted]',
      },
    },
    trustProxy: false,
    bodyLimit: 1 << 20,
  }).withTypeProvider<TypeBoxTypeProvider>();

  const db = openDb(config.dataDir);
  // A bind of Porthole's own data directory into a container is host access (host-access.ts).
  protectHostPath(config.dataDir);
  const swept = sweepStaleSpools();
  if (swept) app.log.info({ swept }, 'deleted upload spool files left by an earlier run');
  app.addHook('onClose', async () => db.close());

  const engines = openEngineRegistry(config, db, app.log);
  app.decorate('engines', engines);
  app.addHook('onClose', async () => engines.close());
  const engineHealth = new EngineHealthMonitor(() => engines.list());
  app.decorate('engineHealth', engineHealth);
  app.addHook('onReady', async () => engineHealth.start());
  app.addHook('onClose', async () => engineHealth.stop());

  await app.register(errorsPlugin);
  await app.register(unreadBody);
  await app.register(strictQuery);
  await app.register(finiteBody);
  await app.register(engineLookup);
  await app.register(metricsPlugin);
  const live = new LiveHub(app.log, app.metrics);
  live.register(eventsTopic);
  // One stats history per engine: fed by open stats streams, and by one-shot samples otherwise.
  const statsRecorders = new Map<string, StatsRecorder>();
  let ready = false;
  const addRecorder = (e: Engine) => {
    const recorder = new StatsRecorder(e, app.log.child({ engine: e.id }), config.statsSampleSeconds * 1000);
    statsRecorders.set(e.id, recorder);
    if (ready) recorder.start();
  };
  for (const e of engines.list()) addRecorder(e);
  engines.onAdded(addRecorder);
  // An engine removed or changed: what was open on it closes (a changed one opens anew).
  engines.onRemoved((e) => {
    void statsRecorders.get(e.id)?.stop();
    statsRecorders.delete(e.id);
    engineSockets(e).close();
    live.closeEngine(e.id, `The engine "${e.id}" was removed or changed`);
    engineHealth.forget(e.id);
  });
  app.decorate('statsRecorders', statsRecorders);
  app.addHook('onReady', async () => {
    ready = true;
    for (const r of statsRecorders.values()) r.start();
  });
  app.addHook('onClose', async () => {
    await Promise.all([...statsRecorders.values()].map((r) => r.stop()));
  });
  const recorderOf = (engine: { id: string }) => statsRecorders.get(engine.id) as StatsRecorder;
  live.register(createStatsTopic(recorderOf));
  live.register(createContainerUsageTopic(recorderOf));
  live.register(logsTopic);
  live.register(logsBackfillTopic);
  await app.register(auditPlugin, { db, audit: { retentionDays: config.auditRetentionDays, enabled: config.auditEnabled } });
  live.register(createAuditTopic(app.audit));
  live.register(serviceLogsTopic);
  app.decorate('live', live);
  app.addHook('onClose', async () => live.close());
  // Health transitions Porthole sees, kept per engine from its events (the engine keeps few).
  const healthTransitions = new Map(engines.list().map((e) => [e.id, new HealthTransitions()]));
  app.decorate('healthTransitions', healthTransitions);
  const stopWatching: Array<() => void> = [];
  app.addHook('onReady', async () => {
    for (const e of engines.list()) {
      stopWatching.push(watchHealth(e, app.log.child({ engine: e.id }), healthTransitions.get(e.id) as HealthTransitions));
    }
  });
  app.addHook('onClose', async () => {
    for (const stop of stopWatching.splice(0)) stop();
  });

  // Before auth: @fastify/websocket's onRequest hook marks upgrade requests so that its
  // onResponse hook closes their socket; an upgrade refused by auth (401) would otherwise leak
  // its socket and hold up app.close().
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  const websocketRoutes = new WebsocketRoutes();
  app.addHook('onRoute', (route) => {
    if (route.websocket) websocketRoutes.add(route.url);
  });
  await app.register(securityHeaders, { hsts: config.secureCookies });
  await app.register(cookie);
  await app.register(authPlugin, {
    db,
    adminPassword: config.adminPassword,
    origin: { secure: config.secureCookies, allowed: config.allowedOrigins },
    sessions: { maxAgeMs: config.sessionMaxAgeMs, idleMs: config.sessionIdleMs },
  });
  await app.register(bodyDeadline);

  // The route plugins, in this order.
  for (const routes of [healthRoutes, engineRoutes, stackRoutes]) await app.register(routes);
  await app.register(authRoutes, { secureCookies: config.secureCookies });
  const resourceRoutes = [userRoutes, sessionRoutes, auditRoutes, wsRoutes, logRoutes, fileRoutes, terminalRoutes, proxyRoutes];
  for (const routes of [...resourceRoutes, volumeRoutes, doctorRoutes, imageRoutes, containerRoutes, healthTransitionRoutes]) {
    await app.register(routes);
  }

  // Hijacked Engine API calls (exec/attach) arrive as `upgrade` events, like websockets: route
  // those under the proxy prefix to the engine, the rest to @fastify/websocket.
  app.addHook('onReady', async () => {
    const listeners = app.server.listeners('upgrade') as Array<(...args: unknown[]) => void>;
    app.server.removeAllListeners('upgrade');
    app.server.on('upgrade', (req, socket, head) => {
      const gate = gateRequest(req, hosts);
      if (!gate.ok) return refuseSocket(socket, gate.status, gate.message);
      if (handleProxyUpgrade(app, req, socket, head)) return;
      // A websocket upgrade to a path that takes none: an HTTP refusal, not a 101 closed at once.
      if (isWebsocketUpgrade(req) && !websocketRoutes.has(req.url ?? '')) {
        if (!app.authenticate(req.headers)) return refuseSocket(socket, 401, UNAUTHORIZED_MESSAGE);
        const path = (req.url ?? '').split('?', 1)[0]?.slice(0, 200);
        return refuseSocket(socket, 404, `${path} takes no websocket connections (Porthole's are /api/ws and a container's terminal)`);
      }
      for (const l of listeners) l.call(app.server, req, socket, head);
    });
  });

  await app.register(spaPlugin, { webDist: config.webDist });

  // Engine gateways listen with the server and close with it.
  let gateways: http.Server[] = [];
  app.addHook('onListen', async () => {
    gateways = await startGateways(app, config.gateways);
  });
  app.addHook('onClose', async () => {
    for (const g of gateways) g.closeAllConnections();
    await Promise.all(gateways.map((g) => new Promise((r) => g.close(r))));
  });

  return app;
}
