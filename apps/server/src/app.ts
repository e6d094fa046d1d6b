import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { Engine, EngineRegistry } from './docker/engine.ts';
import { LiveHub } from './live/hub.ts';
import { eventsTopic } from './live/topics/events.ts';
import { logsTopic } from './live/topics/logs.ts';
import { logsBackfillTopic } from './live/topics/logs-backfill.ts';
import { StatsRecorder } from './live/stats-recorder.ts';
import { createStatsTopic } from './live/topics/stats.ts';
import authPlugin from './plugins/auth.ts';
import { openDb } from './plugins/db.ts';
import errorsPlugin from './plugins/errors.ts';
import metricsPlugin from './plugins/metrics.ts';
import authRoutes from './routes/auth.ts';
import doctorRoutes from './routes/doctor.ts';
import fileRoutes from './routes/files.ts';
import healthRoutes from './routes/health.ts';
import imageRoutes from './routes/images.ts';
import logRoutes from './routes/logs.ts';
import proxyRoutes, { handleProxyUpgrade } from './routes/proxy.ts';
import terminalRoutes from './routes/terminal.ts';
import volumeRoutes from './routes/volumes.ts';
import wsRoutes from './routes/ws.ts';

declare module 'fastify' {
  interface FastifyInstance {
    engines: EngineRegistry;
    live: LiveHub;
    statsRecorders: Map<string, StatsRecorder>;
  }
}

/** Builds the Porthole server (not listening). `server.ts` listens; tests call this directly. */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
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
  app.addHook('onClose', async () => db.close());

  const engines = new EngineRegistry();
  engines.add(new Engine('local', config.dockerHost));
  app.decorate('engines', engines);
  app.addHook('onClose', async () => {
    for (const e of engines.list()) e.close();
  });

  await app.register(errorsPlugin);
  await app.register(metricsPlugin);
  const live = new LiveHub(app.log, app.metrics);
  live.register(eventsTopic);
  // One stats history per engine: fed by open stats streams, and by one-shot samples otherwise.
  const statsRecorders = new Map(
    engines.list().map((e) => [e.id, new StatsRecorder(e, app.log.child({ engine: e.id }), config.statsSampleSeconds * 1000)]),
  );
  app.decorate('statsRecorders', statsRecorders);
  app.addHook('onReady', async () => {
    for (const r of statsRecorders.values()) r.start();
  });
  app.addHook('onClose', async () => {
    await Promise.all([...statsRecorders.values()].map((r) => r.stop()));
  });
  live.register(createStatsTopic((engine) => statsRecorders.get(engine.id) as StatsRecorder));
  live.register(logsTopic);
  live.register(logsBackfillTopic);
  app.decorate('live', live);
  app.addHook('onClose', async () => live.close());

  // Before auth: @fastify/websocket's onRequest hook marks upgrade requests so that its
  // onResponse hook closes their socket; an upgrade refused by auth (401) would otherwise leak
  // its socket and hold up app.close().
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(cookie);
  await app.register(authPlugin, { db, adminPassword: config.adminPassword });

  await app.register(healthRoutes);
  await app.register(authRoutes, { secureCookies: config.secureCookies });
  await app.register(wsRoutes, { allowedOrigins: config.allowedOrigins });
  await app.register(logRoutes);
  await app.register(fileRoutes);
  await app.register(terminalRoutes, { allowedOrigins: config.allowedOrigins });
  await app.register(proxyRoutes);
  await app.register(volumeRoutes);
  await app.register(doctorRoutes);
  await app.register(imageRoutes);

  // Hijacked Engine API calls (exec/attach) arrive as `upgrade` events, like websockets: route
  // those under the proxy prefix to the engine, the rest to @fastify/websocket.
  app.addHook('onReady', async () => {
    const listeners = app.server.listeners('upgrade') as Array<(...args: unknown[]) => void>;
    app.server.removeAllListeners('upgrade');
    app.server.on('upgrade', (req, socket, head) => {
      if (handleProxyUpgrade(app, req, socket, head)) return;
      for (const l of listeners) l.call(app.server, req, socket, head);
    });
  });

  const webDist = config.webDist && fs.existsSync(path.join(config.webDist, 'index.html')) ? config.webDist : undefined;
  if (webDist) {
    // wildcard: files written after start (a rebuilt SPA) are served too.
    await app.register(fastifyStatic, { root: webDist, wildcard: true, index: false });
    app.get('/', (_req, reply) => reply.type('text/html').sendFile('index.html'));
  }
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0] as string;
    if (webDist && req.method === 'GET' && !pathname.startsWith('/api/') && !pathname.startsWith('/assets/')) {
      // Every SPA route has a stable URL: serve the app and let its router take over.
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.code(404).send({ message: `No route ${req.method} ${pathname}` });
  });

  return app;
}
