import type { ContainerUsage, ContainerUsageFrame } from '@porthole/shared/stats';
import { useState } from 'react';
import { useLiveSubscription } from '../live-context.tsx';

/**
 * CPU and memory of every running container from the ONE shared `container-usage` feed (the
 * server's sampling rounds): a list subscribes once for all its rows instead of one stats stream
 * per row. A container not yet measured is absent or has nulls — shown as "—", never 0.
 */
export function useContainerUsage(engine: string, enabled = true): ReadonlyMap<string, ContainerUsage> {
  const [usage, setUsage] = useState<ReadonlyMap<string, ContainerUsage>>(() => new Map());
  useLiveSubscription(
    engine,
    'container-usage',
    {},
    {
      onItems(items) {
        const frame = (items as ContainerUsageFrame[]).at(-1);
        if (frame) setUsage(new Map(frame.containers.map((c) => [c.id, c])));
      },
    },
    enabled,
  );
  return usage;
}
