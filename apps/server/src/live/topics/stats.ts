import { cpuLimitOf } from '@porthole/shared/stats';
import type { EngineApi } from '../../docker/engine-api.ts';
import { readJsonLines } from '../../docker/json-lines.ts';
import { type RawStats, type StatsHistory, statsSample } from '../../docker/stats.ts';
import { containerRetry } from '../backoff.ts';
import type { TopicDefinition } from '../hub.ts';
import { retryingUpstream } from '../retrying-upstream.ts';
import type { StatsRecorder } from '../stats-recorder.ts';

/**
 * Live resource usage of one container: one upstream stats stream per container however many
 * subscribers, samples computed like `docker stats`. The container's last 10 minutes (kept by the
 * engine's StatsRecorder, fed by this stream while it is open) go to each subscriber first, so a
 * chart shows history at once. A stopped container ends the stream; the topic waits and reopens
 * it (it may start again).
 */
export const createStatsTopic = (recorderOf: (engine: EngineApi) => StatsRecorder): TopicDefinition<'stats'> => ({
  name: 'stats',
  // Samples arrive once a second; a history snapshot is ≤ 600 of them.
  delivery: { kind: 'stream', limit: 1000 },
  key: (p) => p.container,
  open(ctx) {
    const recorder = recorderOf(ctx.engine);
    let history: StatsHistory | undefined;
    let release: (() => void) | undefined;
    let closed = false;
    const upstream = retryingUpstream(ctx, {
      backoff: { stopped: containerRetry.stopped(), missing: containerRetry.missing() },
      endedMessage: 'The stats stream ended',
      async open() {
        const info = await ctx.engine.inspectContainer(ctx.params.container);
        if (closed) return { wait: 'closed' };
        if (!history) {
          // The id is known now: subscribers so far get the recorded history first.
          history = recorder.history(info.Id);
          release = recorder.streamOpened(info.Id);
          for (const sample of history.list()) ctx.emit(sample);
        }
        if (!info.State.Running) return { wait: 'The container is not running' };
        const s = await ctx.engine.containerStatsStream(ctx.params.container);
        const h = history;
        // Read at each (re)open: `docker update --cpus` changes it.
        const cpuLimit = cpuLimitOf(info.HostConfig);
        recorder.knowCpuLimit(info.Id, cpuLimit);
        readJsonLines<RawStats>(s, (raw) => {
          // A stopped container's stream goes on with frames of zeros (read = 0001-01-01): it is
          // ended instead, so the subscribers see the container is not running (not a live
          // stream with a stale value) and the topic waits for it to start again.
          if (!raw.read || raw.read.startsWith('0001-')) {
            for (const point of h.interrupt()) ctx.emit(point);
            s.destroy();
            return;
          }
          // The stream's first frame has no earlier reading: its CPU is null (unknown), not 0.
          const sample = statsSample(raw, h.last, cpuLimit);
          if (h.last && sample.t <= h.last.t) return;
          for (const point of h.add(sample)) ctx.emit(point);
        });
        return s;
      },
    });
    return {
      snapshot: () => history?.list() ?? [],
      close() {
        closed = true;
        release?.();
        upstream.close();
      },
    };
  },
});
