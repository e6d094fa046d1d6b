import { Text } from '@mantine/core';
import { formatMemory } from '../lib/format.ts';
import { useContainerStats } from '../lib/docker/stats.ts';

/** Live CPU % and memory of one container, from the shared stats stream (one upstream per container). */
export function useLiveUsage(engine: string, id: string, running: boolean) {
  const { sample } = useContainerStats(engine, id, { enabled: running });
  return running ? sample : undefined;
}

/** CPU % as text; "—" while it has not been measured (never 0 for unknown). */
export function CpuText({ percent }: { percent: number | null | undefined }) {
  return (
    <Text size="sm" ff="monospace">
      {percent === undefined || percent === null ? '—' : `${percent.toFixed(1)}%`}
    </Text>
  );
}

/** Memory in use (and the limit, when there is one), as text. */
export function MemoryText({ used, limit }: { used: number | undefined; limit: number | undefined }) {
  if (used === undefined) return <Text size="sm">—</Text>;
  return (
    <Text size="sm" ff="monospace">
      {formatMemory(used)}
      {limit ? ` / ${formatMemory(limit)}` : ''}
    </Text>
  );
}
