import type { LogLine } from '@porthole/shared/logs';
import { LogDemuxer, engineTime, logTimestamp } from '../../docker/log-demux.ts';
import { containerTty } from '../../docker/logs.ts';
import { containerRetry } from '../backoff.ts';
import type { TopicDefinition } from '../hub.ts';
import { retryingUpstream } from '../retrying-upstream.ts';

/**
 * The live tail of a container's log: one upstream `logs?follow=1&tail=0` per container, shared
 * by every subscriber. What came before is read with `logs-backfill` (private, finite); the client
 * joins the two by timestamp. A slow subscriber's queue is bounded: beyond it lines are dropped
 * and it gets a `skipped` marker, without slowing the others. When the container stops, the
 * topic waits for it to run again and resumes after the last line it delivered.
 */
export const logsTopic: TopicDefinition<'logs'> = {
  name: 'logs',
  delivery: { kind: 'stream', limit: 20_000 },
  key: (p) => p.container,
  open(ctx) {
    let lastTs: string | undefined;
    return retryingUpstream(ctx, {
      backoff: { stopped: containerRetry.stopped(), missing: containerRetry.missing() },
      endedMessage: 'The container stopped',
      async open() {
        const { tty, running } = await containerTty(ctx.engine, ctx.params.container);
        if (!running) return { wait: 'The container is not running' };
        const since = lastTs ? engineTime(lastTs) : undefined;
        if (!lastTs) lastTs = logTimestamp(Date.now() - 1);
        const s = await ctx.engine.containerLogs(ctx.params.container, since ? { follow: true, since } : { follow: true, tail: 0 });
        const resumeAfter = since ? lastTs : undefined;
        const demux = new LogDemuxer(tty, (line: LogLine) => {
          if (resumeAfter && line[0] && line[0] <= resumeAfter) return;
          if (line[0]) lastTs = line[0];
          ctx.emit(line);
        });
        s.on('data', (chunk: Buffer) => demux.push(chunk));
        s.once('end', () => demux.end());
        return s;
      },
    });
  },
};
