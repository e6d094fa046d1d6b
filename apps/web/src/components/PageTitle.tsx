import { Group, Title } from '@mantine/core';
import { CliHint } from './CliHint.tsx';

/** A view's title, with the `docker` command(s) the view stands for at the right. */
export function PageTitle({ title, command }: { title: string; command: string }) {
  return (
    <Group justify="space-between">
      <Title order={2}>{title}</Title>
      <CliHint command={command} />
    </Group>
  );
}
