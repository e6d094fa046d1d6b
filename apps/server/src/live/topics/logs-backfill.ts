import type { Readable } from 'node:stream';
import type { TopicParamsOf } from '@porthole/shared/live';
import { logMatcher } from '@porthole/shared/log-match';
import type { LogCursor, LogLine } from '@porthole/shared/logs';
import { LogDemuxer, engineTime, parseTimeSpec } from '../../docker/log-demux.ts';
import { LogSieve } from '../../docker/log-sieve.ts';
import { containerTty, openLogStream } from '../../docker/logs.ts';
import type { TopicDefinition, UpstreamContext } from '../hub.ts';

type Params = TopicParamsOf<'logs-backfill'>;
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
export const logsBackfillTopic: TopicDefinition<Params> = {
  name: 'logs-backfill',
  delivery: { kind: 'stream', limit: 100_000 },
  key: (p) => `${p.container}\u0000${p.request}`,
  validate(p) {
    logMatcher(p.search);
  },
  open(ctx: UpstreamContext<Params>) {
    const p = ctx.params;
    let stream: Readable | undefined;
    let sieve: LogSieve | undefined;
    let closed = false;

    const start = async () => {
      const match = logMatcher(p.search)?.test;
      const { tty } = await containerTty(ctx.engine, p.container);
      const before = p.before;
      // With `before`, the engine's tail would count from the end of the log: keep the last N here.
      const localTail = before && typeof p.tail === 'number' ? p.tail : undefined;
      const until = before ? String(Math.ceil(Number(engineTime(before)) + 1)) : parseTimeSpec(p.until);
      const s = await openLogStream(ctx.engine, p.container, {
        follow: false,
        tail: localTail === undefined ? (p.tail ?? 'all') : 'all',
        since: parseTimeSpec(p.since),
        until,
        stdout: p.stdout,
        stderr: p.stderr,
      });
      if (closed) return void s.destroy();
      stream = s;
      ctx.setState('live');
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
      const demux = new LogDemuxer(tty, (line) => {
        if (before && line[0] >= before) return;
        if (line[0]) cursor = line[0];
        sieved.push(line);
      });
      s.on('data', (chunk: Buffer) => {
        demux.push(chunk);
        if (sieved.backlog > SIEVE_HIGH) s.pause();
      });
      s.once('end', () => {
        demux.end();
        sieved.end();
      });
      s.once('error', (err: Error) => ctx.setState('reconnecting', err.message));
    };
    start().catch((err: Error) => {
      ctx.setState('reconnecting', err.message);
      ctx.end();
    });

    return {
      drained() {
        if (ctx.backlog() < LOW_MARK) sieve?.resume();
      },
      close() {
        closed = true;
        sieve?.close();
        stream?.destroy();
      },
    };
  },
};
