import type { UpstreamState } from '@porthole/shared/live';
import { isStatsGap, STATS_HISTORY_MS, type StatsPoint, type StatsSample } from '@porthole/shared/stats';
import { useState } from 'react';
import { useLiveSubscription } from '../live-context.tsx';

export interface ContainerStats {
  /** The newest sample (undefined until the first arrives). */
  sample: StatsSample | undefined;
  /** Up to the last 10 minutes, oldest first (the server's history, then live samples); a gap where nothing was measured. */
  history: StatsPoint[];
  /** Upstream state: `reconnecting` with a message when the container is not running. */
  state: UpstreamState;
  message?: string;
}

/**
 * Live CPU, memory, network, block I/O and pids of one container. However many components
 * and browsers use it, the server keeps one upstream stats stream per container. Pass
 * `enabled: false` (or no id) to stay unsubscribed, e.g. for a container that is not running.
 */
export function useContainerStats(engine: string, id: string | undefined, opts: { enabled?: boolean } = {}): ContainerStats {
  const [stats, setStats] = useState<ContainerStats>({ sample: undefined, history: [], state: 'connecting' });
  const enabled = (opts.enabled ?? true) && !!id;
  useLiveSubscription(
    engine,
    'stats',
    { container: id ?? '' },
    {
      onItems(items) {
        setStats((prev) => {
          const incoming = items as StatsPoint[];
          const last = prev.history.at(-1)?.t ?? 0;
          const fresh = incoming.filter((s) => s.t > last);
          if (fresh.length === 0) return prev;
          const newest = (fresh.at(-1) as StatsPoint).t;
          const history = [...prev.history, ...fresh].filter((s) => s.t >= newest - STATS_HISTORY_MS);
          const sample = history.findLast((p): p is StatsSample => !isStatsGap(p));
          return { ...prev, history, sample };
        });
      },
      onState(state, message) {
        setStats((prev) => ({ ...prev, state, message }));
      },
    },
    enabled,
  );
  return stats;
}
