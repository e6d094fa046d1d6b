import { Chip, Group } from '@mantine/core';
import { LOG_LEVELS, type LogLevel } from '@porthole/shared/log-levels';
import { memo } from 'react';

const COLOR: Record<LogLevel, string> = { error: 'red', warn: 'yellow', info: 'blue', debug: 'gray' };

/** One chip per level with its count of entries; none chosen = every line. */
export const LevelChips = memo(function LevelChips({
  levels,
  counts,
  onChange,
}: {
  levels: readonly LogLevel[];
  counts: number[];
  onChange(levels: LogLevel[]): void;
}) {
  return (
    <Chip.Group multiple value={[...levels]} onChange={(v) => onChange(LOG_LEVELS.filter((l) => v.includes(l)))}>
      <Group gap={4} role="group" aria-label="Show only levels" wrap="nowrap">
        {LOG_LEVELS.map((level, i) => (
          <Chip key={level} value={level} size="xs" color={COLOR[level]} variant="light" aria-label={`${level} (${counts[i] ?? 0})`}>
            {level} {(counts[i] ?? 0).toLocaleString()}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
});
