import { Chip, Group } from '@mantine/core';
import { LOG_LEVELS, type LogLevel } from '@porthole/shared/log-levels';
import { memo, useCallback, useRef } from 'react';

const COLOR: Record<LogLevel, string> = { error: 'red', warn: 'yellow', info: 'blue', debug: 'gray' };

/**
 * One chip per level with its count of entries; none chosen = every line. Each chip is drawn on
 * its own (no Chip.Group, whose context changes every render): a line arriving redraws the one
 * chip whose count moved, not all four.
 */
export const LevelChips = memo(function LevelChips({
  levels,
  counts,
  onChange,
}: {
  levels: readonly LogLevel[];
  counts: number[];
  onChange(levels: LogLevel[]): void;
}) {
  const chosen = useRef(levels);
  chosen.current = levels;
  const toggle = useCallback(
    (level: LogLevel, on: boolean) => onChange(LOG_LEVELS.filter((l) => (l === level ? on : chosen.current.includes(l)))),
    [onChange],
  );
  return (
    <Group gap={4} role="group" aria-label="Show only levels" wrap="nowrap">
      {LOG_LEVELS.map((level, i) => (
        <LevelChip key={level} level={level} count={counts[i] ?? 0} checked={levels.includes(level)} onToggle={toggle} />
      ))}
    </Group>
  );
});

const LevelChip = memo(function LevelChip({
  level,
  count,
  checked,
  onToggle,
}: {
  level: LogLevel;
  count: number;
  checked: boolean;
  onToggle(level: LogLevel, on: boolean): void;
}) {
  return (
    <Chip
      value={level}
      checked={checked}
      onChange={(on) => onToggle(level, on)}
      size="xs"
      color={COLOR[level]}
      variant="light"
      aria-label={`${level} (${count})`}
    >
      {level} {count.toLocaleString()}
    </Chip>
  );
});
