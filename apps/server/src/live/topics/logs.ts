import type { Readable } from 'node:stream';
import type { LogLine } from '@porthole/shared/logs';
import { LogDemuxer, engineTime, logTimestamp } from '../../docker/log-demux.ts';
import { containerTty } from '../../docker/logs.ts';
import { containerRetry } from '../backoff.ts';
import type { TopicDefinition } from '../hub.ts';
import { retryingUpstream } from '../retrying-upstream.ts';

/**
 * The live tail of a container's log: one upstream `logs?follow=1&tail=0` per container, shared
 * by every subscriber. What came before is read with `logs-backfill` (private, finite); the client
 * joins the two by timestamp. A subscriber that has stopped reading has a bounded queue: beyond
 * it lines are dropped and it gets a `skipped` marker, without slowing the others. When the container stops, the
 * topic waits for it to run again and resumes after the last line it delivered.
 */
/** Lines waiting for a reading subscriber above which the engine stream pauses, and below which it resumes. */
const PAUSE_ABOVE = 8000;
const RESUME_BELOW = 2000;

export const logsTopic: TopicDefinition<'logs'> = {
  name: 'logs',
  delivery: { kind: 'stream', limit: 20_000 },
  key: (p) => p.container,
  open(ctx) {
    let lastTs: string | undefined;
    let current: Readable | undefined;
    let recheck: NodeJS.Timeout | undefined;
    const resumeIfDrained = () => {
      if (!current?.isPaused() || ctx.backlog() >= RESUME_BELOW) return;
      clearInterval(recheck);
      recheck = undefined;
      current.resume();
    };
    const upstream = retryingUpstream(ctx, {
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
        // A burst faster than the hub can hand out waits in the engine (the file it follows),
        // not in memory: subscribers that read lose nothing; a stalled one is skipped.
        s.on('data', (chunk: Buffer) => {
          demux.push(chunk);
          if (ctx.backlog() <= PAUSE_ABOVE) return;
          s.pause();
          // Flushes resume it (`drained`); so does this, once a subscriber that held it back
          // has left or stopped reading (nothing would flush then).
          recheck ??= setInterval(resumeIfDrained, 100);
        });
        s.once('end', () => demux.end());
        current = s;
        return s;
      },
    });
    return {
      close: () => {
        clearInterval(recheck);
        upstream.close();
      },
      drained: resumeIfDrained,
    };
  },
};
