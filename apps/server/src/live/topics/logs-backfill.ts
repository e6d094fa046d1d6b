import type { IncomingMessage } from 'node:http';
import type { TopicParamsOf } from '@porthole/shared/live';
import type { LogCursor, LogLine } from '@porthole/shared/logs';
import { LogDemuxer, engineTime, parseTimeSpec } from '../../docker/log-demux.ts';
import { logMatcher } from '../../docker/log-search.ts';
import { containerTty, openLogStream } from '../../docker/logs.ts';
import type { TopicDefinition, UpstreamContext } from '../hub.ts';

type Params = TopicParamsOf<'logs-backfill'>;
/** Pause reading the engine above this many queued lines; resume below the low mark. */
const HIGH_MARK = 50_000;
const LOW_MARK = 20_000;

/**
 * A finite, private read of a container's log (tail N / since / until / before a timestamp),
 * filtered on the server by the search so that only matching lines travel. It is read from the
 * engine only as fast as the subscriber takes it (the engine stream pauses while the queue is
 * full), so nothing is dropped and memory stays bounded. Ends with a `LogCursor` (the last
 * timestamp read), then `end`.
 */
export const logsBackfillTopic: TopicDefinition<Params> = {
  name: 'logs-backfill',
  delivery: { kind: 'stream', limit: 100_000 },
  key: (p) => `${p.container}\u0000${p.request}`,
  open(ctx: UpstreamContext<Params>) {
    const p = ctx.params;
    let stream: IncomingMessage | undefined;
    let closed = false;

    const start = async () => {
      const match = logMatcher(p.search);
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
      const demux = new LogDemuxer(tty, (line) => {
        if (before && line[0] >= before) return;
        if (line[0]) cursor = line[0];
        if (match && !match(line[2])) return;
        if (localTail !== undefined) {
          ring.push(line);
          if (ring.length > localTail) ring.shift();
          return;
        }
        ctx.emit(line);
        if (ctx.backlog() > HIGH_MARK) s.pause();
      });
      s.on('data', (chunk: Buffer) => demux.push(chunk));
      s.once('end', () => {
        demux.end();
        for (const line of ring) ctx.emit(line);
        ctx.emit({ cursor } satisfies LogCursor);
        ctx.end();
      });
      s.once('error', (err: Error) => ctx.setState('reconnecting', err.message));
    };
    start().catch((err: Error) => {
      ctx.setState('reconnecting', err.message);
      ctx.end();
    });

    return {
      drained() {
        if (stream?.isPaused() && ctx.backlog() < LOW_MARK) stream.resume();
      },
      close() {
        closed = true;
        stream?.destroy();
      },
    };
  },
};
