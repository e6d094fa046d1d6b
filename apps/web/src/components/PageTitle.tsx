import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { CliHint } from './CliHint.tsx';

/** A view's title, with at the right the `docker` command(s) the view stands for, or the view's actions. */
export function PageTitle({ title, command, actions }: { title: string; command?: string; actions?: ReactNode }) {
  return (
    <Group justify="space-between">
      <Title order={2}>{title}</Title>
      {command !== undefined && <CliHint command={command} />}
      {actions}
    </Group>
  );
}
