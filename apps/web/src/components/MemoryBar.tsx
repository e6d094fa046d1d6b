import { Progress } from '@mantine/core';
import { MemoryText } from './LiveUsage.tsx';

/** Memory in use as text, with a bar of how much of the limit that is (when there is a limit). */
export function MemoryBar({ used, limit }: { used: number | undefined; limit: number | undefined }) {
  if (used === undefined) return <MemoryText used={used} limit={limit} />;
  const pct = limit ? Math.min(100, (used / limit) * 100) : 0;
  return (
    <div>
      <MemoryText used={used} limit={limit} />
      {limit ? (
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
