import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { LogsBackfillParams } from './logs.ts';

/**
 * The live websocket protocol (`/api/ws`). One socket per browser; each subscription names
 * an engine, a topic and the topic's params. The server keeps one upstream Docker stream per
 * (engine, topic, key) and fans it out to every subscriber through a bounded queue.
 */

const EngineId = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-zA-Z0-9_.-]+$' });
const SubId = Type.String({ minLength: 1, maxLength: 64 });
const ContainerRef = Type.String({ minLength: 1, maxLength: 256, pattern: '^[a-zA-Z0-9_.-]+$' });

/** Params per topic. A new topic adds an entry here and a definition in apps/server/src/live/topics. */
export const TopicParams = {
  events: Type.Object({}, { additionalProperties: false }),
  stats: Type.Object({ container: ContainerRef }, { additionalProperties: false }),
  logs: Type.Object({ container: ContainerRef }, { additionalProperties: false }),
  'logs-backfill': LogsBackfillParams,
} satisfies Record<string, TSchema>;

export type TopicName = keyof typeof TopicParams;
export type TopicParamsOf<T extends TopicName> = Static<(typeof TopicParams)[T]>;
export const TOPIC_NAMES = Object.keys(TopicParams) as TopicName[];

export const SubscribeMessage = Type.Object(
  {
    type: Type.Literal('subscribe'),
    id: SubId,
    engine: EngineId,
    topic: Type.Union(TOPIC_NAMES.map((t) => Type.Literal(t))),
    params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);
export const UnsubscribeMessage = Type.Object({ type: Type.Literal('unsubscribe'), id: SubId }, { additionalProperties: false });
export const PingMessage = Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false });

export const ClientMessage = Type.Union([SubscribeMessage, UnsubscribeMessage, PingMessage]);
export type ClientMessage = Static<typeof ClientMessage>;
export type SubscribeMessage = Static<typeof SubscribeMessage>;

/** Upstream state of one subscription: `live` once the Docker stream is open. */
export type UpstreamState = 'connecting' | 'live' | 'reconnecting';

export type ServerMessage =
  | { type: 'data'; id: string; items: unknown[] }
  | { type: 'state'; id: string; state: UpstreamState; message?: string }
  | { type: 'skipped'; id: string; count: number }
  | { type: 'end'; id: string }
  | { type: 'error'; id?: string; message: string }
  | { type: 'pong' };

/** A Docker engine event as the Engine API emits it (the fields Porthole uses). */
export interface EngineEvent {
  Type: string;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope?: string;
  time: number;
  timeNano: number;
}
