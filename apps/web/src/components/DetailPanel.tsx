import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The head of a resource's detail page: "Networks / name" with its badges on the left, its actions on the right. */
export function DetailTitle({
  parent,
  title,
  badges,
  actions,
}: {
  parent: { to: string; label: string };
  title: string;
  badges?: ReactNode;
  actions: ReactNode;
}) {
  return (
    <Group justify="space-between">
      <Group gap="xs">
        <Anchor component={Link} to={parent.to} size="sm">
          {parent.label}
        </Anchor>
        <Text c="dimmed">/</Text>
        <Title order={2} ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        {badges}
      </Group>
      {actions}
    </Group>
  );
}

/** A bordered panel of a detail page with its heading. */
export function Panel({ title, order = 5, children }: { title: ReactNode; order?: 4 | 5; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Title order={order} mb="xs">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
