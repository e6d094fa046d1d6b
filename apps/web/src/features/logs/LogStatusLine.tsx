import { Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import type { FollowStatus } from './follow-container-log.ts';
import type { Follow } from './LogView.tsx';
import { LiveStateBadge } from '../../components/LiveStateBadge.tsx';

/**
 * The line under a log toolbar: stream state (and whether the view keeps to the end), Pause /
 * Resume, line count, skipped lines, the CLI disclosure.
 */
export function LogStatusLine({
  status,
  lines,
  cli,
  follow,
  children,
}: {
  status: Pick<FollowStatus, 'phase' | 'upstream' | 'message' | 'skipped'>;
  lines: number;
  cli: string;
  follow: Follow;
  children?: ReactNode;
}) {
  const ended = status.phase === 'done';
  return (
    <Group gap="sm" mb={2}>
      <LiveStateBadge
        state={ended ? 'done' : status.phase === 'loading' ? 'connecting' : status.upstream}
        message={status.message}
        label={follow.on ? 'following' : 'live · paused'}
      />
      {!ended && (
        <Button
          size="compact-xs"
          variant={follow.on ? 'default' : 'filled'}
          onClick={() => follow.set(!follow.on)}
          data-testid="follow-toggle"
          aria-label={follow.on ? 'Pause following the log' : 'Resume following the log'}
        >
          {follow.on ? 'Pause log' : 'Resume log'}
        </Button>
      )}
      <Text size="xs" c="dimmed" data-testid="line-count">
        {lines.toLocaleString()} {lines === 1 ? 'line' : 'lines'}
        {status.phase === 'loading' ? ' · loading…' : ''}
      </Text>
      {status.skipped > 0 && (
        <Text size="xs" c="orange">
          {status.skipped.toLocaleString()} lines skipped (the browser fell behind)
        </Text>
      )}
      {children}
      <CliHint command={cli} />
    </Group>
  );
}
