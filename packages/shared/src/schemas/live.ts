import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type * as live from '../live.ts';
import { TOPIC_NAMES, type TopicName } from '../live.ts';
import { ContainerRef, EngineId } from './engine-params.ts';
import { LogsBackfillParams } from './logs.ts';
import type { Check, Exactly, Same } from './same-type.ts';

/** Schemas of the live websocket protocol (`/api/ws`); the types are in `../live.ts`. */

const SubId = Type.String({ minLength: 1, maxLength: 64 });

/** Params per topic. A new topic adds an entry here and in `TOPIC_NAMES`. */
export const TopicParams = {
  events: Type.Object({}, { additionalProperties: false }),
  stats: Type.Object({ container: ContainerRef }, { additionalProperties: false }),
  logs: Type.Object({ container: ContainerRef }, { additionalProperties: false }),
  'logs-backfill': LogsBackfillParams,
  'container-usage': Type.Object({}, { additionalProperties: false }),
  audit: Type.Object({}, { additionalProperties: false }),
  'service-logs': Type.Object({ service: ContainerRef }, { additionalProperties: false }),
} satisfies Record<TopicName, TSchema>;

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
export type SubscribeMessage = Exactly<live.SubscribeMessage, typeof SubscribeMessage, true>;
export const UnsubscribeMessage = Type.Object({ type: Type.Literal('unsubscribe'), id: SubId }, { additionalProperties: false });
export type UnsubscribeMessage = Exactly<live.UnsubscribeMessage, typeof UnsubscribeMessage, true>;
export const PingMessage = Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false });
export type PingMessage = Exactly<live.PingMessage, typeof PingMessage, true>;

export const ClientMessage = Type.Union([SubscribeMessage, UnsubscribeMessage, PingMessage]);
export type ClientMessage = Exactly<live.ClientMessage, typeof ClientMessage, true>;

type ParamsStatic = { [T in TopicName]: Static<(typeof TopicParams)[T]> };

export type SchemaChecks = [Check<Same<keyof typeof TopicParams, TopicName>>, Check<Same<ParamsStatic, live.TopicParamsMap>>];
