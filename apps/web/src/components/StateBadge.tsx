import { Badge } from '@mantine/core';

/** One colour language for state everywhere. */
export const STATE_COLORS: Record<string, string> = {
  running: 'green',
  healthy: 'green',
  paused: 'yellow',
  starting: 'blue',
  restarting: 'blue',
  created: 'gray',
  exited: 'gray',
  stopped: 'gray',
  removing: 'gray',
  unhealthy: 'red',
  dead: 'red',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <Badge color={STATE_COLORS[state] ?? 'gray'} variant="light" radius="sm">
      {state}
    </Badge>
  );
}
