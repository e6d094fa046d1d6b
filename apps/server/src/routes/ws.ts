import { ClientMessage, TopicParams } from '@porthole/shared/live';
import type { ServerMessage } from '@porthole/shared/live';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { HubClient } from '../live/hub.ts';

const checkMessage = TypeCompiler.Compile(ClientMessage);
const checkParams = Object.fromEntries(Object.entries(TopicParams).map(([name, schema]) => [name, TypeCompiler.Compile(schema)]));

/** Stop sending to a client with this much unsent data; its queues bound what waits. */
const HIGH_WATER_BYTES = 1 << 20;
const HEARTBEAT_MS = 30_000;

/** True when the websocket's Origin is the server's own (or configured as allowed). */
export function originAllowed(req: FastifyRequest, allowed: string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // not a browser: a session or token is still required
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export default async function wsRoutes(app: FastifyInstance, opts: { allowedOrigins: string[] }) {
  app.get(
    '/api/ws',
    {
      websocket: true,
      preValidation: async (req, reply) => {
        if (!originAllowed(req, opts.allowedOrigins)) {
          return reply.code(403).send({ message: `Websocket refused: origin ${req.headers.origin} is not allowed` });
        }
      },
    },
    (socket: WebSocket, req) => {
      const client: HubClient = {
        send: (msg: ServerMessage) => {
          if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
        },
        congested: () => socket.bufferedAmount > HIGH_WATER_BYTES,
      };
      app.live.connect(client);
      app.metrics.wsClients.inc();
      let alive = true;
      socket.on('pong', () => {
        alive = true;
      });
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, HEARTBEAT_MS);

      socket.on('message', (raw, isBinary) => {
        let msg: unknown;
        try {
          msg = isBinary ? undefined : JSON.parse(raw.toString());
        } catch {
          msg = undefined;
        }
        if (!checkMessage.Check(msg)) {
          const first = msg === undefined ? undefined : checkMessage.Errors(msg).First();
          return client.send({
            type: 'error',
            message: `Invalid message${first ? `: ${first.path || '/'} ${first.message}` : ' (expected JSON)'}`,
          });
        }
        if (msg.type === 'ping') return client.send({ type: 'pong' });
        if (msg.type === 'unsubscribe') return app.live.unsubscribe(client, msg.id);
        const engine = app.engines.get(msg.engine);
        if (!engine) return client.send({ type: 'error', id: msg.id, message: `Unknown engine "${msg.engine}"` });
        const params = msg.params ?? {};
        const check = checkParams[msg.topic];
        if (!check?.Check(params)) {
          const first = check?.Errors(params).First();
          return client.send({
            type: 'error',
            id: msg.id,
            message: `Invalid params for ${msg.topic}: ${first?.path || '/'} ${first?.message ?? ''}`.trim(),
          });
        }
        try {
          app.live.subscribe(client, msg.id, engine, msg.topic, params);
        } catch (err) {
          req.log.warn({ err }, 'subscribe failed');
          client.send({ type: 'error', id: msg.id, message: (err as Error).message });
        }
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        app.live.disconnect(client);
        app.metrics.wsClients.dec();
      });
    },
  );
}
