import type { LogLine } from '@porthole/shared/logs';
import type { ServiceLogLine } from '@porthole/shared/live';
import { LogDemuxer, engineTime } from '../../docker/log-demux.ts';
import { containerRetry } from '../backoff.ts';
import type { TopicDefinition } from '../hub.ts';
import { retryingUpstream } from '../retrying-upstream.ts';

/** `details=1` puts `com.docker.swarm.node.id=…,com.docker.swarm.service.id=…,com.docker.swarm.task.id=…` before the text. */
const DETAILS = /^((?:[\w.-]+=[^, ]*,?)+) (.*)$/s;

export function serviceLogLine([t, s, text]: LogLine): ServiceLogLine {
  const m = DETAILS.exec(text);
  if (!m) return { t, s: s === 2 ? 2 : 1, l: text };
  const attrs = Object.fromEntries((m[1] as string).split(',').map((kv) => kv.split('=', 2) as [string, string]));
  return { t, s: s === 2 ? 2 : 1, l: m[2] as string, task: attrs['com.docker.swarm.task.id'], node: attrs['com.docker.swarm.node.id'] };
}

/**
 * The live log of a Swarm service, merged by the manager from its tasks on every node: one
 * upstream `GET /services/{id}/logs?follow=1&timestamps=1&details=1` per service, shared by every
 * subscriber. After a break it resumes after the last line it delivered.
 */
export const serviceLogsTopic: TopicDefinition<'service-logs'> = {
  name: 'service-logs',
  delivery: { kind: 'stream', limit: 20_000 },
  key: (p) => p.service,
  open(ctx) {
    let lastTs: string | undefined;
    return retryingUpstream(ctx, {
      backoff: { stopped: containerRetry.stopped(), missing: containerRetry.missing() },
      endedMessage: 'The service log ended',
      async open() {
        const since = lastTs ? engineTime(lastTs) : undefined;
        const s = await ctx.engine.serviceLogs(
          ctx.params.service,
          since ? { follow: true, since, details: true } : { follow: true, tail: 0, details: true },
        );
        const resumeAfter = lastTs;
        const demux = new LogDemuxer(false, (raw) => {
          const line = serviceLogLine(raw);
          if (resumeAfter && line.t && line.t <= resumeAfter) return;
          if (line.t) lastTs = line.t;
          ctx.emit(line);
        });
        s.on('data', (chunk: Buffer) => demux.push(chunk));
        s.once('end', () => demux.end());
        return s;
      },
    });
  },
};
