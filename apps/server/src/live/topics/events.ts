import type { Readable } from 'node:stream';
import type { EngineEvent } from '@porthole/shared/live';
import { readJsonLines } from '../../docker/json-lines.ts';
import type { TopicDefinition, UpstreamContext } from '../hub.ts';

const RETRY_MS = 1000;
const SEEN_KEEP = 2000;

const eventKey = (e: EngineEvent) => `${e.timeNano}|${e.Type}|${e.Action}|${e.Actor?.ID}`;

/**
 * Engine events, one upstream per engine. When the stream breaks (engine restart), it retries
 * every second and resumes with `since` = the last event's second, dropping the events it has
 * already delivered, so subscribers miss nothing across the gap.
 */
export const eventsTopic: TopicDefinition<Record<string, never>> = {
  name: 'events',
  delivery: { kind: 'stream', limit: 50_000 },
  key: () => 'all',
  open(ctx: UpstreamContext<Record<string, never>>) {
    let closed = false;
    let stream: Readable | undefined;
    let retry: NodeJS.Timeout | undefined;
    let lastTime: number | undefined;
    const seen = new Set<string>();

    const remember = (key: string) => {
      seen.add(key);
      if (seen.size > SEEN_KEEP) seen.delete(seen.values().next().value as string);
    };

    const scheduleRetry = (message: string) => {
      stream = undefined;
      if (closed || retry) return;
      ctx.setState('reconnecting', message);
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, RETRY_MS);
    };

    const connect = async () => {
      try {
        const opts = lastTime !== undefined ? { since: lastTime } : {};
        const s = (await ctx.engine.docker.getEvents(opts)) as unknown as Readable;
        if (closed) {
          s.destroy();
          return;
        }
        stream = s;
        ctx.setState('live');
        readJsonLines(s, (value) => {
          const event = value as EngineEvent;
          const key = eventKey(event);
          if (seen.has(key)) return;
          remember(key);
          lastTime = Math.max(lastTime ?? 0, event.time);
          ctx.emit(event);
        });
        s.once('error', (err: Error) => scheduleRetry(err.message));
        s.once('end', () => scheduleRetry('The engine closed the event stream'));
        s.once('close', () => scheduleRetry('The engine closed the event stream'));
      } catch (err) {
        if (lastTime === undefined) lastTime = Math.floor(Date.now() / 1000);
        scheduleRetry((err as Error).message);
      }
    };

    // Resume point for a stream that fails before its first event: the moment we started.
    lastTime = Math.floor(Date.now() / 1000);
    void connect();

    return {
      close() {
        closed = true;
        if (retry) clearTimeout(retry);
        stream?.destroy();
      },
    };
  },
};
