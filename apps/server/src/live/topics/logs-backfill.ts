import { logMatcher } from '@porthole/shared/log-match';
import type { LogCursor, LogLine } from '@porthole/shared/logs';
import { engineTime, parseTimeSpec } from '../../docker/log-demux.ts';
import { LogSieve, feedSieve } from '../../docker/log-sieve.ts';
import { containerTty } from '../../docker/logs.ts';
import type { TopicDefinition } from '../hub.ts';
import { retryingUpstream } from '../retrying-upstream.ts';

/** Stop emitting above this many lines queued for the subscriber; go on below the low mark. */
const HIGH_MARK = 50_000;
const LOW_MARK = 20_000;
/** Pause reading the engine above this many lines waiting for the search; resume below the low mark. */
const SIEVE_HIGH = 20_000;
const SIEVE_LOW = 5_000;

/**
 * A finite, private read of a container's log (tail N / since / until / before a timestamp),
 * filtered on the server by the search so that only matching lines travel. It is read from the
 * engine only as fast as the subscriber takes it (the engine stream pauses while the queue is
 * full), so nothing is dropped and memory stays bounded. The search runs in time slices
 * (`LogSieve`): however slow the pattern, the event loop is never held for long. Ends with a
 * `LogCursor` (the last timestamp read), then `end`. An invalid search is refused at subscribe
 * (an `error` message naming what is wrong).
 */
export const logsBackfillTopic: TopicDefinition<'logs-backfill'> = {
  name: 'logs-backfill',
  delivery: { kind: 'stream', limit: 100_000 },
  key: (p) => `${p.container}\u0000${p.request}`,
  validate(p) {
    logMatcher(p.search);
  },
  open(ctx) {
    const p = ctx.params;
    let sieve: LogSieve | undefined;
    const upstream = retryingUpstream(ctx, {
      once: true,
      async open() {
        const match = logMatcher(p.search)?.test;
        const { tty } = await containerTty(ctx.engine, p.container);
        const before = p.before;
        // With `before`, the engine's tail would count from the end of the log: keep the last N here.
        const localTail = before && typeof p.tail === 'number' ? p.tail : undefined;
        const until = before ? String(Math.ceil(Number(engineTime(before)) + 1)) : parseTimeSpec(p.until);
        const s = await ctx.engine.containerLogs(p.container, {
          follow: false,
          tail: localTail === undefined ? (p.tail ?? 'all') : 'all',
          since: parseTimeSpec(p.since),
          until,
          stdout: p.stdout,
          stderr: p.stderr,
        });
        let cursor = '';
        const ring: LogLine[] = [];
        const sieved = new LogSieve(match, {
          line(line) {
            if (localTail === undefined) return ctx.emit(line);
            ring.push(line);
            if (ring.length > localTail) ring.shift();
          },
          ready: () => ctx.backlog() <= HIGH_MARK,
          sliceDone() {
            if (s.isPaused() && sieved.backlog < SIEVE_LOW && ctx.backlog() < LOW_MARK) s.resume();
          },
          end() {
            for (const line of ring) ctx.emit(line);
            ctx.emit({ cursor } satisfies LogCursor);
            ctx.end();
          },
        });
        sieve = sieved;
        feedSieve(s, tty, sieved, SIEVE_HIGH, (line) => {
          if (before && line[0] >= before) return;
          if (line[0]) cursor = line[0];
          sieved.push(line);
        });
        return s;
      },
    });

    return {
      drained() {
        if (ctx.backlog() < LOW_MARK) sieve?.resume();
      },
      close() {
        sieve?.close();
        upstream.close();
      },
    };
  },
};
