import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { CliHint } from '../../components/CliHint.tsx';
import type { FollowStatus } from './follow-container-log.ts';
import { LiveStateBadge } from '../../components/LiveStateBadge.tsx';

/** The line under a log toolbar: stream state, line count, skipped lines, the CLI disclosure. */
export function LogStatusLine({
  status,
  lines,
  cli,
  children,
}: {
  status: Pick<FollowStatus, 'phase' | 'upstream' | 'message' | 'skipped'>;
  lines: number;
  cli: string;
  children?: ReactNode;
}) {
  return (
    <Group gap="sm" mb={6}>
      <LiveStateBadge
        state={status.phase === 'done' ? 'done' : status.phase === 'loading' ? 'connecting' : status.upstream}
        message={status.message}
        label="following"
      />
      <Text size="xs" c="dimmed" data-testid="line-count">
        {lines.toLocaleString()} lines{status.phase === 'loading' ? ' · loading…' : ''}
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
