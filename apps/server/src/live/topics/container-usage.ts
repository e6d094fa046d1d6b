import type { EngineApi } from '../../docker/engine-api.ts';
import type { TopicDefinition } from '../hub.ts';
import type { StatsRecorder } from '../stats-recorder.ts';

/**
 * CPU and memory of every running container in one feed, for lists (the containers list, resource
 * limits): no stats stream per row. It opens nothing of its own: the engine's StatsRecorder already
 * samples every running container at its interval (one-shot reads, bounded concurrency; a watched
 * container's live stream feeds it once a second), and this topic sends the newest sample of each
 * after every round — one frame per round, the newest frame replacing an unsent one. A container
 * not measured yet has nulls, never zeros. A failed round (the engine did not answer) shows as
 * `reconnecting` until one succeeds.
 */
export const createContainerUsageTopic = (recorderOf: (engine: EngineApi) => StatsRecorder): TopicDefinition<'container-usage'> => ({
  name: 'container-usage',
  delivery: { kind: 'latest' },
  key: () => 'all',
  open(ctx) {
    const recorder = recorderOf(ctx.engine);
    const stop = recorder.onRound((err) => {
      if (err) return ctx.setState('reconnecting', err.message);
      const frame = recorder.usage();
      ctx.setState('live');
      if (frame) ctx.emit(frame);
    });
    return {
      snapshot: () => {
        const frame = recorder.usage();
        return frame ? [frame] : [];
      },
      close: stop,
    };
  },
});
