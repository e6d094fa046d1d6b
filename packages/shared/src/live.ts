import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { ContainerRef, EngineId } from './engine-params.ts';
import { type LogItem, type LogLine, LogsBackfillParams } from './logs.ts';
import type { StatsSample } from './stats.ts';

/**
 * The live websocket protocol (`/api/ws`). One socket per browser; each subscription names
 * an engine, a topic and the topic's params. The server keeps one upstream Docker stream per
 * (engine, topic, key) and fans it out to every subscriber through a bounded queue.
 */

const SubId = Type.String({ minLength: 1, maxLength: 64 });

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

/**
 * The data item each topic sends (`data` frames carry arrays of them): the server's topics emit
 * exactly these, the browser's subscriptions receive them typed. A new topic adds its entry here.
 */
export interface TopicFrames {
  events: EngineEvent;
  /** The container's recorded history first (oldest first), then one sample a second. */
  stats: StatsSample;
  logs: LogLine;
  /** Lines, then one `LogCursor` last. */
  'logs-backfill': LogItem;
}
export type TopicItem<T extends TopicName = TopicName> = TopicFrames[T];

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

export type DataMessage<T extends TopicName = TopicName> = { type: 'data'; id: string; items: TopicItem<T>[] };

export type ServerMessage<T extends TopicName = TopicName> =
  | DataMessage<T>
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
