import { Progress, Text } from '@mantine/core';
import { formatMemory } from '../../lib/format.ts';
import { useContainerStats } from '../stats/useContainerStats.ts';

/** Live CPU % and memory of one container, from the shared stats stream (one upstream per container). */
export function useLiveUsage(engine: string, id: string, running: boolean) {
  const { sample } = useContainerStats(engine, id, { enabled: running });
  return running ? sample : undefined;
}

export function CpuText({ percent }: { percent: number | undefined }) {
  return (
    <Text size="sm" ff="monospace">
      {percent === undefined ? '—' : `${percent.toFixed(1)}%`}
    </Text>
  );
}

export function MemoryBar({ used, limit, showBar = true }: { used: number | undefined; limit: number | undefined; showBar?: boolean }) {
  if (used === undefined) return <Text size="sm">—</Text>;
  const pct = limit ? Math.min(100, (used / limit) * 100) : 0;
  return (
    <div>
      <Text size="sm" ff="monospace">
        {formatMemory(used)}
        {limit ? ` / ${formatMemory(limit)}` : ''}
      </Text>
      {showBar && limit ? (
        <Progress
          value={pct}
          size="xs"
          color={pct > 90 ? 'red' : pct > 70 ? 'yellow' : 'blue'}
          aria-label={`Memory ${pct.toFixed(0)}% of limit`}
        />
      ) : null}
    </div>
  );
}
