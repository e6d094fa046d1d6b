import { memo } from 'react';
import { Badge, Tooltip } from '@mantine/core';
import type { UpstreamState } from '@porthole/shared/live';
import { useSocketStatus } from '../lib/live-context.tsx';

/** The connection state of a live view: live, connecting, or why it is reconnecting. */
export const LiveStateBadge = memo(function LiveStateBadge({
  state,
  message,
  label = 'live',
}: {
  state: UpstreamState | 'paused' | 'done';
  message?: string;
  label?: string;
}) {
  const socket = useSocketStatus();
  const effective = socket !== 'open' ? 'reconnecting' : state;
  const color = effective === 'live' ? 'green' : effective === 'connecting' ? 'blue' : effective === 'reconnecting' ? 'orange' : 'gray';
  const text =
    effective === 'live'
      ? label
      : effective === 'reconnecting'
        ? socket !== 'open'
          ? 'reconnecting…'
          : 'waiting'
        : effective === 'connecting'
          ? 'connecting…'
          : effective;
  const tip = socket !== 'open' ? 'The connection to Porthole was lost; reconnecting…' : message;
  return (
    <Tooltip label={tip ?? text} disabled={!tip} withArrow>
      <Badge color={color} variant="dot" role="status" aria-label={`Stream ${text}${tip ? `: ${tip}` : ''}`} data-state={effective}>
        {text}
      </Badge>
    </Tooltip>
  );
});
