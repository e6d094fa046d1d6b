import { Anchor, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { EngineLink } from '../lib/engine-paths.tsx';

/**
 * The top of a resource's detail page: the way back to its list, its name (monospace) with its
 * badges, and the page's actions at the right.
 */
export function DetailHeader(props: { list: { to: string; label: string }; name: string; badges?: ReactNode; actions: ReactNode }) {
  return (
    <Group justify="space-between">
      <Group gap="xs">
        <Anchor component={EngineLink} to={props.list.to} size="sm">
          {props.list.label}
        </Anchor>
        <Text c="dimmed">/</Text>
        <Title order={2} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {props.name}
        </Title>
        {props.badges}
      </Group>
      {props.actions}
    </Group>
  );
}
