import type { Readable } from 'node:stream';
import type { TopicParamsOf } from '@porthole/shared/live';
import type { LogLine } from '@porthole/shared/logs';
import { LogDemuxer, engineTime, logTimestamp } from '../../docker/log-demux.ts';
import { containerTty, openLogStream } from '../../docker/logs.ts';
import { containerRetry, isNotFound } from '../backoff.ts';
import type { TopicDefinition, UpstreamContext } from '../hub.ts';

type Params = TopicParamsOf<'logs'>;

/**
 * The live tail of a container's log: one upstream `logs?follow=1&tail=0` per container, shared
 * by every subscriber. What came before is read with `logs-backfill` (private, finite); the client
 * joins the two by timestamp. A slow subscriber's queue is bounded: beyond it lines are dropped
 * and it gets a `skipped` marker, without slowing the others. When the container stops, the
 * topic waits for it to run again and resumes after the last line it delivered.
 */
export const logsTopic: TopicDefinition<Params> = {
  name: 'logs',
  delivery: { kind: 'stream', limit: 20_000 },
  key: (p) => p.container,
  open(ctx: UpstreamContext<Params>) {
    let closed = false;
    let stream: Readable | undefined;
    let retry: NodeJS.Timeout | undefined;
    let lastTs: string | undefined;

    const whileStopped = containerRetry.stopped();
    const whileMissing = containerRetry.missing();
    const again = (message: string, backoff = whileStopped) => {
      stream = undefined;
      if (closed || retry) return;
      ctx.setState('reconnecting', message);
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, backoff.next());
    };

    const connect = async () => {
      try {
        const { tty, running } = await containerTty(ctx.engine, ctx.params.container);
        if (!running) return again('The container is not running', whileStopped);
        const since = lastTs ? engineTime(lastTs) : undefined;
        if (!lastTs) lastTs = logTimestamp(Date.now() - 1);
        const s = await openLogStream(ctx.engine, ctx.params.container, since ? { follow: true, since } : { follow: true, tail: 0 });
        if (closed) return void s.destroy();
        stream = s;
        whileStopped.reset();
        whileMissing.reset();
        ctx.setState('live');
        const resumeAfter = since ? lastTs : undefined;
        const demux = new LogDemuxer(tty, (line: LogLine) => {
          if (resumeAfter && line[0] && line[0] <= resumeAfter) return;
          if (line[0]) lastTs = line[0];
          ctx.emit(line);
        });
        s.on('data', (chunk: Buffer) => demux.push(chunk));
        s.once('end', () => demux.end());
        s.once('error', (err: Error) => again(err.message));
        s.once('close', () => again('The container stopped', whileStopped));
      } catch (err) {
        again((err as Error).message, isNotFound(err) ? whileMissing : whileStopped);
      }
    };
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
