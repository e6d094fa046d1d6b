import type { Readable } from 'node:stream';
import type { TopicParamsOf } from '@porthole/shared/live';
import type { StatsSample } from '@porthole/shared/stats';
import type { Engine } from '../../docker/engine.ts';
import { dockerFailure } from '../../docker/errors.ts';
import { readJsonLines } from '../../docker/json-lines.ts';
import { type RawStats, type StatsHistory, statsSample } from '../../docker/stats.ts';
import { containerRetry, isNotFound } from '../backoff.ts';
import type { TopicDefinition, UpstreamContext } from '../hub.ts';
import type { StatsRecorder } from '../stats-recorder.ts';

type Params = TopicParamsOf<'stats'>;

/**
 * Live resource usage of one container: one upstream stats stream per container however many
 * subscribers, samples computed like `docker stats`. The container's last 10 minutes (kept by the
 * engine's StatsRecorder, fed by this stream while it is open) go to each subscriber first, so a
 * chart shows history at once. A stopped container ends the stream; the topic waits and reopens
 * it (it may start again).
 */
export const createStatsTopic = (recorderOf: (engine: Engine) => StatsRecorder): TopicDefinition<Params> => ({
  name: 'stats',
  // Samples arrive once a second; a history snapshot is ≤ 600 of them.
  delivery: { kind: 'stream', limit: 1000 },
  key: (p) => p.container,
  open(ctx: UpstreamContext<Params>) {
    const recorder = recorderOf(ctx.engine);
    let history: StatsHistory | undefined;
    let release: (() => void) | undefined;
    let closed = false;
    let stream: Readable | undefined;
    let retry: NodeJS.Timeout | undefined;

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
        const container = ctx.engine.docker.getContainer(ctx.params.container);
        const info = await container.inspect();
        if (closed) return;
        if (!history) {
          // The id is known now: subscribers so far get the recorded history first.
          history = recorder.history(info.Id);
          release = recorder.streamOpened(info.Id);
          for (const sample of history.list()) ctx.emit(sample);
        }
        if (!info.State.Running) return again('The container is not running', whileStopped);
        const s = (await container.stats({ stream: true })) as unknown as Readable;
        if (closed) return void s.destroy();
        stream = s;
        whileStopped.reset();
        whileMissing.reset();
        ctx.setState('live');
        readJsonLines(s, (value) => {
          const raw = value as RawStats;
          // A stopped container's frames are all zeros (read = 0001-01-01): skip them.
          if (!raw.read || raw.read.startsWith('0001-')) return;
          const h = history as StatsHistory;
          const sample: StatsSample = statsSample(raw, h.last);
          if (h.last && sample.t <= h.last.t) return;
          h.add(sample);
          ctx.emit(sample);
        });
        s.once('error', (err: Error) => again(err.message));
        s.once('close', () => again('The stats stream ended', whileStopped));
      } catch (err) {
        again(dockerFailure(err)?.message ?? (err as Error).message, isNotFound(err) ? whileMissing : whileStopped);
      }
    };
    void connect();

    return {
      snapshot: () => history?.list() ?? [],
      close() {
        closed = true;
        release?.();
        if (retry) clearTimeout(retry);
        stream?.destroy();
      },
    };
  },
});
