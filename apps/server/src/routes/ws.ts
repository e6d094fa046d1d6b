import { ClientMessage, TopicParams } from '@porthole/shared/schemas/live';
import type { ServerMessage, TopicParamsOf } from '@porthole/shared/live';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Me } from '@porthole/shared/auth';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Credential } from '../auth/store.ts';
import type { WebSocket } from 'ws';
import type { Engine } from '../docker/engine.ts';
import { messageOf } from '../http/api-error.ts';
import type { HubClient } from '../live/hub.ts';
import { maskEngineEvent } from '../policy/env-mask.ts';
import { TOPIC_POLICIES } from '../policy/route-policies.ts';
import { denialMessage, roleAllows } from '../policy/roles.ts';

const checkMessage = TypeCompiler.Compile(ClientMessage);
const checkParams = Object.fromEntries(Object.entries(TopicParams).map(([name, schema]) => [name, TypeCompiler.Compile(schema)]));

/** Stop sending to a client with this much unsent data; its queues bound what waits. */
const HIGH_WATER_BYTES = 1 << 20;
const HEARTBEAT_MS = 30_000;

/** Subscriptions one socket, and one user over all sockets, may hold at once. */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 256;
export const MAX_SUBSCRIPTIONS_PER_USER = 1024;

/**
 * `GET /api/ws`: the live websocket (sign-in and, for a session, the page's own Origin are checked
 * by the auth hook before the upgrade). It closes when its session or token ends.
 */
export default async function wsRoutes(app: FastifyInstance) {
  const perUser = new Map<number, number>();
  app.get('/api/ws', { websocket: true }, (socket: WebSocket, req: FastifyRequest) => {
    const user = req.user as Me;
    const untrack = app.connections.track(req.credential as Credential, user.id, () => socket.terminate());
    const subscriptions = new Set<string>();
    const release = (id: string) => {
      if (!subscriptions.delete(id)) return;
      const n = (perUser.get(user.id) ?? 1) - 1;
      if (n > 0) perUser.set(user.id, n);
      else perUser.delete(user.id);
    };
    // A viewer's engine events come with exec command lines masked (env-mask.ts): the topic's
    // upstream is shared by everyone on the engine, so the mask is applied here, per socket — to
    // every item of every frame, not by subscription id (an id re-used for another topic whose
    // subscribe failed kept its events stream unmarked: attacker pass 5).
    const masked = (msg: ServerMessage): ServerMessage =>
      user.role === 'viewer' && msg.type === 'data' ? { ...msg, items: msg.items.map((item) => maskEngineEvent(item)) } : msg;
    const client: HubClient = {
      send: (msg: ServerMessage) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(masked(msg)));
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
      if (msg.type === 'unsubscribe') {
        release(msg.id);
        return app.live.unsubscribe(client, msg.id);
      }
      const topicPolicy = TOPIC_POLICIES[msg.topic];
      if (!roleAllows(user.role, topicPolicy.role)) {
        return client.send({ type: 'error', id: msg.id, message: denialMessage(user.role, topicPolicy.verb) });
      }
      let engine: Engine;
      try {
        engine = app.engines.require(msg.engine);
      } catch (err) {
        return client.send({ type: 'error', id: msg.id, message: messageOf(err) });
      }
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
      if (!subscriptions.has(msg.id)) {
        const limit =
          subscriptions.size >= MAX_SUBSCRIPTIONS_PER_SOCKET
            ? `${MAX_SUBSCRIPTIONS_PER_SOCKET} on one connection`
            : (perUser.get(user.id) ?? 0) >= MAX_SUBSCRIPTIONS_PER_USER
              ? `${MAX_SUBSCRIPTIONS_PER_USER} for one user`
              : undefined;
        if (limit) {
          return client.send({
            type: 'error',
            id: msg.id,
            message: `Too many live subscriptions (at most ${limit}): unsubscribe from some first`,
          });
        }
      }
      try {
        // Checked against the topic's params schema above.
        app.live.subscribe(client, msg.id, engine, msg.topic, params as TopicParamsOf<typeof msg.topic>);
        if (!subscriptions.has(msg.id)) {
          subscriptions.add(msg.id);
          perUser.set(user.id, (perUser.get(user.id) ?? 0) + 1);
        }
      } catch (err) {
        req.log.warn({ err }, 'subscribe failed');
        client.send({ type: 'error', id: msg.id, message: messageOf(err) });
      }
    });
    socket.on('close', () => {
      untrack();
      for (const id of [...subscriptions]) release(id);
      clearInterval(heartbeat);
      app.live.disconnect(client);
      app.metrics.wsClients.dec();
    });
  });
}
