import type { AuditEntry } from './audit.ts';
import type { LogItem, LogLine, LogsBackfillParams } from './logs.ts';
import type { ContainerUsageFrame, StatsPoint } from './stats.ts';

/**
 * The live websocket protocol (`/api/ws`). One socket per browser; each subscription names
 * an engine, a topic and the topic's params. The server keeps one upstream Docker stream per
 * (engine, topic, key) and fans it out to every subscriber through a bounded queue.
 * Plain types only; the schemas the server validates messages with are in `schemas/live.ts`.
 */

/** A new topic adds its name here, its params below and in `schemas/live.ts`, and a definition in apps/server/src/live/topics. */
export const TOPIC_NAMES = ['events', 'stats', 'logs', 'logs-backfill', 'container-usage', 'audit', 'service-logs'] as const;
export type TopicName = (typeof TOPIC_NAMES)[number];

/** Params per topic. */
export interface TopicParamsMap {
  events: Record<never, never>;
  stats: { container: string };
  logs: { container: string };
  'logs-backfill': LogsBackfillParams;
  'container-usage': Record<never, never>;
  /** Admins only: every new audit entry, whatever the engine. */
  audit: Record<never, never>;
  /** A Swarm service (id or name) on a manager: its tasks' lines from every node. */
  'service-logs': { service: string };
}
export type TopicParamsOf<T extends TopicName> = TopicParamsMap[T];

/**
 * The data item each topic sends (`data` frames carry arrays of them): the server's topics emit
 * exactly these, the browser's subscriptions receive them typed. A new topic adds its entry here.
 */
export interface TopicFrames {
  events: EngineEvent;
  /** The container's recorded history first (oldest first), then one sample a second; a `StatsGap` where samples are missing. */
  stats: StatsPoint;
  logs: LogLine;
  /** Lines, then one `LogCursor` last. */
  'logs-backfill': LogItem;
  /** The latest usage of every running container, one frame per sampling round (the recorder's interval). */
  'container-usage': ContainerUsageFrame;
  audit: AuditEntry;
  'service-logs': ServiceLogLine;
}

/** A line of a Swarm service's log: time, stream (1 stdout, 2 stderr), text, and the task and node it came from. */
export interface ServiceLogLine {
  t: string;
  s: 1 | 2;
  l: string;
  task?: string;
  node?: string;
}
export type TopicItem<T extends TopicName = TopicName> = TopicFrames[T];

export interface SubscribeMessage {
  type: 'subscribe';
  id: string;
  engine: string;
  topic: TopicName;
  params?: Record<string, unknown>;
}
export interface UnsubscribeMessage {
  type: 'unsubscribe';
  id: string;
}
export interface PingMessage {
  type: 'ping';
}
export type ClientMessage = SubscribeMessage | UnsubscribeMessage | PingMessage;

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
  /** Set by Porthole: an `exec_*` event of the container's own healthcheck (views hide these by default). */
  healthcheck?: true;
}
