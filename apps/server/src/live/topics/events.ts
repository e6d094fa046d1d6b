import { eventKey } from '@porthole/shared/engine-events';
import type { EngineEvent } from '@porthole/shared/live';
import { readJsonLines } from '../../docker/json-lines.ts';
import { Backoff } from '../backoff.ts';
import { HealthcheckMarker } from '../healthcheck-marker.ts';
import type { TopicDefinition } from '../hub.ts';
import { retryingUpstream } from '../retrying-upstream.ts';

const RETRY_MS = 1000;
const SEEN_KEEP = 2000;

/**
 * Engine events, one upstream per engine. When the stream breaks (engine restart), it retries
 * every second and resumes with `since` = the last event's second, dropping the events it has
 * already delivered, so subscribers miss nothing across the gap. A healthcheck's own `exec_*`
 * events carry `healthcheck: true` (`healthcheck-marker.ts`).
 */
export const eventsTopic: TopicDefinition<'events'> = {
  name: 'events',
  delivery: { kind: 'stream', limit: 50_000 },
  key: () => 'all',
  open(ctx) {
    const seen = new Set<string>();
    const marker = new HealthcheckMarker(ctx.engine);
    let ordered = Promise.resolve();
    // Resume point for a stream that fails before its first event: the moment we started.
    let lastTime = Math.floor(Date.now() / 1000);
    return retryingUpstream(ctx, {
      backoff: { stopped: new Backoff(RETRY_MS, RETRY_MS, () => 0.5) },
      endedMessage: 'The engine closed the event stream',
      async open() {
        const s = await ctx.engine.events({ since: lastTime });
        readJsonLines<EngineEvent>(s, (event) => {
          const key = eventKey(event);
          if (seen.has(key)) return;
          seen.add(key);
          if (seen.size > SEEN_KEEP) seen.delete(seen.values().next().value as string);
          lastTime = Math.max(lastTime, event.time);
          // In order: an event that waits for an inspect holds back the ones after it.
          ordered = ordered.then(() => marker.mark(event)).then((marked) => ctx.emit(marked));
        });
        return s;
      },
    });
  },
};
